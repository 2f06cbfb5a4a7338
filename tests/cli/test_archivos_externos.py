"""The files a3 writes, read by programs nobody here wrote (issue 26): spreadsheets are
opened as their XML and, where LibreOffice is installed, converted by it headless."""

from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from apoyo.fifo import LectorFifo
from apoyo.proceso import Resultado, assert_error, entorno, proceso

A3 = Callable[..., Resultado]

# Text a client, an import or a cancellation may carry that a spreadsheet would run.
FORMULA = '=HYPERLINK("http://ejemplo.com","clic")'
DDE = 'cmd|"/c calc"!A1'
ARROBA = "@SUM(1+1)"
MOTIVO = "=2+3"


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.out + res.err
    return res


@pytest.fixture
def hojas(a3: A3, alta: Callable[..., int], tmp_path: Path) -> list[Path]:
    """`exportar clientes` and `reporte clientes` as Excel, with clients whose text a
    spreadsheet would take for formulas."""
    alta(FORMULA, "--direccion", DDE)
    alta(ARROBA)
    cancelado = alta("Ana López")
    _ok(a3("cliente", "etapa", str(cancelado), "cancelado", "--motivo", MOTIVO))
    _ok(a3("exportar", "clientes", "--formato", "xlsx", "--salida", tmp_path / "clientes.xlsx"))
    _ok(a3("reporte", "clientes", "--formato", "xlsx", "--salida", tmp_path / "reporte.xlsx"))
    return [tmp_path / "clientes.xlsx", tmp_path / "reporte.xlsx"]


def _hojas_xml(libro: Path) -> dict[str, str]:
    with zipfile.ZipFile(libro) as z:
        return {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")}


def test_excel_no_lleva_formulas(hojas: list[Path]) -> None:
    for libro in hojas:
        for nombre, xml in _hojas_xml(libro).items():
            assert not re.search(r"<f[ >]", xml), f"{libro.name}:{nombre} lleva una fórmula"


def test_excel_guarda_el_texto_como_texto(hojas: list[Path]) -> None:
    from openpyxl import load_workbook

    for libro in hojas:
        hoja = load_workbook(libro)["Clientes"]
        celdas = {c.value: c.data_type for fila in hoja.iter_rows() for c in fila if isinstance(c.value, str)}
        for texto in (FORMULA, DDE, ARROBA, MOTIVO):
            assert celdas.get(texto) == "s", f"{libro.name}: {texto!r} no es texto"
    resumen = load_workbook(hojas[1])["Resumen"]
    motivos = [fila[0] for fila in resumen.iter_rows(values_only=True) if fila and fila[1] == 1]
    assert MOTIVO in motivos


def test_libreoffice_muestra_el_texto_sin_evaluarlo(hojas: list[Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice no está instalado (apt-get install libreoffice-calc-nogui)")
    salida = tmp_path / "convertidas"
    # Every sheet to CSV (the last field, -1, is LibreOffice 7.2+'s «all sheets»), as
    # the cells display: an evaluated formula would show its result, not its text.
    filtro = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    perfil = (tmp_path / "perfil-libreoffice").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={perfil}", "--headless", "--convert-to", filtro, "--outdir", salida, *hojas],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    convertidas = {p.name: p.read_text(encoding="utf-8") for p in salida.glob("*.csv")}
    assert set(convertidas) == {"clientes-Clientes.csv", "reporte-Clientes.csv", "reporte-Resumen.csv"}
    for nombre in ("clientes-Clientes.csv", "reporte-Clientes.csv"):
        celdas = {c for fila in csv.reader(convertidas[nombre].splitlines()) for c in fila}
        assert {FORMULA, DDE, ARROBA, MOTIVO} <= celdas, nombre
    resumen = list(csv.reader(convertidas["reporte-Resumen.csv"].splitlines()))
    assert [c for c in resumen[-1] if c] == [MOTIVO, "1"]
    assert not any(re.match(r"#[A-Z]+[?!]", c) for fila in resumen for c in fila), "una celda dio error"


# ---------------------------------------------------------------- point 5: where outputs go


def test_salida_guion_escribe_en_la_salida_estandar(
    a3: A3, alta: Callable[..., int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alta("Juan Pérez")
    monkeypatch.chdir(tmp_path)
    antes = sorted(tmp_path.iterdir())
    res = _ok(a3("exportar", "clientes", "--formato", "csv", "--salida", "-"))
    filas = list(csv.reader(res.out.lstrip("\ufeff").splitlines()))
    assert filas[1][1] == "Juan Pérez"
    assert res.err == "1 cliente exportado a la salida estándar.\n"
    assert sorted(tmp_path.iterdir()) == antes


def test_vcard_a_la_salida_estandar(
    a3: A3, alta: Callable[..., int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alta("Juan Pérez")
    monkeypatch.chdir(tmp_path)
    res = _ok(a3("exportar", "vcard", "--salida", "-"))
    assert res.out.startswith("BEGIN:VCARD\r\n")
    assert "1 contacto en la salida estándar." in res.err
    assert not (tmp_path / "-").exists()


def test_exportar_en_una_fifo_la_deja_fifo(a3: A3, alta: Callable[..., int], tmp_path: Path) -> None:
    alta("Juan Pérez")
    lector = LectorFifo(tmp_path / "tubo")
    _ok(a3("exportar", "clientes", "--formato", "csv", "--salida", tmp_path / "tubo", "--sobrescribir"))
    assert "Juan Pérez" in lector.leido().decode("utf-8-sig")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "tubo").st_mode)


def test_calendario_por_un_enlace_reemplaza_su_destino(a3: A3, alta: Callable[..., int], tmp_path: Path) -> None:
    alta("Juan Pérez")
    (tmp_path / "real.ics").write_text("viejo")
    (tmp_path / "a3.ics").symlink_to("real.ics")
    _ok(a3("exportar", "tareas", "--salida", tmp_path / "a3.ics", "--sobrescribir"))
    assert (tmp_path / "a3.ics").is_symlink()
    assert (tmp_path / "real.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_respaldo_en_una_fifo(a3: A3, alta: Callable[..., int], tmp_path: Path) -> None:
    alta("Juan Pérez")
    lector = LectorFifo(tmp_path / "tubo")
    res = _ok(a3("db", "backup", tmp_path / "tubo"))
    assert lector.leido().startswith(b"SQLite format 3\x00")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "tubo").st_mode)
    assert "Respaldo guardado en" in res.out


def test_exportar_a_un_socket_se_rechaza(a3: A3, alta: Callable[..., int], tmp_path: Path) -> None:
    import socket

    alta("Juan Pérez")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "s"))
        res = a3("exportar", "clientes", "--formato", "csv", "--salida", tmp_path / "s", "--sobrescribir")
    assert_error(res, "no es un archivo", "elige un archivo")


# ---------------------------------------------------------------- point 4: exports import back

CURP = "BOXW310820HNERXN09"
RFC = "GODE561231GR8"
# What a3 derives again on the way in (the id, the last activity, the next contact).
DERIVADAS = ("ID", "Última actividad", "Próximo contacto")


@pytest.fixture
def origen(a3: A3, alta: Callable[..., int], monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A portfolio with every kind of client an export carries: a name a spreadsheet would
    run, a prospect with CURP and RFC, a reservation, a cancelled client whose reason
    starts with «=», and a client of another advisor of the plaza."""
    ids = {
        "formula": alta(FORMULA, "--direccion", DDE, "--telefono", "8123456789", "--email", "f@correo.com"),
        "maria": alta("María López", "--telefono", "5512345678", "--temperatura", "caliente", "--origen", "referido"),
        "pedro": alta("Pedro Ruiz", "--curp", CURP, "--rfc", RFC, "--primer-contacto", "2026-10-02"),
        "juana": alta("Juana Pérez", "--telefono", "8187654321", "--temperatura", "frío"),
    }
    _ok(a3("propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres Elite", "--precio", "1,250,000"))
    _ok(a3("apartado", "crear", str(ids["maria"]), "--propiedad", "CUM-A-12", "--monto", "25,000"))
    _ok(a3("cliente", "etapa", str(ids["juana"]), "cancelado", "--motivo", MOTIVO))
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño", "--plaza", "General"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    ids["luis"] = alta("Rosa Garza", "--email", "rosa@correo.com")
    monkeypatch.setenv("A3_ASESOR", "ana")
    return ids


def _filas(archivo: Path) -> list[dict[str, str]]:
    with archivo.open(encoding="utf-8-sig", newline="") as f:
        return sorted(
            ({k: v for k, v in fila.items() if k not in DERIVADAS} for fila in csv.DictReader(f)),
            key=lambda fila: fila["Nombre"],
        )


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_la_exportacion_se_importa_en_una_base_nueva_con_los_mismos_clientes(
    a3: A3, origen: dict[str, int], tmp_path: Path, formato: str
) -> None:
    exportado = tmp_path / f"plaza.{formato}"
    _ok(a3("reporte", "clientes", "--plaza", "General", "--formato", formato, "--salida", exportado))
    nueva = tmp_path / "nueva.db"
    _ok(a3("--db", nueva, "asesor", "add", "luis", "--nombre", "Luis Treviño", "--plaza", "General"))
    res = _ok(a3("--db", nueva, "importar", "clientes", exportado))
    assert res.out.splitlines()[0] == "Agregados: 5 · duplicados: 0 · con error: 0"
    assert "Columnas sin usar" not in res.out
    _ok(a3("reporte", "clientes", "--plaza", "General", "--formato", "csv", "--salida", tmp_path / "antes.csv"))
    _ok(
        a3(
            "--db",
            nueva,
            "reporte",
            "clientes",
            "--plaza",
            "General",
            "--formato",
            "csv",
            "--salida",
            tmp_path / "despues.csv",
        )
    )
    antes, despues = _filas(tmp_path / "antes.csv"), _filas(tmp_path / "despues.csv")
    assert despues == antes
    nombres = {f["Nombre"] for f in despues}
    assert FORMULA in {n.removeprefix("'") for n in nombres}  # the CSV protects it again on the way out
    assert {f["Etapa"] for f in despues} == {"prospecto", "apartado", "cancelado"}


def test_sin_su_asesor_los_clientes_quedan_con_quien_importa(a3: A3, origen: dict[str, int], tmp_path: Path) -> None:
    _ok(a3("reporte", "clientes", "--plaza", "General", "--formato", "csv", "--salida", tmp_path / "plaza.csv"))
    nueva = tmp_path / "nueva.db"
    res = _ok(a3("--db", nueva, "importar", "clientes", tmp_path / "plaza.csv"))
    assert "1 cliente del archivo era de un asesor al que no puedes asignarlos aquí; queda a nombre de ana." in res.out
    doc = _ok(a3("--db", nueva, "reporte", "clientes", "--formato", "json")).json()
    assert {c["nombre"]: c["asesor"] for c in doc["clientes"]}["Rosa Garza"] == "ana"


def test_la_comilla_protectora_no_se_importa(a3: A3, origen: dict[str, int], tmp_path: Path) -> None:
    _ok(a3("exportar", "clientes", "--formato", "csv", "--salida", tmp_path / "c.csv"))
    assert f"'{FORMULA}" in (tmp_path / "c.csv").read_text(encoding="utf-8-sig").replace('""', '"')
    nueva = tmp_path / "nueva.db"
    _ok(a3("--db", nueva, "importar", "clientes", tmp_path / "c.csv"))
    doc = _ok(a3("--db", nueva, "cliente", "list", "--buscar", "clic", "--json")).json()
    assert [c["nombre"] for c in doc["clientes"]] == [FORMULA]


@pytest.mark.parametrize("tipo", ["csv", "vcard"])
def test_reimportar_lo_que_a3_exporto_lo_dice_en_una_linea(
    a3: A3, origen: dict[str, int], tmp_path: Path, tipo: str
) -> None:
    if tipo == "vcard":
        archivo, unidad = tmp_path / "c.vcf", "tarjetas"
        _ok(a3("exportar", "vcard", "--salida", archivo))
    else:
        archivo, unidad, tipo = tmp_path / "c.csv", "filas", "clientes"
        _ok(a3("exportar", "clientes", "--formato", "csv", "--salida", archivo))
    res = _ok(a3("importar", tipo, archivo))
    assert res.out.splitlines() == [
        "Agregados: 0 · duplicados: 0 · con error: 0",
        f"4 {unidad} de este archivo son clientes que a3 exportó de esta misma base y ya están aquí; "
        "no se importaron de nuevo.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if "errores" in p.name) == []


# ---------------------------------------------------------------- point 3: PDFs in any alphabet

NOMBRES = (
    "Łukasz Żółć", "Nguyễn Thị Minh", "Дмитрий Иванов", "Ευάγγελος Παπαδόπουλος",
    "王小明", "山田太郎", "김민준", "Ana Casa 🏡",
)  # fmt: skip
# DejaVu Sans, and the fallback fonts for Chinese, Japanese, Korean (Droid Sans Fallback)
# and emoji (Symbola): each embedded, subset to the glyphs the PDF uses.
FUENTES_DE_A3 = {("DejaVuSansBook", True), ("DejaVuSansBold", True)}
RESPALDOS = {("DroidSansFallback", True), ("Symbola", True)}


def _texto_pdf(archivo: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(archivo).pages)


def _fuentes_pdf(archivo: Path) -> set[tuple[str, bool]]:
    """Each font of the PDF's pages: its name (without the subset's prefix) and whether
    the file carries it (a TrueType font file in its descriptor)."""
    from pypdf import PdfReader

    fuentes = set()
    for pagina in PdfReader(archivo).pages:
        for referencia in pagina["/Resources"]["/Font"].values():
            fuente = referencia.get_object()
            descendientes = fuente.get("/DescendantFonts") or [fuente]
            descriptor = descendientes[0].get_object().get("/FontDescriptor")
            incrustada = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fuentes.add((str(fuente["/BaseFont"]).lstrip("/").split("+")[-1], incrustada))
    return fuentes


@pytest.fixture
def con_nombres(alta: Callable[..., int]) -> None:
    for nombre in NOMBRES:
        alta(nombre)


def test_el_reporte_pdf_imprime_cualquier_nombre(a3: A3, con_nombres: None, tmp_path: Path) -> None:
    _ok(a3("reporte", "clientes", "--formato", "pdf", "--salida", tmp_path / "r.pdf"))
    texto = _texto_pdf(tmp_path / "r.pdf")
    for nombre in NOMBRES:
        assert nombre in texto
    assert "?" not in texto
    assert _fuentes_pdf(tmp_path / "r.pdf") == FUENTES_DE_A3 | RESPALDOS


def test_un_reporte_sin_cjk_ni_emoji_no_lee_las_fuentes_de_respaldo(
    a3: A3, alta: Callable[..., int], tmp_path: Path
) -> None:
    # Droid Sans Fallback takes ~0.2 s to read: only a text that needs it pays for it.
    alta("Łukasz Żółć")
    alta("Дмитрий Иванов")
    _ok(a3("reporte", "clientes", "--formato", "pdf", "--salida", tmp_path / "r.pdf"))
    assert "Дмитрий Иванов" in _texto_pdf(tmp_path / "r.pdf")
    assert _fuentes_pdf(tmp_path / "r.pdf") == FUENTES_DE_A3


def test_los_comandos_que_no_escriben_pdf_no_cargan_sus_fuentes(tmp_path: Path) -> None:
    # What a command imports is read in a new process (this one has fpdf2 loaded already).
    codigo = (
        "import sys\n"
        "from a3tui.cli import run\n"
        "for argv in (['cliente', 'add', 'Ana López'], ['hoy'], ['exportar', 'clientes', '-f', 'xlsx', '-o', 'c.xlsx']):\n"
        "    assert run(['--db', 'a3.db', *argv]) == 0, argv\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fpdf', 'fontTools')))\n"
    )
    res = proceso([sys.executable, "-c", codigo], entorno(tmp_path))
    assert res.code == 0, res.err
    assert res.out.splitlines()[-1] == "[]"


def test_pdftotext_lee_los_nombres_del_reporte(a3: A3, con_nombres: None, tmp_path: Path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext no está instalado (apt-get install poppler-utils)")
    _ok(a3("reporte", "clientes", "--formato", "pdf", "--salida", tmp_path / "r.pdf"))
    texto = subprocess.run([pdftotext, tmp_path / "r.pdf", "-"], capture_output=True, check=True, timeout=60).stdout
    for nombre in NOMBRES:
        assert nombre in texto.decode("utf-8")


def test_la_ficha_tecnica_imprime_cualquier_alfabeto(a3: A3, alta: Callable[..., int], tmp_path: Path) -> None:
    cliente = alta("Łukasz Żółć")
    _ok(a3("propiedad", "add", "LDZ-1", "--desarrollo", "Łódź Ōtsuka 山田タワー", "--modelo", "Casa 🏡",
           "--precio", "1,000,000", "--direccion", "Ulica Żeromskiego 12, Гданьск, 서울"))  # fmt: skip
    _ok(a3("propiedad", "compartir", "LDZ-1", str(cliente), "--por", "pdf", "--salida", tmp_path / "ficha.pdf"))
    texto = _texto_pdf(tmp_path / "ficha.pdf")
    assert "Łódź Ōtsuka 山田タワー - Casa 🏡" in texto
    assert "Ulica Żeromskiego 12, Гданьск, 서울" in texto
    assert "?" not in texto
    assert _fuentes_pdf(tmp_path / "ficha.pdf") >= RESPALDOS


# ---------------------------------------------------------------- point 2: calendars that update


def _eventos(ics: str) -> dict[str, dict[str, object]]:
    """The file's events (or to-dos) read with vobject, a parser a3 does not write with:
    summary → its UID, SEQUENCE, STATUS, start (or due) and the component's name."""
    import vobject

    calendario = vobject.readOne(ics)
    salida: dict[str, dict[str, object]] = {}
    for componente in calendario.getChildren():
        if componente.name not in ("VEVENT", "VTODO"):
            continue
        inicio = componente.contents.get("dtstart") or componente.contents.get("due")
        salida[componente.summary.value] = {
            "uid": componente.uid.value,
            "sequence": int(componente.sequence.value),
            "status": componente.status.value,
            "inicio": inicio[0].value if inicio else None,
            "tipo": componente.name,
        }
    return salida


@pytest.fixture
def agenda(a3: A3, alta: Callable[..., int]) -> dict[str, str]:
    """Three tasks: one at a time with a client, one all day, one to be deleted."""
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    for argv in (
        ("Llamar a Juan", "--vence", "2026-11-24", "--hora", "10:30", "--cliente", str(juan)),
        ("Revisar precios", "--vence", "2026-11-25"),
        ("Visitar obra", "--vence", "2026-11-26", "--hora", "09:00"),
    ):
        _ok(a3("tarea", "add", *argv))
    return {"llamar": "1", "precios": "2", "visitar": "3"}


def test_calendario_en_la_zona_del_asesor(a3: A3, agenda: dict[str, str]) -> None:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    ics = _ok(a3("exportar", "tareas", "--salida", "-")).out
    assert "DTSTART;TZID=America/Mexico_City:20261124T103000" in ics
    vtimezone = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in vtimezone] == ["America/Mexico_City"]
    llamar = _eventos(ics)["Llamar a Juan · Juan Pérez"]
    inicio = llamar["inicio"]
    assert isinstance(inicio, datetime)
    assert inicio.utcoffset() == ZoneInfo("America/Mexico_City").utcoffset(datetime(2026, 11, 24))
    assert inicio.astimezone(ZoneInfo("UTC")).hour == 16


def test_calendario_en_otra_zona(a3: A3, agenda: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        "TZID=America/Tijuana:20261124T103000"
        in _ok(a3("exportar", "tareas", "-o", "-", "--zona", "America/Tijuana")).out
    )
    monkeypatch.setenv("A3_ZONA", "America/Cancun")
    assert "TZID=America/Cancun:20261124T103000" in _ok(a3("exportar", "tareas", "-o", "-")).out
    assert_error(
        a3("exportar", "tareas", "-o", "-", "--zona", "Marte/Olimpo"), "La zona horaria «Marte/Olimpo» no existe"
    )


def test_una_tarea_editada_sube_su_secuencia(a3: A3, agenda: dict[str, str]) -> None:
    antes = _eventos(_ok(a3("exportar", "tareas", "-o", "-")).out)["Visitar obra"]
    _ok(a3("tarea", "edit", agenda["visitar"], "--hora", "17:00"))
    despues = _eventos(_ok(a3("exportar", "tareas", "-o", "-")).out)["Visitar obra"]
    assert despues["uid"] == antes["uid"]
    assert despues["sequence"] > antes["sequence"]
    assert isinstance(despues["inicio"], datetime)
    assert despues["inicio"].hour == 17


def test_hechas_y_borradas_salen_canceladas(a3: A3, agenda: dict[str, str]) -> None:
    antes = _eventos(_ok(a3("exportar", "tareas", "-o", "-")).out)
    _ok(a3("tarea", "done", agenda["precios"]))
    _ok(a3("tarea", "borrar", agenda["visitar"], "--si"))
    res = _ok(a3("exportar", "tareas", "-o", "-"))
    despues = _eventos(res.out)
    assert "1 tarea pendiente en la salida estándar." in res.err
    for titulo in ("Revisar precios", "Visitar obra"):
        assert despues[titulo]["uid"] == antes[titulo]["uid"]
        assert despues[titulo]["status"] == "CANCELLED"
        assert despues[titulo]["sequence"] > antes[titulo]["sequence"]
    assert despues["Llamar a Juan · Juan Pérez"]["status"] == "CONFIRMED"


def test_tareas_como_pendientes(a3: A3, agenda: dict[str, str]) -> None:
    from icalendar import Calendar

    _ok(a3("tarea", "done", agenda["precios"]))
    ics = _ok(a3("exportar", "tareas", "-o", "-", "--como", "pendientes")).out
    pendientes = _eventos(ics)
    assert {p["tipo"] for p in pendientes.values()} == {"VTODO"}
    assert pendientes["Revisar precios"]["status"] == "COMPLETED"
    assert pendientes["Llamar a Juan · Juan Pérez"]["status"] == "NEEDS-ACTION"
    [hecha] = [t for t in Calendar.from_ical(ics).walk("VTODO") if str(t["summary"]) == "Revisar precios"]
    assert hecha.decoded("completed").tzinfo is not None

"""`a3 reporte clientes`, `a3 metricas` and `a3 exportar …` as a user types them (issue
12): the figures equal the services', the files open with their own readers, and bad
input is one Spanish sentence with nothing written."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.out + res.err
    return res


@pytest.fixture
def con_apartado(a3: A3, cartera: dict[str, int]) -> dict[str, int]:
    """The portfolio, with María reserving a property and Juana cancelled."""
    _ok(a3("propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres Elite", "--precio", "1,250,000"))
    _ok(a3("apartado", "crear", str(cartera["maria"]), "--propiedad", "CUM-A-12", "--monto", "25,000"))
    _ok(a3("cliente", "etapa", str(cartera["juana"]), "cancelado", "--motivo", "Se fue a otra ciudad"))
    return cartera


@pytest.mark.ambos_motores
def test_reporte_en_tabla(a3: A3, con_apartado: dict[str, int]) -> None:
    res = _ok(a3("reporte", "clientes"))
    assert "Reporte de mis clientes" in res.out
    lineas = {" ".join(linea.split()[:-1]): linea.split()[-1] for linea in res.out.splitlines() if linea.strip()}
    assert "Clientes 3" in res.out.replace("  ", " ") or lineas.get("Clientes") == "3"
    assert "Se fue a otra ciudad: 1" in res.out


def test_reporte_json_igual_a_los_servicios(a3: A3, con_apartado: dict[str, int], db: Path) -> None:
    from a3tui import services
    from a3tui.services import reportes
    from a3tui.store import open_store

    doc = _ok(a3("reporte", "clientes", "--formato", "json")).json()
    store = open_store(str(db))
    try:
        with store.session() as session:
            r = reportes.reporte_clientes(services.contexto(session, "ana", datetime(2026, 11, 23, 10)))
    finally:
        store.dispose()
    assert doc["total"] == r.total == 3
    assert doc["por_etapa"] == {e.value: n for e, n in r.por_etapa.items()}
    assert doc["por_etapa"]["apartado"] == 1
    assert doc["actividades_mes"] == r.actividades_mes
    assert doc["conversion"]["valor"] == pytest.approx(100 / 3, abs=0.01)
    assert doc["conversion"]["meta"] == {"operador": ">", "valor": 30}
    assert doc["conversion"]["cumple"] is True
    assert doc["cancelaciones"] == [{"motivo": "Se fue a otra ciudad", "clientes": 1}]
    assert [c["nombre"] for c in doc["clientes"]] == ["Juan Pérez", "Juana Pérez Garza", "María López"]
    assert {m["clave"] for m in doc["metricas"]} == {"conversion", "dias_apartado", "actividades", "frios", "respuesta"}


@pytest.mark.parametrize("comando", [("reporte", "clientes"), ("exportar", "clientes")])
def test_json_es_lo_mismo_que_formato_json(a3: A3, con_apartado: dict[str, int], comando: tuple[str, str]) -> None:
    def sin_fecha(doc: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in doc.items() if k != "generado"}

    assert sin_fecha(_ok(a3(*comando, "--json")).json()) == sin_fecha(_ok(a3(*comando, "--formato", "json")).json())
    assert_error(a3(*comando, "--json", "--formato", "csv"), "Usa --json o --formato csv")


def test_reporte_filtrado_por_etapa(a3: A3, con_apartado: dict[str, int]) -> None:
    doc = _ok(a3("reporte", "clientes", "--etapa", "prospecto", "--formato", "json")).json()
    assert doc["total"] == 1
    assert doc["filtros"] == "etapa prospecto"


def test_reporte_en_excel_por_la_extension(a3: A3, con_apartado: dict[str, int], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    destino = tmp_path / "reporte.xlsx"
    res = _ok(a3("reporte", "clientes", "--salida", destino))
    assert f"Reporte guardado en {destino} (3 clientes)." in res.out
    libro = load_workbook(destino)
    assert libro.sheetnames == ["Resumen", "Clientes"]
    assert libro["Clientes"].max_row == 4
    assert oct(destino.stat().st_mode & 0o777) == "0o600"


def test_reporte_pdf_en_una_carpeta(a3: A3, con_apartado: dict[str, int], tmp_path: Path) -> None:
    from pypdf import PdfReader

    _ok(a3("reporte", "clientes", "--formato", "pdf", "--salida", tmp_path))
    [pdf] = list(tmp_path.glob("reporte-clientes-*.pdf"))
    texto = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Clientes por etapa" in texto
    assert "María López" in texto


def test_reporte_csv_a_la_salida_estandar(a3: A3, con_apartado: dict[str, int]) -> None:
    res = _ok(a3("reporte", "clientes", "--formato", "csv"))
    filas = list(csv.reader(io.StringIO(res.out.lstrip("\ufeff"))))
    assert filas[0][1] == "Nombre"
    assert len(filas) == 4


def test_reporte_no_sobrescribe_sin_permiso(a3: A3, con_apartado: dict[str, int], tmp_path: Path) -> None:
    destino = tmp_path / "r.pdf"
    destino.write_bytes(b"mio")
    assert_error(a3("reporte", "clientes", "--salida", destino), "Ya existe", "--sobrescribir")
    assert destino.read_bytes() == b"mio"
    _ok(a3("reporte", "clientes", "--salida", destino, "--sobrescribir"))
    assert destino.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argumentos", "fragmentos"),
    [
        (("--formato", "docx"), ("El formato «docx» no es válido",)),
        (("--etapa", "vendido"), ("etapa",)),
        (("--desde", "2026-11-20", "--hasta", "2026-11-01"), ("posterior",)),
        (("--plaza", "Monterrey"), ("Solo ves la plaza General",)),
        (("--asesor", "pepe"), ("No existe el asesor «pepe»",)),
        (("--plaza", "General", "--asesor", "ana"), ("Elige --plaza o --asesor",)),
        (("--salida", "/no/existe/r.xlsx"), ("La carpeta /no/existe no existe",)),
        (("--desde", "ayer por la tarde"), ("fecha",)),
    ],
)
def test_reporte_entrada_invalida(
    a3: A3, cartera: dict[str, int], db: Path, argumentos: tuple[str, ...], fragmentos: tuple[str, ...]
) -> None:
    antes = volcado(db)
    assert_error(a3("reporte", "clientes", *argumentos), *fragmentos)
    assert volcado(db) == antes


def test_metricas(a3: A3, con_apartado: dict[str, int]) -> None:
    res = _ok(a3("metricas"))
    assert "Mis métricas · esta semana" in res.out
    for nombre in ("Tasa de conversión", "Días a apartado", "Actividades esta semana", "Clientes fríos",
                   "Tiempo de respuesta"):  # fmt: skip
        assert nombre in res.out
    doc = _ok(a3("metricas", "--mes", "--json")).json()
    assert doc["periodo"]["nombre"] == "este mes"
    assert doc["anterior"] == {"nombre": "el mes pasado", "desde": "2026-10-01", "hasta": "2026-10-23"}
    conversion = next(m for m in doc["metricas"] if m["clave"] == "conversion")
    assert conversion["valor"] == pytest.approx(100 / 3, abs=0.01)
    assert conversion["detalle"] == "1 de 3 clientes llegaron a apartar"
    assert doc["total"] == len(doc["metricas"]) == 5


def test_metricas_un_lunes_la_semana_va_en_su_primer_dia_y_su_meta_no_se_juzga(
    a3: A3, con_apartado: dict[str, int]
) -> None:
    res = _ok(a3("metricas"))  # the tests' clock: Monday 23/11
    titulo = res.out.splitlines()[0]
    assert titulo == "Mis métricas · esta semana (23/11–29/11, día 1 de 7), contra la semana pasada (16/11)"
    [actividades] = [linea for linea in res.out.splitlines() if linea.startswith("Actividades esta semana ")]
    assert "en curso" in actividades
    assert "no cumple" not in actividades
    [meta] = [m for m in _ok(a3("metricas", "--json")).json()["metricas"] if m["clave"] == "actividades"]
    assert meta["cumple"] is None


def test_metricas_de_la_plaza_no_se_titulan_mis_metricas(a3: A3, con_apartado: dict[str, int]) -> None:
    titulo = _ok(a3("metricas", "--asesor", "plaza")).out.splitlines()[0]
    assert titulo.startswith("Métricas · plaza General · esta semana")


def test_metricas_json_son_datos_no_textos(a3: A3, con_apartado: dict[str, int]) -> None:
    """Targets are numbers with an operator, the trend is a word and a number: nothing a
    program would have to parse out of «> 30%» or «↓ peor»."""
    doc = _ok(a3("metricas", "--json")).json()
    por_clave = {m["clave"]: m for m in doc["metricas"]}
    assert {c: m["meta"] for c, m in por_clave.items()} == {
        "conversion": {"operador": ">", "valor": 30},
        "dias_apartado": {"operador": "<", "valor": 30},
        "actividades": {"operador": ">", "valor": 20},
        "frios": {"operador": "<", "valor": 5},
        "respuesta": {"operador": "<", "valor": 24},
    }
    for m in por_clave.values():
        assert m["tendencia"] in ("mejor", "peor", "igual", None)
        assert m["cambio"] is None or isinstance(m["cambio"], (int, float))
        if m["valor"] is not None and m["anterior"] is not None:
            assert m["cambio"] == pytest.approx(round(m["valor"], 1) - round(m["anterior"], 1), abs=0.06)


@pytest.mark.ambos_motores
def test_metricas_miden_cuanto_tarda_la_respuesta_a_quien_escribio(a3: A3, cartera: dict[str, int]) -> None:
    """Issue 28 point 5: «¿Me manda precios?» waits for an answer, and how long it waited
    is measured: the median of the week's answers, in hours, and who is still waiting."""
    juan, juana = str(cartera["juan"]), str(cartera["juana"])
    _ok(a3("actividad", "mensaje", juan, "--entrante", "--contenido", "¿Precios?", "--fecha", "2026-11-23 07:00"))
    _ok(a3("actividad", "mensaje", juan, "--contenido", "Le envío la lista", "--fecha", "2026-11-23 09:30"))
    _ok(a3("actividad", "email", juana, "--entrante", "--asunto", "¿Y el enganche?", "--fecha", "2026-11-22 18:00"))
    res = _ok(a3("metricas"))
    [fila] = [linea for linea in res.out.splitlines() if linea.startswith("Tiempo de respuesta ")]
    assert fila.split()[3:7] == ["2.5", "h", "<", "24"]
    assert "✓ cumple" in fila
    assert "1 sin responder (quien más espera escribió ayer)" in " ".join(res.out.split())
    [respuesta] = [m for m in _ok(a3("metricas", "--json")).json()["metricas"] if m["clave"] == "respuesta"]
    assert (respuesta["valor"], respuesta["unidad"], respuesta["cumple"]) == (2.5, "horas", True)
    assert (respuesta["respondidos"], respuesta["sin_responder"]) == (1, 1)
    # Answered: nobody waits any more.
    _ok(a3("actividad", "llamada", juana, "--resultado", "contestó-interesado"))  # Monday 10:00: 16 h
    [respuesta] = [m for m in _ok(a3("metricas", "--json")).json()["metricas"] if m["clave"] == "respuesta"]
    assert (respuesta["respondidos"], respuesta["sin_responder"], respuesta["valor"]) == (2, 0, 9.25)


def test_metricas_semana_y_mes_a_la_vez(a3: A3, cartera: dict[str, int]) -> None:
    assert_error(a3("metricas", "--semana", "--mes"), "Elige --semana o --mes")


def test_exportar_tareas_a_un_calendario(a3: A3, cartera: dict[str, int], tmp_path: Path) -> None:
    from icalendar import Calendar

    _ok(a3("tarea", "add", "Llamar al notario", "--vence", "mañana", "--hora", "16:30"))
    destino = tmp_path / "tareas.ics"
    res = _ok(a3("exportar", "tareas", "--salida", destino))
    assert f"2 tareas pendientes en {destino}." in res.out
    eventos = Calendar.from_ical(destino.read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in eventos) == ["Enviar cotización · María López", "Llamar al notario"]
    assert_error(a3("exportar", "tareas", "--salida", destino), "Ya existe")
    _ok(a3("exportar", "tareas", "--salida", destino, "--sobrescribir"))
    uids = {str(e["uid"]) for e in Calendar.from_ical(destino.read_bytes()).walk("VEVENT")}
    assert uids == {str(e["uid"]) for e in eventos}


def test_exportar_clientes_en_json_csv_y_excel(a3: A3, cartera: dict[str, int], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    doc = _ok(a3("exportar", "clientes", "--formato", "json")).json()
    assert doc["total"] == 3
    assert [c["nombre"] for c in doc["clientes"]] == ["Juan Pérez", "Juana Pérez Garza", "María López"]
    assert doc["clientes"][0]["email"] == "juan.perez@correo.com"
    assert doc["clientes"][0]["etapa"] == "prospecto"
    res = _ok(a3("exportar", "clientes", "--salida", tmp_path / "c.csv"))
    assert "3 clientes exportados" in res.out
    texto = (tmp_path / "c.csv").read_bytes().decode("utf-8-sig")
    assert "Juana Pérez Garza" in texto
    _ok(a3("exportar", "clientes", "--formato", "xlsx", "--salida", tmp_path / "c.xlsx"))
    assert load_workbook(tmp_path / "c.xlsx")["Clientes"].max_row == 4
    json.dumps(doc)  # plain JSON types only


def test_exportar_clientes_formato_invalido(a3: A3, cartera: dict[str, int]) -> None:
    assert_error(a3("exportar", "clientes", "--formato", "pdf"), "no es válido")


def test_exportar_vcard_y_volver_a_importarla(a3: A3, cartera: dict[str, int], tmp_path: Path) -> None:
    destino = tmp_path / "contactos.vcf"
    res = _ok(a3("exportar", "vcard", "--salida", destino))
    assert f"3 contactos en {destino}." in res.out
    texto = destino.read_text(encoding="utf-8")
    assert texto.count("BEGIN:VCARD") == 3
    assert "FN:Juana Pérez Garza" in texto
    assert "TEL;TYPE=CELL:+52 81 2345 6789" in texto
    # A phone's import of it finds the same people: importing it back adds nobody.
    res = _ok(a3("importar", "vcard", destino, "--simular"))
    assert "Se agregarían: 0" in res.out
    assert_error(a3("exportar", "vcard", "--salida", destino), "Ya existe")
    _ok(a3("exportar", "vcard", "--etapa", "prospecto", "--salida", destino, "--sobrescribir"))


@pytest.mark.parametrize(
    "argv",
    [
        ("reporte", "clientes", "--formato", "pdf"),
        ("exportar", "tareas"),
        ("exportar", "clientes", "--formato", "xlsx"),
        ("exportar", "vcard"),
        ("propiedad", "compartir", "CUM-A-12", "1", "--por", "pdf"),
    ],
)
def test_salida_a_una_carpeta_que_no_existe_no_escribe_un_archivo_con_su_nombre(
    a3: A3, con_apartado: dict[str, int], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """«--salida ~/reportes/» (a folder, by its final slash) that doesn't exist: it said the
    file was written and left a file called «reportes»; the folder must exist."""
    carpeta = tmp_path / "no-existe"
    res = a3(*argv, "--salida", f"{carpeta}/")
    assert_error(res, "no existe")
    assert not carpeta.exists()

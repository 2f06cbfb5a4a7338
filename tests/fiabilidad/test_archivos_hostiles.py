"""Files built to hurt a3 (a cell of millions of characters, a spreadsheet that expands a
thousandfold, a photo of megabytes in a vCard): each is read within fixed bounds of time
and memory, or refused with one Spanish sentence that says where the problem is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.proceso import Resultado, assert_error

from . import hostiles

A3 = Callable[..., Resultado]


def test_csv_con_celda_enorme_dice_en_que_fila(a3: A3, tres: Path, tmp_path: Path) -> None:
    hoja = tmp_path / "enorme.csv"
    hoja.write_text('Nombre,Teléfono\nRosa Ruiz,8112345678\nAna Gil,"' + "x" * 400_000 + '"\n', encoding="utf-8")
    res = a3("importar", "clientes", hoja)
    assert_error(res, "fila 3", "enorme.csv")


def test_csv_con_comillas_sin_cerrar_dice_en_que_fila(a3: A3, tres: Path, tmp_path: Path) -> None:
    hoja = tmp_path / "comillas.csv"
    filas = "".join(f"CUM-{i},Cumbres\n" for i in range(15_000))  # swallowed by the open quote
    hoja.write_text(f'Clave,Desarrollo\nCUM-A,Cumbres\n"CUM-B,Cumbres\n{filas}', encoding="utf-8")
    res = a3("propiedad", "importar", hoja)
    assert_error(res, "fila 3")


# ---------------------------------------------------------------- documents

DATOS = Path(__file__).resolve().parents[1] / "datos"


@pytest.mark.parametrize("nombre", ["a" * 250, "ñ" * 125, "recibo de luz ☀" * 15])
def test_un_documento_guardado_con_nombre_largo_se_puede_abrir(a3: A3, tres: Path, tmp_path: Path, nombre: str) -> None:
    # As long as the disk takes (255 bytes); a3 keeps up to 255 characters of it.
    archivo = tmp_path / (nombre.encode()[:251].decode(errors="ignore") + ".pdf")
    archivo.write_bytes((DATOS / "documento.pdf").read_bytes())
    assert a3("documento", "add", "1", archivo, "--tipo", "ine").code == 0
    res = a3("documento", "abrir", "1")
    assert res.code == 0, res
    abierto = Path(res.out.strip())
    assert abierto.read_bytes() == (DATOS / "documento.pdf").read_bytes(), res.out


def _pdf_que_sigue_como_html() -> bytes:
    return b"%PDF-1.4\n<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"


def _jpeg_cortado() -> bytes:
    datos = (DATOS / "foto.jpg").read_bytes()
    return datos[: len(datos) // 2]


def _png_con_crc_roto() -> bytes:
    datos = bytearray((DATOS / "imagen.png").read_bytes())
    datos[30] ^= 0xFF  # inside IHDR: its CRC no longer matches
    return bytes(datos)


@pytest.mark.parametrize(
    ("nombre", "datos"),
    [("ine.pdf", _pdf_que_sigue_como_html), ("foto.jpg", _jpeg_cortado), ("recibo.png", _png_con_crc_roto)],
)
def test_un_archivo_que_solo_empieza_como_documento_no_se_guarda(
    a3: A3, tres: Path, tmp_path: Path, nombre: str, datos: Callable[[], bytes]
) -> None:
    archivo = tmp_path / nombre
    archivo.write_bytes(datos())
    assert_error(a3("documento", "add", "1", archivo, "--tipo", "ine"), nombre, "no lo es")
    assert a3("documento", "list", "1", "--json").json()["documentos"] == []


# ---------------------------------------------------------------- what a3 says about the files it is given


def test_reporte_de_errores_con_nombre_de_excel_se_rechaza_antes_de_importar(
    a3: A3, tres: Path, tmp_path: Path
) -> None:
    hoja = tmp_path / "contactos.csv"
    hoja.write_text("Nombre,Teléfono\nRosa Ruiz,8112345678\nSin Teléfono,abc\n", encoding="utf-8")
    res = a3("importar", "clientes", hoja, "--reporte", tmp_path / "ferr.xlsx")
    assert_error(res, ".csv", "ferr.csv")
    assert not (tmp_path / "ferr.xlsx").exists()
    assert a3("cliente", "list", "--buscar", "rosa ruiz", "--json").json()["clientes"] == []


@pytest.mark.parametrize(
    ("origen", "dice"),
    [("/dev/null", "es un dispositivo"), ("/dev/zero", "es un dispositivo"), (".", "es una carpeta")],
)
def test_restaurar_algo_que_no_es_un_archivo_dice_que_es(a3: A3, tres: Path, origen: str, dice: str) -> None:
    assert_error(a3("db", "restore", origen), dice)


# ---------------------------------------------------------------- hostile spreadsheets


def test_xlsx_que_se_descomprime_en_cientos_de_mb_se_rechaza_sin_leerlo(a3: A3, tres: Path, tmp_path: Path) -> None:
    bomba = tmp_path / "bomba.xlsx"
    hostiles.xlsx_con_texto_enorme(bomba, 300)  # 300 KB on disk, 300 MB once read
    res = a3("importar", "clientes", bomba)
    assert_error(res, "bomba.xlsx", "sin comprimir")
    assert list(tmp_path.glob("bomba.errores*")) == []


def test_xlsx_con_demasiadas_filas_vacias_se_rechaza(
    a3: A3, tres: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    from a3tui.importers import hoja

    monkeypatch.setattr(hoja, "FILAS_MAXIMAS", 1000)
    libro = Workbook()
    libro.active.append(["Nombre", "Teléfono"])
    libro.active.append(["Rosa Ruiz", "8112345678"])
    libro.active.cell(row=5000, column=1, value="Al final")  # 4,997 empty rows between
    libro.save(tmp_path / "vacias.xlsx")
    assert_error(a3("importar", "clientes", tmp_path / "vacias.xlsx"), "más de 1,000 filas")


def test_xlsx_con_celda_enorme_dice_en_que_fila(a3: A3, tres: Path, tmp_path: Path) -> None:
    libro = tmp_path / "celda.xlsx"
    hostiles.xlsx_con_texto_enorme(libro, 1)  # row 2: a name of 1 MB
    assert_error(a3("importar", "clientes", libro), "fila 2", "celda.xlsx")


def test_reporte_de_errores_no_copia_celdas_enormes(a3: A3, tres: Path, tmp_path: Path) -> None:
    hoja = tmp_path / "largos.csv"
    filas = "".join(f"{'N' * 100_000} {i},81{i:08d}\n" for i in range(3))
    hoja.write_text(f"Nombre,Teléfono\n{filas}", encoding="utf-8")
    res = a3("importar", "clientes", hoja)
    assert res.code == 0, res
    reporte = tmp_path / "largos.errores.csv"
    assert reporte.exists()
    assert reporte.stat().st_size < 5_000
    assert len(res.out) < 5_000


# ---------------------------------------------------------------- vCards with photos


def _pico_de_memoria(correr: Callable[[], Resultado]) -> tuple[Resultado, int]:
    """What ``correr`` returns and the most memory Python held for it at once (bytes
    allocated while it ran: the file's text, the lines, the cards; not the time)."""
    import tracemalloc

    tracemalloc.start()
    try:
        return correr(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("version", "doblar"), [("2.1", True), ("3.0", True), ("4.0", False)])
def test_vcard_con_foto_de_megas_se_importa_sin_guardar_la_foto(
    a3: A3, tres: Path, tmp_path: Path, version: str, doblar: bool
) -> None:
    # A 14 MB vCard with one 10 MB photo took 84 s of CPU and 168 MB (issue 27, point 5):
    # the whole file was read as one text and the photo's lines were joined one by one.
    megas = 8
    hostiles.agenda_con_fotos(tmp_path / "primera.vcf", [0, 0, 0], version=version)
    hostiles.agenda_con_fotos(tmp_path / "sin-foto.vcf", [0, 0, 0], version=version, desde=10)
    tamano = hostiles.agenda_con_fotos(
        tmp_path / "con-foto.vcf", [0, megas << 20, 0], version=version, doblar=doblar, desde=20
    )
    assert tamano > megas << 20
    assert a3("importar", "vcard", tmp_path / "primera.vcf").code == 0  # modules loaded, caches warm
    sin_foto, pico_sin_foto = _pico_de_memoria(lambda: a3("importar", "vcard", tmp_path / "sin-foto.vcf"))
    con_foto, pico_con_foto = _pico_de_memoria(lambda: a3("importar", "vcard", tmp_path / "con-foto.vcf"))
    for res in (sin_foto, con_foto):
        assert res.code == 0, res
        assert "Agregados: 3 · duplicados: 0 · con error: 0" in res.out, res.out
    [cliente] = a3("cliente", "list", "--buscar", "prueba 00021", "--json").json()["clientes"]
    assert cliente["nombre"] == "Contacto Prueba 00021"
    # The photo is read past, never kept: the import costs what one without it does.
    assert pico_con_foto < pico_sin_foto + (1 << 20), (pico_sin_foto, pico_con_foto)


def test_vcard_con_una_nota_enorme_pierde_solo_esa_tarjeta(a3: A3, tres: Path, tmp_path: Path) -> None:
    from a3tui.importers import vcard

    archivo = tmp_path / "nota.vcf"
    hostiles.agenda_con_fotos(archivo, [0, 0], desde=30)
    nota = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nota Enorme\r\nNOTE:"
        + "x" * (vcard.PROPIEDAD_MAXIMA + 1)
        + "\r\nEND:VCARD\r\n"
    )
    with archivo.open("a", encoding="utf-8", newline="") as agenda:
        agenda.write(nota)
    res = a3("importar", "vcard", archivo)
    assert res.code == 0, res
    assert "Agregados: 2 · duplicados: 0 · con error: 1" in res.out, res.out
    assert "NOTE es demasiado larga (a3 lee hasta 131,072 caracteres)" in res.out + (
        tmp_path / "nota.errores.csv"
    ).read_text(encoding="utf-8")

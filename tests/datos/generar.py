"""Builds the sample files of tests/datos (run it again after changing them; the results are
committed, so the tests never depend on this script having run):

- ``precios.xlsx``: a developer's price list as it arrives by e-mail, Spanish headers with
  accents, six good rows, one with a negative price and one key repeated.
- ``precios-latin1.csv``: the same kind of list saved by Excel on Windows: Windows-1252
  (Latin-1) text, ``;`` between fields, prices written ``$1,350,000``.
- ``documento.pdf``: a tiny real PDF (fpdf2), e.g. an INE scanned to PDF.
- ``imagen.png`` and ``foto.jpg``: tiny real images, their bytes written here by hand.
- ``falso.pdf``: plain text with a PDF's name (a3 must look at the content, not the name).

    .venv/bin/python tests/datos/generar.py
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

AQUI = Path(__file__).resolve().parent

ENCABEZADOS = ["Clave", "Desarrollo", "Modelo", "Precio de lista", "Recámaras", "Plantas", "m²", "Ubicación"]

# (clave, desarrollo, modelo, precio, recámaras, plantas, m², ubicación)
PRECIOS = [
    ("VAL-A-101", "Valle Alto", "Almendro", 1_250_000, 2, 1, 68.5, "Calle Encino 101, García, N.L."),
    ("VAL-A-102", "Valle Alto", "Almendro", 1_275_000, 2, 1, 68.5, "Calle Encino 102, García, N.L."),
    ("VAL-B-201", "Valle Alto", "Ciprés", 1_890_000, 3, 2, 96.2, "Calle Encino 201, García, N.L."),
    ("VAL-B-202", "Valle Alto", "Ciprés", 1_915_000, 3, 2, 96.2, "Calle Encino 202, García, N.L."),
    ("CUM-R-12", "Cumbres del Río", "Roble", 2_450_000, 3, 2, 128, "Av. del Río 12, Monterrey, N.L."),
    ("CUM-R-14", "Cumbres del Río", "Roble Plus", 2_780_000, 4, 2, 151.75, "Av. del Río 14, Monterrey, N.L."),
    # A typo in the developer's sheet: the price came out negative (row 8 of the file).
    ("CUM-R-16", "Cumbres del Río", "Roble Plus", -2_780_000, 4, 2, 151.75, "Av. del Río 16, Monterrey, N.L."),
    # The same unit twice, with another price (row 9).
    ("VAL-A-101", "Valle Alto", "Almendro", 1_260_000, 2, 1, 68.5, "Calle Encino 101, García, N.L."),
]

CSV = [
    ("SJ-101", "Colinas de San José", "Nogal Único", "$1,350,000", "2", "2", "72.5", "Av. Peñón 101, Saltillo"),
    ("SJ-102", "Colinas de San José", "Ámbar", "$1,480,000", "3", "2", "88", "Av. Peñón 103, Saltillo"),
    ("SJ-201", "Colinas de San José", "Ébano", "$2,100,000.50", "3", "2", "110.25", "Privada Señorío 7, Saltillo"),
    ("JAR-7", "Jardines de la Montaña", "Acacia", "$980,000", "2", "1", "60", "Cañada Azul 7, Arteaga"),
]

# A 1x1 baseline JPEG (a red pixel), segment by segment.
JPEG = b"".join(
    bytes.fromhex(segmento)
    for segmento in (
        # SOI; APP0 «JFIF» 1.1, 1:1 density, no thumbnail
        "ffd8",
        "ffe000104a46494600010100000100010000",
        # DQT 0 (luminance) and DQT 1 (chrominance), quality 50
        "ffdb004300"
        "100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f"
        "626768673e4d71797064785c656763",
        "ffdb004301" + "1112121815182f1a1a2f6342384263" + "63" * 49,
        # SOF0: 8 bits, 1x1, Y (2x2 sampling, table 0), Cb and Cr (1x1, table 1)
        "ffc00011080001000103" + "012200" + "021101" + "031101",
        # DHT: the four standard Huffman tables of JPEG Annex K (DC/AC, luminance/chrominance)
        "ffc4001f0000010501010101010100000000000000000102030405060708090a0b",
        "ffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c1"
        "1552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768"
        "696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7"
        "c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa",
        "ffc4001f0100030101010101010101010000000000000102030405060708090a0b",
        "ffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c10923"
        "3352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768"
        "696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6"
        "c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa",
        # SOS (three components), the entropy-coded pixel, EOI
        "ffda000c03010002110311003f00",
        "c7a28a2b84fa83",
        "ffd9",
    )
)


def _png() -> bytes:
    """A 2x2 RGB PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC."""

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    ancho = alto = 2
    filas = b"".join(b"\x00" + bytes([30, 90, 160]) * ancho for _ in range(alto))  # filter 0, blue pixels
    return (
        b"\x89PNG\r\n\x1a\n"
        + trozo(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
        + trozo(b"IDAT", zlib.compress(filas, 9))
        + trozo(b"IEND", b"")
    )


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_creation_date(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 10, "Credencial para votar - Juan Perez Garza")
    return bytes(pdf.output())


def _xlsx(destino: Path) -> None:
    from openpyxl import Workbook

    libro = Workbook()
    hoja = libro.active
    assert hoja is not None
    hoja.title = "Lista de precios"
    hoja.append(ENCABEZADOS)
    for fila in PRECIOS:
        hoja.append(list(fila))
    for celda in hoja["D"][1:]:
        celda.number_format = '"$"#,##0'
    libro.properties.creator = "Desarrolladora Valle Alto"
    libro.properties.created = libro.properties.modified = datetime(2026, 11, 2, 9, 0)
    libro.save(destino)


def _csv() -> bytes:
    lineas = [";".join([*ENCABEZADOS[:3], "Precio", *ENCABEZADOS[4:]])]
    lineas += [";".join(fila) for fila in CSV]
    return ("\r\n".join(lineas) + "\r\n").encode("cp1252")


def main() -> None:
    _xlsx(AQUI / "precios.xlsx")
    (AQUI / "precios-latin1.csv").write_bytes(_csv())
    (AQUI / "documento.pdf").write_bytes(_pdf())
    (AQUI / "imagen.png").write_bytes(_png())
    (AQUI / "foto.jpg").write_bytes(JPEG)
    (AQUI / "falso.pdf").write_text("Esto no es un PDF: es texto con nombre de PDF.\n", encoding="utf-8")


if __name__ == "__main__":
    main()

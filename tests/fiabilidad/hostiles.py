"""Hostile files, built in a fraction of a second: a workbook whose one text expands to
hundreds of megabytes (a zip bomb), without compressing those megabytes.

After a full flush, deflate forgets everything it saw: compressing the same block again
gives the same bytes, so the compressed block is written once and repeated.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path


def _desinflar(partes: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate of the concatenation of ``bloque * veces`` for each (bloque, veces);
    returns (compressed, CRC-32, uncompressed size)."""
    compresor = zlib.compressobj(9, zlib.DEFLATED, -15)
    salida = io.BytesIO()
    crc = tamano = 0
    for bloque, veces in partes:
        if veces <= 0:
            continue
        uno = compresor.compress(bloque) + compresor.flush(zlib.Z_FULL_FLUSH)
        salida.write(uno * veces)
        for _ in range(veces):
            crc = zlib.crc32(bloque, crc)
        tamano += len(bloque) * veces
    salida.write(compresor.flush())
    return salida.getvalue(), crc, tamano


def _zip(destino: Path, miembros: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of already deflated members: (name, deflated data, CRC-32, uncompressed size)."""
    cuerpo = io.BytesIO()
    central = io.BytesIO()
    for nombre, datos, crc, tamano in miembros:
        n = nombre.encode()
        desplazamiento = cuerpo.tell()
        cuerpo.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(datos), tamano, len(n), 0))
        cuerpo.write(n + datos)
        campos = (0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(datos), tamano, len(n), 0, 0, 0, 0, 0, desplazamiento)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", *campos) + n)
    directorio = central.getvalue()
    fin = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(miembros), len(miembros), len(directorio), cuerpo.tell(), 0)
    destino.write_bytes(cuerpo.getvalue() + directorio + fin)


def xlsx_con_texto_enorme(destino: Path, megas: int) -> None:
    """A workbook with the header «Nombre» and one client whose name is a text of ``megas``
    MB: a few KB on disk."""
    from openpyxl import Workbook

    libro = Workbook()
    hoja = libro.active
    hoja.append(["Nombre", "Teléfono"])
    hoja.append(["MARCA", "8112345678"])
    normal = io.BytesIO()
    libro.save(normal)
    miembros = []
    with zipfile.ZipFile(normal) as original:
        for info in original.infolist():
            contenido = original.read(info)
            if b"MARCA" in contenido:  # the shared strings, or the sheet where openpyxl writes it inline
                antes, despues = contenido.split(b"MARCA")
                bloque = b"A" * (1 << 20)
                datos, crc, tamano = _desinflar([(antes, 1), (bloque, megas), (despues, 1)])
            else:
                datos, crc, tamano = _desinflar([(contenido, 1)])
            miembros.append((info.filename, datos, crc, tamano))
    _zip(destino, miembros)


def _foto_en_base64(octetos: int, primera: int | None) -> str:
    """A JPEG-like photo of ``octetos`` bytes in base64, folded as phones write it (the
    first line ``primera`` characters long, after the property's name; the others a blank
    and 75 characters), or on one line when ``primera`` is None; it ends in CRLF."""
    import base64

    datos = (b"\xff\xd8\xff\xe0" + bytes(range(256)) * (octetos // 256 + 1))[:octetos]
    texto = base64.b64encode(datos).decode("ascii")
    if primera is None:
        return texto + "\r\n"
    lineas = [texto[:primera]] + [" " + texto[i : i + 75] for i in range(primera, len(texto), 75)]
    return "\r\n".join(lineas) + "\r\n"


def agenda_con_fotos(
    destino: Path, fotos: list[int], *, version: str = "3.0", doblar: bool = True, desde: int = 0
) -> int:
    """A phone's address book: one card per item of ``fotos``, with a name, a phone and an
    e-mail (contact ``desde``, ``desde + 1``…) and, when the item is not 0, a PHOTO of that
    many bytes (vCard 2.1 as Android writes it, 3.0 as iOS does, or 4.0's data URI), folded
    at 75 characters or, without ``doblar``, on one line. Photos of the same size share
    their text, so a book of tens of megabytes is written in a fraction of a second.
    Returns the file's size."""
    cabezas = {
        "2.1": "PHOTO;ENCODING=BASE64;JPEG:",
        "3.0": "PHOTO;ENCODING=b;TYPE=JPEG:",
        "4.0": "PHOTO:data:image/jpeg;base64,",
    }
    cabeza = cabezas[version]
    textos: dict[int, str] = {}
    with destino.open("w", encoding="utf-8", newline="") as archivo:
        for i, octetos in enumerate(fotos, start=desde):
            archivo.write(
                f"BEGIN:VCARD\r\nVERSION:{version}\r\nN:Prueba {i:05d};Contacto;;;\r\n"
                f"FN:Contacto Prueba {i:05d}\r\nTEL;TYPE=CELL:+52 81 {i // 10_000 + 1000:04d} {i % 10_000:04d}\r\n"
                f"EMAIL:contacto{i}@correo.com\r\n"
            )
            if octetos:
                if octetos not in textos:
                    textos[octetos] = _foto_en_base64(octetos, 75 - len(cabeza) if doblar else None)
                archivo.write(cabeza + textos[octetos])
                if version == "2.1":
                    archivo.write("\r\n")  # 2.1: a blank line ends the photo
            archivo.write("END:VCARD\r\n")
    return destino.stat().st_size

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

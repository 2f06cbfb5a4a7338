"""Clients out as vCards a phone reads (``exportar vcard``), with a3's UID so they import
back as themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from sqlmodel import col, select

from a3tui import domain
from a3tui.errors import (
    ArchivoInvalido,
)
from a3tui.models import Cliente, Telefono
from a3tui.services import Contexto, clientes

# Clients read per page while writing the file (the whole portfolio is never in memory).
_PAGINA = 500


def _telefono_para_vcard(numero: str) -> str:
    """A phone as a phone reads it from anywhere: «+52 81 2345 6789»."""
    return f"+52 {domain.format_telefono(numero)}"


# How a command that offers it replaces an existing file.
PISTA_SOBRESCRIBIR = "usa --sobrescribir para reemplazarlo."


def exportar_vcard(
    ctx: Contexto, destino: Path, filtro: clientes.Filtro | None = None, *, sobrescribir: bool = False
) -> int:
    """Write the clients of ``filtro`` (default: the advisor's portfolio) to ``destino`` as
    vCard 3.0, one card per client with every phone, the e-mail and the address; return
    how many. Reads the clients a page at a time. Written as ``archivos.escribir_archivo``
    writes every output: a file appears whole or not at all, readable only by its owner;
    ``-``, a FIFO or a device are written in place.

    Raises ArchivoInvalido for a folder that does not exist, a destination that is a
    folder or exists (unless ``sobrescribir``), or a disk that refuses the file.
    """
    from a3tui.archivos import es_salida_estandar, escribir_archivo
    from a3tui.importers import vcard

    destino = destino.expanduser()
    if not es_salida_estandar(destino) and destino.is_dir():
        raise ArchivoInvalido(
            f"{destino} es una carpeta; indica el nombre del archivo, p. ej. {destino / 'clientes.vcf'}."
        )
    filtro = filtro or clientes.Filtro()
    total = 0

    def escribir(archivo: BinaryIO) -> None:
        nonlocal total
        offset = 0
        while True:
            pagina = clientes.list_(ctx, filtro, offset=offset, limit=_PAGINA)
            if not pagina:
                break
            ids = [f.id for f in pagina]
            telefonos: dict[int, list[str]] = {}
            for cliente_id, numero in ctx.session.exec(
                select(Telefono.cliente_id, Telefono.numero)
                .where(col(Telefono.cliente_id).in_(ids))
                .order_by(col(Telefono.cliente_id), col(Telefono.orden))
            ).all():
                telefonos.setdefault(cliente_id, []).append(_telefono_para_vcard(numero))
            direcciones = dict(
                ctx.session.exec(
                    select(Cliente.id, Cliente.direccion).where(
                        col(Cliente.id).in_(ids), col(Cliente.direccion).is_not(None)
                    )
                ).all()
            )
            for f in pagina:
                tarjeta = vcard.tarjeta_30(
                    f.nombre, telefonos.get(f.id, []), f.email, direcciones.get(f.id), f"a3-cliente-{f.id}"
                )
                archivo.write(tarjeta.encode("utf-8"))
            total += len(pagina)
            offset += len(pagina)

    escribir_archivo(destino, escribir, sobrescribir=sobrescribir, pista_cli=PISTA_SOBRESCRIBIR)
    return total

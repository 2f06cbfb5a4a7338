"""Small helpers shared by the service tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from a3tui.store import Store


def volcado(base: Path | Store) -> str:
    """Every row of the database as text, to check that a failed action changed nothing
    (SQLite's dump of the file; on PostgreSQL, every table's rows in order)."""
    if isinstance(base, Store) and base.path is None:
        from sqlalchemy import inspect, text

        lineas = []
        with base.engine.connect() as con:
            for tabla in sorted(inspect(con).get_table_names()):
                lineas.append(f"-- {tabla}")
                filas = con.execute(text(f"SELECT * FROM {tabla}")).all()
                lineas.extend(sorted(repr(tuple(fila)) for fila in filas))
        return "\n".join(lineas)
    con = sqlite3.connect(base.path if isinstance(base, Store) else base)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def apartar(ctx, cliente, clave: str = "VA-101", *, precio: int = 1_500_000, monto: int = 20_000):
    """Reserve a new property for ``cliente`` (how a client reaches apartado)."""
    from a3tui.services import apartados, propiedades

    propiedad = propiedades.add(ctx, clave, desarrollo="Valle Alto", precio_centavos=precio * 100)
    return apartados.crear(ctx, cliente, propiedad, monto * 100)


def documentos_completos(ctx, cliente, fecha=None) -> None:
    """An INE and a recent proof of address on file (what the escritura asks for)."""
    from a3tui.services import documentos

    hoy = fecha or ctx.hoy
    documentos.add(ctx, cliente, "ine.jpg", b"\xff\xd8\xff\xe0 ine " + str(cliente.id).encode(), "jpg", "ine")
    documentos.add(
        ctx, cliente, "luz.pdf", b"%PDF-1.4 luz " + str(cliente.id).encode(), "pdf", "comprobante-domicilio",
        fecha_documento=hoy,
    )  # fmt: skip


def escriturar(ctx, cliente, clave: str = "VA-101"):
    """Reserve and sign: the client ends escriturado."""
    from a3tui.services import apartados

    apartado = apartar(ctx, cliente, clave)
    documentos_completos(ctx, cliente)
    return apartados.escriturar(ctx, apartado)

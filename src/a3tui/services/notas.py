"""Notes: free observations about a client."""

from __future__ import annotations

from sqlmodel import col, select

from a3tui import domain
from a3tui.errors import DatoInvalido
from a3tui.models import Cliente, Nota
from a3tui.services import Contexto


def add(ctx: Contexto, cliente: Cliente, texto: str) -> Nota:
    """Add a note to a client; raises DatoInvalido when the text is empty or not plain text."""
    limpio = domain.texto(texto, "La nota", maximo=5000, multilinea=True)
    if not limpio:
        raise DatoInvalido("La nota no puede estar vacía.")
    assert cliente.id is not None
    nota = Nota(cliente_id=cliente.id, asesor_id=ctx.asesor_id, texto=limpio, creado=ctx.ahora)
    ctx.session.add(nota)
    ctx.session.flush()
    return nota


def list_(ctx: Contexto, cliente: Cliente) -> list[Nota]:
    """The client's notes, newest first."""
    return list(
        ctx.session.exec(
            select(Nota)
            .where(col(Nota.cliente_id) == cliente.id)
            .order_by(col(Nota.creado).desc(), col(Nota.id).desc())
        ).all()
    )

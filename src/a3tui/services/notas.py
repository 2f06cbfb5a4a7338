"""Notes: free observations about a client, which the advisor may correct or delete (the
audit keeps each change with its before and after)."""

from __future__ import annotations

from sqlmodel import col, select

from a3tui import domain
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Cliente, Nota
from a3tui.services import Contexto, altas, auditoria, clientes


def _texto(texto: str) -> str:
    limpio = altas.texto_de_nota(texto)
    if not limpio:
        raise DatoInvalido("La nota no puede estar vacía.")
    return limpio


def add(ctx: Contexto, cliente: Cliente, texto: str) -> Nota:
    """Add a note to a client; raises DatoInvalido when the text is empty or not plain text."""
    limpio = _texto(texto)
    assert cliente.id is not None
    nota = Nota(cliente_id=cliente.id, asesor_id=ctx.asesor_id, texto=limpio, creado=ctx.ahora)
    ctx.session.add(nota)
    ctx.session.flush()
    return nota


def get(ctx: Contexto, nota_id: int) -> Nota:
    """Note ``nota_id`` of a client the advisor may see; raises NoEncontrado (the same for
    another advisor's client: a note never says whose client it is about)."""
    nota = ctx.session.get(Nota, nota_id) if domain.id_valido(nota_id) else None
    if nota is None:
        raise NoEncontrado(f"No existe la nota {nota_id}.")
    try:
        clientes.get(ctx, nota.cliente_id)
    except NoEncontrado:
        raise NoEncontrado(f"No existe la nota {nota_id}.") from None
    return nota


def edit(ctx: Contexto, nota: Nota, texto: str) -> Nota:
    """Replace a note's text (the audit keeps the old one); raises DatoInvalido when the new
    text is empty or not plain text. The note keeps its date."""
    nota.texto = _texto(texto)
    ctx.session.add(nota)
    ctx.session.flush()
    return nota


def borrar(ctx: Contexto, nota: Nota) -> Nota:
    """Delete a note for good; returns it as it was, to say what was deleted. The audit
    keeps its text."""
    auditoria.borrar(ctx.session, nota)
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

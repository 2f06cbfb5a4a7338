"""Who sees which clients: the advisor's scope, the portfolio a list shows, and the
records a client's history takes in (those merged into it).

The rules every service reads, from the audit up (see ARCHITECTURE.md, «Layers»): they
need nothing but the context, so no service has to import another one for them. The
database's half of the same rules is PostgreSQL's row-level security (migration 0011).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import col, select

from a3tui.models import Cliente
from a3tui.services import Cartera, Contexto


def scope(ctx: Contexto) -> ColumnElement[bool]:
    """Clients the current advisor may see and work: their own, those of the advisors they
    cover today as suplente, and, for a coordinator, every client of their plaza."""
    vivo = col(Cliente.fusionado_en_id).is_(None)
    propios = col(Cliente.asesor_id).in_((ctx.asesor_id, *ctx.cubiertos))
    if ctx.es_coordinador:
        return and_(vivo, or_(propios, col(Cliente.plaza) == ctx.asesor.plaza))
    return and_(vivo, propios)


def cartera(ctx: Contexto, de: Cartera | None = None) -> ColumnElement[bool]:
    """Clients the lists show (``de``, else ``ctx.cartera``): the advisor's own and those
    they cover, one advisor's, or a plaza's. Always within ``scope`` (``asesores.cartera_de``
    checks who may see which)."""
    quien = de or ctx.cartera
    vivo = col(Cliente.fusionado_en_id).is_(None)
    if quien.plaza is not None:
        return and_(col(Cliente.plaza) == quien.plaza, vivo)
    ids = quien.asesor_ids or (ctx.asesor_id,)
    if len(ids) == 1:
        return and_(col(Cliente.asesor_id) == ids[0], vivo)
    return and_(col(Cliente.asesor_id).in_(ids), vivo)


def puede_ver(ctx: Contexto, cliente: Cliente) -> bool:
    """The rule of ``scope`` for a client already read."""
    if cliente.fusionado_en_id is not None:
        return False
    if cliente.asesor_id == ctx.asesor_id or cliente.asesor_id in ctx.cubiertos:
        return True
    return ctx.es_coordinador and cliente.plaza == ctx.asesor.plaza


def fusionados_en(ctx: Contexto, cliente: Cliente) -> list[int]:
    """Ids of the records merged into ``cliente`` (directly or through another merge)."""
    ids: list[int] = []
    frontera = [cliente.id]
    while frontera:
        leidos = ctx.session.exec(select(Cliente.id).where(col(Cliente.fusionado_en_id).in_(frontera))).all()
        nuevos = [i for i in leidos if i is not None and i not in ids]
        ids.extend(nuevos)
        frontera = list(nuevos)
    return ids

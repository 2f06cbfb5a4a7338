"""Tasks: things the advisor promised to do, optionally tied to a client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, case, false, true
from sqlmodel import col, func, select
from sqlmodel.sql._expression_select_cls import SelectBase

from a3tui import domain
from a3tui.domain import EstadoTarea, Prioridad, TareaCalendario, parse_valor
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Asesor, Cliente, Tarea
from a3tui.services import Contexto

VISTAS = ("pendientes", "hoy", "vencidas", "proximas", "hechas", "todas")
# Upcoming = due in the next 7 days after today.
DIAS_PROXIMAS = 7

Q = TypeVar("Q", bound="SelectBase[*tuple[Any, ...]]")


@dataclass(frozen=True)
class FilaTarea:
    """A task, the name of its client (if any) and where it stands today."""

    tarea: Tarea
    cliente: str | None
    estado: EstadoTarea


def add(
    ctx: Contexto,
    descripcion: str,
    vence: date,
    *,
    hora: time | None = None,
    cliente: Cliente | None = None,
    prioridad: str | None = None,
    recordatorio: bool = True,
) -> Tarea:
    """Create a pending task; raises DatoInvalido for an empty description or unknown prioridad."""
    texto = domain.texto(descripcion, "La descripción de la tarea")
    if not texto:
        raise DatoInvalido("La descripción de la tarea no puede estar vacía.")
    prio = parse_valor(Prioridad, prioridad, "La prioridad") if prioridad else Prioridad.MEDIA
    tarea = Tarea(
        descripcion=texto,
        vence=vence,
        hora=hora,
        prioridad=prio,
        recordatorio=recordatorio,
        cliente_id=cliente.id if cliente else None,
        asesor_id=ctx.asesor_id,
        creado=ctx.ahora,
    )
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


def get(ctx: Contexto, tarea_id: int) -> Tarea:
    """Task ``tarea_id`` if the advisor may work it: their own, one of an advisor they
    cover, or (a coordinator) one of their plaza's advisors; raises NoEncontrado."""
    tarea = ctx.session.get(Tarea, tarea_id) if domain.id_valido(tarea_id) else None
    if tarea is None or not _puede(ctx, tarea):
        raise NoEncontrado(f"No existe la tarea {tarea_id}.")
    return tarea


def _puede(ctx: Contexto, tarea: Tarea) -> bool:
    if tarea.asesor_id == ctx.asesor_id or tarea.asesor_id in ctx.cubiertos:
        return True
    if not ctx.es_coordinador:
        return False
    dueno = ctx.session.get(Asesor, tarea.asesor_id)
    return dueno is not None and dueno.plaza == ctx.asesor.plaza


def _de_la_cartera(ctx: Contexto) -> ColumnElement[bool]:
    """Tasks of the lists' portfolio: of its advisors, or of its plaza's."""
    if ctx.cartera.plaza is not None:
        return col(Tarea.asesor_id).in_(select(Asesor.id).where(col(Asesor.plaza) == ctx.cartera.plaza))
    ids = ctx.cartera.asesor_ids or (ctx.asesor_id,)
    return col(Tarea.asesor_id) == ids[0] if len(ids) == 1 else col(Tarea.asesor_id).in_(ids)


def done(ctx: Contexto, tarea_id: int) -> Tarea:
    """Mark a task done; raises NoEncontrado, or DatoInvalido if it was already done."""
    tarea = get(ctx, tarea_id)
    if tarea.hecha:
        raise DatoInvalido(f"La tarea {tarea_id} ya estaba hecha.")
    tarea.hecha = True
    tarea.hecha_en = ctx.ahora
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


def reopen(ctx: Contexto, tarea_id: int) -> Tarea:
    """Undo ``done``: the task is pending again. Raises NoEncontrado, or DatoInvalido if it
    was not done."""
    tarea = get(ctx, tarea_id)
    if not tarea.hecha:
        raise DatoInvalido(f"La tarea {tarea_id} no está hecha; no hay nada que reabrir.")
    tarea.hecha = False
    tarea.hecha_en = None
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


_PRIORIDAD_ORDEN = case(
    (col(Tarea.prioridad) == Prioridad.ALTA, 0), (col(Tarea.prioridad) == Prioridad.MEDIA, 1), else_=2
)


def list_(
    ctx: Contexto, vista: str = "pendientes", *, cliente: Cliente | None = None, limit: int = 200
) -> list[FilaTarea]:
    """The advisor's tasks for a view: pendientes, hoy, vencidas, proximas (next 7 days), hechas, todas.

    Ordered by due date, time and priority.
    """
    query = _where(
        ctx,
        vista,
        cliente,
        select(Tarea, Cliente.nombre).join(Cliente, col(Tarea.cliente_id) == Cliente.id, isouter=True),
    )
    if vista == "hechas":
        query = query.order_by(col(Tarea.hecha_en).desc())
    else:
        query = query.order_by(
            col(Tarea.vence), col(Tarea.hora).is_(None), col(Tarea.hora), _PRIORIDAD_ORDEN, col(Tarea.id)
        )
    return [
        FilaTarea(t, nombre, domain.estado_tarea(t.vence, t.hecha, ctx.hoy))
        for t, nombre in ctx.session.exec(query.limit(limit)).all()
    ]


def count(ctx: Contexto, vista: str = "pendientes", *, cliente: Cliente | None = None) -> int:
    """How many tasks a view of ``list_`` holds."""
    return int(ctx.session.exec(_where(ctx, vista, cliente, select(func.count()).select_from(Tarea))).one())


def _where(ctx: Contexto, vista: str, cliente: Cliente | None, query: Q) -> Q:
    if vista not in VISTAS:
        raise DatoInvalido(f"La vista «{vista}» no es válida; usa una de: {', '.join(VISTAS)}.")
    if cliente is not None:
        # A client's tasks, whoever holds them (the ficha shows them all).
        query = query.where(col(Tarea.cliente_id) == cliente.id)
    else:
        query = query.where(_de_la_cartera(ctx))
    hoy = ctx.hoy
    if vista == "hechas":
        query = query.where(col(Tarea.hecha) == true())
    elif vista != "todas":
        query = query.where(col(Tarea.hecha) == false())
    if vista == "hoy":
        query = query.where(col(Tarea.vence) == hoy)
    elif vista == "vencidas":
        query = query.where(col(Tarea.vence) < hoy)
    elif vista == "proximas":
        query = query.where(col(Tarea.vence) > hoy, col(Tarea.vence) <= hoy + timedelta(days=DIAS_PROXIMAS))
    return query


def para_calendario(ctx: Contexto, *, pagina: int = 1000) -> Iterator[TareaCalendario]:
    """The pending tasks of the lists' portfolio, by due date, read a page at a time."""
    from a3tui.models import Telefono

    telefono = (
        select(Telefono.numero)
        .where(col(Telefono.cliente_id) == Cliente.id)
        .order_by(col(Telefono.orden))
        .limit(1)
        .scalar_subquery()
    )
    ultimo = 0
    while True:
        filas = ctx.session.exec(
            _where(
                ctx,
                "pendientes",
                None,
                select(Tarea, Cliente.nombre, telefono).join(
                    Cliente, col(Tarea.cliente_id) == Cliente.id, isouter=True
                ),
            )
            .where(col(Tarea.id) > ultimo)
            .order_by(col(Tarea.id))
            .limit(pagina)
        ).all()
        for t, nombre, numero in filas:
            assert t.id is not None
            yield TareaCalendario(
                t.id, t.creado, t.descripcion, t.vence, t.hora, t.prioridad, t.recordatorio, nombre, numero
            )
        if len(filas) < pagina:
            return
        ultimo = filas[-1][0].id or ultimo

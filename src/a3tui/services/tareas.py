"""Tasks: things the advisor promised to do, optionally tied to a client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from datetime import date, time, timedelta

from sqlalchemy import case
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import Prioridad, parse_valor
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Cliente, Tarea
from a3tui.services import Contexto

VISTAS = ("pendientes", "hoy", "vencidas", "proximas", "hechas", "todas")
# Upcoming = due in the next 7 days after today.
DIAS_PROXIMAS = 7


@dataclass(frozen=True)
class FilaTarea:
    tarea: Tarea
    cliente: str | None


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
    descripcion = domain.texto(descripcion, "La descripción de la tarea") or ""
    if not descripcion:
        raise DatoInvalido("La descripción de la tarea no puede estar vacía.")
    prio = parse_valor(Prioridad, prioridad, "La prioridad") if prioridad else Prioridad.MEDIA
    tarea = Tarea(
        descripcion=descripcion,
        vence=vence,
        hora=hora,
        prioridad=prio.value,
        recordatorio=recordatorio,
        cliente_id=cliente.id if cliente else None,
        asesor_id=ctx.asesor.id,
        creado=ctx.ahora,
    )
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


def get(ctx: Contexto, tarea_id: int) -> Tarea:
    """The advisor's task ``tarea_id``; raises NoEncontrado."""
    tarea = ctx.session.get(Tarea, tarea_id) if domain.id_valido(tarea_id) else None
    if tarea is None or tarea.asesor_id != ctx.asesor.id:
        raise NoEncontrado(f"No existe la tarea {tarea_id}.")
    return tarea


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
    """Undo ``done``."""
    tarea = get(ctx, tarea_id)
    tarea.hecha = False
    tarea.hecha_en = None
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


_PRIORIDAD_ORDEN = case((Tarea.prioridad == "alta", 0), (Tarea.prioridad == "media", 1), else_=2)


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
        query = query.order_by(Tarea.vence, col(Tarea.hora).is_(None), Tarea.hora, _PRIORIDAD_ORDEN, Tarea.id)
    return [FilaTarea(t, nombre) for t, nombre in ctx.session.exec(query.limit(limit)).all()]


def count(ctx: Contexto, vista: str = "pendientes", *, cliente: Cliente | None = None) -> int:
    """How many tasks a view of ``list_`` holds."""
    return ctx.session.exec(_where(ctx, vista, cliente, select(func.count()).select_from(Tarea))).one()


def _where(ctx: Contexto, vista: str, cliente: Cliente | None, query: Any) -> Any:
    if vista not in VISTAS:
        raise DatoInvalido(f"La vista «{vista}» no es válida; usa una de: {', '.join(VISTAS)}.")
    query = query.where(Tarea.asesor_id == ctx.asesor.id)
    if cliente is not None:
        query = query.where(Tarea.cliente_id == cliente.id)
    hoy = ctx.hoy
    if vista == "hechas":
        query = query.where(Tarea.hecha == True)  # noqa: E712
    elif vista != "todas":
        query = query.where(Tarea.hecha == False)  # noqa: E712
    if vista == "hoy":
        query = query.where(Tarea.vence == hoy)
    elif vista == "vencidas":
        query = query.where(Tarea.vence < hoy)
    elif vista == "proximas":
        query = query.where(Tarea.vence > hoy, Tarea.vence <= hoy + timedelta(days=DIAS_PROXIMAS))
    return query

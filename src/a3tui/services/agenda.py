"""Today's agenda and the advisor's KPIs: what to do first, and how the week is going."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import Alerta, Kpi
from a3tui.models import Cliente
from a3tui.services import Contexto, actividades, clientes, tareas


@dataclass(frozen=True)
class Seccion:
    """A part of the agenda: rows shown, and how many there are in all."""

    titulo: str
    filas: list
    total: int


@dataclass(frozen=True)
class Agenda:
    tareas_vencidas: Seccion
    tareas_hoy: Seccion
    contactos_vencidos: Seccion
    contactos_hoy: Seccion
    frios: Seccion

    @property
    def secciones(self) -> list[Seccion]:
        """In the order to work them: overdue promises first, cold clients last."""
        return [self.tareas_vencidas, self.tareas_hoy, self.contactos_vencidos, self.contactos_hoy, self.frios]


def hoy(ctx: Contexto, *, limite: int = 20, dias_frio: int = domain.DIAS_FRIO_DEFAULT) -> Agenda:
    """The advisor's day, ordered by what to do first: overdue tasks, today's tasks, clients
    whose contact is overdue (red), due today or tomorrow (yellow), then cold prospects.

    The client sections are disjoint by their alert: a cold prospect whose contact is
    already overdue or due is listed with those, so each section's total matches its rows.
    """
    vencidas = seccion_tareas(ctx, "Tareas vencidas", "vencidas", limite)
    de_hoy = seccion_tareas(ctx, "Tareas de hoy", "hoy", limite)
    rojo = clientes.Filtro(alertas=(Alerta.ROJO,), orden="proximo")
    amarillo = clientes.Filtro(alertas=(Alerta.AMARILLO,), orden="proximo")
    frio = clientes.Filtro(frios=True, dias=dias_frio, alertas=(Alerta.VERDE,), orden="inactivo")

    return Agenda(
        tareas_vencidas=vencidas,
        tareas_hoy=de_hoy,
        contactos_vencidos=Seccion(
            "Seguimiento vencido", clientes.list_(ctx, rojo, limit=limite), clientes.count(ctx, rojo)
        ),
        contactos_hoy=Seccion(
            "Contactar hoy o mañana", clientes.list_(ctx, amarillo, limit=limite), clientes.count(ctx, amarillo)
        ),
        frios=Seccion("Clientes fríos", clientes.list_(ctx, frio, limit=limite), clientes.count(ctx, frio)),
    )


def seccion_tareas(ctx: Contexto, titulo: str, vista: str, limite: int) -> Seccion:
    """Up to ``limite`` tasks of a view and their total (counted only when the page is full)."""
    filas = tareas.list_(ctx, vista, limit=limite)
    return Seccion(titulo, filas, len(filas) if len(filas) < limite else tareas.count(ctx, vista))


def kpis(ctx: Contexto, *, dias_frio: int = domain.DIAS_FRIO_DEFAULT) -> list[Kpi]:
    """The four KPIs of SPEC §3 with their targets: conversion, days to apartado,
    activities this week, cold clients."""
    scope = clientes._scope(ctx)
    total = ctx.session.exec(select(func.count()).select_from(Cliente).where(scope)).one()
    apartaron = ctx.session.exec(
        select(func.count()).select_from(Cliente).where(scope, col(Cliente.fecha_apartado).is_not(None))
    ).one()
    pares = ctx.session.exec(
        select(Cliente.primer_contacto, Cliente.fecha_apartado).where(scope, col(Cliente.fecha_apartado).is_not(None))
    ).all()
    dias = [(apartado - inicio).days for inicio, apartado in pares if apartado and inicio]
    promedio = sum(dias) / len(dias) if dias else None
    frios = clientes.count(ctx, clientes.Filtro(frios=True, dias=dias_frio))
    return [
        domain.kpi_conversion(total, apartaron),
        domain.kpi_dias_apartado(promedio),
        domain.kpi_actividades_semana(actividades.count_semana(ctx)),
        domain.kpi_frios(frios),
    ]

"""The advisor's day (*Mis tareas*, `a3 hoy`): what to do first, and how the week is going."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from a3tui import domain
from a3tui.domain import Alerta
from a3tui.services import Contexto, clientes, tareas
from a3tui.services.clientes import FilaCliente
from a3tui.services.tareas import FilaTarea

F = TypeVar("F", FilaTarea, FilaCliente)


@dataclass(frozen=True)
class Seccion(Generic[F]):
    """A part of the agenda: rows shown, and how many there are in all."""

    clave: str
    titulo: str
    filas: list[F]
    total: int


@dataclass(frozen=True)
class Agenda:
    """The day, in the order to work it: overdue promises first, cold clients last.

    ``proximas`` (the tasks of the next days) is filled only when asked for.
    """

    tareas_vencidas: Seccion[FilaTarea]
    tareas_hoy: Seccion[FilaTarea]
    contactos_vencidos: Seccion[FilaCliente]
    contactos_hoy: Seccion[FilaCliente]
    frios: Seccion[FilaCliente]
    proximas: Seccion[FilaTarea] | None = None

    @property
    def secciones_de_tareas(self) -> list[Seccion[FilaTarea]]:
        return [self.tareas_vencidas, self.tareas_hoy, *([self.proximas] if self.proximas else [])]

    @property
    def secciones_de_clientes(self) -> list[Seccion[FilaCliente]]:
        return [self.contactos_vencidos, self.contactos_hoy, self.frios]


def hoy(
    ctx: Contexto, *, limite: int = 20, dias_frio: int = domain.DIAS_FRIO_DEFAULT, proximas: bool = False
) -> Agenda:
    """The advisor's day, ordered by what to do first: overdue tasks, today's tasks, clients
    whose contact is overdue (red), due today or tomorrow (yellow), then cold prospects;
    with ``proximas``, also the tasks of the next days.

    The client sections are disjoint by their alert: a cold prospect whose contact is
    already overdue or due is listed with those, so each section's total matches its rows.
    """
    rojo = clientes.Filtro(alertas=(Alerta.ROJO,), orden="proximo")
    amarillo = clientes.Filtro(alertas=(Alerta.AMARILLO,), orden="proximo")
    frio = clientes.Filtro(frios=True, dias=dias_frio, alertas=(Alerta.VERDE,), orden="inactivo")

    def seccion_clientes(clave: str, titulo: str, filtro: clientes.Filtro) -> Seccion[FilaCliente]:
        return Seccion(clave, titulo, clientes.list_(ctx, filtro, limit=limite), clientes.count(ctx, filtro))

    return Agenda(
        tareas_vencidas=seccion_tareas(ctx, "tareas_vencidas", "Tareas vencidas", "vencidas", limite),
        tareas_hoy=seccion_tareas(ctx, "tareas_hoy", "Tareas de hoy", "hoy", limite),
        contactos_vencidos=seccion_clientes("contactos_vencidos", "Seguimiento vencido", rojo),
        contactos_hoy=seccion_clientes("contactos_hoy", "Contactar hoy o mañana", amarillo),
        frios=seccion_clientes("frios", "Fríos con seguimiento al día", frio),
        proximas=seccion_tareas(ctx, "proximas", "Próximas tareas", "proximas", limite) if proximas else None,
    )


def seccion_tareas(ctx: Contexto, clave: str, titulo: str, vista: str, limite: int) -> Seccion[FilaTarea]:
    """Up to ``limite`` tasks of a view and their total (counted only when the page is full)."""
    filas = tareas.list_(ctx, vista, limit=limite)
    return Seccion(clave, titulo, filas, len(filas) if len(filas) < limite else tareas.count(ctx, vista))

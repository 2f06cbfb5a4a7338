"""The advisor's dashboard (*Mis tareas*): today's agenda, upcoming tasks and the KPIs,
read in one transaction so the screen shows one consistent moment."""

from __future__ import annotations

from dataclasses import dataclass

from a3tui.domain import Kpi
from a3tui.services import Contexto, agenda, tareas


@dataclass(frozen=True)
class Tablero:
    agenda: agenda.Agenda
    proximas: agenda.Seccion
    kpis: list[Kpi]


def tablero(ctx: Contexto, *, limite: int = 20) -> Tablero:
    """Overdue and today's tasks, clients to contact, cold clients (``agenda.hoy``), the
    tasks of the next days, and the four KPIs with their targets."""
    proximas = tareas.list_(ctx, "proximas", limit=limite)
    total = len(proximas) if len(proximas) < limite else len(tareas.list_(ctx, "proximas", limit=100_000))
    return Tablero(
        agenda=agenda.hoy(ctx, limite=limite),
        proximas=agenda.Seccion("Próximas tareas", proximas, total),
        kpis=agenda.kpis(ctx),
    )

"""The advisor's dashboard (*Mis tareas*): today's agenda and the tasks of the next days.

The KPIs (``agenda.kpis``) are read apart: they scan the whole portfolio, and the day's
list should not wait for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from a3tui.services import Contexto, agenda


@dataclass(frozen=True)
class Dia:
    agenda: agenda.Agenda
    proximas: agenda.Seccion


def dia(ctx: Contexto, *, limite: int = 20) -> Dia:
    """Overdue and today's tasks, clients to contact and cold clients (``agenda.hoy``),
    then the tasks of the next days."""
    return Dia(
        agenda=agenda.hoy(ctx, limite=limite),
        proximas=agenda.seccion_tareas(ctx, "Próximas tareas", "proximas", limite),
    )

"""Tasks as an iCalendar file (icalendar) that a calendar can subscribe to and import again.

Each task is an event (or, asked for, a to-do) at its time in the advisor's time zone
(TZID, with the zone's VTIMEZONE; 30 minutes) or all day, with the client's name and
phone in the description and a reminder when the task has one. UIDs are stable (the
task's id and creation time); SEQUENCE counts the task's changes and LAST-MODIFIED says
when the last one was, so importing the file again updates the calendar's copy instead
of duplicating it or keeping an old one. A task done or deleted in the last
``domain.DIAS_RETIRADAS`` days is still written, cancelled (a to-do done is COMPLETED),
so the calendar drops it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from a3tui import domain

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from a3tui.domain import TareaCalendario

DURACION = timedelta(minutes=30)
# A timed task's reminder: this long before; an all-day task's: 9:00 the day before.
AVISO = timedelta(minutes=30)
# What a task can be in the file: an event (VEVENT, the default) or a to-do (VTODO).
COMO = ("eventos", "pendientes")


def uid(tarea_id: int, creado: datetime) -> str:
    return f"a3-tarea-{tarea_id}-{creado:%Y%m%dT%H%M%S}@a3"


def _utc(momento: datetime) -> datetime:
    """An instant a3 recorded (this computer's local time) in UTC."""
    return momento.astimezone(UTC)


def ics_tareas(
    tareas: Iterable[TareaCalendario],
    ahora: datetime,
    asesor: str,
    zona: ZoneInfo | None = None,
    como: str = "eventos",
) -> tuple[bytes, int]:
    """The calendar's bytes and how many pending tasks it holds (those done or deleted
    that it also carries, cancelled, are not counted). Times are in ``zona`` (default
    ``domain.ZONA_HORARIA``); ``como`` is ``eventos`` (VEVENT) or ``pendientes`` (VTODO)."""
    from icalendar import Alarm, Calendar, Event, Todo

    zona = zona or domain.zona_horaria(None)

    calendario = Calendar()
    calendario.add("prodid", "-//a3//Tareas//ES")
    calendario.add("version", "2.0")
    calendario.add("calscale", "GREGORIAN")
    calendario.add("x-wr-calname", domain.imprimible(f"a3: tareas de {asesor}"))
    calendario.add("x-wr-timezone", zona.key)
    n = 0
    for t in tareas:
        componente: Any = Todo() if como == "pendientes" else Event()
        componente.add("uid", uid(t.id, t.creado))
        componente.add("dtstamp", _utc(ahora))
        componente.add("last-modified", _utc(t.modificada or t.creado))
        componente.add("sequence", t.cambios)
        titulo = domain.imprimible(t.descripcion)
        if t.cliente:
            titulo += f" · {domain.imprimible(t.cliente)}"
        componente.add("summary", titulo)
        inicio: Any = t.vence
        if t.hora is not None:
            inicio = datetime.combine(t.vence, t.hora, tzinfo=zona)
        if como == "pendientes":
            componente.add("due", inicio)
        else:
            componente.add("dtstart", inicio)
            componente.add("dtend", inicio + (DURACION if t.hora is not None else timedelta(days=1)))
        detalle = [f"Prioridad {t.prioridad.value}."]
        if t.cliente:
            detalle.append(f"Cliente: {domain.imprimible(t.cliente)}")
        if t.telefono:
            detalle.append(f"Teléfono: {domain.format_telefono(t.telefono)}")
        componente.add("description", "\n".join(detalle))
        componente.add("priority", {"alta": 1, "media": 5, "baja": 9}[t.prioridad.value])
        componente.add("categories", ["a3"])
        if t.estado == "pendiente":
            componente.add("status", "NEEDS-ACTION" if como == "pendientes" else "CONFIRMED")
            n += 1
            if t.recordatorio:
                alarma = Alarm()
                alarma.add("action", "DISPLAY")
                alarma.add("description", titulo)
                alarma.add("trigger", -AVISO if t.hora is not None else -timedelta(hours=15))
                componente.add_component(alarma)
        elif t.estado == "hecha" and como == "pendientes":
            componente.add("status", "COMPLETED")
            componente.add("completed", _utc(t.hecha_en or t.modificada or ahora))
        else:
            componente.add("status", "CANCELLED")
        calendario.add_component(componente)
    # The VTIMEZONE of every TZID used, built from the system's time zone data.
    calendario.add_missing_timezones()
    return calendario.to_ical(), n

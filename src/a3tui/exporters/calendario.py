"""Pending tasks as an iCalendar file (icalendar): one event per task, at its time (30
minutes) or all day, with the client's name and phone in the description and a reminder
when the task has one. UIDs are stable (the task's id and creation time), so importing
the file again updates the calendar's events instead of duplicating them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from a3tui import domain

if TYPE_CHECKING:
    from a3tui.domain import TareaCalendario

DURACION = timedelta(minutes=30)
# A timed task's reminder: this long before; an all-day task's: 9:00 the day before.
AVISO = timedelta(minutes=30)


def uid(tarea_id: int, creado: datetime) -> str:
    return f"a3-tarea-{tarea_id}-{creado:%Y%m%dT%H%M%S}@a3"


def ics_tareas(tareas: Iterable[TareaCalendario], ahora: datetime, asesor: str) -> tuple[bytes, int]:
    """The calendar's bytes and how many tasks it holds."""
    from icalendar import Alarm, Calendar, Event

    calendario = Calendar()
    calendario.add("prodid", "-//a3//Tareas//ES")
    calendario.add("version", "2.0")
    calendario.add("calscale", "GREGORIAN")
    calendario.add("x-wr-calname", domain.imprimible(f"a3: tareas de {asesor}"))
    n = 0
    for fila in tareas:
        t = fila
        evento = Event()
        evento.add("uid", uid(t.id, t.creado))
        evento.add("dtstamp", ahora)
        titulo = domain.imprimible(t.descripcion)
        if fila.cliente:
            titulo += f" · {domain.imprimible(fila.cliente)}"
        evento.add("summary", titulo)
        if t.hora is not None:
            inicio = datetime.combine(t.vence, t.hora)
            evento.add("dtstart", inicio)
            evento.add("dtend", inicio + DURACION)
        else:
            evento.add("dtstart", t.vence)
            evento.add("dtend", t.vence + timedelta(days=1))
        detalle = [f"Prioridad {t.prioridad.value}."]
        if fila.cliente:
            detalle.append(f"Cliente: {domain.imprimible(fila.cliente)}")
        if fila.telefono:
            detalle.append(f"Teléfono: {domain.format_telefono(fila.telefono)}")
        evento.add("description", "\n".join(detalle))
        evento.add("priority", {"alta": 1, "media": 5, "baja": 9}[t.prioridad.value])
        evento.add("categories", ["a3"])
        if t.recordatorio:
            alarma = Alarm()
            alarma.add("action", "DISPLAY")
            alarma.add("description", titulo)
            alarma.add("trigger", -AVISO if t.hora is not None else -timedelta(hours=15))
            evento.add_component(alarma)
        calendario.add_component(evento)
        n += 1
    return calendario.to_ical(), n

"""Tasks as calendars read them: time zone, and how long done or deleted tasks stay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from a3tui.domain.valores import Prioridad
from a3tui.errors import DatoInvalido

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


# How long a task done or deleted still goes into a calendar export, marked as such, so a
# calendar that imported it earlier drops it (a later export no longer carries it).
DIAS_RETIRADAS = 30

# The advisor's time zone when none is set (``exportar tareas --zona``, ``A3_ZONA``).
ZONA_HORARIA = "America/Mexico_City"


def zona_horaria(nombre: str | None) -> ZoneInfo:
    """The time zone named ``nombre`` (an IANA name such as ``America/Tijuana``), else the
    default. Raises DatoInvalido for a name that is not a time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    elegido = (nombre or "").strip() or ZONA_HORARIA
    try:
        return ZoneInfo(elegido)
    except (ZoneInfoNotFoundError, ValueError):
        raise DatoInvalido(
            f"La zona horaria «{elegido}» no existe; usa un nombre como America/Mexico_City, "
            "America/Tijuana, America/Hermosillo o America/Cancun."
        ) from None


@dataclass(frozen=True)
class TareaCalendario:
    """A pending task as a calendar shows it, with its client's name and first phone."""

    id: int
    creado: datetime
    descripcion: str
    vence: date
    hora: time | None
    prioridad: Prioridad
    recordatorio: bool
    cliente: str | None
    telefono: str | None
    # «pendiente», or «hecha» / «borrada» within DIAS_RETIRADAS (a calendar that imported
    # the task then drops or completes it).
    estado: str = "pendiente"
    cambios: int = 0  # edits since it was created: the calendar's SEQUENCE
    modificada: datetime | None = None  # the last change: LAST-MODIFIED
    hecha_en: datetime | None = None

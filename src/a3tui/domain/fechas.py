"""Dates and hours as advisors type them («viernes 10:00», «+3», «15/12») and as a3
says them («hace 3 días», «en 2 días»)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from a3tui.domain.texto import fold
from a3tui.errors import DatoInvalido

# ---------------------------------------------------------------- dates

DIAS_SEMANA = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
MESES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]


def _dia_semana(raw: str) -> int | None:
    """The weekday (0 = lunes) a folded word names: the whole name or the start of only one
    (``vie``, ``v``, ``mi``; ``m`` could be martes or miércoles, so it names none)."""
    if not raw.isalpha():
        return None
    dias = [i for i, nombre in enumerate(DIAS_SEMANA) if nombre.startswith(raw)]
    return dias[0] if len(dias) == 1 else None


def parse_fecha(text: str, hoy: date, *, pasado: bool = False) -> date:
    """Parse a date as an advisor types it; raise DatoInvalido rather than guess.

    Accepts ISO dates (2026-11-27), dd/mm/yyyy, ``hoy``, ``mañana``/``manana``,
    ``pasado mañana``, ``ayer``, ``+N`` (days from today) and weekday names or their
    unambiguous starts (``viernes``, ``vie``, ``v``: the next Friday after today; with
    ``pasado``, for a date that looks back — «desde el lunes» —, the last Friday, today
    if it is one).
    """
    raw = fold(text.strip())
    raw = " ".join(raw.split())
    if raw == "hoy":
        return hoy
    if raw == "manana":
        return hoy + timedelta(days=1)
    if raw in ("pasado manana", "pasado-manana"):
        return hoy + timedelta(days=2)
    if raw == "ayer":
        return hoy - timedelta(days=1)
    m = re.fullmatch(r"([+-])\s*(\d{1,4})", raw)
    if m:
        n = int(m.group(2))
        return hoy + timedelta(days=n if m.group(1) == "+" else -n)
    dia = _dia_semana(raw)
    if dia is not None:
        if pasado:
            return hoy - timedelta(days=(hoy.weekday() - dia) % 7)
        ahead = (dia - hoy.weekday()) % 7 or 7
        return hoy + timedelta(days=ahead)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _fecha(y, mo, d, text)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return _fecha(y, mo, d, text)
    raise DatoInvalido(
        f"La fecha «{text}» no se entiende; usa AAAA-MM-DD, DD/MM/AAAA, hoy, mañana, +N o un día como viernes."
    )


# Dates a3 accepts: far enough for a birth or a 30-year mortgage, near enough that adding
# a follow-up cadence never leaves the calendar.
ANIO_MINIMO = 1900
ANIO_MAXIMO = 2200


def _fecha(y: int, mo: int, d: int, text: str) -> date:
    if not ANIO_MINIMO <= y <= ANIO_MAXIMO:
        raise DatoInvalido(f"La fecha «{text}» está fuera del rango que a3 acepta ({ANIO_MINIMO} a {ANIO_MAXIMO}).")
    try:
        return date(y, mo, d)
    except ValueError:
        raise DatoInvalido(f"La fecha «{text}» no existe en el calendario.") from None


def parse_fecha_y_hora(text: str, hoy: date) -> tuple[date, time | None]:
    """A date as in parse_fecha, optionally followed by a time: ``viernes 10:00`` →
    (that Friday, 10:00); ``viernes`` → (that Friday, None)."""
    m = re.fullmatch(r"(.*?)[ T](\d{1,2}:\d{2})", text.strip())
    if m:
        return parse_fecha(m.group(1), hoy), parse_hora(m.group(2))
    return parse_fecha(text, hoy), None


def parse_fecha_hora(text: str, ahora: datetime) -> datetime:
    """A date as in parse_fecha, optionally followed by a time (``2026-11-20 16:30``, ``ayer 10:00``).

    A date without time keeps the current time of day when it is today, else noon.
    """
    dia, hora = parse_fecha_y_hora(text, ahora.date())
    if hora is not None:
        return datetime.combine(dia, hora)
    if dia == ahora.date():
        return ahora.replace(microsecond=0)
    return datetime.combine(dia, time(12, 0))


def parse_hora(text: str) -> time:
    """``HH:MM`` in 24-hour time, or raise DatoInvalido."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DatoInvalido(f"La hora «{text}» no es válida; usa HH:MM en 24 horas, p. ej. 16:30.")
    return time(int(m.group(1)), int(m.group(2)))


def hace(momento: datetime | date | None, ahora: datetime) -> str:
    """Relative Spanish time: ``hoy``, ``ayer``, ``hace 3 días``, ``hace 2 semanas``, ``hace 4 meses``."""
    if momento is None:
        return "nunca"
    dia = momento.date() if isinstance(momento, datetime) else momento
    dias = (ahora.date() - dia).days
    if dias < 0:
        return en_dias(dia, ahora.date())
    if dias == 0:
        return "hoy"
    if dias == 1:
        return "ayer"
    if dias < 14:
        return f"hace {dias} días"
    if dias < 60:
        return f"hace {dias // 7} semanas"
    if dias < 730:
        return f"hace {dias // 30} meses"
    return f"hace {dias // 365} años"


def en_dias(dia: date | None, hoy: date) -> str:
    """Relative Spanish due date: ``hoy``, ``mañana``, ``en 3 días``, ``ayer``, ``hace 2 días``
    (callers that list overdue items add their own "vencido" marker)."""
    if dia is None:
        return "—"
    dias = (dia - hoy).days
    if dias == 0:
        return "hoy"
    if dias == 1:
        return "mañana"
    if dias == -1:
        return "ayer"
    if dias < 0:
        return f"hace {-dias} días"
    if dias < 14:
        return f"en {dias} días"
    return (
        f"{dia.day} {MESES[dia.month - 1]} {dia.year}" if dia.year != hoy.year else f"{dia.day} {MESES[dia.month - 1]}"
    )


def cuando_tarea(vence: date, hora: time | None, hoy: date) -> str:
    """``mañana 10:30 (2026-11-24)``: when a task or appointment falls due, as the
    confirmations say it."""
    texto_hora = f" {hora:%H:%M}" if hora else ""
    return f"{en_dias(vence, hoy)}{texto_hora} ({vence.isoformat()})"

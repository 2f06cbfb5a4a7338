"""Service cases (issue 30 point 1): their kinds, priorities and states, the folio that
names one, the time each kind has to be resolved (SLA) and its alert."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from a3tui.domain.seguimiento import rango_alerta
from a3tui.domain.valores import Alerta, Valor
from a3tui.errors import DatoInvalido


class TipoCaso(Valor):
    QUEJA = "queja"
    SUGERENCIA = "sugerencia"
    GARANTIA = "garantía"
    POSTVENTA = "postventa"
    CONSULTA = "consulta"


class PrioridadCaso(Valor):
    ALTA = "alta"
    NORMAL = "normal"
    BAJA = "baja"


class EstadoCaso(Valor):
    ABIERTO = "abierto"
    EN_PROCESO = "en-proceso"
    RESUELTO = "resuelto"
    CERRADO = "cerrado"


# A case still to be attended: it has a due time and an alert.
ESTADOS_ABIERTOS = (EstadoCaso.ABIERTO, EstadoCaso.EN_PROCESO)

# Days each kind has to be resolved, counted from when it is opened (or reopened); the
# office changes them (``a3 ajuste sla queja 3``: the ``ajuste`` rows ``sla.<tipo>``).
SLA_DEFAULT: dict[str, int] = {
    TipoCaso.QUEJA.value: 2,
    TipoCaso.SUGERENCIA.value: 10,
    TipoCaso.GARANTIA.value: 5,
    TipoCaso.POSTVENTA.value: 7,
    TipoCaso.CONSULTA.value: 2,
}
SLA_MAXIMO = 365

# Which states a case may go to from each (reopening, from resuelto or cerrado, asks why).
SIGUIENTES: dict[EstadoCaso, tuple[EstadoCaso, ...]] = {
    EstadoCaso.ABIERTO: (EstadoCaso.EN_PROCESO, EstadoCaso.RESUELTO),
    EstadoCaso.EN_PROCESO: (EstadoCaso.RESUELTO,),
    EstadoCaso.RESUELTO: (EstadoCaso.CERRADO, EstadoCaso.ABIERTO),
    EstadoCaso.CERRADO: (EstadoCaso.ABIERTO,),
}

_FOLIO = re.compile(r"^C-?(\d{4})-?(\d{1,9})$")


def format_folio(caso_id: int, abierto: datetime) -> str:
    """``C-2026-0007``: the year the case was opened and its id, which no other case ever
    has (ids are never reused, migration 0013), so the folio is unique without a counter."""
    return f"C-{abierto.year}-{caso_id:04d}"


def parse_folio(texto: str) -> tuple[int | None, int]:
    """A case's reference as typed: its folio (``C-2026-0007``, ``c-2026-7``) → (year, id),
    or its bare id (``7``) → (None, id). Raises DatoInvalido for anything else."""
    limpio = texto.strip().upper()
    if limpio.isascii() and limpio.isdigit() and len(limpio) <= 9:
        return None, int(limpio)
    hallado = _FOLIO.match(limpio)
    if hallado is None:
        raise DatoInvalido(f"«{texto.strip()}» no es un folio de caso; escríbelo como C-2026-0007.")
    return int(hallado.group(1)), int(hallado.group(2))


def vence_caso(desde: datetime, dias: int) -> datetime:
    """When a case opened (or reopened) at ``desde`` is due, with ``dias`` of SLA."""
    return desde + timedelta(days=dias)


def alerta_caso(vence: datetime, ahora: datetime) -> Alerta:
    """The alert of an open case, as the contacts' (``rango_alerta``): red once its due
    time has passed, yellow when it is due today or tomorrow, green later."""
    if vence < ahora:
        return Alerta.ROJO
    _desde, hasta = rango_alerta(Alerta.AMARILLO, ahora.date())
    assert hasta is not None
    return Alerta.AMARILLO if vence.date() <= hasta else Alerta.VERDE


def palabra_alerta_caso(alerta: Alerta) -> str:
    """How a case's alert reads without colour: «vencido», «vence pronto», «a tiempo»."""
    return {Alerta.ROJO: "vencido", Alerta.AMARILLO: "vence pronto", Alerta.VERDE: "a tiempo"}[alerta]

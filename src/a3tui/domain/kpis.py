"""The advisor's four KPIs (and the response time beside them) and how their figures read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------- KPIs


@dataclass(frozen=True)
class Kpi:
    """A figure and its target: met when ``valor`` is above (``>``) or below (``<``) ``objetivo``."""

    nombre: str
    valor: float | None
    operador: str
    objetivo: float
    unidad: str = ""
    # A count over a period still running (this week's activities on a Monday): short of
    # its target it is not failed yet, only on its way.
    en_curso: bool = False

    @property
    def cumple(self) -> bool | None:
        if self.valor is None:
            return None
        logrado = self.valor > self.objetivo if self.operador == ">" else self.valor < self.objetivo
        return None if self.en_curso and not logrado else logrado

    @property
    def veredicto(self) -> str:
        """«✓ cumple», «✗ no cumple», «en curso» (a running count short of its target yet)
        or «—» (no figure), as every view shows it."""
        if self.cumple is not None:
            return "✓ cumple" if self.cumple else "✗ no cumple"
        return "en curso" if self.en_curso and self.valor is not None else "—"

    @property
    def meta(self) -> str:
        """The target as people read it: «> 30%», «< 30 días», «> 20»."""
        cifra = f"{self.objetivo:g}"
        if self.unidad == "%":
            return f"{self.operador} {cifra}%"
        return f"{self.operador} {cifra}" + (f" {self.unidad}" if self.unidad else "")


def cifra_kpi(valor: float | None, unidad: str = "") -> str:
    """A KPI's figure as people read it: «13.2%», «22.6», «48», «6.8 h», or «—» without one."""
    if valor is None:
        return "—"
    if unidad == "%":
        return f"{valor:.1f}%"
    if unidad == "horas":
        return duracion_horas(valor)
    return f"{valor:,.0f}" if float(valor).is_integer() else f"{valor:,.1f}"


def duracion_horas(horas: float) -> str:
    """A span of hours as people say it, short enough for a table's column: «25 min»,
    «6.8 h», «63 h»."""
    minutos = max(0, round(horas * 60))
    if minutos < 60:
        return f"{minutos} min"
    if horas < 10:
        return f"{horas:.1f} h".replace(".0 h", " h")
    return f"{horas:,.0f} h"


def kpi_conversion(total_prospectos: int, apartaron: int) -> Kpi:
    valor = (100.0 * apartaron / total_prospectos) if total_prospectos else None
    return Kpi("Tasa de conversión", valor, ">", 30, "%")


def kpi_dias_apartado(promedio: float | None) -> Kpi:
    return Kpi("Días a apartado", promedio, "<", 30, "días")


def kpi_actividades_semana(n: int) -> Kpi:
    return Kpi("Actividades esta semana", float(n), ">", 20)


def kpi_frios(n: int) -> Kpi:
    return Kpi("Clientes fríos", float(n), "<", 5)


# A client who wrote should hear back within a day (seed: answer promptly, even if only to
# say when the full answer will come, «dentro de las próximas 24 horas»).
HORAS_RESPUESTA = 24


def kpi_respuesta(mediana_horas: float | None) -> Kpi:
    """The median hours from a client's message to the advisor's answer."""
    return Kpi("Tiempo de respuesta", mediana_horas, "<", HORAS_RESPUESTA, "horas")


def nota_respuesta_del_equipo(esperan: Sequence[tuple[str, int]]) -> str:
    """What the team's «Respuesta» column means, and whose clients wrote and wait for an
    answer (``esperan``: advisor's name, how many): `a3 equipo` and the app's Oficina →
    Equipo say it in these words."""
    nota = (
        "Respuesta: mediana de este mes, del mensaje del cliente a lo primero que se le envió "
        f"(meta < {HORAS_RESPUESTA} horas)."
    )
    if esperan:
        quienes = " · ".join(f"{nombre} {n:,}" for nombre, n in esperan)
        nota += f" Clientes que escribieron y esperan respuesta: {quienes}."
    return nota

"""The plain values of a report that the services compute and the exporters write."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from a3tui.domain.kpis import Kpi
from a3tui.domain.valores import Etapa

# ---------------------------------------------------------------- reports (plain values the
# services compute and the exporters write)


@dataclass(frozen=True)
class Metrica:
    """A KPI now and at the same point of the period before, and what it is made of."""

    clave: str
    kpi: Kpi
    anterior: float | None
    detalle: str
    # True when a higher value is better (conversion, activities).
    mas_es_mejor: bool = True
    # Counts behind the figure that a program may want as numbers, not only in ``detalle``
    # (the response time's answered and still-unanswered clients), by JSON key.
    cifras: tuple[tuple[str, int], ...] = ()

    @property
    def cambio(self) -> float | None:
        """How much the figure moved since the period before (None without both figures)."""
        if self.kpi.valor is None or self.anterior is None:
            return None
        return round(round(self.kpi.valor, 1) - round(self.anterior, 1), 1)

    @property
    def direccion(self) -> str | None:
        """«mejor», «peor» or «igual» (None without a figure to compare): the trend as data."""
        cambio = self.cambio
        if cambio is None:
            return None
        if cambio == 0:
            return "igual"
        return "mejor" if (cambio > 0) == self.mas_es_mejor else "peor"

    @property
    def tendencia(self) -> str:
        """«↑ mejor», «↓ peor», «= igual», or «—» without a figure to compare."""
        direccion = self.direccion
        if direccion is None or self.cambio is None:
            return "—"
        if direccion == "igual":
            return "= igual"
        return ("↑ " if self.cambio > 0 else "↓ ") + direccion


@dataclass(frozen=True)
class FilaReporte:
    """A client of the report, as the sheets and the PDF list them."""

    id: int
    nombre: str
    telefono: str | None
    email: str | None
    etapa: Etapa
    temperatura: str | None
    asesor: str
    plaza: str
    primer_contacto: date
    fecha_apartado: date | None
    ultima_actividad: datetime | None
    proximo_contacto: date | None
    motivo_cancelacion: str | None
    direccion: str | None = None
    origen: str | None = None
    curp: str | None = None
    rfc: str | None = None


@dataclass
class Reporte:
    titulo: str
    cartera: str
    filtros: str
    generado: datetime
    por_etapa: dict[Etapa, int]
    actividades_mes: int
    actividades_rango: int | None
    conversion: Kpi
    dias_apartado: Kpi
    apartados_contados: int
    cancelaciones: list[tuple[str, int]]
    metricas: list[Metrica] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.por_etapa.values())

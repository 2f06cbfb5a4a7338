"""The figure of a reliability probe (tests and bench/fiabilidad.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cifra:
    """One figure of a probe: how many trials, how many went wrong and what they left."""

    nombre: str
    ensayos: int = 0
    malos: int = 0
    detalles: list[str] = field(default_factory=list)
    extra: str = ""

    def mal(self, detalle: str) -> None:
        self.malos += 1
        if len(self.detalles) < 10:
            self.detalles.append(detalle)

    @property
    def ok(self) -> bool:
        return self.malos == 0

    def linea(self) -> str:
        texto = f"{self.nombre}: ensayos={self.ensayos} malos={self.malos}"
        if self.extra:
            texto += f" {self.extra}"
        return texto

    def informe(self) -> str:
        return self.linea() + "".join(f"\n  - {d}" for d in self.detalles)

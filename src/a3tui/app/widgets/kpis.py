"""The advisor's four KPIs (conversion, days to apartado, activities per week, cold prospects)
in a row: value, whether the target is met, and the target."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from a3tui.app import formato
from a3tui.app.screens.base import a3_de
from a3tui.domain import Kpi


class PanelKpis(Horizontal):
    """Four cells; ``mostrar`` fills them (they read «—» until the data arrives)."""

    def compose(self) -> ComposeResult:
        for n in range(4):
            yield Static("—", id=f"kpi-{n}", classes="kpi")

    def mostrar(self, kpis: list[Kpi]) -> None:
        for n, kpi in enumerate(kpis[:4]):
            celda = self.query_one(f"#kpi-{n}", Static)
            celda.update(
                Content.assemble(
                    (kpi.nombre, "bold"),
                    "\n",
                    (formato.kpi_valor(kpi), "bold"),
                    " ",
                    formato.kpi_estado(kpi, a3_de(self).capacidades),
                    "\n",
                    (f"meta {kpi.meta}", "$text-muted"),
                )
            )
            celda.set_class(kpi.cumple is False, "-no-cumple")
            celda.set_class(kpi.cumple is True, "-cumple")

"""The ficha's Notas tab: every note, newest first, read in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from a3tui import domain
from a3tui.app import formato
from a3tui.services.expediente import Expediente


class PanelNotas(VerticalScroll, can_focus=True):
    """The notes as text that wraps (a table would cut them)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="notas-texto", markup=False)

    def fill(self, expediente: Expediente) -> None:
        texto = self.query_one("#notas-texto", Static)
        if not expediente.notas:
            texto.update("Sin notas; agrega una con n.")
            return
        notas = "\n\n".join(f"{formato.fecha(nota.creado)}\n{nota.texto}" for nota in expediente.notas)
        texto.update(domain.imprimible(notas))

"""A long line (an activity of the history) read in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from a3tui.domain import imprimible


class Detalle(ModalScreen[None]):
    """Shows ``texto`` wrapped; Esc or Enter closes."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Cerrar", id="a3.detalle.cerrar")]

    def __init__(self, titulo: str, texto: str) -> None:
        super().__init__()
        self._titulo = imprimible(titulo)
        self._texto = imprimible(texto)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialogo", can_focus=True):
            yield Static(self._titulo, classes="dialogo-titulo", markup=False)
            yield Static(self._texto, markup=False)
            yield Static("Esc cierra.", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

"""A text read in full, in a dialog that stays until dismissed: a long line of the history,
or what the advisor has to read or copy (a saved file's path, a link), which a toast cut
at its edge and took away after a few seconds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from a3tui.domain import imprimible


class Detalle(ModalScreen[None]):
    """Shows ``texto`` wrapped; Esc or Enter closes. With ``copiar`` (a path, a link), that
    text also goes to the clipboard where the terminal allows it (OSC 52), and the dialog
    says so."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Cerrar", id="a3.detalle.cerrar")]

    def __init__(self, titulo: str, texto: str, *, copiar: str | None = None) -> None:
        super().__init__()
        self._titulo = imprimible(titulo)
        self._texto = imprimible(texto)
        self._copiar = copiar

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialogo", can_focus=True):
            yield Static(self._titulo, classes="dialogo-titulo", markup=False)
            yield Static(self._texto, markup=False)
            cierra = "Esc cierra."
            if self._copiar is not None:
                cierra = "Ya está en tu portapapeles si tu terminal lo permite. " + cierra
            yield Static(cierra, classes="ayuda-campo", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        if self._copiar is not None:
            self.app.copy_to_clipboard(self._copiar)

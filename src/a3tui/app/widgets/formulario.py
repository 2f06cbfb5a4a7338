"""Pieces of a3's forms: a labelled row, a date field and the inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from a3tui.app.screens.base import a3_de
from a3tui.domain import imprimible


class Campo(Horizontal):
    """One row of a form: a label on the left, the field on the right (one line high)."""

    def __init__(self, etiqueta: str, campo: Widget, *extra: Widget, id: str | None = None) -> None:
        super().__init__(id=id, classes="campo")
        self._etiqueta = etiqueta
        self._campos = (campo, *extra)

    def compose(self) -> ComposeResult:
        yield Label(self._etiqueta, classes="etiqueta")
        yield from self._campos


class EntradaFecha(Input):
    """A date (or date and time) field. Reaching it doesn't select its text, so what is typed
    edits the date there instead of replacing it («2026-12-04 10:00» → «… 11:00»); a flow
    that proposes a date to replace (``a l Enter v``) selects it itself."""

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id, compact=True, select_on_focus=False)

    def reemplazable(self) -> None:
        """Select the whole text: the next key typed replaces the date proposed."""
        self.select_all()


class MensajeError(Static):
    """The Spanish sentence of a service error, shown next to the form that caused it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="mensaje-error", markup=False)
        self.display = False

    def mostrar(self, mensaje: str) -> None:
        self.update(imprimible(a3_de(self).capacidades.dibujable("✗") + f" {mensaje}"))
        self.display = True

    def limpiar(self) -> None:
        self.update("")
        self.display = False

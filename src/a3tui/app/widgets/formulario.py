"""Pieces of a3's forms: a labelled row and the inline error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, Static

from a3tui.domain import imprimible, simbolo


class Campo(Horizontal):
    """One row of a form: a label on the left, the field on the right (one line high)."""

    def __init__(self, etiqueta: str, campo: Widget, *extra: Widget, id: str | None = None) -> None:
        super().__init__(id=id, classes="campo")
        self._etiqueta = etiqueta
        self._campos = (campo, *extra)

    def compose(self) -> ComposeResult:
        yield Label(self._etiqueta, classes="etiqueta")
        yield from self._campos


class MensajeError(Static):
    """The Spanish sentence of a service error, shown next to the form that caused it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="mensaje-error", markup=False)
        self.display = False

    def mostrar(self, mensaje: str) -> None:
        self.update(imprimible(f"{simbolo('✗')} {mensaje}"))
        self.display = True

    def limpiar(self) -> None:
        self.update("")
        self.display = False

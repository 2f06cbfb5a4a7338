"""The ficha's Pasos tab: what to do in the client's stage (seed: «Qué hacer»), each step
ticked from what a3 knows or by hand (Espacio or Enter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from a3tui import domain
from a3tui.app import formato
from a3tui.app.widgets.lista_ligera import ListaLigera
from a3tui.services.etapas import Paso
from a3tui.services.expediente import Expediente


def casilla(paso: Paso) -> str:
    """``[x] Mostrar propiedades`` / ``[ ] …``: a tick that reads without colour."""
    marca = "[x]" if paso.hecho else "[ ]"
    sabe = "  (a3 lo sabe)" if paso.automatico else ""
    return domain.imprimible(f"{marca} {paso.texto}{sabe}")


class ListaPasos(ListaLigera):
    """One line per step; Espacio or Enter asks to tick or untick it (the screen saves)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Marcar", tooltip="Marcar o desmarcar el paso"),
        Binding("enter", "select", "Marcar", show=False),
    ]

    @dataclass
    class Marcar(Message):
        """Tick (``hecho``) or untick the step ``clave``."""

        clave: str
        hecho: bool

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, compact=True)
        self._pasos: list[Paso] = []

    def fill(self, expediente: Expediente) -> None:
        resaltado = self.highlighted
        self._pasos = list(expediente.pasos)
        self.clear_options()
        self.add_options([Option(formato.plano(casilla(p)), id=p.clave) for p in self._pasos])
        if self.option_count:
            self.highlighted = min(resaltado or 0, self.option_count - 1)

    def action_select(self) -> None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self._pasos):
            return
        paso = self._pasos[self.highlighted]
        self.post_message(self.Marcar(paso.clave, not paso.hecho))

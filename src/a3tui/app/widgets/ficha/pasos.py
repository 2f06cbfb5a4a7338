"""The ficha's Pasos tab: what to do in the client's stage (seed: «Qué hacer»), each step
ticked from what a3 knows or by hand (Espacio or Enter), saved at once."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets.option_list import Option

from a3tui import domain
from a3tui.app import formato
from a3tui.app.screens.base import PantallaA3
from a3tui.app.widgets.lista_ligera import ListaLigera
from a3tui.services import clientes, etapas
from a3tui.services.etapas import Paso
from a3tui.services.expediente import Expediente


def casilla(paso: Paso) -> str:
    """``[x] Mostrar propiedades`` / ``[ ] …``: a tick that reads without colour."""
    marca = "[x]" if paso.hecho else "[ ]"
    sabe = "  (a3 lo sabe)" if paso.automatico else ""
    return domain.imprimible(f"{marca} {paso.texto}{sabe}")


class ListaPasos(ListaLigera):
    """One line per step; Espacio or Enter ticks or unticks it (saved at once)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Marcar", tooltip="Marcar o desmarcar el paso"),
        Binding("enter", "select", "Marcar", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, compact=True)
        self._pasos: list[Paso] = []
        self._cliente_id: int | None = None

    def fill(self, expediente: Expediente) -> None:
        resaltado = self.highlighted
        self._cliente_id = expediente.ficha.cliente.id
        self._pasos = list(expediente.pasos)
        self.clear_options()
        self.add_options([Option(formato.plano(casilla(p)), id=p.clave) for p in self._pasos])
        if self.option_count:
            self.highlighted = min(resaltado or 0, self.option_count - 1)

    def action_select(self) -> None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self._pasos):
            return
        paso, pantalla, cliente_id = self._pasos[self.highlighted], self.screen, self._cliente_id
        if isinstance(pantalla, PantallaA3) and cliente_id is not None:
            pantalla.write(lambda ctx: etapas.marcar(ctx, clientes.get(ctx, cliente_id), paso.clave, not paso.hecho))

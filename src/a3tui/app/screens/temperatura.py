"""Cambiar temperatura of a prospect (caliente, tibio, frío): it sets the follow-up cadence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select, Static

from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Temperatura
from a3tui.services import clientes


class CambiarTemperatura(Formulario[Temperatura | None]):
    """Dismisses with the new temperatura."""

    def __init__(self, cliente_id: int, nombre: str, actual: Temperatura | None) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.actual = actual

    def titulo(self) -> str:
        return f"Cambiar temperatura · {self.nombre}"

    def campos(self) -> ComposeResult:
        actual = self.actual.value if self.actual else "sin temperatura"
        yield Static(f"Temperatura actual: {actual}", classes="ayuda-campo", markup=False)
        otras = [(t.value, t.value) for t in Temperatura if t != self.actual]
        yield Campo("Nueva", Lista(otras, value=otras[0][1], allow_blank=False, id="temperatura", compact=True))

    def on_mount(self) -> None:
        self.query_one("#temperatura", Select).focus()

    def guardar(self) -> Temperatura | None:
        nueva = str(self.query_one("#temperatura", Select).value)
        cliente_id = self.cliente_id
        cliente = self.a3.gateway.write(
            lambda ctx: clientes.cambiar_temperatura(ctx, clientes.get(ctx, cliente_id), nueva)
        )
        if cliente.temperatura is not None:
            self.app.notify(f"Ahora es {cliente.temperatura.value}.", title=self.nombre)
        return cliente.temperatura

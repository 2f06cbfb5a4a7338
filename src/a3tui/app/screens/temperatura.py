"""Cambiar temperatura of a prospect (caliente, tibio, frío): it sets the follow-up cadence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select, Static

from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.domain import Temperatura
from a3tui.services import clientes


class CambiarTemperatura(Formulario[str | None]):
    """Dismisses with the new temperatura."""

    def __init__(self, cliente_id: int) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        cliente = self.app.datos.leer(lambda ctx: clientes.get(ctx, cliente_id))  # type: ignore[attr-defined]
        self.nombre = cliente.nombre
        self.actual = cliente.temperatura

    def titulo(self) -> str:
        return f"Cambiar temperatura · {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static(f"Temperatura actual: {self.actual or 'sin temperatura'}", classes="ayuda-campo", markup=False)
        otras = [(t.value, t.value) for t in Temperatura if t.value != self.actual]
        yield Campo("Nueva", Select(otras, value=otras[0][1], allow_blank=False, id="temperatura", compact=True))

    def on_mount(self) -> None:
        self.query_one("#temperatura", Select).focus()

    def guardar(self) -> str | None:
        nueva = str(self.query_one("#temperatura", Select).value)
        cliente_id = self.cliente_id
        cliente = self.app.datos.escribir(  # type: ignore[attr-defined]
            lambda ctx: clientes.cambiar_temperatura(ctx, clientes.get(ctx, cliente_id), nueva)
        )
        self.app.notify(f"Ahora es {cliente.temperatura}.", title=self.nombre)
        return cliente.temperatura

"""Cambiar etapa: move the client through the pipeline; cancelling asks for the motivo. A
prospect's next stage, apartado, is reached by reserving a property: the dialog offers it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Select, Static

from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Etapa
from a3tui.models import Cliente
from a3tui.services import Contexto, clientes


class CambiarEtapa(Formulario[Etapa | None]):
    """Dismisses with the new etapa. Errors of the service (e.g. no motivo) stay inline."""

    BINDINGS = [Binding("v", "apartar", "Apartar", tooltip="Apartar una propiedad", show=False, id="a3.etapa.apartar")]

    def __init__(self, cliente_id: int, nombre: str, actual: Etapa) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.actual = actual

    def titulo(self) -> str:
        return f"Cambiar etapa · {self.nombre}"

    def campos(self) -> ComposeResult:
        # Only the stages a hand change reaches (apartado and the rest follow the client's
        # reservation: the dialog says how instead of offering a choice that is refused).
        opciones = [(e.value, e.value) for e in clientes.etapas_a_mano(self.actual)]
        yield Static(f"Etapa actual: {self.actual.value}", classes="ayuda-campo", markup=False)
        for etapa, como in clientes.como_se_llega(self.actual):
            if etapa == Etapa.APARTADO:
                # Not a choice that is refused: the action that gets there.
                yield Campo("Apartado", Button("Apartar una propiedad… v", id="apartar", compact=True))
                continue
            tecla = "Enter en su apartado, pestaña 5"
            yield Static(f"Para pasar a {etapa.value}: {como} ({tecla}).", classes="ayuda-campo", markup=False)
        yield Campo(
            "Nueva etapa",
            Lista(opciones, value=opciones[0][1], allow_blank=False, id="etapa", compact=True),
        )
        yield Campo(
            "Motivo", Input(placeholder="obligatorio para cancelar", id="motivo", compact=True), id="campo-motivo"
        )

    def on_mount(self) -> None:
        self.query_one("#etapa", Select).focus()
        self._mostrar_motivo()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apartar":
            return bool(self.query("#apartar"))
        return True

    def action_apartar(self) -> None:
        """Reserve a property instead (the client reaches apartado with it)."""
        from a3tui.app.screens.apartado import apartar

        self.dismiss(None)
        apartar(self.a3, self.cliente_id, self.nombre)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apartar":
            event.stop()
            self.action_apartar()
            return
        super().on_button_pressed(event)

    @on(Select.Changed, "#etapa")
    def _mostrar_motivo(self) -> None:
        cancelar = self.query_one("#etapa", Select).value == Etapa.CANCELADO.value
        self.query_one("#campo-motivo").set_class(not cancelar, "opcional")

    def guardar(self) -> Etapa | None:
        etapa = str(self.query_one("#etapa", Select).value)
        motivo = self.query_one("#motivo", Input).value
        cliente_id = self.cliente_id

        def accion(ctx: Contexto) -> Cliente:
            return clientes.cambiar_etapa(ctx, clientes.get(ctx, cliente_id), etapa, motivo or None)

        cliente = self.a3.gateway.write(accion)
        self.app.notify(f"{self.actual.value} → {cliente.etapa.value}", title=f"Etapa de {self.nombre}")
        return cliente.etapa

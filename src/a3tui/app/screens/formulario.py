"""The shape of every a3 form: a modal dialog that saves with ^s (or Enter in a field),
cancels with Esc, and shows the service's Spanish error inline without closing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from a3tui.app.widgets.formulario import MensajeError
from a3tui.domain import imprimible
from a3tui.errors import A3Error

if TYPE_CHECKING:
    from a3tui.app.app import A3App

T = TypeVar("T")

# Returned by ``guardar`` to keep the form open (e.g. while a confirmation is asked).
SEGUIR = object()


class Formulario(ModalScreen[T], Generic[T]):
    """Subclasses yield their fields from ``campos`` and implement ``guardar``."""

    TITULO = ""
    # The main button's word (the action is always ^s).
    BOTON = "Guardar"
    BINDINGS = [
        Binding("escape", "cancelar", "Cancelar", id="a3.formulario.cancelar"),
        Binding("ctrl+s", "guardar", "Guardar", priority=True, id="a3.formulario.guardar"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialogo formulario", can_focus=False):
            yield Static(imprimible(self.titulo()), classes="dialogo-titulo", markup=False)
            yield from self.campos()
            yield MensajeError(id="error")
            with Horizontal(classes="botones"):
                yield Button(f"{self.BOTON} ^s", id="guardar", variant="primary", compact=True)
                yield Button("Cancelar Esc", id="cancelar", compact=True)

    @property
    def a3(self) -> A3App:
        """The app, with its type (Textual types ``self.app`` as any App)."""
        return cast("A3App", self.app)

    def titulo(self) -> str:
        return self.TITULO

    def campos(self) -> ComposeResult:
        yield from ()

    def guardar(self) -> Any:
        """Call the service; return the dismiss value, or SEGUIR to stay open. May raise A3Error."""
        raise NotImplementedError

    @property
    def error(self) -> MensajeError:
        return self.query_one("#error", MensajeError)

    def mostrar_error(self, mensaje: str) -> None:
        self.error.mostrar(mensaje)
        self.query_one(".formulario").scroll_end(animate=False)

    def action_guardar(self) -> None:
        self.error.limpiar()
        try:
            resultado = self.guardar()
        except A3Error as error:
            self.mostrar_error(error.mensaje)
            return
        if resultado is not SEGUIR:
            self.dismiss(resultado)

    def action_cancelar(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_guardar()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "guardar":
            self.action_guardar()
        elif event.button.id == "cancelar":
            self.action_cancelar()

"""The shape of every a3 form: a modal dialog that saves with ^s (or Enter in a field),
cancels with Esc, and shows the service's Spanish error inline without closing, with the
cursor on the field it is about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.widgets.formulario import MensajeError
from a3tui.app.widgets.lista import Lista
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
    # The field (a CSS selector; the first one shown wins) of each input a service error
    # names (A3Error.campo) whose id is not that name.
    CAMPOS: dict[str, str] = {}
    # True right after a chosen list value moved the cursor on (see on_key).
    _tras_elegir = False
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
            self.enfocar_campo(error.campo)
            return
        if resultado is not SEGUIR:
            self.dismiss(resultado)

    def enfocar_campo(self, campo: str | None) -> None:
        """Put the cursor on the field ``campo`` names, if the form shows it."""
        if not campo:
            return
        selector = self.CAMPOS.get(campo, f"#{campo.replace('_', '-')}")
        cadena = self.focus_chain
        for widget in self.query(selector):
            if widget in cadena:
                self.set_focus(widget)
                return

    def on_mount(self) -> None:
        # What the fields hold once filled: Esc asks before throwing away anything else.
        self.call_after_refresh(self._recordar_inicio)

    def _recordar_inicio(self) -> None:
        self._inicio = self.estado()

    def estado(self) -> dict[str, object]:
        """The value of every field of the form, by id."""
        valores: dict[str, object] = {}
        for campo in self.query("Input, Select, Checkbox, TextArea"):
            if not campo.id:
                continue
            if isinstance(campo, TextArea):
                valores[campo.id] = campo.text
            elif isinstance(campo, (Input, Select, Checkbox)):
                valores[campo.id] = campo.value
        return valores

    def con_cambios(self) -> bool:
        inicio = getattr(self, "_inicio", None)
        return inicio is not None and inicio != self.estado()

    def action_cancelar(self) -> None:
        if not self.con_cambios():
            self.dismiss(None)
            return

        def respuesta(descartar: bool | None) -> None:
            if descartar:
                self.dismiss(None)

        self.app.push_screen(
            Confirmar(
                "Cambios sin guardar",
                "Lo que escribiste en este formulario se perderá.",
                si="Descartar",
                no="Seguir editando",
                seguro=True,
            ),
            respuesta,
        )

    def on_lista_elegida(self, event: Lista.Elegida) -> None:
        """A list's value was chosen: go on to the next field (or where ``despues_de_elegir`` says)."""
        event.stop()
        self.despues_de_elegir(event.lista)
        self._tras_elegir = True

    def on_key(self, event: events.Key) -> None:
        # Choosing already moved on: a Tab pressed right after it (the habit of forms where
        # choosing stays put) would skip the field the cursor just reached, so it is let go.
        tras_elegir, self._tras_elegir = self._tras_elegir, False
        if tras_elegir and event.key == "tab":
            event.stop()
            event.prevent_default()

    def on_mouse_down(self) -> None:
        self._tras_elegir = False  # a click elsewhere: the next Tab is meant

    def despues_de_elegir(self, lista: Lista) -> None:
        self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_guardar()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "guardar":
            self.action_guardar()
        elif event.button.id == "cancelar":
            self.action_cancelar()

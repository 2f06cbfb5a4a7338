"""A yes/no question (the shape of frogmouth's YesNoDialog)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from a3tui.errors import Duplicado


class Confirmar(ModalScreen[bool]):
    """Ask a question; dismiss with True (yes) or False (no / Esc)."""

    BINDINGS = [
        Binding("escape", "responder(False)", "Cancelar", id="a3.confirmar.no"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    # A question that appears after the user's own action (a save) ignores the keys typed
    # ahead for this long: an Enter meant for the form must not answer it.
    PAUSA = 0.4

    def __init__(
        self,
        titulo: str,
        pregunta: str,
        *,
        si: str = "Sí",
        no: str = "No",
        seguro: bool = False,
        foco: str = "no",
    ) -> None:
        """``seguro``: keys typed before the question appeared are not taken as an answer,
        and then the focus goes to ``foco`` («no», the harmless answer, unless the question
        is about something as easy to undo as closing a task)."""
        super().__init__()
        self.foco = foco
        self._titulo = titulo
        self._pregunta = pregunta
        self._si = si
        self._no = no
        self.seguro = seguro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialogo"):
            yield Static(self._titulo, classes="dialogo-titulo", markup=False)
            yield Static(self._pregunta, classes="dialogo-texto", markup=False)
            with Horizontal(classes="botones"):
                yield Button(self._si, id="si", variant="primary", compact=True)
                yield Button(self._no, id="no", compact=True)

    def on_mount(self) -> None:
        if not self.seguro:
            self.query_one("#si", Button).focus()
            return
        botones = list(self.query(Button))
        for boton in botones:
            boton.disabled = True

        def listo() -> None:
            for boton in botones:
                boton.disabled = False
            self.query_one(f"#{self.foco}", Button).focus()

        self.set_timer(self.PAUSA, listo)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "si")

    def action_responder(self, respuesta: bool) -> None:
        self.dismiss(respuesta)


def preguntar_si_es_otra_persona(
    pantalla: Screen[Any], duplicado: Duplicado, guardar_de_todos_modos: Callable[[], None]
) -> None:
    """The duplicate warning, the same wherever a client's phone or e-mail is
    saved: name the existing client and, if the user says it is another person, save anyway."""

    def respuesta(si: bool | None) -> None:
        if si:
            guardar_de_todos_modos()

    pantalla.app.push_screen(
        Confirmar(
            "¿Es otra persona?",
            f"{duplicado.mensaje}\n¿Guardar de todos modos?",
            si="Guardar de todos modos",
            no="Revisar",
            seguro=True,
        ),
        respuesta,
    )

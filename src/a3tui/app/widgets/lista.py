"""a3's drop-down lists. ``Desplegable``: every Select of the app, its ▼ marker drawn as the
terminal can (``v`` on the Linux console). ``Lista``: a form's closed list that behaves like
a native one: typing a letter picks the matching option without opening it, Enter on a
chosen value moves on, and choosing from the open list moves on too (issue 13: the same in
every form)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select, Static

from a3tui.app.screens.base import a3_de
from a3tui.app.textual_privado import mensaje_de_eleccion_en_lista, opciones_de_select
from a3tui.domain import fold

# Choosing in the open list moves on too; on a Textual version a3 doesn't know, Enter does.
_ELECCION_EN_LISTA = mensaje_de_eleccion_en_lista()


def _texto(prompt: Any) -> str:
    if isinstance(prompt, Text):
        return prompt.plain
    return prompt if isinstance(prompt, str) else ""


def coincidencias(etiquetas: list[str], tecla: str) -> list[int]:
    """Indexes of the labels a typed letter names: those that start with it, then those with
    a word that starts with it (``l`` → «Contestó, llamar después»), accents ignored."""
    letra = fold(tecla)
    al_inicio = [i for i, e in enumerate(etiquetas) if fold(e).startswith(letra)]
    en_palabra = [
        i
        for i, e in enumerate(etiquetas)
        if i not in al_inicio and any(p.startswith(letra) for p in fold(e).replace(",", " ").split())
    ]
    return al_inicio + en_palabra


class Desplegable(Select[Any]):
    """A Select whose closed and open markers (▼ ▲) are drawn with the terminal's symbols:
    ``v`` and ``^`` where the font lacks them (the Linux console, ``A3_SIMBOLOS=ascii``; see
    app/terminal.py), so every drop-down reads as one. The app's screens use this, never
    Textual's Select itself."""

    def on_mount(self) -> None:
        for marcador, caracter in ((".down-arrow", "▼"), (".up-arrow", "▲")):
            for flecha in self.query(marcador).results(Static):
                flecha.update(a3_de(self).capacidades.dibujable(caracter))


class Lista(Desplegable):
    """A Select for forms. Posts ``Lista.Elegida`` when the user settles on a value (chosen in
    the open list, or Enter on a closed one); the form then moves to the next field."""

    class Elegida(Message):
        def __init__(self, lista: Lista) -> None:
            super().__init__()
            self.lista = lista

        @property
        def control(self) -> Lista:
            return self.lista

    BINDINGS = [Binding("enter", "elegir", show=False)]

    def action_elegir(self) -> None:
        """Enter on a closed list: move on with its value, or open it when nothing is chosen."""
        if self.is_blank():
            self.action_show_overlay()
        else:
            self.post_message(self.Elegida(self))

    def _opciones(self) -> list[tuple[str, Any]]:
        return [(_texto(prompt), valor) for prompt, valor in opciones_de_select(self) if valor is not Select.NULL]

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded:
            return
        if event.character is None or not event.is_printable or event.character == " ":
            return
        opciones = self._opciones()
        indices = coincidencias([e for e, _ in opciones], event.character)
        if not indices:
            return
        event.stop()
        event.prevent_default()
        actual = next((i for i, (_, v) in enumerate(opciones) if v == self.value), None)
        # The same letter again goes to the next option it names, as in a native list.
        siguiente = indices[(indices.index(actual) + 1) % len(indices)] if actual in indices else indices[0]
        self.value = opciones[siguiente][1]

    if _ELECCION_EN_LISTA is not None:

        @on(_ELECCION_EN_LISTA)
        def _elegida_en_la_lista(self, event: Message) -> None:
            # Select's own handler sets the value and closes the list; then the form moves on.
            self.call_after_refresh(self.post_message, self.Elegida(self))

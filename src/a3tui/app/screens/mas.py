"""«Más» (m): the ficha's less frequent actions in one list, each with its own key too —
at 80 columns the footer has room for the daily ones only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from a3tui.app import formato


class MenuMas(ModalScreen[str | None]):
    """Dismisses with the chosen action's name (an action of the ficha), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cerrar", id="a3.mas.cerrar")]

    def __init__(self, acciones: list[tuple[str, str, str]], titulo: str = "Más acciones") -> None:
        """``acciones``: (action, key, label)."""
        super().__init__()
        self.acciones = acciones
        self.titulo = titulo

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialogo elegir-corto"):
            yield Static(formato.plano(self.titulo), classes="dialogo-titulo")
            yield OptionList(
                *(Option(formato.plano(f"{tecla:>3}  {texto}"), id=accion) for accion, tecla, texto in self.acciones),
                id="mas-lista",
            )
            yield Static("Enter elige · Esc cierra", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

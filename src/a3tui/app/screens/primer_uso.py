"""First run: the default database does not exist yet; offer an empty one or the demo."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from a3tui.app import formato


class PrimerUsoApp(App[str | None]):
    """A small dialog that returns ``"vacia"``, ``"demo"`` or None (quit)."""

    CSS_PATH = "../a3.tcss"
    CSS = "Screen { align: center middle; }"
    TITLE = "a3"
    BINDINGS = [
        Binding("v", "elegir('vacia')", "Base vacía", id="a3.primer_uso.vacia"),
        Binding("d", "elegir('demo')", "Demo", id="a3.primer_uso.demo"),
        Binding("escape,q", "elegir(None)", "Salir", id="a3.primer_uso.salir"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="primer-uso", classes="dialogo"):
            yield Static("Bienvenida a a3", classes="dialogo-titulo")
            yield Static(
                formato.plano(
                    f"Todavía no hay una base de datos en\n{self.path}\n\n"
                    "¿Quieres empezar con una base vacía, o con datos de demostración para probar a3?"
                ),
                classes="dialogo-texto",
            )
            with Horizontal(classes="botones"):
                yield Button("Base vacía (v)", id="vacia", variant="primary", compact=True)
                yield Button("Demo (d)", id="demo", compact=True)
                yield Button("Salir (Esc)", id="salir", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.exit(None if event.button.id == "salir" else event.button.id)

    def action_elegir(self, eleccion: str | None) -> None:
        self.exit(eleccion)

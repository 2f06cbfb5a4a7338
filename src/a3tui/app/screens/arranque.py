"""The first frame, drawn while the data stack is imported and the database opened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from a3tui.app.widgets.barra import BarraSuperior


class Arranque(Screen[None]):
    """The top bar and one line: a3 answers at once, Mis tareas follows when it has read."""

    DEFAULT_CSS = """
    Arranque #abriendo {
        padding: 1 2;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield BarraSuperior("tareas")
        yield Static("Abriendo tu cartera…", id="abriendo")

"""w and l in the ficha: the client's WhatsApp chat (wa.me) or phone call (tel:) as a link
the terminal can open, also copied to the clipboard where the terminal allows it (OSC 52).
Nothing is logged: the advisor records what happened afterwards (a)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Static


class Contactar(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Cerrar", id="a3.contactar.cerrar")]

    def __init__(self, titulo: str, etiqueta: str, enlace: str) -> None:
        super().__init__()
        self.titulo = titulo
        self.etiqueta = etiqueta
        self.enlace = enlace

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialogo"):
            yield Static(self.titulo, classes="dialogo-titulo", markup=False)
            yield Static(Content.styled(self.etiqueta, Style(link=self.enlace, underline=True, bold=True)))
            yield Static(self.enlace, markup=False)
            yield Static(
                "Ábrelo con ctrl+clic, o pégalo en tu teléfono (ya está en tu portapapeles si tu terminal lo "
                "permite). Después registra con a lo que pasó.",
                classes="ayuda-campo",
                markup=False,
            )

    def on_mount(self) -> None:
        self.app.copy_to_clipboard(self.enlace)

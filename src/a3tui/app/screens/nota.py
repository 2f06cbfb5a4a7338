"""Nueva nota: a free observation about the client."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from a3tui.app.screens.formulario import Formulario
from a3tui.services import clientes, notas


class NuevaNota(Formulario[int | None]):
    """Dismisses with the new note's id. Enter starts a new line; ^s saves."""

    def __init__(self, cliente_id: int, nombre: str) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre

    def titulo(self) -> str:
        return f"Nueva nota · {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static("Enter empieza otra línea; ^s guarda.", classes="ayuda-campo")
        yield TextArea(id="texto", soft_wrap=True, show_line_numbers=False, compact=True)

    def on_mount(self) -> None:
        self.query_one("#texto", TextArea).focus()

    def guardar(self) -> int | None:
        texto = self.query_one("#texto", TextArea).text
        cliente_id = self.cliente_id
        nota = self.a3.gateway.write(lambda ctx: notas.add(ctx, clientes.get(ctx, cliente_id), texto))
        self.app.notify("Nota guardada.", title=self.nombre)
        return nota.id

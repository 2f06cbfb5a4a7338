"""A note's form: a new free observation about the client, or one written before opened
with Enter in the Notas tab to correct it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from a3tui.app.screens.formulario import Formulario
from a3tui.models import Nota
from a3tui.services import clientes, notas


class NuevaNota(Formulario[int | None]):
    """Dismisses with the note's id. Enter starts a new line; ^s saves. Given ``nota``, it
    corrects that note instead of adding one."""

    def __init__(self, cliente_id: int, nombre: str, *, nota: Nota | None = None) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.nota = nota

    def titulo(self) -> str:
        if self.nota is not None:
            return f"Nota {self.nota.id} · {self.nombre}"
        return f"Nueva nota · {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static("Enter empieza otra línea; ^s guarda.", classes="ayuda-campo")
        texto = self.nota.texto if self.nota is not None else ""
        yield TextArea(texto, id="texto", soft_wrap=True, show_line_numbers=False, compact=True)

    def on_mount(self) -> None:
        area = self.query_one("#texto", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def guardar(self) -> int | None:
        texto = self.query_one("#texto", TextArea).text
        if self.nota is not None and self.nota.id is not None:
            nota_id = self.nota.id
            nota = self.a3.gateway.write(lambda ctx: notas.edit(ctx, notas.get(ctx, nota_id), texto))
            self.app.notify("Nota corregida.", title=self.nombre)
            return nota.id
        cliente_id = self.cliente_id
        nota = self.a3.gateway.write(lambda ctx: notas.add(ctx, clientes.get(ctx, cliente_id), texto))
        self.app.notify("Nota guardada.", title=self.nombre)
        return nota.id

"""The command palette (ctrl+p) in Spanish: every action of the screen, every section, and
any client by name, phone or email (found with the client list's own search)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandPalette, Hit, Hits, Provider, SearchIcon
from textual.widgets.option_list import Option

from a3tui import domain

if TYPE_CHECKING:
    from a3tui.app.app import A3App

SIN_RESULTADOS = "Nada coincide"
# Clients offered for one query (the palette is for jumping, the list is for browsing).
CLIENTES_MAXIMO = 8


class PaletaA3(CommandPalette):
    """Textual's palette with its texts in Spanish, and plain characters on a terminal whose
    font lacks 🔎 and the ▔ ▁ lines of its frame (the Linux console: app/terminal.py)."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    .-ascii PaletaA3 #--input {
        border-top: ascii $border;
        border-bottom: ascii $border;
        border-left: none;
        border-right: none;
    }
    .-ascii PaletaA3 #--input.--list-visible {
        border-bottom: none;
    }
    .-ascii PaletaA3 CommandList {
        border-bottom: ascii $border;
    }
    .-ascii PaletaA3 CommandList.--populating {
        border-bottom: none;
    }
    .-ascii PaletaA3 LoadingIndicator {
        border-bottom: ascii $border;
    }
    """

    def on_mount(self) -> None:
        if self.app.has_class("-ascii"):
            self.query_one(SearchIcon).icon = ">"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own shows «No matches found»; the same countdown, in Spanish (on the
        # Textual versions app/textual_privado.py knows; on others, Textual's own).
        from a3tui.app.textual_privado import cuenta_sin_resultados

        def opcion(id_: str) -> Option:
            return Option(Align.center(Text(SIN_RESULTADOS, style="not bold")), disabled=True, id=id_)

        if not cuenta_sin_resultados(self, search_value, opcion):
            super()._start_no_matches_countdown(search_value)


class BuscarClientes(Provider):
    """Clients whose name, phone or e-mail matches what was typed (at least 2 letters)."""

    async def search(self, query: str) -> Hits:
        texto = query.strip()
        if len(texto) < 2:
            return
        app: A3App = self.app  # type: ignore[assignment]
        from a3tui.services import clientes

        def buscar(ctx: Any) -> list[clientes.FilaCliente]:
            return clientes.list_(ctx, clientes.Filtro(buscar=texto), limit=CLIENTES_MAXIMO)

        try:
            filas = app.gateway.read(buscar)
        except Exception:  # a half-typed query the search refuses: no client hits
            return
        for n, fila in enumerate(filas):
            telefono = domain.format_telefono(fila.telefono) if fila.telefono else ""
            detalle = " · ".join(p for p in (fila.etapa.value, telefono, fila.email or "") if p)
            nombre = domain.imprimible(fila.nombre)
            yield Hit(
                # The search already ranked them: keep its order, below exact command names.
                score=0.9 - n * 0.01,
                match_display=Text(f"Cliente: {nombre}"),
                command=partial(app.abrir_ficha, fila.id),
                text=f"Cliente: {nombre}",
                help=domain.imprimible(detalle),
            )

"""A table that draws only the rows on screen, after the client list (``ListaClientes``)
and toolong's ``LogLines``.

A ``DataTable`` drops its rendered lines whenever rows, focus or layout change, and
renders a line cell by cell (~1.5 ms a line): opening a ficha rendered the history's
visible rows several times over, ~90 ms of its ~95 (issue 14). Here a row is built from
the data only when it comes on screen, its line is kept in an LRU cache, and a cursor
move redraws two lines (the row it leaves and the row it reaches), which is also all
that goes over an SSH link.

It looks like the ``DataTable`` it replaces: a fixed header row, each cell padded by one
space, zebra stripes, the cursor row in the theme's block-cursor colours (blurred when the
table is not focused), the same keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from a3tui.app.messages import FilaElegida

# (title, width in cells without the padding; None: the width that is left).
Columnas = Sequence[tuple[str, int | None]]


def anchos(columnas: Columnas, ancho: int) -> list[int]:
    """Each column's width in ``ancho`` cells: fixed columns as given, the flexible one
    takes the rest (at least 10); every cell adds one space each side."""
    fijas = sum(w or 0 for _, w in columnas) + 2 * len(columnas)
    flexible = max(10, ancho - fijas)
    return [w if w is not None else flexible for _, w in columnas]


class TablaVirtual(ScrollView, can_focus=True):
    """Rows come from ``celdas(indice)``; ``mostrar`` sets how many. Enter posts ``FilaElegida``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "elegir", "Elegir", show=False),
        Binding("up", "cursor(-1)", "Arriba", show=False),
        Binding("down", "cursor(1)", "Abajo", show=False),
        Binding("pageup", "pagina(-1)", "Página arriba", show=False),
        Binding("pagedown", "pagina(1)", "Página abajo", show=False),
        # Inicio and Fin go to the first and last row, as in the client list.
        Binding("home,ctrl+home", "inicio", "Primero", show=False),
        Binding("end,ctrl+end", "fin", "Último", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tabla-virtual--encabezado",
        "tabla-virtual--cursor",
        "tabla-virtual--par",
        "tabla-virtual--impar",
    }

    # DataTable's own look (textual/widgets/_data_table.py), so the history looks as before.
    DEFAULT_CSS = """
    TablaVirtual {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .tabla-virtual--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .tabla-virtual--encabezado {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .tabla-virtual--par {
            background: $surface-darken-1 40%;
        }
        & > .tabla-virtual--encabezado {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .tabla-virtual--encabezado {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .tabla-virtual--impar {
        }
        & > .tabla-virtual--par {
            background: $surface-lighten-1 50%;
        }
        & > .tabla-virtual--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.zebra_stripes = zebra_stripes
        self.titulos: list[str] = []
        self.anchos: list[int] = []
        self.row_count = 0
        self.cursor_row = 0
        # Lines drawn, by (generation, row, is it the cursor, focused, width); -1 is the header.
        self._lineas: LRUCache[tuple[int, int, bool, bool, int], Strip] = LRUCache(maxsize=200)
        self._generacion = 0
        # Styles of a row by (is it the header, zebra parity, is it the cursor, focused): the
        # theme's, so forgotten when the styles change (notify_style_update).
        self._estilos_por_fila: dict[tuple[bool, int, bool, bool], tuple[Style, Style, Style]] = {}

    # ------------------------------------------------------------ data

    def mostrar(self, titulos: Sequence[str], anchos: Sequence[int], filas: int) -> None:
        """Show ``filas`` rows under these columns, cursor on the first (rows are read
        from ``celdas`` only as they come on screen)."""
        self.titulos = list(titulos)
        self.anchos = list(anchos)
        self.row_count = filas
        self.cursor_row = 0
        self._generacion += 1
        self._lineas.clear()
        self.virtual_size = Size(sum(w + 2 for w in self.anchos), filas + 1)
        self.scroll_to(x=0, y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def celdas(self, indice: int) -> list[Text]:
        """The cells of row ``indice``."""
        raise NotImplementedError

    def get_row_at(self, indice: int) -> list[Text]:
        """The cells of row ``indice`` (as DataTable names it)."""
        return self.celdas(indice)

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        ancho = self.scrollable_content_region.width
        if y == 0:
            indice = -1
        else:
            indice = self.scroll_offset.y + y - 1
            if indice >= self.row_count:
                return Strip.blank(ancho, self._estilos(-1, False)[2])
        es_cursor = indice == self.cursor_row
        clave = (self._generacion, indice, es_cursor, self.has_focus, ancho)
        strip = self._lineas.get(clave)
        if strip is None:
            strip = self._render_fila(indice, es_cursor, ancho)
            self._lineas[clave] = strip
        return strip

    def _render_fila(self, indice: int, es_cursor: bool, ancho: int) -> Strip:
        """One row as DataTable draws it: the row's style under each cell, the cursor's over it."""
        celdas = [Text(t) for t in self.titulos] if indice == -1 else self.celdas(indice)
        estilo, encima, base = self._estilos(indice, es_cursor)
        segmentos: list[Segment] = []
        for celda, w in zip(celdas, self.anchos, strict=False):
            if celda.spans:
                texto = celda.copy()
                texto.truncate(w, pad=True)
                texto.pad(1)
                texto.end = ""
                segmentos.extend(Segment.apply_style(texto.render(self.app.console), estilo, encima))
            elif celda.style:
                propio = celda.style if isinstance(celda.style, Style) else Style.parse(celda.style)
                espacio = Segment(" ", estilo + encima)
                segmentos += [espacio, Segment(set_cell_size(celda.plain, w), estilo + propio + encima), espacio]
            else:
                segmentos.append(Segment(f" {set_cell_size(celda.plain, w)} ", estilo + encima))
        usado = sum(w + 2 for w in self.anchos)
        if usado < ancho:
            segmentos.append(Segment(" " * (ancho - usado), estilo))
        return Strip(segmentos).adjust_cell_length(ancho, base).simplify()

    def _estilos(self, indice: int, es_cursor: bool) -> tuple[Style, Style, Style]:
        """The style under a row's cells, the one over them (the cursor's colours win over a
        cell's own, DataTable's «css» priority) and the widget's own."""
        clave = (indice == -1, indice % 2 if self.zebra_stripes else 0, es_cursor, self.has_focus)
        estilos = self._estilos_por_fila.get(clave)
        if estilos is not None:
            return estilos
        base = self.rich_style  # (computed from every ancestor: once, not once a line)
        if indice == -1:
            estilo = self.get_component_styles("tabla-virtual--encabezado").rich_style
        elif self.zebra_stripes:
            nombre = "tabla-virtual--impar" if indice % 2 else "tabla-virtual--par"
            estilo = self.get_component_styles(nombre).rich_style
        else:
            estilo = base
        encima = Style()
        if es_cursor:
            cursor = self.get_component_rich_style("tabla-virtual--cursor")
            estilo += cursor
            encima = Style.from_color(cursor.color, cursor.bgcolor)
        self._estilos_por_fila[clave] = (estilo, encima, base)
        return estilo, encima, base

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lineas.clear()
        self._estilos_por_fila.clear()

    def _refrescar_fila(self, indice: int) -> None:
        self.refresh_line(indice + 1)  # line 0 is the header

    # ------------------------------------------------------------ cursor

    @property
    def _alto(self) -> int:
        """Rows on screen (the header takes a line)."""
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, *, row: int) -> None:
        """Put the cursor on ``row`` (within the table) and bring it into view."""
        if not self.row_count:
            return
        nuevo = max(0, min(row, self.row_count - 1))
        anterior, self.cursor_row = self.cursor_row, nuevo
        y = self.scroll_offset.y
        if nuevo < y:
            self.scroll_to(y=nuevo, animate=False, immediate=True)
        elif nuevo >= y + self._alto:
            self.scroll_to(y=nuevo - self._alto + 1, animate=False, immediate=True)
        if anterior != nuevo:
            self._refrescar_fila(anterior)
            self._refrescar_fila(nuevo)

    def action_cursor(self, paso: int) -> None:
        self.move_cursor(row=self.cursor_row + paso)

    def action_pagina(self, direccion: int) -> None:
        # As DataTable: the view moves a page and the cursor with it.
        self.scroll_to(y=self.scroll_offset.y + direccion * self._alto, animate=False, immediate=True)
        self.move_cursor(row=self.cursor_row + direccion * self._alto)

    def action_inicio(self) -> None:
        self.move_cursor(row=0)

    def action_fin(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def action_elegir(self) -> None:
        if self.row_count:
            self.post_message(FilaElegida(self, self.cursor_row))

    def on_click(self, event: Click) -> None:
        # A click moves the cursor to the row; a click on the cursor's row chooses it.
        if event.y == 0:
            return
        indice = self.scroll_offset.y + event.y - 1
        if 0 <= indice < self.row_count:
            if indice == self.cursor_row:
                self.action_elegir()
            self.move_cursor(row=indice)
            event.stop()

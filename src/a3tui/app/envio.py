"""Send the terminal only the lines that changed (issue 14: bytes on the wire).

Textual repaints the whole screen whenever a screen's layout changes: opening the activity
form sent five full frames, four of them identical, ~44 KB over an advisor's SSH link.
`LineasEnviadas` remembers every cell of the screen (character and style) as it was last
sent, and reduces each of Textual's repaints to the stretch of each line that differs: an
identical frame costs nothing, and a screen switch sends only what is new on it.

It works on Textual's compositor updates: `LayoutUpdate` (whole lines, a screen's full
repaint) and `ChopsUpdate` (stretches of lines). A stretch Textual would send cut short,
a line whose cells a3 can't tell apart (an unusual character width), an update of another
kind, a resize or a return from a suspended process make those lines (or the screen)
unknown, and unknown cells are always sent. Ctrl+L, the Unix key for it, forgets it all
and repaints, should another program have written over the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from a3tui.app.textual_privado import ChopsUpdate, CompositorUpdate, LayoutUpdate

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from textual.geometry import Size

# One cell of the screen: its character (with any zero-width ones after it; "" for the
# right half of a wide character) and its style as the terminal shows it. None: unknown.
Celda = tuple[str, str]


@lru_cache(maxsize=4096)
def _visible(estilo: Style | None) -> str:
    """A style as the terminal shows it: Textual's styles also carry data for the mouse
    (the widget, the offset), which differs from one repaint to the next and shows nothing."""
    return "" if estilo is None else str(estilo)


class SoloCambios(CompositorUpdate):
    """The stretches of a repaint that differ from what the terminal shows: (x, y, text)."""

    def __init__(self, tramos: list[tuple[int, int, str]]) -> None:
        self.tramos = tramos

    def render_segments(self, console: Console) -> str:
        return "".join(Control.move_to(x, y).segment.text + texto for x, y, texto in self.tramos)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for x, y, texto in self.tramos:
            yield Control.move_to(x, y).segment
            yield Segment(texto)


def celdas(strips: Iterable[Strip]) -> list[Celda] | None:
    """The cells a line of strips fills, or None when a3 can't tell them apart as Textual
    counts them (then the line is sent whole)."""
    resultado: list[Celda] = []
    for strip in strips:
        antes = len(resultado)
        for texto, con_datos, control in strip:
            if control:
                continue
            estilo = _visible(con_datos)
            if texto.isascii():
                resultado.extend((c, estilo) for c in texto)
                continue
            for c in texto:
                ancho = get_character_cell_size(c)
                if ancho == 1:
                    resultado.append((c, estilo))
                elif ancho == 2:
                    resultado.extend(((c, estilo), ("", estilo)))
                elif resultado:  # zero width: part of the character before it
                    anterior, suyo = resultado[-1]
                    resultado[-1] = (anterior + c, suyo)
                else:
                    return None
        if len(resultado) - antes != strip.cell_length:
            return None
    return resultado


class LineasEnviadas:
    """Every cell of the terminal as a3 last sent it (None where unknown)."""

    def __init__(self) -> None:
        self._filas: dict[int, list[Celda | None]] = {}
        self._ancho = 0
        self._alto = 0

    def olvidar(self) -> None:
        """The terminal's content is unknown (resized, written over): the next repaint sends it all."""
        self._filas.clear()

    def _fila(self, y: int) -> list[Celda | None]:
        fila = self._filas.get(y)
        if fila is None:
            fila = self._filas[y] = [None] * self._ancho
        return fila

    def filtrar(self, update: RenderableType | None, tamano: Size, console: Console) -> RenderableType | None:
        """``update`` as it needs to be sent to a terminal of ``tamano`` that shows what was sent before."""
        if (tamano.width, tamano.height) != (self._ancho, self._alto):
            self._ancho, self._alto = tamano.width, tamano.height
            self.olvidar()
        if isinstance(update, LayoutUpdate) and update.region.x == 0 and update.region.width == tamano.width:
            return self._completa(update, console)
        if isinstance(update, ChopsUpdate):
            return self._parcial(update, console)
        if update is not None:
            self.olvidar()
        return update

    def _completa(self, update: LayoutUpdate, console: Console) -> SoloCambios:
        tramos = []
        for y, linea in enumerate(update.strips, update.region.y):
            strips = list(linea)
            nuevas = celdas(strips)
            fila = self._fila(y)
            if nuevas is None or len(nuevas) != len(fila):
                tramos.append((0, y, "".join(strip.render(console) for strip in strips)))
                self._filas[y] = [None] * self._ancho
                continue
            diferentes = [x for x, (antes, ahora) in enumerate(zip(fila, nuevas, strict=True)) if antes != ahora]
            if not diferentes:
                continue
            desde, hasta = diferentes[0], diferentes[-1] + 1
            # Never half a wide character, neither the one shown nor the one coming.
            while desde > 0 and (nuevas[desde][0] == "" or _mitad_derecha(fila[desde])):
                desde -= 1
            while hasta < len(nuevas) and (nuevas[hasta][0] == "" or _mitad_derecha(fila[hasta])):
                hasta += 1
            tramos.append((desde, y, Strip.join(strips).crop(desde, hasta).render(console)))
            self._filas[y] = list(nuevas)
        return SoloCambios(tramos)

    def _parcial(self, update: ChopsUpdate, console: Console) -> SoloCambios:
        """A partial repaint, written as the stretches of each repainted span that differ
        from what the terminal shows (Textual would write every stretch of the span)."""
        tramos: list[tuple[int, int, int, str]] = []  # (x, end, y, text)
        for y, x1, x2 in update.spans:
            fila = self._fila(y)
            linea = update.chops[y]
            for fin, (x, strip) in zip(update.chop_ends[y], linea.items(), strict=False):
                if strip is None or x >= x2 or fin <= x1:
                    continue
                nuevas = celdas([strip])
                if nuevas is None or len(nuevas) != fin - x:
                    # Cells a3 can't tell apart: the whole stretch goes, and stays unknown.
                    tramos.append((x, fin, y, strip.render(console)))
                    fila[x:fin] = [None] * (fin - x)
                    continue
                desde, hasta = max(x, x1), min(fin, x2)
                while desde > x and nuevas[desde - x][0] == "":
                    desde -= 1
                while hasta < fin and nuevas[hasta - x][0] == "":
                    hasta += 1
                if fila[desde:hasta] == nuevas[desde - x : hasta - x]:
                    continue
                parte = strip if (desde, hasta) == (x, fin) else strip.crop(desde - x, hasta - x)
                tramos.append((desde, hasta, y, parte.render(console)))
                fila[desde:hasta] = nuevas[desde - x : hasta - x]
        return SoloCambios(_juntar(tramos))


def _juntar(tramos: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Stretches that follow each other on a line, written after one cursor move."""
    juntos: list[tuple[int, int, str]] = []
    donde: tuple[int, int] | None = None  # where the last stretch ended
    for x, fin, y, texto in tramos:
        if juntos and donde == (x, y):
            x0, y0, anterior = juntos[-1]
            juntos[-1] = (x0, y0, anterior + texto)
        else:
            juntos.append((x, y, texto))
        donde = (fin, y)
    return juntos


def _mitad_derecha(celda: Celda | None) -> bool:
    return celda is not None and celda[0] == ""

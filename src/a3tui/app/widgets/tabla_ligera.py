"""A DataTable whose rows go to the terminal with one style change per run of cells, not
per cell: each cell carries its own click data (row and column), so six cells of one
colour were six colour sequences (~350 bytes a row at 80 columns), which an advisor on
SSH receives for every row a cursor move repaints. The tables here move a row cursor, so
a click needs only the row: runs of one colour are joined and keep the row."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import DataTable


class TablaLigera(DataTable[Any]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.cursor_type != "row":
            return strip
        # A run keeps its first cell's style, click data (row and column) included.
        segmentos = [
            Segment("".join(p.text for p in partes), partes[0].style)
            for partes in (list(grupo) for _, grupo in groupby(strip, key=_visual))
        ]
        return Strip(segmentos, strip.cell_length)


def _visual(segmento: Segment) -> Any:
    """What a segment looks like: its style without the click data."""
    estilo = segmento.style
    return None if estilo is None else (estilo.clear_meta_and_links(), estilo.link)

"""A DataTable whose rows go to the terminal with one style change per run of cells, not
per cell: each cell carries its own click data (row and column), so six cells of one
colour were six colour sequences (~350 bytes a row at 80 columns), which an advisor on
SSH receives for every row a cursor move repaints. The tables here move a row cursor, so
a click needs only the row: runs of one colour are joined and keep the row."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import DataTable


class TablaLigera(DataTable[Any]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.cursor_type != "row":
            return strip
        segmentos: list[Segment] = []
        for _visual, grupo in groupby(strip, key=_sin_meta):
            partes = list(grupo)
            estilo = partes[0].style
            if estilo is not None and estilo.meta and len(partes) > 1:
                meta = estilo.meta
                estilo = _sin_meta_estilo(estilo) + Style.from_meta(
                    {"row": meta.get("row"), "column": meta.get("column")}
                )
            segmentos.append(Segment("".join(p.text for p in partes), estilo))
        return Strip(segmentos, strip.cell_length)


def _sin_meta_estilo(estilo: Style) -> Style:
    return Style(
        color=estilo.color,
        bgcolor=estilo.bgcolor,
        bold=estilo.bold,
        dim=estilo.dim,
        italic=estilo.italic,
        underline=estilo.underline,
        reverse=estilo.reverse,
        strike=estilo.strike,
        link=estilo.link,
    )


def _sin_meta(segmento: Segment) -> Any:
    estilo = segmento.style
    return None if estilo is None else _sin_meta_estilo(estilo)

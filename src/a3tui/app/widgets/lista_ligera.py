"""An OptionList whose cursor moves repaint two rows, not the whole list.

Textual repaints a widget whole when its ``highlighted`` reactive changes, and a whole
widget goes to the terminal again: on Mis tareas at 80x24 that was ~4.5 KB per ↓, about a
second on a 4 KB/s SSH link. Here a move repaints the row it leaves and the row it reaches
(a move that scrolls still repaints what scrolled).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import OptionList

from a3tui.app.textual_privado import lineas_de_opcion


class ListaLigera(OptionList):
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def watch_highlighted(self, anterior: int | None, highlighted: int | None) -> None:  # type: ignore[override]
        super().watch_highlighted(highlighted)
        for indice in (anterior, highlighted):
            self._repintar_opcion(indice)

    def render_line(self, y: int) -> Strip:
        # One style change per run of same-styled text (fewer bytes per repainted row).
        return super().render_line(y).simplify()

    def scroll_to_highlight(self, top: bool = False) -> None:
        # Scrolling to a row already in view would still redraw the scroll bar: skip it.
        if not top and self.highlighted is not None and self.is_mounted:
            y, alto = lineas_de_opcion(self, self.highlighted) or (-1, -1)
            arriba = self.scroll_offset.y
            if alto > 0 and arriba <= y and y + alto <= arriba + self.scrollable_content_region.height:
                return
        super().scroll_to_highlight(top)

    def _repintar_opcion(self, indice: int | None) -> None:
        if indice is None or not self.is_mounted:
            return
        lineas = lineas_de_opcion(self, indice)
        if lineas is None:  # not known (or another Textual): the whole list, as Textual would
            self.refresh()
            return
        y, alto = lineas
        self.refresh(Region(0, y - self.scroll_offset.y, self.size.width, alto))

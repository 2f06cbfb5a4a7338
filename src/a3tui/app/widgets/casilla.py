"""A tick box that says whether it is ticked without colour: ``▐X▌`` ticked, ``▐ ▌`` not
(``[X]`` / ``[ ]`` in ASCII terminals). Textual's own draws the X in both states and tells
them apart by colour only, which NO_COLOR and 16-colour terminals lose."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

from a3tui.app.textual_privado import compatible


class Casilla(Checkbox):
    @property
    def _button(self) -> Content:
        # Textual's private drawing of the box (app/textual_privado.py): on a Textual version
        # a3 doesn't know, Textual's own box.
        if not compatible():
            return super()._button
        if self.app.has_class("-ascii"):
            self.BUTTON_LEFT, self.BUTTON_RIGHT = "[", "]"
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button

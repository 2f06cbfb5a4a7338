"""What the terminal can show, decided once at start-up from its environment.

* 16 colours (``TERM=linux``, ``TERM=xterm`` without ``COLORTERM``): the theme's blended
  colours all round to the same grey there, so a3 uses the terminal's own ANSI colours
  (Textual's ``ansi-dark`` theme): red, yellow and green stay red, yellow and green.
* ASCII symbols (``TERM=linux``, whose console font lacks ◐ ▐▌ ╭, or ``A3_SIMBOLOS=ascii``
  anywhere): alerts, tick boxes and dialog borders drawn with plain characters.
* No colour (``NO_COLOR``): the highlighted row is shown reversed, not by a shade of grey.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from a3tui.domain import pide_simbolos_ascii, simbolos_en_ascii

# TERM suffixes that say how many colours (as Rich reads them).
_COLORES_POR_SUFIJO = {"256color": 256, "16color": 16, "kitty": 1 << 24, "truecolor": 1 << 24, "direct": 1 << 24}
TEMA_ANSI = "ansi-dark"


@dataclass(frozen=True)
class Terminal:
    colores: int
    ascii: bool
    sin_color: bool

    @property
    def tema(self) -> str | None:
        """The theme this terminal needs instead of the default, if any."""
        return TEMA_ANSI if self.colores <= 16 and not self.sin_color else None

    @property
    def clases(self) -> list[str]:
        """CSS classes for the app (a3.tcss draws the differences)."""
        return [c for c, si in (("-ascii", self.ascii), ("-sin-color", self.sin_color)) if si]

    def dibujable(self, texto: str) -> str:
        """``texto`` with the status symbols this terminal can draw: the domain's ● ◐ ○ ✓ ✗
        ▼ ▲, or SIMBOLOS_ASCII where the font lacks them. Every widget that shows one asks
        the app's terminal through this (``a3_de(widget).capacidades``)."""
        return simbolos_en_ascii(texto) if self.ascii else texto


def detectar(environ: Mapping[str, str]) -> Terminal:
    """The terminal described by ``environ`` (TERM, COLORTERM, NO_COLOR, A3_SIMBOLOS)."""
    term = environ.get("TERM", "").strip().lower()
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        colores = 1 << 24
    else:
        colores = _COLORES_POR_SUFIJO.get(term.rpartition("-")[2], 16)
    return Terminal(colores=colores, ascii=pide_simbolos_ascii(environ), sin_color=bool(environ.get("NO_COLOR")))

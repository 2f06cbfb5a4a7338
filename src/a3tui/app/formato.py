"""How values read on screen: alerts with colour *and* a symbol/word, money, dates.

Colours are theme variables ($text-error …) so light, dark, 256-colour and NO_COLOR
terminals all work; the symbol and word carry the meaning without colour.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.content import Content

from a3tui.app.terminal import Terminal
from a3tui.domain import Alerta, Kpi, imprimible, texto_alerta

# Theme variable per alert; the list widget uses matching component classes.
COLOR_ALERTA = {Alerta.ROJO: "$text-error", Alerta.AMARILLO: "$text-warning", Alerta.VERDE: "$text-success"}


def plano(texto: str) -> Content:
    """Text as it is: the one way a label built from data (a name, a path, a step with
    «[x]») becomes something a widget shows. Never read as markup, never a control
    character; Option, Static and the like parse a plain ``str`` as markup."""
    return Content(imprimible(texto))


def alerta(alerta: Alerta | None, terminal: Terminal) -> Content:
    """The alert as coloured Content (colour is a bonus; the words say it), with the
    symbols ``terminal`` draws."""
    if alerta is None:
        return Content.styled(texto_alerta(None), "$text-muted")
    return Content.styled(terminal.dibujable(texto_alerta(alerta)), f"bold {COLOR_ALERTA[alerta]}")


def fecha(valor: date | datetime | None) -> str:
    """``2026-11-23`` or ``2026-11-23 10:00``."""
    if valor is None:
        return "—"
    if isinstance(valor, datetime):
        return valor.strftime("%Y-%m-%d %H:%M")
    return valor.isoformat()


def kpi_valor(kpi: Kpi) -> str:
    if kpi.valor is None:
        return "sin datos"
    if kpi.unidad == "%":
        return f"{kpi.valor:.0f}%"
    if kpi.unidad == "días":
        return f"{kpi.valor:.0f} días"
    return f"{kpi.valor:.0f}"


def kpi_estado(kpi: Kpi, terminal: Terminal) -> Content:
    """``✓ cumple`` / ``✗ no cumple`` (with the symbols ``terminal`` draws), «en curso» for
    a week still running; nothing when there is no figure (the value already says «sin
    datos»)."""
    if kpi.cumple is None:
        return Content("" if kpi.valor is None else kpi.veredicto)
    estilo = "bold $text-success" if kpi.cumple else "bold $text-error"
    return Content.styled(terminal.dibujable(kpi.veredicto), estilo)


def tamano(bytes_: int) -> str:
    if bytes_ < 1024:
        return f"{bytes_} B"
    if bytes_ < 1024 * 1024:
        return f"{bytes_ / 1024:.0f} KB"
    return f"{bytes_ / 1024 / 1024:.1f} MB"

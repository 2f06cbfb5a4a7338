"""Helpers of the app tests: wait for workers (never sleep) and read what the screen shows."""

from __future__ import annotations

import html
import re
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static
from textual.worker import WorkerCancelled

from a3tui.app.widgets.tabla_virtual import TablaVirtual


async def esperar(pilot: Pilot) -> None:
    """Let the app settle: pending messages, then every worker (and what they started).

    A worker replaced by a newer one of its group (``exclusive``) ends cancelled: that is
    the app working as meant, so the wait goes on for the others."""
    for _ in range(3):
        await pilot.pause()
        for _intento in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                await pilot.pause()
    await pilot.pause()


def texto(widget: Static) -> str:
    """The plain text a Static shows."""
    contenido: Any = widget.content
    return getattr(contenido, "plain", str(contenido))


def filas(tabla: DataTable | TablaVirtual) -> list[str]:
    """Each row of a DataTable (or of a virtual table, such as the ficha's history) as one line of text."""
    return [" | ".join(str(celda) for celda in tabla.get_row_at(i)) for i in range(tabla.row_count)]


def opciones(lista: OptionList) -> list[str]:
    """The text of every option of an OptionList."""
    return [getattr(o.prompt, "plain", str(o.prompt)) for o in lista.options]


async def resaltar(pilot: Pilot[Any], lista: OptionList, indice: int) -> None:
    """Move the list's cursor down to row ``indice``, as a user does (↓ until it is there)."""
    for _ in range(lista.option_count):
        if lista.highlighted == indice:
            break
        await pilot.press("down")
    assert lista.highlighted == indice


def sin_parpadeo(pilot: Pilot) -> None:
    """Stop the cursor blinking in every input on screen (stable snapshots)."""
    for campo in pilot.app.screen.query(Input):
        campo.cursor_blink = False


async def abrir_ficha(pilot: Pilot[Any], cliente_id: int) -> Any:
    """The ficha as the client list opens it (c, then the client): the FichaScreen."""
    from a3tui.app.screens.ficha import FichaScreen

    await pilot.press("c")
    await esperar(pilot)
    pilot.app.abrir_ficha(cliente_id)  # type: ignore[attr-defined]
    await esperar(pilot)
    assert isinstance(pilot.app.screen, FichaScreen)
    return pilot.app.screen


def espiar_repintados(widget: Any, monkeypatch: Any) -> list[tuple[Any, ...]]:
    """The regions ``widget`` asks to repaint from now on (one tuple per ``refresh`` call)."""
    repintados: list[tuple[Any, ...]] = []
    original = widget.refresh

    def espia(*regiones: Any, **kw: Any) -> Any:
        repintados.append(regiones)
        return original(*regiones, **kw)

    monkeypatch.setattr(widget, "refresh", espia)
    return repintados


async def buscar_en_paleta(pilot: Pilot[Any], texto: str) -> list[str]:
    """Open the command palette (ctrl+p), type ``texto`` and return what it offers."""
    from textual.command import CommandList

    from a3tui.app.paleta import PaletaA3

    await pilot.press("ctrl+p")
    await esperar(pilot)
    assert isinstance(pilot.app.screen, PaletaA3)
    await pilot.press(*texto)
    await pilot.pause(0.6)  # the palette searches after a short pause, and says «nothing» after another
    await esperar(pilot)
    lista = pilot.app.screen.query_one(CommandList)
    return [str(lista.get_option_at_index(i).prompt) for i in range(lista.option_count)]


# Rich's SVG export: a cell is 20 × 0.61 units wide; each run of text names its line.
_ANCHO_DE_CELDA = 20 * 0.61
_TEXTO_SVG = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>')


def pantalla(app: App[Any]) -> list[str]:
    """The screen as the user reads it, one string per line: what is drawn (from the
    screenshot), not what a widget holds, so a text cut at its column's edge reads cut."""
    lineas: dict[int, str] = {}
    for x, y, contenido in _TEXTO_SVG.findall(app.export_screenshot()):
        linea = lineas.get(int(y), "")
        celda = round(float(x) / _ANCHO_DE_CELDA)
        lineas[int(y)] = linea + " " * (celda - cell_len(linea)) + html.unescape(contenido).replace("\xa0", " ")
    return [lineas.get(y, "") for y in range(app.size.height)]


def columna(lineas: list[str], titulo: str, hasta: str | None = None) -> str:
    """What a table's column shows, read down from its title as one paragraph (a text the
    column wraps reads whole, a cut one stays cut): the cells under ``titulo`` up to where
    the title ``hasta`` starts (to the line's end without it), on every line below. Columns
    are counted in characters: the screens read this way hold no double-width ones."""
    for n, linea in enumerate(lineas):
        if titulo in linea and (hasta is None or hasta in linea):
            desde, fin = linea.index(titulo), (linea.index(hasta) if hasta else None)
            return " ".join(" ".join(otra[desde:fin] for otra in lineas[n + 1 :]).split())
    raise AssertionError(f"No hay columna «{titulo}» en la pantalla:\n" + "\n".join(lineas))


def en_pantalla(lineas: list[str]) -> str:
    """The screen's words in reading order, as one line (a paragraph wrapped over several
    lines reads whole when nothing else shares those lines)."""
    return " ".join(" ".join(lineas).split())


def dialogo(lineas: list[str]) -> str:
    """What a dialog framed over the screen says, as one paragraph: the text between the
    frame's sides («│ … │») of each line, without what shows around the frame."""
    dentro = [linea[linea.index("│") + 1 : linea.rindex("│")] for linea in lineas if linea.count("│") >= 2]
    return " ".join(" ".join(dentro).split())

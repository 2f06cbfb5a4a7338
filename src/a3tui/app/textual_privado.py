"""Every private name of Textual that a3 touches, in one place, for the versions it was written for.

Textual's private names (``textual._compositor``, ``App._display`` and the state it checks,
``SelectOverlay``, OptionList's ``_index_to_line``/``_heights``, the command palette's
no-matches countdown, ``Select._options``, ``App._exit_renderables``…) change between minor
versions without notice. a3 uses them only on the Textual versions in ``ESCRITO_PARA`` (the
range pyproject.toml declares and constraints.txt pins; tests/app/test_textual_privado.py
checks they agree). On any other version each use falls back to Textual's public behaviour:
whole frames instead of only the changed cells (as with ``A3_REPINTADO=completo``), a whole
list repainted on a cursor move, Enter to move on after choosing from an open list, Textual's
own «No matches found» and fatal-error screen. Slower or plainer, never stale cells on screen.
"""

from __future__ import annotations

import contextlib
import os
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from a3tui import versiones

# What Textual's repaints are made of (app/envio.py). Missing on another Textual: then
# envio_diferencial() is False and envio.py is never imported.
with contextlib.suppress(ImportError):
    from textual._compositor import ChopsUpdate as ChopsUpdate
    from textual._compositor import CompositorUpdate as CompositorUpdate
    from textual._compositor import LayoutUpdate as LayoutUpdate

if TYPE_CHECKING:
    from textual.app import App
    from textual.widgets import OptionList, Select

# The Textual versions these names were read from: [floor, cap).
ESCRITO_PARA = ((8, 2, 5), (8, 3))


def _version_instalada() -> str:
    try:
        return version("textual")
    except PackageNotFoundError:  # pragma: no cover - Textual is a dependency
        return "0"


VERSION = _version_instalada()


def compatible(texto: str | None = None) -> bool:
    """Whether the installed Textual (or ``texto``) is one a3's private uses were written for."""
    return versiones.en_rango(VERSION if texto is None else texto, ESCRITO_PARA)


# ---------------------------------------------------------------- sending only changed cells


def envio_diferencial() -> bool:
    """Send only the cells that changed (app/envio.py)? Not on another Textual version, nor
    with ``A3_REPINTADO=completo``: then Textual's whole frames go, as Textual sends them."""
    if os.environ.get("A3_REPINTADO", "").strip().lower() == "completo":
        return False
    return compatible()


def escribe_en_terminal(app: App[Any]) -> bool:
    """Will ``App._display`` really write this repaint to a terminal? The same conditions as
    Textual's own, so the record of what the terminal shows stays true."""
    if not compatible():
        return False
    driver = app._driver
    return (
        not app._batch_count
        and app._running
        and not app._closed
        and not app.is_headless
        and driver is not None
        and not driver.is_inline
    )


# ---------------------------------------------------------------- lists


def lineas_de_opcion(lista: OptionList, indice: int) -> tuple[int, int] | None:
    """The first line and the height of option ``indice`` in an OptionList, or None when a3
    can't know them (then the caller repaints the whole list)."""
    if not compatible():
        return None
    try:
        return lista._index_to_line[indice], lista._heights[indice]
    except (AttributeError, KeyError, IndexError):
        return None


def opciones_de_select(select: Select[Any]) -> list[tuple[Any, Any]]:
    """A Select's ``(prompt, value)`` pairs (empty on another version: a typed letter then
    doesn't pick an option, as in Textual's own Select)."""
    if not compatible():
        return []
    return list(getattr(select, "_options", []))


def mensaje_de_eleccion_en_lista() -> type[Any] | None:
    """The message Textual's Select posts when an option is chosen in its open list, or None."""
    try:
        from textual.widgets._select import SelectOverlay
    except ImportError:  # pragma: no cover - another Textual
        return None
    return SelectOverlay.UpdateSelection


# ---------------------------------------------------------------- command palette


def cuenta_sin_resultados(paleta: Any, busqueda: str, opcion: Any) -> bool:
    """Textual's «No matches found» countdown with a3's ``opcion`` in its place. False on
    another version: the caller leaves Textual's own."""
    if not compatible():
        return False
    from textual.command import CommandList

    paleta._stop_no_matches_countdown()

    def sin_resultados() -> None:
        if busqueda:
            paleta.query_one(CommandList).add_option(opcion(paleta._NO_MATCHES))
            paleta._list_visible = True
        else:
            paleta._list_visible = False

    paleta._no_matches_timer = paleta.set_timer(paleta._NO_MATCHES_COUNTDOWN, sin_resultados)
    return True


# ---------------------------------------------------------------- exit and errors


def saliendo(app: App[Any]) -> bool:
    """The app was asked to exit (``q`` while the database was still opening)."""
    return bool(getattr(app, "_exit", False)) if compatible() else False


def excepcion_fatal(app: App[Any]) -> BaseException | None:
    """The exception that is ending the app, or None (on another version: unknown)."""
    return app._exception if compatible() else None


def terminar_con(app: App[Any], linea: str) -> None:
    """End the app printing ``linea`` instead of Textual's traceback screen."""
    app._exit_renderables.append(linea)
    app._close_messages_no_wait()

"""What every command shares: the chosen database, the service context, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from a3tui.services import Contexto


REF_HELP = "Id del cliente, o parte de su nombre, teléfono o email que coincida con uno solo."


class Opciones:
    """Global options given before the group (``a3 --db PATH cliente …``)."""

    db: str | None = None


@contextmanager
def contexto() -> Iterator[Contexto]:
    """Open the database and yield the current advisor's context: one transaction per command."""
    from a3tui import services
    from a3tui.store import open_store

    store = open_store(Opciones.db)
    try:
        with store.session() as session:
            yield services.contexto(session)
    finally:
        store.dispose()


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(type(value).__name__)


def print_json(document: Any) -> None:
    """A stable JSON document: Spanish keys, ISO 8601 dates, UTF-8 text."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_default) + "\n")


_console: Console | None = None


def console() -> Console:
    """Rich console for tables (colour only on a terminal; honours NO_COLOR)."""
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False, soft_wrap=False)
    return _console


def echo(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def split_claves(value: str | None) -> list[str]:
    """``"A-1, B-2"`` → ``["A-1", "B-2"]``."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]

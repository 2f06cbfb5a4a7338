"""What every command shares: the chosen database, the service context, output helpers."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from a3tui.services import Contexto


REF_HELP = "Id del cliente, o parte de su nombre, teléfono o email que coincida con uno solo."

# Parameters many commands share, declared once (``ref: Ref``, ``json: Json = False``).
Ref = Annotated[str, typer.Argument(metavar="REF", help=REF_HELP, show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Salida en JSON.")]


def opcion_db(typer_ctx: typer.Context) -> str | None:
    """The ``--db`` given before the group (``a3 --db PATH cliente …``), kept in the root context."""
    obj = typer_ctx.find_root().obj
    return obj.get("db") if isinstance(obj, dict) else None


@contextmanager
def contexto(typer_ctx: typer.Context, *, escritura: bool) -> Iterator[Contexto]:
    """Open the database and yield the current advisor's context: one transaction per command.

    A command that writes takes the write lock for its whole transaction; one that only
    reads never creates a database named by --db that does not exist (a typo), and works
    on a database it can't write.
    """
    from a3tui import services
    from a3tui.store import open_store

    store = open_store(opcion_db(typer_ctx), create=escritura)
    try:
        with store.session(escritura=escritura) as session:
            ctx = services.contexto(session)
            yield ctx
        for aviso in ctx.avisos:
            echo(f"Aviso: {aviso}", error=True)
    finally:
        store.dispose()


@contextmanager
def contexto_de_simulacion(typer_ctx: typer.Context) -> Iterator[Contexto]:
    """Like ``contexto`` for a dry run (``--simular``): the database if it exists, read only;
    if there is none yet, an empty one in a temporary folder (a dry run creates nothing)."""
    import tempfile
    from pathlib import Path

    from a3tui import services
    from a3tui.store import open_store, resolve_path
    from a3tui.store_pg import url_elegida

    if url_elegida(opcion_db(typer_ctx)) is not None or resolve_path(opcion_db(typer_ctx))[0].exists():
        with contexto(typer_ctx, escritura=False) as ctx:
            yield ctx
        return
    with tempfile.TemporaryDirectory(prefix="a3-simulacion-") as carpeta:
        store = open_store(str(Path(carpeta) / "a3.db"))
        try:
            with store.session(escritura=True) as session:
                yield services.contexto(session)
                session.rollback()
        finally:
            store.dispose()


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        # a3 keeps local wall-clock times (naive); JSON says which offset they are in, so a
        # program reading them elsewhere doesn't have to guess: 2026-11-23T10:00:00-06:00.
        return (value if value.tzinfo is not None else value.astimezone()).isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(type(value).__name__)


def momento_json(valor: Any) -> Any:
    """A value kept as text in the audit (``"2026-11-23T10:00:00"``, a local time) with its
    offset, as every other moment a3 prints in JSON; any other value as it is."""
    if isinstance(valor, str) and len(valor) >= 16 and valor[4] == "-" and valor[10] == "T":
        try:
            return _default(datetime.fromisoformat(valor))
        except ValueError:
            return valor
    return valor


def lista_json(plural: str, filas: list[Any], total: int | None = None, **contexto: Any) -> dict[str, Any]:
    """The one envelope every list prints in JSON: ``{…contexto, "total": N, plural: [...]}``.

    ``total`` is how many there are in all (more than ``len(filas)`` when a limit cut the
    list); the context keys (``cliente``, ``fecha``) say whose list it is. The README's
    «Salida JSON» table lists each command's shape."""
    return {**contexto, "total": len(filas) if total is None else total, plural: filas}


def print_json(document: Any) -> None:
    """A stable JSON document: Spanish keys, ISO 8601 dates, UTF-8 text.

    Characters that act on a terminal are escaped (``\\u001b``): json escapes C0 controls,
    and this escapes the rest (DEL, C1, bidirectional overrides) the same way.
    """
    from a3tui.domain import escapar_json

    sys.stdout.write(escapar_json(json.dumps(document, ensure_ascii=False, indent=2, default=_default)) + "\n")


def echo(text: str = "", *, error: bool = False) -> None:
    """Print one line (on standard error with ``error``); characters that would act on the
    terminal are neutralised, and the status symbols are written as it can draw them."""
    from a3tui.domain import imprimible

    (sys.stderr if error else sys.stdout).write(escribible(imprimible(text)) + "\n")


def escribible(texto: str) -> str:
    """``texto`` as this terminal can draw it: the status symbols the domain says (● ◐ ○ ✓
    ✗ ▼ ▲) become ``domain.SIMBOLOS_ASCII`` where the font lacks them (``TERM=linux``,
    ``A3_SIMBOLOS=ascii``). The CLI's one translation: `echo` and `salida.imprimir` write
    through it, stored text included (the terminal can't draw those characters in it
    either); JSON is data and never goes through it."""
    from a3tui.domain import pide_simbolos_ascii, simbolos_en_ascii

    return simbolos_en_ascii(texto) if pide_simbolos_ascii(os.environ) else texto


def split_claves(value: str | None) -> list[str]:
    """``"A-1, B-2"`` → ``["A-1", "B-2"]``."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def ruta_de_salida(salida: str | None, nombre: str) -> Path:
    """Where a command's file goes: ``salida`` as typed (a file, or ``-`` for standard
    output); ``nombre`` inside it when it is a folder; a free ``nombre`` in the current
    folder without it. ``salida`` is the text as typed, not a Path: «~/reportes/» with its
    final slash names a folder, which must exist (as a Path it read as a file «reportes»)."""
    from a3tui.archivos import archivo_nuevo, es_salida_estandar
    from a3tui.errors import ArchivoInvalido

    if salida is None:
        return archivo_nuevo(Path.cwd(), nombre)
    destino = Path(salida).expanduser()
    if es_salida_estandar(destino):
        return destino
    if destino.is_dir():
        return archivo_nuevo(destino, nombre)
    if salida.endswith("/"):
        raise ArchivoInvalido(f"La carpeta {destino} no existe; créala primero.")
    return destino

"""The full-screen app (`a3` with no arguments).

Only ``run`` lives here, and it imports Textual inside the function: the CLI imports this
package to start the app and must not pay Textual's start-up cost for other commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from a3tui.store import Store

__all__ = ["run"]


def run(db: str | None = None) -> None:
    """Open the app on the database chosen by ``db``/A3_DB/the default location.

    A missing default database is offered to be created, empty or with demo data.
    A database that can't be opened prints one Spanish sentence and exits with code 1.
    """
    from a3tui.errors import A3Error
    from a3tui.store import open_store, resolve_path

    if not terminal():
        # Without a terminal Textual reads an endless end-of-file and spins a core.
        print(
            "Error: la aplicación de pantalla completa necesita una terminal; "
            "fuera de ella usa los comandos, por ejemplo: a3 hoy (a3 --help los lista).",
            file=sys.stderr,
        )
        raise SystemExit(1)
    try:
        path, explicit = resolve_path(db)
        demo = False
        if not explicit and not path.exists():
            from a3tui.app.screens.primer_uso import PrimerUsoApp

            eleccion = PrimerUsoApp(path).run()
            if eleccion is None:
                return
            demo = eleccion == "demo"
        store = open_store(db)
        if demo:
            _crear_demo(store)
    except A3Error as error:
        print(f"Error: {error.mensaje}", file=sys.stderr)
        raise SystemExit(1) from None

    from a3tui.app.app import A3App

    try:
        app = A3App(store)  # identifies the advisor: an unknown login stops here, in Spanish
    except A3Error as error:
        store.dispose()
        print(f"Error: {error.mensaje_cli}", file=sys.stderr)
        raise SystemExit(1) from None
    try:
        app.run()
    finally:
        store.dispose()
    if app.return_code:
        raise SystemExit(app.return_code)


def terminal() -> bool:
    """True when a3 runs in an interactive terminal (both stdin and stdout)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _crear_demo(store: Store) -> None:
    """Fill a new database with the demo data (the same as `a3 demo`)."""
    from a3tui import demo
    from a3tui.services import ajustes

    print("Creando la base de datos de demostración…", file=sys.stderr)
    demo.generate(store, clientes=150, seed=7)
    demo.oficina(store, seed=7)
    with store.session() as session:
        ajustes.marcar_demo(session, 7)

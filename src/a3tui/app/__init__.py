"""The full-screen app (`a3` with no arguments).

Only ``run`` lives here, and it imports Textual inside the function: the CLI imports this
package to start the app and must not pay Textual's start-up cost for other commands.
"""

from __future__ import annotations

import sys
from functools import partial
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
    from a3tui.store_pg import url_elegida

    try:
        store: Store | None = None
        path, explicit = (None, True) if url_elegida(db) is not None else resolve_path(db)
        if path is not None and not explicit and not path.exists():
            from a3tui.app.screens.primer_uso import PrimerUsoApp

            eleccion = PrimerUsoApp(path).run()
            if eleccion is None:
                return
            store = open_store(db)
            if eleccion == "demo":
                _crear_demo(store)
    except A3Error as error:
        print(f"Error: {error.mensaje}", file=sys.stderr)
        raise SystemExit(1) from None

    from a3tui.app.app import A3AppAbriendo

    # The first frame is drawn before the data stack is imported: the app opens the
    # database in a thread (an unknown login or a bad file ends it, with the sentence below).
    abierta = store
    app = A3AppAbriendo((lambda: abierta) if abierta is not None else partial(_abrir, db))
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.dispose()
    if app.error_al_abrir is not None:
        print(f"Error: {app.error_al_abrir.mensaje_cli}", file=sys.stderr)
        raise SystemExit(1)
    if app.return_code:
        raise SystemExit(app.return_code)


def _abrir(db: str | None) -> Store:
    from a3tui.store import open_store

    return open_store(db)


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

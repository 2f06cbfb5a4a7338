"""The app's door to the services: one session (one transaction) per call.

Screens never hold a session: each user action or query opens one, builds the
advisor's context with the app's clock, calls the services and commits, or rolls back
everything when a service raises. SQLite connections belong to one thread, so worker
threads call this too and get their own session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from a3tui import services

if TYPE_CHECKING:
    from a3tui.services import Contexto
    from a3tui.store import Store
    from a3tui.store_pg import Vigia

T = TypeVar("T")


class Gateway:
    """Runs service calls for the app and counts the changes it made."""

    def __init__(self, store: Store, login: str | None = None) -> None:
        self.store = store
        self.login = login
        # Bumped after every successful write, so screens know their data is stale.
        self.version = 0
        # A connection of its own that only asks SQLite whether another connection (a
        # `cliente add` in another terminal, a colleague) committed since it last asked.
        self._vigia: sqlite3.Connection | None = None
        self._dato = -1
        # On PostgreSQL (team mode) a connection that listens for the office's changes.
        self._vigia_pg: Vigia | None = None

    def prepare(self) -> None:
        """Create the advisor's record now, on this thread: the first screens read in two
        worker threads at once, and both would try to create it."""
        with self.store.session(escritura=not self.store.solo_lectura) as session:
            services.contexto(session, self.login)
        if self.store.path is None:
            from a3tui.store_pg import Vigia

            try:
                self._vigia_pg = Vigia(self.store.engine)
            except Exception:
                self._vigia_pg = None

    def read(self, query: Callable[[Contexto], T]) -> T:
        """Run a read-only ``query(ctx)`` in its own session."""
        with self.store.session(escritura=False) as session:
            return query(services.contexto(session, self.login))

    def write(self, action: Callable[[Contexto], T]) -> T:
        """Run ``action(ctx)`` as one transaction; A3Error rolls everything back and propagates."""
        with self.store.session(escritura=True) as session:
            result = action(services.contexto(session, self.login))
        self.version += 1
        self._dato = self._data_version()  # our own write: the screen that made it reads again
        if self._vigia_pg is not None:
            self._vigia_pg.hubo_cambios()  # (its notice, if already here, is ours)
        return result

    def _data_version(self) -> int:
        if self.store.path is None:
            return self._dato  # PostgreSQL (team mode): no file to ask
        try:
            if self._vigia is None:
                self._vigia = sqlite3.connect(f"file:{self.store.path}?mode=ro", uri=True, check_same_thread=False)
            return int(self._vigia.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return self._dato

    def cambio_externo(self) -> bool:
        """Whether another process wrote to the database since the last call (SQLite's
        ``PRAGMA data_version``: microseconds, no table read; on PostgreSQL, a notice on
        ``a3_cambios``). Bumps ``version`` if so."""
        if self._vigia_pg is not None:
            if not self._vigia_pg.hubo_cambios():
                return False
            self.version += 1
            return True
        dato = self._data_version()
        if self._dato == -1:
            self._dato = dato
            return False
        if dato == self._dato:
            return False
        self._dato = dato
        self.version += 1
        return True

    def cerrar(self) -> None:
        if self._vigia is not None:
            self._vigia.close()
            self._vigia = None
        if self._vigia_pg is not None:
            self._vigia_pg.cerrar()
            self._vigia_pg = None

"""The app's door to the services: one session (one transaction) per call.

Screens never hold a session: each user action or query opens one, builds the
advisor's context with the app's clock, calls the services and commits, or rolls back
everything when a service raises. SQLite connections belong to one thread, so worker
threads call this too and get their own session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from a3tui import services

if TYPE_CHECKING:
    from a3tui.services import Contexto
    from a3tui.store import Store, Vigia

T = TypeVar("T")


class Gateway:
    """Runs service calls for the app and counts the changes it made."""

    def __init__(self, store: Store, login: str | None = None) -> None:
        self.store = store
        self.login = login
        # Bumped after every successful write, so screens know their data is stale.
        self.version = 0
        # The store's watcher of other connections' writes (Store.vigia), made on first use.
        self._vigia: Vigia | None = None
        self._sin_vigia = False

    def prepare(self) -> None:
        """Create the advisor's record now, on this thread: the first screens read in two
        worker threads at once, and both would try to create it. The watcher starts now
        too (in team mode it listens from here on)."""
        with self.store.session(escritura=not self.store.solo_lectura) as session:
            services.contexto(session, self.login)
        self._vigilante()

    def _vigilante(self) -> Vigia | None:
        if self._vigia is None and not self._sin_vigia:
            self._vigia = self.store.vigia()
            self._sin_vigia = self._vigia is None
        return self._vigia

    def read(self, query: Callable[[Contexto], T]) -> T:
        """Run a read-only ``query(ctx)`` in its own session."""
        with self.store.session(escritura=False) as session:
            return query(services.contexto(session, self.login))

    def write(self, action: Callable[[Contexto], T]) -> T:
        """Run ``action(ctx)`` as one transaction; A3Error rolls everything back and propagates."""
        with self.store.session(escritura=True) as session:
            result = action(services.contexto(session, self.login))
        self.version += 1
        vigia = self._vigilante()
        if vigia is not None:
            vigia.cambio_propio()  # our own write: the screen that made it reads again
        return result

    def cambio_externo(self) -> bool:
        """Whether another process wrote to the database since the last call (the store's
        watcher). Bumps ``version`` if so."""
        vigia = self._vigilante()
        if vigia is None or not vigia.hubo_cambios():
            return False
        self.version += 1
        return True

    def cerrar(self) -> None:
        if self._vigia is not None:
            self._vigia.cerrar()
            self._vigia = None

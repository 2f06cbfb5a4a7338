"""The office of every test database (the advisors the tests act as)."""

from __future__ import annotations

from datetime import datetime

from a3tui import store as store_module

# The office of every test database: «carla» created it (so she is its coordinator) and
# added «ana» (the advisor most tests act as) and «luis», all of plaza General.
OFICINA = ("carla", "ana", "luis")


def crear_oficina(store: store_module.Store, momento: datetime | None = None) -> None:
    """Give a new database the test office (see OFICINA)."""
    from a3tui import services
    from a3tui.services import asesores

    with store.session() as session:
        coordinadora = services.contexto(session, OFICINA[0], momento or datetime(2026, 1, 5, 9, 0))
        for login in OFICINA[1:]:
            asesores.add(coordinadora, login, nombre=login)

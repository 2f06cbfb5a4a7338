"""Databases as older versions of a3 wrote them (for upgrade tests)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, text

from a3tui import store as store_module


def base_en_revision(path: Path, revision: str = "0001") -> None:
    """A database at schema ``revision`` with one advisor, one client and one phone,
    written as the first version of a3 wrote them."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", store_module._set_pragmas)
    store_module.migrate(engine, "0001")
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO asesor (id, nombre, login, rol, plaza, activo, creado) "
                "VALUES (1, 'Ana', 'ana', 'asesor', 'General', 1, '2026-01-05 09:00:00')"
            )
        )
        con.execute(
            text(
                "INSERT INTO cliente (id, nombre, nombre_orden, email, primer_contacto, asesor_id, plaza, "
                "etapa, temperatura, proximo_contacto, creado, actualizado) VALUES (7, 'José Pérez Núñez', "
                "'jose perez nunez', 'jose.perez@example.com', '2026-11-01', 1, 'General', 'prospecto', "
                "'tibio', '2026-11-08', '2026-11-01 09:00:00', '2026-11-01 09:00:00')"
            )
        )
        con.execute(text("INSERT INTO telefono (cliente_id, numero, orden) VALUES (7, '8123456789', 0)"))
    if revision != "0001":
        store_module.migrate(engine, revision)
    engine.dispose()


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

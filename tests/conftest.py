"""Shared fixtures: a real temporary a3 database, a fixed clock, and isolation from the user's files."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

from a3tui import services
from a3tui import store as store_module
from a3tui.services import Contexto
from a3tui.store import Store
from apoyo_store import OFICINA, crear_oficina
from servidor_pg import PLANTILLA_VACIA_PG, BasePG, ServidorPG, arrancar, borrar_base, crear_base


@pytest.fixture(autouse=True)
def _aislado(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user's database, data, state and log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("A3_DB", str(home / "a3-env.db"))
    monkeypatch.setenv("A3_ASESOR", "ana")
    monkeypatch.setenv("A3_AHORA", "2026-11-23T10:00:00")
    monkeypatch.delenv("A3_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def ahora() -> datetime:
    """The fixed clock of the tests: Monday 23 November 2026, 10:00."""
    return datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "a3.db"


@pytest.fixture(scope="session")
def _base_migrada(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at the current schema with the test office and no clients, made once:
    running the migrations for every test is slow."""
    path = tmp_path_factory.mktemp("plantilla") / "a3.db"
    plantilla = store_module.open_store(str(path))
    crear_oficina(plantilla)
    plantilla.dispose()
    return path


@pytest.fixture
def store_sqlite(db_path: Path, _base_migrada: Path) -> Iterator[Store]:
    """A fresh, empty a3 database on a temporary SQLite file, at the current schema."""
    shutil.copyfile(_base_migrada, db_path)
    os.chmod(db_path, 0o600)
    opened = store_module.open_store(str(db_path))
    yield opened
    opened.dispose()


@pytest.fixture
def store(store_sqlite: Store) -> Store:
    """The database of a test: SQLite here; the service tests run on both engines
    (tests/services/conftest.py)."""
    return store_sqlite


# ---------------------------------------------------------------- PostgreSQL (team mode)


@pytest.fixture(scope="session")
def servidor_pg() -> Iterator[ServidorPG]:
    """This test process's private PostgreSQL server (see servidor_pg.py)."""
    servidor = arrancar()
    yield servidor
    servidor.detener()


def _admin(servidor: ServidorPG) -> psycopg.Connection[Any]:
    return psycopg.connect(servidor.url("postgres"), autocommit=True)


@pytest.fixture
def servidor_en_marcha(servidor_pg: ServidorPG) -> ServidorPG:
    """The private server, or the test skipped saying why PostgreSQL can't run here."""
    if not servidor_pg.disponible:
        pytest.skip(f"las pruebas en PostgreSQL no corren: {servidor_pg.razon}")
    return servidor_pg


@pytest.fixture(scope="session")
def _plantilla_pg(servidor_pg: ServidorPG) -> str:
    """A database at the current schema with the test office, the template of each test's."""
    if not servidor_pg.disponible:
        pytest.skip(f"las pruebas en PostgreSQL no corren: {servidor_pg.razon}")
    with _admin(servidor_pg) as admin:
        admin.execute("CREATE DATABASE a3_plantilla")
    plantilla = store_module.open_store(servidor_pg.url("a3_plantilla"))
    crear_oficina(plantilla)
    plantilla.dispose()
    return "a3_plantilla"


@pytest.fixture(scope="session")
def _plantilla_vacia_pg(servidor_pg: ServidorPG) -> str:
    """An a3 database at the current schema and with nothing in it (no advisor yet: the
    first command's advisor becomes its coordinator, as with a new file)."""
    if not servidor_pg.disponible:
        pytest.skip(f"las pruebas en PostgreSQL no corren: {servidor_pg.razon}")
    crear_base(servidor_pg, PLANTILLA_VACIA_PG)
    store_module.open_store(servidor_pg.url(PLANTILLA_VACIA_PG)).dispose()
    return PLANTILLA_VACIA_PG


@pytest.fixture
def base_pg_vacia(servidor_pg: ServidorPG, _plantilla_vacia_pg: str) -> Iterator[BasePG]:
    """A new database on the private server, at the current schema and empty (dropped after the test)."""
    base = crear_base(servidor_pg, f"a3_{uuid.uuid4().hex[:16]}", _plantilla_vacia_pg)
    yield base
    borrar_base(base)


@pytest.fixture
def db(motor: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | BasePG:
    """The database of a command-line or reliability test (also what A3_DB points to): a
    file path on SQLite, a :class:`BasePG` (whose text is its URL) on PostgreSQL. ``motor``
    comes from the suite's ``pytest_generate_tests`` (``servidor_pg.parametrizar_motor``)."""
    if motor == "sqlite":
        return tmp_path / "a3.db"
    base: BasePG = request.getfixturevalue("base_pg_vacia")
    return base


@pytest.fixture
def store_pg(servidor_pg: ServidorPG, _plantilla_pg: str) -> Iterator[Store]:
    """A fresh a3 database on the private PostgreSQL server, a copy of the template."""
    nombre = f"a3_{uuid.uuid4().hex[:16]}"
    with _admin(servidor_pg) as admin:
        admin.execute(f"CREATE DATABASE {nombre} TEMPLATE {_plantilla_pg}")
        # Roles belong to the server, not to a database: an earlier test's «asesor baja»
        # took a login away; every test starts with the office's roles able to log in.
        for (rol,) in admin.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [list(OFICINA)]).fetchall():
            admin.execute(f'ALTER ROLE "{rol}" LOGIN')
    opened = store_module.open_store(servidor_pg.url(nombre))
    yield opened
    opened.dispose()
    with _admin(servidor_pg) as admin:
        admin.execute(f"DROP DATABASE {nombre} WITH (FORCE)")


@pytest.fixture
def ctx(store: Store, ahora: datetime) -> Iterator[Contexto]:
    """The context of advisor «ana» at the fixed clock, inside one session (committed at the end)."""
    with store.session() as session:
        yield services.contexto(session, "ana", ahora)

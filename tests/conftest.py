"""Shared fixtures: a real temporary a3 database, a fixed clock, and isolation from the user's files."""

from __future__ import annotations

import os
import shutil
import tempfile
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
from apoyo.entorno import aislar
from apoyo.oficina import OFICINA, crear_oficina
from apoyo.pg import (
    PLANTILLA_VACIA_PG,
    BasePG,
    ServidorPG,
    arrancar,
    borrar_base,
    crear_base,
    parametrizar_motor,
    sin_servidor,
)
from apoyo.proceso import prefijo_sin_privilegios


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two test processes per core. A test spends much of its time waiting on
    an `a3` process, PostgreSQL or the app going idle, and a second process per core uses
    that time (on 2 cores: 4 processes, about a quarter less time than 2)."""
    return 2 * (os.cpu_count() or 1)


# The two longest tests (a minute and more on 2 cores): started first, so that no test
# process is left running one of them alone at the end of the run. Others keep their
# order (the multi-process probes spread over the run: all together, they slow each other).
PRIMERO = (
    "fiabilidad/test_fuzz_cli.py::test_ningun_comando_muestra_un_bug_ni_escribe_al_fallar[postgresql]",
    "test_estatico.py::test_mypy_estricto_no_encuentra_errores",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not any(item.nodeid.endswith(nombre) for nombre in PRIMERO))


# Seconds of test time (setup, call and teardown, summed over the test processes) by the
# folder under tests/ a test lives in, and on which engine: what the suite's time goes to.
_TIEMPOS: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    partes = report.nodeid.split("::")[0].split("/")
    carpeta = partes[1] if len(partes) > 2 else "tests/"
    motor = " (postgresql)" if "[postgresql" in report.nodeid or "-postgresql" in report.nodeid else ""
    _TIEMPOS[carpeta + motor] = _TIEMPOS.get(carpeta + motor, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    total = sum(_TIEMPOS.values())
    if total < 60:
        return  # a few tests: nothing to learn
    terminalreporter.write_sep("=", "test time by folder (summed over test processes)")
    for carpeta, segundos in sorted(_TIEMPOS.items(), key=lambda par: -par[1]):
        terminalreporter.write_line(f"{carpeta:<28} {segundos:8.0f} s {segundos / total:6.1%}")
    terminalreporter.write_line(f"{'total':<28} {total:8.0f} s")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``motor`` runs on SQLite, and also on PostgreSQL when marked
    ``ambos_motores`` (see apoyo.pg.parametrizar_motor)."""
    parametrizar_motor(metafunc)


@pytest.fixture(autouse=True)
def _aislado(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Keep every test away from the real user's database, data, state and log folders:
    HOME is the test's tmp/home, and A3_DB its database (``db``) when it has one, else
    tmp/a3.db (a file that does not exist yet)."""
    home = tmp_path / "home"
    home.mkdir()
    db = request.getfixturevalue("db") if "db" in request.fixturenames else tmp_path / "a3.db"
    aislar(monkeypatch, home, db)


@pytest.fixture
def sin_privilegios() -> Iterator[tuple[list[str], Path]]:
    """(command prefix without write privileges, a world-traversable temporary folder)."""
    prefijo = prefijo_sin_privilegios()
    if prefijo is None:
        pytest.skip(
            "no se puede correr a3 sin privilegios aquí (se necesita setpriv y que el usuario 65534 "
            "pueda ejecutar el Python del entorno, o poder quitar CAP_DAC_OVERRIDE)"
        )
    base = Path(tempfile.mkdtemp(dir="/tmp", prefix="a3-sin-privilegios-"))
    base.chmod(0o755)
    try:
        yield prefijo, base
    finally:
        for raiz, carpetas, _archivos in os.walk(base):
            for nombre in carpetas:
                os.chmod(os.path.join(raiz, nombre), 0o755)
        shutil.rmtree(base, ignore_errors=True)


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
def store(motor: str, request: pytest.FixtureRequest) -> Store:
    """The database of a service test, at the current schema with the test office: on
    SQLite, and also on PostgreSQL when the test is marked ``ambos_motores``."""
    elegido: Store = request.getfixturevalue("store_pg" if motor == "postgresql" else "store_sqlite")
    return elegido


# ---------------------------------------------------------------- PostgreSQL (team mode)


@pytest.fixture(scope="session")
def servidor_pg() -> Iterator[ServidorPG]:
    """This test process's private PostgreSQL server (see apoyo/pg.py)."""
    servidor = arrancar()
    yield servidor
    servidor.detener()


def _admin(servidor: ServidorPG) -> psycopg.Connection[Any]:
    return psycopg.connect(servidor.url("postgres"), autocommit=True)


@pytest.fixture
def servidor_en_marcha(servidor_pg: ServidorPG) -> ServidorPG:
    """The private server, or the test skipped saying why PostgreSQL can't run here."""
    if not servidor_pg.disponible:
        sin_servidor(servidor_pg.razon)
    return servidor_pg


@pytest.fixture(scope="session")
def _plantilla_pg(servidor_pg: ServidorPG) -> str:
    """A database at the current schema with the test office, the template of each test's."""
    if not servidor_pg.disponible:
        sin_servidor(servidor_pg.razon)
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
        sin_servidor(servidor_pg.razon)
    crear_base(servidor_pg, PLANTILLA_VACIA_PG)
    store_module.open_store(servidor_pg.url(PLANTILLA_VACIA_PG)).dispose()
    return PLANTILLA_VACIA_PG


@pytest.fixture
def base_pg_vacia(servidor_pg: ServidorPG, _plantilla_vacia_pg: str) -> Iterator[BasePG]:
    """A new database on the private server, at the current schema and empty (dropped after the test)."""
    base = crear_base(servidor_pg, f"a3_{uuid.uuid4().hex[:16]}", _plantilla_vacia_pg)
    yield base
    borrar_base(base)


@pytest.fixture(scope="session")
def _base_vacia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the current schema with nothing in it, made once: what `a3` leaves
    after creating a new file (its first command's advisor becomes its coordinator)."""
    path = tmp_path_factory.mktemp("plantilla-vacia") / "a3.db"
    store_module.open_store(str(path)).dispose()
    return path


@pytest.fixture
def db(motor: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | BasePG:
    """The database of a command-line or reliability test (also what A3_DB points to): a
    file path on SQLite, a :class:`BasePG` (whose text is its URL) on PostgreSQL. ``motor``
    comes from ``pytest_generate_tests``.

    Both start migrated and empty, as `a3` leaves a new database, so a test does not pay
    for the migrations; a test about the SQLite file itself (marked ``solo_sqlite``) gets
    a path where nothing exists yet, as a3 finds it the first time."""
    if motor == "sqlite":
        path = tmp_path / "a3.db"
        if request.node.get_closest_marker("solo_sqlite") is None:
            shutil.copyfile(request.getfixturevalue("_base_vacia"), path)
            path.chmod(0o600)
        return path
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

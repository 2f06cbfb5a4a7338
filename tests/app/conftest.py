"""Fixtures of the app tests: isolated environment, a seeded database, and a helper that
waits for the app's workers instead of sleeping."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import pytest_textual_snapshot

from a3tui.store import Store, open_store
from apoyo.cartera import AHORA, sembrar
from apoyo.oficina import crear_oficina
from apoyo.pg import MOTORES, ServidorPG, sin_servidor


@pytest.fixture(autouse=True)
def _entorno_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """On top of the suite's isolation (tests/conftest.py): a full-colour terminal with
    Unicode symbols, whatever runs the tests (CI has no TERM)."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")


class _SVGDeAmbosMotores(pytest_textual_snapshot.SVGImageExtension):
    """One snapshot per screen, named without the engine: ``test_x[sqlite]`` compares
    against ``test_x.svg`` (and so would ``test_x[postgresql]``, a screen looks the same
    whatever its data came from)."""

    @classmethod
    def get_snapshot_name(cls, *, test_location: Any, index: Any = 0) -> str:
        nombre = super().get_snapshot_name(test_location=test_location, index=index)
        return re.sub(r"\[(?:{})\]".format("|".join(MOTORES)), "", nombre)


@pytest.fixture(autouse=True)
def _un_snapshot_por_pantalla(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", _SVGDeAmbosMotores)


@pytest.fixture(scope="session")
def _plantilla(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The sample portfolio written once per run; each test gets its own copy."""
    path = tmp_path_factory.mktemp("plantilla") / "a3.db"
    ids = _sembrada(str(path))
    return path, ids


def _sembrada(destino: str) -> dict[str, int]:
    """Write the office and the sample portfolio into the database at ``destino``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("A3_AHORA", AHORA.isoformat())
        mp.setenv("A3_ASESOR", "ana")
        store = open_store(destino)
        crear_oficina(store)
        ids = sembrar(store)
        store.dispose()  # closes the WAL into the file, so copying the file is enough
    return ids


@pytest.fixture(scope="session")
def _plantilla_app_pg(servidor_pg: ServidorPG) -> tuple[str, dict[str, int]]:
    """The same portfolio in a database of the private PostgreSQL server."""
    if not servidor_pg.disponible:
        sin_servidor(servidor_pg.razon)
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        admin.execute("CREATE DATABASE a3_app_plantilla")
    return "a3_app_plantilla", _sembrada(servidor_pg.url("a3_app_plantilla"))


@pytest.fixture
def base(motor: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    """A database with the sample portfolio of tests/apoyo/cartera.py: on SQLite, and also on
    PostgreSQL when the test is marked ``ambos_motores``."""
    if motor == "postgresql":
        servidor: ServidorPG = request.getfixturevalue("servidor_pg")
        plantilla_pg, ids = request.getfixturevalue("_plantilla_app_pg")
        nombre = f"a3_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(servidor.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {nombre} TEMPLATE {plantilla_pg}")
        store = open_store(servidor.url(nombre))
        yield store, dict(ids)
        store.dispose()
        with psycopg.connect(servidor.url("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {nombre} WITH (FORCE)")
        return
    plantilla, ids = request.getfixturevalue("_plantilla")
    destino = tmp_path / "a3.db"
    shutil.copyfile(plantilla, destino)
    destino.chmod(0o600)
    store = open_store(str(destino))
    yield store, dict(ids)
    store.dispose()


@pytest.fixture
def store(base: tuple[Store, dict[str, int]]) -> Store:
    return base[0]


@pytest.fixture
def ids(base: tuple[Store, dict[str, int]]) -> dict[str, int]:
    return base[1]


@pytest.fixture(autouse=True)
def _pausas_cortas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot decides the app is idle when a 20 ms sleep used under 1 ms of CPU: every key
    press and pause costs at least that. Looking every 5 ms (the same ratio) settles as
    surely (``esperar`` also waits for every worker) in a quarter of the time; the app
    tests spent about a third of theirs asleep. These are private names of Textual: if a
    release renames them, setattr fails here, loudly."""
    import textual._wait as espera

    monkeypatch.setattr(espera, "SLEEP_GRANULARITY", 1 / 200)
    monkeypatch.setattr(espera, "SLEEP_IDLE", 1 / 200 / 20)

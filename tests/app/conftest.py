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
from datos_app import AHORA, sembrar

from a3tui.store import Store, open_store
from apoyo_store import crear_oficina
from servidor_pg import MOTORES, ServidorPG


@pytest.fixture(autouse=True)
def _entorno_app(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the app away from the user's files and fix the clock and advisor."""
    home = tmp_path_factory.mktemp("home-app")
    monkeypatch.setenv("HOME", str(home))
    for variable, carpeta in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(variable, str(home / carpeta))
    monkeypatch.setenv("A3_DB", str(home / "a3-env.db"))
    monkeypatch.setenv("A3_ASESOR", "ana")
    monkeypatch.setenv("A3_AHORA", AHORA.isoformat())
    monkeypatch.delenv("A3_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A full-colour terminal with Unicode symbols, whatever runs the tests (CI has no TERM).
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("A3_SIMBOLOS", raising=False)


class _SVGDeAmbosMotores(pytest_textual_snapshot.SVGImageExtension):
    """One snapshot per screen for both engines: a screen must look the same whether its
    data came from SQLite or from PostgreSQL, so ``test_x[sqlite]`` and
    ``test_x[postgresql]`` compare against the same ``test_x.svg``."""

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
        pytest.skip(f"las pruebas en PostgreSQL no corren: {servidor_pg.razon}")
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        admin.execute("CREATE DATABASE a3_app_plantilla")
    return "a3_app_plantilla", _sembrada(servidor_pg.url("a3_app_plantilla"))


@pytest.fixture(params=MOTORES)
def base(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    """A database with the sample portfolio of tests/app/datos_app.py, on each engine."""
    if request.param == "postgresql":
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

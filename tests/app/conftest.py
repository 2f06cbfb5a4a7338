"""Fixtures of the app tests: isolated environment, a seeded database, and a helper that
waits for the app's workers instead of sleeping."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from datos_app import AHORA, sembrar

from a3tui.store import Store, open_store
from apoyo_store import crear_oficina


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


@pytest.fixture(scope="session")
def _plantilla(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The sample portfolio written once per run; each test gets its own copy."""
    path = tmp_path_factory.mktemp("plantilla") / "a3.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("A3_AHORA", AHORA.isoformat())
        mp.setenv("A3_ASESOR", "ana")
        store = open_store(str(path))
        crear_oficina(store)
        ids = sembrar(store)
        store.dispose()  # closes the WAL into the file, so copying the file is enough
    return path, ids


@pytest.fixture
def base(tmp_path: Path, _plantilla: tuple[Path, dict[str, int]]) -> Iterator[tuple[Store, dict[str, int]]]:
    """A database with the sample portfolio of tests/app/datos_app.py."""
    plantilla, ids = _plantilla
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

"""Fixtures of the app tests: isolated environment, a seeded database, and a helper that
waits for the app's workers instead of sleeping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from a3tui.store import Store, open_store
from datos_app import AHORA, sembrar


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


@pytest.fixture
def base(tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    """A database with the sample portfolio of tests/app/datos_app.py."""
    store = open_store(str(tmp_path / "a3.db"))
    ids = sembrar(store)
    yield store, ids
    store.dispose()


@pytest.fixture
def store(base: tuple[Store, dict[str, int]]) -> Store:
    return base[0]


@pytest.fixture
def ids(base: tuple[Store, dict[str, int]]) -> dict[str, int]:
    return base[1]


"""Fixtures for the command-line tests: run the real `a3` command on a temporary database.

Most tests call ``a3tui.cli.run(argv)`` in-process (the same function the console script
calls) and read stdout/stderr with ``capsys``; a few run the installed ``a3`` executable
as a subprocess to check what a shell user really sees (exit codes, no traceback).
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from ayuda_cli import AHORA, ASESOR, Resultado


@pytest.fixture(autouse=True)
def _entorno_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate every test: fixed clock and advisor, HOME/XDG in tmp, a wide non-terminal console."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("A3_DB", str(tmp_path / "a3.db"))
    monkeypatch.setenv("A3_ASESOR", ASESOR)
    monkeypatch.setenv("A3_AHORA", AHORA)
    monkeypatch.setenv("COLUMNS", "200")  # tables on one line each, so rows can be read
    monkeypatch.delenv("A3_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # The CLI caches one Rich console per process; rebuild it with this test's width.
    from a3tui.cli import common

    monkeypatch.setattr(common, "_console", None)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The database file of the test (also what A3_DB points to)."""
    return tmp_path / "a3.db"


@pytest.fixture
def a3(capsys: pytest.CaptureFixture[str]) -> Callable[..., Resultado]:
    """Run `a3 ARGS…` in-process and return its exit code and output."""
    from a3tui.cli import run

    def correr(*argv: str | Path) -> Resultado:
        capsys.readouterr()
        code = run([str(a) for a in argv])
        captured = capsys.readouterr()
        return Resultado(code, captured.out, captured.err)

    return correr


@pytest.fixture
def alta(a3: Callable[..., Resultado]) -> Callable[..., int]:
    """Add a client with `a3 cliente add` and return its id."""

    def agregar(nombre: str, *opciones: str) -> int:
        res = a3("cliente", "add", nombre, *opciones)
        assert res.code == 0, res.err
        return int(res.out.strip())

    return agregar


def _crear_cartera(run: Callable[[list[str]], int]) -> dict[str, int]:
    """Two Pérez (so «perez» is ambiguous) and one López, with a call and a task; returns the ids."""

    def agregar(*argv: str) -> int:
        salida = io.StringIO()
        with contextlib.redirect_stdout(salida):
            assert run(["cliente", "add", *argv]) == 0
        return int(salida.getvalue())

    ids = {
        "juan": agregar("Juan Pérez", "--telefono", "81 2345 6789", "--email", "juan.perez@correo.com"),
        "juana": agregar("Juana Pérez Garza", "--telefono", "8187654321"),
        "maria": agregar("María López", "--telefono", "5512345678", "--temperatura", "caliente"),
    }
    with contextlib.redirect_stdout(io.StringIO()):
        assert run(["actividad", "llamada", str(ids["maria"]), "--resultado", "contestó-interesado"]) == 0
        assert run(["tarea", "add", "Enviar cotización", "--vence", "mañana", "--cliente", str(ids["maria"])]) == 0
    return ids


@pytest.fixture(scope="session")
def _plantilla_cartera(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The portfolio built once with real `a3` commands; each test gets its own copy."""
    from a3tui.cli import run

    carpeta = tmp_path_factory.mktemp("plantilla")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(carpeta))
        mp.setenv("XDG_DATA_HOME", str(carpeta / "datos"))
        mp.setenv("XDG_STATE_HOME", str(carpeta / "estado"))
        mp.setenv("A3_DB", str(carpeta / "cartera.db"))
        mp.setenv("A3_ASESOR", ASESOR)
        mp.setenv("A3_AHORA", AHORA)
        mp.delenv("A3_DEBUG", raising=False)
        ids = _crear_cartera(run)
    return carpeta / "cartera.db", ids


@pytest.fixture
def cartera(_plantilla_cartera: tuple[Path, dict[str, int]], db: Path) -> dict[str, int]:
    """The test's database holds: 1 Juan Pérez, 2 Juana Pérez Garza, 3 María López (a call, a task)."""
    plantilla, ids = _plantilla_cartera
    origen = sqlite3.connect(plantilla)
    destino = sqlite3.connect(db)
    try:
        origen.backup(destino)
    finally:
        destino.close()
        origen.close()
    db.chmod(0o600)
    return dict(ids)

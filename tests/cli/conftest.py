"""Fixtures for the command-line tests: run the real `a3` command on a temporary database.

Most tests call ``a3tui.cli.run(argv)`` in-process (the same function the console script
calls) and read stdout/stderr with ``capsys``; a few run the installed ``a3`` executable
as a subprocess to check what a shell user really sees (exit codes, no traceback).

A test that runs `a3` in-process or reads the database (``db``) runs on a new SQLite
file; marked ``ambos_motores``, also on a new database of this process's private
PostgreSQL server (team mode, connected as the server's superuser, so ``A3_ASESOR`` says
who is typing as it does on SQLite). A test about the SQLite file itself (its
permissions, its backups, a file that is not a database…) is marked ``solo_sqlite`` and
starts from no file at all. Isolation and ``db`` come from tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import Base
from apoyo.pg import PLANTILLA_VACIA_PG, BasePG, crear_base
from apoyo.proceso import AHORA, ASESOR, Resultado


@pytest.fixture(autouse=True)
def _entorno_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """On top of the suite's isolation (tests/conftest.py): a wide non-terminal console, so
    tables print one row a line, and no TERM (CI has none): the symbols and colours don't
    depend on where pytest runs."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("TERM", raising=False)


@pytest.fixture
def a3(capsys: pytest.CaptureFixture[str], db: Base) -> Callable[..., Resultado]:
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
def _plantillas() -> dict[tuple[str, str], tuple[Base, Any]]:
    """The databases built once per engine by ``desde_plantilla``, and what their builders returned."""
    return {}


def _copiar(origen: Base, destino: Base) -> None:
    """Make the test's database a copy of a template."""
    if isinstance(origen, BasePG) and isinstance(destino, BasePG):
        crear_base(destino.servidor, destino.nombre, origen.nombre)
        return
    assert isinstance(origen, Path)
    assert isinstance(destino, Path)
    fuente = sqlite3.connect(origen)
    copia = sqlite3.connect(destino)
    try:
        fuente.backup(copia)
    finally:
        copia.close()
        fuente.close()
    destino.chmod(0o600)


@pytest.fixture
def desde_plantilla(
    _plantillas: dict[tuple[str, str], tuple[Base, Any]],
    db: Base,
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., Any]:
    """Make the test's database a copy of the one ``construir(run)`` builds with real `a3`
    commands (run as ``asesor``), built once per engine and session under ``clave``;
    returns what ``construir`` returned."""

    def copiar(clave: str, construir: Callable[[Callable[[list[str]], int]], Any], asesor: str = ASESOR) -> Any:
        from a3tui.cli import run

        llave = ("pg" if isinstance(db, BasePG) else "sqlite", clave)
        if llave not in _plantillas:
            carpeta = tmp_path_factory.mktemp(f"plantilla-{clave}")
            plantilla: Base
            if isinstance(db, BasePG):
                plantilla = crear_base(db.servidor, f"a3_plantilla_{clave}", PLANTILLA_VACIA_PG)
            else:
                plantilla = carpeta / f"{clave}.db"
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("HOME", str(carpeta))
                mp.setenv("XDG_DATA_HOME", str(carpeta / "datos"))
                mp.setenv("XDG_STATE_HOME", str(carpeta / "estado"))
                mp.setenv("XDG_CACHE_HOME", str(carpeta / "cache"))
                mp.setenv("A3_DB", str(plantilla))
                mp.setenv("A3_ASESOR", asesor)
                mp.setenv("A3_AHORA", AHORA)
                mp.delenv("A3_DEBUG", raising=False)
                resultado = construir(run)
            _plantillas[llave] = (plantilla, resultado)
        plantilla, resultado = _plantillas[llave]
        _copiar(plantilla, db)
        return resultado

    return copiar


@pytest.fixture
def cartera(desde_plantilla: Callable[..., Any]) -> dict[str, int]:
    """The test's database holds: 1 Juan Pérez, 2 Juana Pérez Garza, 3 María López (a call, a task)."""
    return dict(desde_plantilla("cartera", _crear_cartera))

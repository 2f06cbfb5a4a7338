"""Helpers shared by the command-line tests (kept apart from conftest so tests can import them)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from servidor_pg import ServidorPG

AHORA = "2026-11-23T10:00:00"  # a Monday
ASESOR = "ana"

# Words that would mean the user met click/Typer's English, or a Python traceback.
INGLES = (
    "Traceback",
    "Usage:",
    "Try '",
    "No such",
    "Invalid value",
    "Missing argument",
    "Missing option",
    "Got unexpected",
    "Error: Error",
    "Exception",
    "is not a valid",
)


@dataclass
class Resultado:
    """What one run of `a3` left: exit code, stdout and stderr."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass(frozen=True)
class BasePG:
    """A test's database on the private PostgreSQL server: what ``db`` is when the test runs
    in team mode. Its text is its URL, so ``a3 --db`` and ``open_store`` take it as they
    take a file's path."""

    servidor: ServidorPG
    nombre: str

    def __str__(self) -> str:
        return self.servidor.url(self.nombre)

    def conectar(self) -> psycopg.Connection[Any]:
        return psycopg.connect(str(self), autocommit=True)


Base = Path | BasePG


def _volcado_pg(base: BasePG) -> Any:
    """Every row of every table of the database, in a stable order (sequences are left
    out: PostgreSQL never gives back a number it handed out, even when the insert failed)."""
    with base.conectar() as con:
        tablas = [
            t
            for (t,) in con.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tablas}


def consultar(db: Base, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one query, read straight from the test's database (either engine)."""
    if isinstance(db, BasePG):
        with db.conectar() as con:
            return [tuple(fila) for fila in con.execute(sql).fetchall()]
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def volcado(path: Base) -> Any:
    """Everything in the database: a SQLite file's SQL dump (or its bytes if it is not SQLite;
    None if absent), or every row of a PostgreSQL database."""
    if isinstance(path, BasePG):
        return _volcado_pg(path)
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return list(con.iterdump())
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return path.read_bytes()


def assert_error(res: Resultado, *fragmentos: str) -> None:
    """One Spanish sentence on stderr, exit code 1, no traceback, nothing on stdout."""
    assert res.code == 1, (res.code, res.out, res.err)
    assert res.out == "", res.out
    lineas = res.err.splitlines()
    assert len(lineas) == 1, res.err
    assert lineas[0].startswith("Error: "), res.err
    mensaje = lineas[0][len("Error: ") :]
    assert mensaje[:1].isupper() or mensaje[:1] in "«¿¡-/~", mensaje
    assert mensaje.rstrip().endswith((".", "?", "»")), mensaje
    for palabra in INGLES:
        assert palabra not in res.err, res.err
        assert palabra not in res.out, res.out
    assert "ocurrió un error inesperado" not in res.err, res.err
    for fragmento in fragmentos:
        assert fragmento in mensaje, (fragmento, mensaje)


def a3_exe() -> str:
    """The installed console script, next to the interpreter running the tests."""
    exe = Path(sys.executable).parent / "a3"
    if exe.exists():
        return str(exe)
    found = shutil.which("a3")
    if found is None:
        pytest.skip("el comando a3 no está instalado en este entorno")
    return found


def entorno(base: Path, **extra: str) -> dict[str, str]:
    """Environment for a subprocess run: fixed clock and advisor, HOME/XDG under ``base``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("A3_") and k != "NO_COLOR"}
    env.update(
        HOME=str(base),
        XDG_DATA_HOME=str(base / "data"),
        XDG_STATE_HOME=str(base / "state"),
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        A3_ASESOR=ASESOR,
        A3_AHORA=AHORA,
        COLUMNS="200",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def proceso(argv: list[str], env: dict[str, str], prefijo: list[str] | None = None) -> Resultado:
    """Run a real process and return its exit code and output."""
    done = subprocess.run([*(prefijo or []), *argv], env=env, capture_output=True, text=True, check=False, timeout=120)
    return Resultado(done.returncode, done.stdout, done.stderr)


def sin_color(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)

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

import pytest

from servidor_pg import BasePG, volcado_pg

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


Base = Path | BasePG


def volcado(path: Base) -> Any:
    """Everything in the database: a SQLite file's SQL dump (or its bytes if it is not SQLite;
    None if absent), or every row of a PostgreSQL database."""
    if isinstance(path, BasePG):
        return volcado_pg(path)
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
    if prefijo:  # another user can't write the coverage data of the test run
        env = {k: v for k, v in env.items() if not k.startswith("COVERAGE_")}
    done = subprocess.run([*(prefijo or []), *argv], env=env, capture_output=True, text=True, check=False, timeout=120)
    return Resultado(done.returncode, done.stdout, done.stderr)


def sin_color(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)

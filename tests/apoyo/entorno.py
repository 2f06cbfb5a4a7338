"""The environment of every test: the user's files, clock and advisor kept out."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from apoyo.proceso import AHORA, ASESOR

# Variables of the caller's shell that would change what a3 prints or where it writes.
AJENAS = ("A3_DEBUG", "A3_SIMBOLOS", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")


def aislar(monkeypatch: pytest.MonkeyPatch, home: Path, db: Any, **extra: str) -> None:
    """HOME and the XDG folders under ``home``, A3_DB at ``db``, the fixed clock and advisor
    «ana», none of the caller's display variables; then ``extra``."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("A3_DB", str(db))
    monkeypatch.setenv("A3_ASESOR", ASESOR)
    monkeypatch.setenv("A3_AHORA", AHORA)
    for nombre in AJENAS:
        monkeypatch.delenv(nombre, raising=False)
    for nombre, valor in extra.items():
        monkeypatch.setenv(nombre, valor)


class Terminal(io.StringIO):
    """A terminal: a stream that says it is one (standard input with the advisor's answer
    typed, or standard output a pager would be used on)."""

    def isatty(self) -> bool:
        return True

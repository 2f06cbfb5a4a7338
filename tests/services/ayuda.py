"""Small helpers shared by the service tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def volcado(path: Path) -> str:
    """Every row of the database as SQL text, to check that a failed action changed nothing."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()

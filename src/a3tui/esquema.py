"""a3's schema: its revisions and the upgrade that brings a database to them, the same on
both engines (``store`` opens SQLite files, ``store_pg`` PostgreSQL databases; both ask
here which revision this code expects and run the upgrade through here).

Importing this module is cheap: the revisions are listed by hand (tests/test_store.py
checks that the list matches the Alembic scripts), so reading a database's version
needs no Alembic import (~0.4 s) on every command; ``actualizar`` imports Alembic when
it runs.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Revisions of a3's schema, oldest first; the last is the one this code expects.
REVISIONS = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010",
    "0011", "0012", "0013", "0014", "0015", "0016", "0017", "0018",
)  # fmt: skip
SCHEMA_HEAD = REVISIONS[-1]

# Alembic keeps its migration context in module globals: two threads of one process must
# not run it at once (processes are kept apart by each engine's own lock).
_ALEMBIC = threading.Lock()


def actualizar(connection: Connection, revision: str) -> None:
    """Run Alembic's upgrade to ``revision`` on ``connection``, inside its transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = connection
    with _ALEMBIC:
        command.upgrade(cfg, revision)

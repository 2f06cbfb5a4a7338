"""ids that are never handed out twice: what a3 deletes keeps its number

On SQLite a table without ``AUTOINCREMENT`` gives a new row ``max(id) + 1``: delete the
newest document and the next one gets its id, so the audit showed two different «alta de
documento 2» and an old command (``a3 documento abrir 2``) reached another file. The
tables whose rows a3 deletes (``documento``, ``tarea``, ``nota``, ``suplencia``) are
rebuilt with ``AUTOINCREMENT`` (SQLite's own procedure: new table, copy, drop, rename,
indexes again), and their counter starts above any id the audit has seen, so an id freed
before this upgrade is not reused either.

Nothing changes on PostgreSQL: a sequence never hands out a number twice.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:40:00
"""

import re

from alembic import op
from sqlalchemy import text


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLAS = ("documento", "tarea", "nota", "suplencia")
_NUEVA = "a3_tabla_nueva"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for tabla in TABLAS:
        _con_autoincrement(bind, tabla)


def _con_autoincrement(bind, tabla: str) -> None:
    crear = bind.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": tabla}
    ).scalar_one()
    if "AUTOINCREMENT" in crear.upper():
        return
    otros = (
        bind.execute(
            text(
                "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": tabla},
        )
        .scalars()
        .all()
    )
    # The DDL SQLAlchemy wrote: «id INTEGER NOT NULL,» first, «PRIMARY KEY (id),» later.
    nueva, columnas = re.subn(
        r"\(\s*id INTEGER NOT NULL,", "(\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", crear, count=1
    )
    nueva, claves = re.subn(r"PRIMARY KEY \(id\),\s*", "", nueva, count=1)
    nueva, nombres = re.subn(r'^CREATE TABLE "?' + tabla + r'"? \(', f"CREATE TABLE {_NUEVA} (", nueva, count=1)
    if (columnas, claves, nombres) != (1, 1, 1):
        raise RuntimeError(f"La tabla {tabla} no tiene la forma esperada; no se cambió nada.")
    bind.exec_driver_sql(nueva)
    bind.exec_driver_sql(f"INSERT INTO {_NUEVA} SELECT * FROM {tabla}")
    bind.exec_driver_sql(f"DROP TABLE {tabla}")
    bind.exec_driver_sql(f"ALTER TABLE {_NUEVA} RENAME TO {tabla}")
    for sql in otros:
        bind.exec_driver_sql(sql)
    # Ids deleted before this upgrade are known only to the audit (when it has them).
    visto = bind.execute(text("SELECT max(entidad_id) FROM auditoria WHERE entidad = :t"), {"t": tabla}).scalar()
    if visto is not None:
        hay = bind.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": tabla}).scalar()
        if hay is None:
            bind.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :v)"), {"t": tabla, "v": visto})
        elif visto > hay:
            bind.execute(text("UPDATE sqlite_sequence SET seq = :v WHERE name = :t"), {"t": tabla, "v": visto})


def downgrade() -> None:
    # AUTOINCREMENT only keeps ids from being reused; an older a3 works with it as it is.
    pass

"""A quick read-only look at the database, for what can't wait for SQLAlchemy: Tab in the
shell (services/completado.py) must answer in well under 0.2 s, and importing SQLAlchemy
alone takes about that. A plain DB-API connection instead, on either engine: ``sqlite3``
(opened the way ``store`` opens a file to read it) or ``psycopg`` in team mode (as the
user, so PostgreSQL's row-level security decides what they see, as it does for every
other command).

A look never changes anything: it never creates a database (nor its folder), never
upgrades one of an older schema (the next real command will) and is read-only on both
engines. When there is nothing to look at, or it can't be read or reached right now, the
answer is None, never an exception.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

# How long a look waits for a lock (SQLite) or for a statement (PostgreSQL).
ESPERA_S = 0.5
# How long it waits for an unreachable server (libpq's shortest wait is 2 s).
ESPERA_SERVIDOR_S = 2


class Consulta:
    """An open look: SQL is written with ``?`` marks (turned into psycopg's ``%s``) and only
    portable SQL. ``login`` is the advisor the server says the connection is (team mode;
    None on SQLite, and for a PostgreSQL superuser, who acts as ``A3_ASESOR``)."""

    def __init__(self, conexion: Any, *, marca: str = "?", login: str | None = None) -> None:
        self.conexion = conexion
        self.marca = marca
        self.login = login

    def filas(self, sql: str, parametros: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query."""
        if self.marca != "?":
            sql = sql.replace("?", self.marca)
        cursor = self.conexion.execute(sql, tuple(parametros))
        return [tuple(fila) for fila in cursor.fetchall()]

    def cerrar(self) -> None:
        with suppress(Exception):
            self.conexion.close()

    def __enter__(self) -> Consulta:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.cerrar()


def abrir(db: str | None) -> Consulta | None:
    """A look at the database ``db`` (``--db``), else A3_DB, else the default names, or None
    when there is none to read (see the module's docstring). Never raises."""
    from a3tui import store_pg

    try:
        url = store_pg.url_elegida(db)
        return _abrir_pg(url) if url is not None else _abrir_sqlite(db)
    except Exception:
        return None


def _abrir_sqlite(db: str | None) -> Consulta | None:
    from a3tui import esquema, store

    path, _explicito = store.resolve_path(db)
    if not path.is_file() or path.stat().st_size < 100 or not store._cabecera(path).startswith(store._SQLITE_MAGIC):
        return None
    con = store._conectar(path, solo_lectura=True, espera_s=ESPERA_S)
    try:
        revision, _tablas = store._revision_de(con)
    except Exception:
        con.close()
        raise
    if revision != esquema.SCHEMA_HEAD:
        con.close()
        return None
    return Consulta(con)


def _abrir_pg(url: str) -> Consulta | None:
    import psycopg  # the extra «equipo»: without it there is nothing to look at (ImportError)

    from a3tui.esquema import SCHEMA_HEAD

    texto = url.strip()
    for prefijo in ("postgres://", "postgresql+psycopg://"):
        if texto.lower().startswith(prefijo):
            texto = "postgresql://" + texto[len(prefijo) :]
    milisegundos = int(ESPERA_S * 1000)
    con = psycopg.connect(
        texto,
        autocommit=True,
        connect_timeout=ESPERA_SERVIDOR_S,
        application_name="a3-completado",
        # PGOPTIONS still applies after these (an explicit ``options`` would replace it).
        options=(
            f"-c default_transaction_read_only=on -c lock_timeout={milisegundos} "
            f"-c statement_timeout={milisegundos} {os.environ.get('PGOPTIONS', '')}"
        ).strip(),
    )
    try:
        fila = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if fila is None or fila[0] != SCHEMA_HEAD:
            con.close()
            return None
        usuario, superusuario = con.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() or (None, True)
    except Exception:
        con.close()
        raise
    return Consulta(con, marca="%s", login=None if superusuario else str(usuario))

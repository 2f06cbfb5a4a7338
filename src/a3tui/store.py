"""Where the database lives and how it is opened, checked, migrated and backed up.

The only module that knows it is talking to SQLite: pragmas, file permissions and the
online backup API live here, so the services stay portable to PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from a3tui.errors import BaseDeDatosInvalida

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

# Revisions of a3's schema, oldest first; the last is the one this code expects.
# tests/test_store.py checks that this list matches the Alembic scripts, so reading
# the version of a database needs no Alembic import (~0.4 s) on every command.
REVISIONS = ("0001", "0002", "0003")
SCHEMA_HEAD = REVISIONS[-1]

APP_NAME = "a3"


def default_path() -> Path:
    """The default database file in the user's data folder (created when missing)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "a3.db"


def log_path() -> Path:
    """File where unexpected errors are written (the CLI names it to the user)."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False) / "a3.log"


def log_error(exc: BaseException, origen: str) -> Path | None:
    """Append ``exc``'s traceback to the log file; return the file, or None if it can't be written.

    The CLI and the app show one Spanish line for a bug and point here for the details.
    """
    import traceback
    from datetime import datetime

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat()} a3 {origen}\n")
            traceback.print_exception(exc, file=log)
    except OSError:
        return None
    return path


def resolve_path(db: str | None) -> tuple[Path, bool]:
    """The database path from ``--db``, else ``A3_DB``, else the default; and whether it was explicit."""
    value = db or os.environ.get("A3_DB") or None
    if value:
        if value.startswith(("postgresql:", "postgres:")):
            raise BaseDeDatosInvalida(
                "El modo equipo con PostgreSQL todavía no está disponible en esta versión de a3; "
                "usa un archivo SQLite con --db RUTA."
            )
        if value.startswith("sqlite:///"):
            value = value[len("sqlite:///") :]
        return Path(value).expanduser(), True
    return default_path(), False


def _check_location(path: Path, explicit: bool) -> None:
    folder = path.parent
    if not folder.exists():
        if explicit:
            raise BaseDeDatosInvalida(
                f"La carpeta {folder} no existe; créala primero o elige otra ruta con --db."
            )
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not folder.is_dir():
        raise BaseDeDatosInvalida(f"{folder} no es una carpeta; elige otra ruta con --db.")
    if path.exists() and path.is_dir():
        raise BaseDeDatosInvalida(f"{path} es una carpeta, no un archivo de base de datos.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BaseDeDatosInvalida(
            f"No se puede escribir en la carpeta {folder}; a3 necesita permiso de escritura ahí."
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise BaseDeDatosInvalida(f"No hay permiso para leer y escribir {path}.")


def _create_private(path: Path) -> None:
    """Create an empty file readable only by its owner, before SQLite touches it."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed action survives a power cut, not only a crash of a3.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _schema_revision(path: Path) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the file has any table). Raises if not SQLite."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BaseDeDatosInvalida(f"No se puede abrir {path}: {exc}.") from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), True
    except sqlite3.DatabaseError:
        raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3.") from None
    finally:
        con.close()


class Store:
    """An open a3 database: its path and a SQLAlchemy engine with a3's pragmas."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction per user action: commit on success, roll back everything on error."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk load such as the demo)."""
        analyze(self.engine)

    def is_empty(self) -> bool:
        """True when the database holds no client, task or property yet."""
        with self.engine.connect() as con:
            from sqlalchemy import text

            for table in ("cliente", "tarea", "propiedad"):
                if con.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first():
                    return False
        return True


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating when needed) the database chosen by ``db``/A3_DB/default.

    Raises BaseDeDatosInvalida for a missing or read-only folder, a file that is not an
    a3 database, or one written by a newer a3.
    """
    path, explicit = resolve_path(db)
    _check_location(path, explicit)
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        if not create:
            raise BaseDeDatosInvalida(f"No existe la base de datos {path}.")
        if not path.exists():
            _create_private(path)
        else:
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        revision, has_tables = None, False
    else:
        revision, has_tables = _schema_revision(path)
        if revision is None and has_tables:
            raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3.")
        if revision is not None and revision not in REVISIONS:
            raise BaseDeDatosInvalida(
                f"La base de datos {path} es de una versión más nueva de a3; actualiza a3 para abrirla."
            )

    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    store = Store(path, engine)
    if revision != SCHEMA_HEAD:
        try:
            if revision is not None:
                backup(store, path.with_name(f"{path.name}.antes-de-migrar-{revision}.bak"))
            migrate(engine)
        except sqlite3.OperationalError as exc:
            raise BaseDeDatosInvalida(f"No se puede escribir en {path}: {exc}.") from None
        except Exception as exc:  # SQLAlchemy wraps sqlite3 errors
            if "readonly" in str(exc) or "unable to open" in str(exc):
                raise BaseDeDatosInvalida(f"No se puede escribir en {path}.") from None
            raise
    return store


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with Alembic (imported only here: it is slow)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    analyze(engine)


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics. Without them SQLite may pick an index that
    reads the table row by row (the cold-clients count at 100,000 clients: 220 ms → 20 ms)."""
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def backup(store: Store, destino: Path) -> Path:
    """Write a consistent copy of the live database to ``destino`` (SQLite online backup).

    Safe while other processes write: the backup API copies a snapshot page by page.
    """
    destino = destino.expanduser()
    if destino.is_dir():
        destino = destino / store.path.name
    if not destino.parent.exists():
        raise BaseDeDatosInvalida(f"La carpeta {destino.parent} no existe.")
    if destino.resolve() == store.path.resolve():
        raise BaseDeDatosInvalida("El respaldo no puede sobrescribir la base de datos en uso.")
    tmp = destino.with_name(destino.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    _create_private(tmp)
    src = sqlite3.connect(store.path)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
    os.replace(tmp, destino)
    return destino


def check_file(origen: Path) -> str:
    """Check that ``origen`` is an intact a3 database this version can open; return its revision."""
    if not origen.is_file():
        raise BaseDeDatosInvalida(f"No existe el archivo {origen}.")
    revision, has_tables = _schema_revision(origen)
    if revision is None:
        raise BaseDeDatosInvalida(f"El archivo {origen} no es una base de datos de a3.")
    if revision not in REVISIONS:
        raise BaseDeDatosInvalida(f"El archivo {origen} es de una versión más nueva de a3.")
    con = sqlite3.connect(f"file:{origen}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError:
        result = "error"
    finally:
        con.close()
    if result != "ok":
        raise BaseDeDatosInvalida(f"El archivo {origen} está dañado (integrity_check: {result}).")
    return revision


def restore(store: Store, origen: Path, ahora_texto: str) -> Path:
    """Replace the database with ``origen`` after checking it; return the copy of what was replaced."""
    origen = origen.expanduser()
    revision = check_file(origen)
    if origen.resolve() == store.path.resolve():
        raise BaseDeDatosInvalida("El archivo de origen es la misma base de datos en uso.")
    copia = store.path.with_name(f"{store.path.name}.antes-de-restaurar-{ahora_texto}.bak")
    backup(store, copia)
    store.dispose()
    src = sqlite3.connect(f"file:{origen}?mode=ro", uri=True)
    dst = sqlite3.connect(store.path)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(store.path, stat.S_IRUSR | stat.S_IWUSR)
    if revision != SCHEMA_HEAD:
        migrate(store.engine)
    return copia

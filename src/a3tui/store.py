"""Where the database lives and how it is opened, checked, migrated, backed up and restored.

The only module that knows it is talking to SQLite: pragmas, file permissions, locking,
the online backup API and SQLite's error codes live here, so the services stay portable
to PostgreSQL.

Guarantees (issue 8, tested in tests/test_store.py and tests/fiabilidad/):
- A new database appears whole or not at all: it is built in a private temporary file
  and linked into place, so a kill, a full disk or eight processes opening the same new
  path at once never leave a half-built file.
- A schema upgrade is one transaction under the write lock (SQLite's DDL is
  transactional once the driver stops committing on its own), after a backup.
- Every write transaction starts with ``BEGIN IMMEDIATE``: a check followed by an insert
  (the duplicate-phone rule) can't be raced by another process.
- A restore replaces the content in one transaction under the write lock, after a copy
  of what it replaces; a write either lands in that copy or after the restore.
- SQLite's failures reach the user as one Spanish sentence (``traducir_error``).
- Every copy a3 makes (a backup, the safety copy before a restore or an upgrade) is
  built under a hidden name that says «incompleta», checked, and only then linked to its
  final name (``_copia_verificada``); a3 only recommends a backup that checks out.
- A full disk: reading goes on (``_conectar_sin_espacio``), a write is refused naming the
  disk to free (``disco_lleno``), and only SQLite's integrity check calls a database
  damaged (``_quick_check`` raises an I/O failure instead of answering «damaged»).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

from a3tui import esquema
from a3tui.archivos import (
    MOTIVOS_DE_ERROR,
    anexar_privado,
    carpeta_privada,
    colocar,
    default_path,
    es_salida_estandar,
    escribir_archivo,
    escritura_atomica,
    motivo_del_error,
    prefijo_temporal,
    revisar_salida,
    state_path,
)
from a3tui.errors import A3Error, BaseDeDatosDanada, BaseDeDatosInvalida, DatoInvalido
from a3tui.esquema import REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session


# Where a session carries the advisor the database server identified (team mode).
LOGIN_SERVIDOR = "a3_login_servidor"
# Where a session says it may write (``Store.session(escritura=True)``): on PostgreSQL the
# services then lock the rows of the clients they read to change (clientes.get).
ESCRITURA = "a3_escritura"

# How long a write waits for another process's transaction before giving up, and how long
# an upgrade or a restore (rare, and worth waiting for) waits for the write lock.
ESPERA_ESCRITURA_MS = 10_000
ESPERA_CANDADO_S = 120.0

_SQLITE_MAGIC = b"SQLite format 3\x00"


# ---------------------------------------------------------------- paths


def resolve_path(db: str | None) -> tuple[Path, bool]:
    """The database path from ``--db``, else ``A3_DB``, else the default; and whether it was explicit.

    ``db`` is None when ``--db`` was not given; an empty ``--db ""`` is an error rather
    than a silent fall back to the default database.
    """
    if db is not None:
        if not db.strip():
            raise BaseDeDatosInvalida("La ruta de --db está vacía; escribe la ruta del archivo de la base de datos.")
        value: str | None = db
    else:
        value = os.environ.get("A3_DB") or None
    if value:
        if value.strip().lower().startswith(("postgresql:", "postgres:", "postgresql+")):
            # Callers that deal with files (backups, the first-use dialog) ask es_url first.
            raise BaseDeDatosInvalida("Esta acción es para bases de datos en un archivo, no en un servidor PostgreSQL.")
        if value.startswith("sqlite:///"):
            value = value[len("sqlite:///") :]
        return Path(value).expanduser(), True
    return default_path(), False


# ---------------------------------------------------------------- SQLite's errors in Spanish


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The driver's error behind ``exc`` (SQLAlchemy wraps it), if any."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, sqlite3.Error):
            return exc
        exc = getattr(exc, "orig", None) or exc.__cause__  # type: ignore[assignment]
        seen += 1
    return None


def traducir_error(exc: BaseException, path: Path | None = None) -> A3Error | None:
    """One Spanish sentence for a failure of the database or the disk, or None for a bug.

    Decided by SQLite's error code (full disk, read-only, locked, damaged…), never by
    the text of the message.
    """
    if isinstance(exc, A3Error):
        return exc
    if isinstance(exc, BrokenPipeError):
        return None  # the reader of the output stopped reading (`a3 … | head`): not the database
    if isinstance(exc, UnicodeEncodeError):
        return DatoInvalido("Un texto tiene caracteres que no son UTF-8 válido; escríbelo de nuevo.")
    if isinstance(exc, OSError) and exc.errno is not None:
        return error_de_archivo(exc, Path(exc.filename) if exc.filename else path)
    error = _sqlite_error(exc)
    if error is None:
        from a3tui import store_pg

        return store_pg.traducir_error(exc)  # a PostgreSQL server's failure (team mode), or a bug
    codigo = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    donde = f" {path}" if path else ""
    if codigo == sqlite3.SQLITE_FULL or (codigo == sqlite3.SQLITE_IOERR and path is not None and _sin_espacio(path)):
        return disco_lleno(path)
    if codigo == sqlite3.SQLITE_READONLY:
        return BaseDeDatosInvalida(f"La base de datos{donde} es de solo lectura; no se puede guardar nada en ella.")
    if codigo in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BaseDeDatosInvalida(
            "La base de datos está ocupada por otro proceso de a3; intenta de nuevo en unos segundos."
        )
    if codigo in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return danada(path) if path else BaseDeDatosDanada("La base de datos está dañada.")
    if codigo == sqlite3.SQLITE_IOERR:
        return BaseDeDatosInvalida(
            f"El disco falló al leer o escribir la base de datos{donde}; revisa el disco e intenta de nuevo."
        )
    if codigo in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return BaseDeDatosInvalida(f"No se puede abrir la base de datos{donde}; revisa la ruta y sus permisos.")
    if codigo == sqlite3.SQLITE_TOOBIG:
        return DatoInvalido("Un dato es demasiado grande para guardarlo.")
    return None


def _sin_espacio(path: Path) -> bool:
    """True when the disk of ``path`` is (nearly) full: some writes fail with an I/O error
    rather than SQLite's «full» (growing the shared-memory file, say)."""
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def _disco_de(path: Path) -> Path:
    """The mount point of the disk that holds ``path`` (what the user must free space on)."""
    actual = path.absolute().parent
    try:
        dispositivo = actual.stat().st_dev
        while actual.parent != actual and actual.parent.stat().st_dev == dispositivo:
            actual = actual.parent
    except OSError:
        pass
    return actual


def disco_lleno(path: Path | None, *, para: str = "guardar en la base de datos") -> BaseDeDatosInvalida:
    """The error for a write that did not fit: it names the disk to free and the file
    (``para`` says what was being written: the database, a backup…)."""
    if path is None:
        return BaseDeDatosInvalida(
            "No hay espacio en el disco para guardar; libera espacio e intenta de nuevo "
            "(no se guardó nada de esta acción)."
        )
    return BaseDeDatosInvalida(
        f"No hay espacio en el disco {_disco_de(path)} para {para} {path}; libera espacio e intenta "
        "de nuevo (no se guardó nada de esta acción)."
    )


@contextmanager
def en_espanol(path: Path | None, *, archivo: Path | None = None) -> Iterator[None]:
    """Failures of the disk or of SQLite (also wrapped by SQLAlchemy) inside the block become
    one Spanish A3Error about ``path`` (``archivo`` for errors of the operating system on
    another file); anything else is a bug and passes through."""
    try:
        yield
    except A3Error:
        raise
    except Exception as exc:
        traducido = traducir_error(exc, archivo if archivo is not None and isinstance(exc, OSError) else path)
        if traducido is None:
            raise
        raise traducido from None


def error_de_archivo(exc: OSError, path: Path | None) -> BaseDeDatosInvalida:
    """A Spanish sentence for an operating-system error on a file."""
    que = f"{path}" if path else "el archivo"
    return BaseDeDatosInvalida(f"No se pudo usar {que}: {motivo_del_error(exc)}.")


def danada(path: Path) -> BaseDeDatosDanada:
    """The error for a damaged database, pointing at the newest backup a3 knows of."""
    respaldo = ultimo_respaldo(path)
    if respaldo is not None:
        return BaseDeDatosDanada(
            f"La base de datos {path} está dañada; restaura el último respaldo con «a3 db restore {respaldo}»."
        )
    return BaseDeDatosDanada(
        f"La base de datos {path} está dañada; si tienes un respaldo, restáuralo con «a3 db restore RESPALDO»."
    )


# ---------------------------------------------------------------- connections


def _uri(path: Path, *, solo_lectura: bool = False, inmutable: bool = False) -> str:
    opciones = []
    if solo_lectura:
        opciones.append("mode=ro")
    if inmutable:
        opciones.append("immutable=1")
    return f"file:{quote(str(path.absolute()))}" + ("?" + "&".join(opciones) if opciones else "")


def _conectar(
    path: Path, *, solo_lectura: bool = False, espera_s: float = ESPERA_ESCRITURA_MS / 1000
) -> sqlite3.Connection:
    """A raw connection in autocommit mode (a3 says BEGIN itself, so DDL is transactional)."""
    inmutable = solo_lectura and _necesita_inmutable(path)
    return sqlite3.connect(
        _uri(path, solo_lectura=solo_lectura, inmutable=inmutable),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=espera_s,
    )


def _conectar_lectura(path: Path) -> sqlite3.Connection:
    """A read-only connection that works on a full disk too (see ``_conectar_sin_espacio``)."""
    con = _conectar(path, solo_lectura=True)
    try:
        # The first read opens the -wal and maps the -shm file: that is what a full disk refuses.
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as exc:
        con.close()
        if not _falta_espacio(exc, path):
            raise
        return _conectar_sin_espacio(path)
    return con


def _falta_espacio(exc: sqlite3.Error, path: Path) -> bool:
    """The failure is the disk of ``path`` being full (SQLite says «full» or, growing its
    shared-memory file, «I/O error»)."""
    codigo = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return codigo == sqlite3.SQLITE_FULL or (codigo == sqlite3.SQLITE_IOERR and _sin_espacio(path))


def _conectar_sin_espacio(path: Path) -> sqlite3.Connection:
    """A connection that reads a WAL database whose disk has no room for the 32 KB
    shared-memory file every WAL reader needs.

    With nothing in the -wal file, the database file alone holds everything: it is read as
    immutable (no locks, no files created). With frames in the -wal (a checkpoint that did
    not fit), SQLite must read them: in exclusive locking mode it keeps the WAL index in
    memory instead of the -shm file, at the cost of holding the file's lock until the
    connection closes; ``query_only`` keeps that connection from writing.
    """
    wal = Path(f"{path}-wal")
    try:
        vacio = wal.stat().st_size == 0
    except FileNotFoundError:
        vacio = True
    if vacio:
        con = sqlite3.connect(
            _uri(path, solo_lectura=True, inmutable=True), uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        con = _conectar(path)
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("PRAGMA query_only = ON")
    try:
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except BaseException:
        con.close()
        raise
    return con


def _necesita_inmutable(path: Path) -> bool:
    """A WAL database in a folder we can't write, with no shared-memory file beside it,
    can only be read as immutable (SQLite can't create the -shm file); it is safe when
    there is no -wal content to miss."""
    carpeta = path.parent
    if os.access(carpeta, os.W_OK | os.X_OK) or Path(f"{path}-shm").exists():
        return False
    wal = Path(f"{path}-wal")
    return not wal.exists() or wal.stat().st_size == 0


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {ESPERA_ESCRITURA_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed action survives a power cut, not only a crash of a3.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _set_pragmas_lectura(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """A read-only connection can't change the journal mode (the file keeps its own)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {ESPERA_ESCRITURA_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _begin(conn: Connection) -> None:
    """Writes take the write lock at once (``BEGIN IMMEDIATE``): a check and the insert
    that depends on it can't interleave with another process's."""
    escritura = conn.get_execution_options().get("a3_escritura", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if escritura else "BEGIN")


def _engine(path: Path, *, solo_lectura: bool = False, sin_espacio: bool = False) -> Engine:
    """a3's engine over ``path``. ``sin_espacio``: read-only on a full disk, through one
    connection (``_conectar_sin_espacio`` may hold the file's lock: a second connection of
    this process would wait for it)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool, StaticPool

    def conectar() -> sqlite3.Connection:
        return _conectar_lectura(path) if sin_espacio else _conectar(path, solo_lectura=solo_lectura)

    engine = create_engine(
        "sqlite://",
        creator=conectar,
        poolclass=StaticPool if sin_espacio else QueuePool,
        # Error messages (and so the log) carry the SQL, never the client's data.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _set_pragmas_lectura if solo_lectura or sin_espacio else _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


# ---------------------------------------------------------------- checks


def _cabecera(path: Path) -> bytes:
    with open(path, "rb") as archivo:
        return archivo.read(100)


def _revisar_cabecera(path: Path) -> None:
    """Cheap checks on every open: the file is SQLite, and not shorter than its header says
    (a file cut by a bad copy). Raises BaseDeDatosInvalida/BaseDeDatosDanada.

    With frames waiting in the -wal file (a checkpoint cut short by a full disk or a kill),
    the main file may legitimately be shorter: SQLite reads those pages from the log.
    """
    for intento in range(3):
        cabecera = _cabecera(path)
        if len(cabecera) < 100 or not cabecera.startswith(_SQLITE_MAGIC):
            raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3.")
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return
        tamano_pagina = struct.unpack(">H", cabecera[16:18])[0]
        tamano_pagina = 65536 if tamano_pagina == 1 else tamano_pagina
        contador, paginas = struct.unpack(">II", cabecera[24:32])
        valido_para = struct.unpack(">I", cabecera[92:96])[0]
        if paginas == 0 or contador != valido_para:
            return
        if path.stat().st_size >= paginas * tamano_pagina:
            return
        # A checkpoint of another process may be growing the file right now: look again.
        time.sleep(0.05 * (intento + 1))
    raise danada(path)


def _quick_check(con: sqlite3.Connection) -> bool:
    """SQLite's integrity check: False when it finds damage. A failure to read (a full disk,
    a lock, an I/O error) is raised, never taken for damage."""
    try:
        filas = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        codigo = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if codigo in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return False
        raise
    return filas == [("ok",)]


def _schema_revision(path: Path) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the file has any table). Raises if not SQLite."""
    try:
        con = _conectar_lectura(path)
    except sqlite3.Error as exc:
        raise _error_al_leer(exc, path) from None
    try:
        return _revision_de(con)
    except sqlite3.Error as exc:
        raise _error_al_leer(exc, path) from None
    finally:
        con.close()


def _error_al_leer(exc: sqlite3.Error, path: Path) -> A3Error:
    codigo = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if codigo == sqlite3.SQLITE_CORRUPT:
        return danada(path)
    if codigo == sqlite3.SQLITE_NOTADB:
        return BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3.")
    return traducir_error(exc, path) or BaseDeDatosInvalida(f"No se puede leer {path}.")


def _revision_de(con: sqlite3.Connection, esquema: str = "main") -> tuple[str | None, bool]:
    tables = {r[0] for r in con.execute(f"SELECT name FROM {esquema}.sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return None, bool(tables)
    row = con.execute(f"SELECT version_num FROM {esquema}.alembic_version").fetchone()
    return (row[0] if row else None), True


def _revisar_revision(path: Path, revision: str | None, has_tables: bool, *, que: str = "La base de datos") -> None:
    if revision is None:
        raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3.")
    if revision not in REVISIONS:
        raise BaseDeDatosInvalida(f"{que} {path} es de una versión más nueva de a3; actualiza a3 para abrirla.")


# ---------------------------------------------------------------- the store


class Vigia(Protocol):
    """Whether the database changed under us (see ``Store.vigia``)."""

    def hubo_cambios(self) -> bool:
        """True when another connection committed since the last call (never blocks)."""

    def cambio_propio(self) -> None:
        """The change just made was our own: the next ``hubo_cambios`` doesn't count it."""

    def cerrar(self) -> None: ...


class VigiaSQLite:
    """SQLite's watcher: ``PRAGMA data_version`` (microseconds, no table read) on a
    read-only connection of its own, which changes when another connection commits."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conexion: sqlite3.Connection | None = None
        self._visto: int | None = None

    def _version(self) -> int | None:
        try:
            if self._conexion is None:
                self._conexion = sqlite3.connect(_uri(self._path, solo_lectura=True), uri=True, check_same_thread=False)
            return int(self._conexion.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None  # can't ask right now: no news

    def hubo_cambios(self) -> bool:
        version = self._version()
        if version is None or version == self._visto:
            return False
        primera = self._visto is None
        self._visto = version
        return not primera

    def cambio_propio(self) -> None:
        version = self._version()
        if version is not None:
            self._visto = version

    def cerrar(self) -> None:
        if self._conexion is not None:
            self._conexion.close()
            self._conexion = None


class Store:
    """An open a3 database: its file (or PostgreSQL URL) and a SQLAlchemy engine with a3's settings.

    ``solo_lectura`` is set when the file or its folder can't be written: reading works,
    and a write is refused with ``motivo_solo_lectura`` before anything is tried.
    ``sin_espacio`` is set when the database's disk was full when it was opened: reading
    works, and a write first looks whether there is room again.
    """

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        *,
        solo_lectura: bool = False,
        motivo: str = "",
        url: str | None = None,
        sin_espacio: bool = False,
    ) -> None:
        # A file (SQLite), or a PostgreSQL server's database (``url``, without its password).
        self.path = path
        self.url = url
        self.motor = "postgresql" if url is not None else "sqlite"
        # Team mode: the advisor the server says this connection is (see store_pg).
        self.login_servidor: str | None = None
        self.engine = engine
        self.solo_lectura = solo_lectura
        self.motivo_solo_lectura = motivo
        self.sin_espacio = sin_espacio
        self._escritura = engine.execution_options(a3_escritura=True)

    def _revisar_escritura(self) -> None:
        """Refuse a write before trying it when the database can't be written; a database
        opened on a full disk becomes writable again once its disk has room."""
        if not self.solo_lectura:
            return
        if self.sin_espacio and self.path is not None:
            self.engine.dispose()  # its connection may hold the file's lock
            if not _lectura_sin_espacio(self.path):
                self.engine = _engine(self.path)
                self._escritura = self.engine.execution_options(a3_escritura=True)
                self.solo_lectura = self.sin_espacio = False
                self.motivo_solo_lectura = ""
                return
            raise disco_lleno(self.path)
        raise BaseDeDatosInvalida(self.motivo_solo_lectura)

    @contextmanager
    def session(self, *, escritura: bool = True) -> Iterator[Session]:
        """One transaction per user action: commit on success, roll back everything on error.

        A write session holds the write lock from its start (see ``_begin``); a read session
        never blocks writers. Failures of the database or the disk become a Spanish A3Error.
        """
        from sqlmodel import Session

        if escritura:
            self._revisar_escritura()
        with Session(self._escritura if escritura else self.engine, expire_on_commit=False) as session:
            session.info[ESCRITURA] = escritura
            if self.login_servidor is not None:
                session.info[LOGIN_SERVIDOR] = self.login_servidor
            try:
                yield session
                session.commit()
            except BaseException as exc:
                with suppress(Exception):
                    session.rollback()
                traducido = None if isinstance(exc, (A3Error, KeyboardInterrupt)) else self.traducir(exc)
                if traducido is not None:
                    raise traducido from None
                raise

    def traducir(self, exc: BaseException) -> A3Error | None:
        """One Spanish sentence for a failure of this database (its disk or its server), or None."""
        return traducir_error(exc, self.path)

    @property
    def nombre(self) -> str:
        """How messages name this database: its path, or its URL without the password."""
        return str(self.path) if self.path is not None else (self.url or "PostgreSQL")

    @contextmanager
    def conexion_de_escritura(self) -> Iterator[Connection]:
        """A connection inside one write transaction (bulk loads such as the demo)."""
        self._revisar_escritura()
        try:
            with self._escritura.begin() as conn:
                yield conn
        except A3Error:
            raise
        except Exception as exc:
            traducido = self.traducir(exc)
            if traducido is None:
                raise
            raise traducido from None

    def dispose(self) -> None:
        self.engine.dispose()

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk load such as the demo)."""
        analyze(self.engine)

    def vigia(self) -> Vigia | None:
        """A watcher that says whether another connection (a `cliente add` in another
        terminal, a colleague) committed a change since it was last asked: SQLite's
        ``PRAGMA data_version`` on a connection of its own, or in team mode a PostgreSQL
        connection listening for the office's changes. None when the server can't be
        reached for it (the app works, without live updates)."""
        if self.path is not None:
            return VigiaSQLite(self.path)
        from a3tui import store_pg

        try:
            return store_pg.Vigia(self.engine)
        except Exception:
            return None

    def is_empty(self) -> bool:
        """True when the database holds no client, task or property yet."""
        from sqlalchemy import text

        with self.engine.connect() as con:
            for table in ("cliente", "tarea", "propiedad"):
                if con.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first():
                    return False
        return True


def _revisar_ubicacion(path: Path, explicit: bool) -> None:
    folder = path.parent
    if not folder.exists():
        if explicit:
            raise BaseDeDatosInvalida(f"La carpeta {folder} no existe; créala primero o elige otra ruta con --db.")
        carpeta_privada(folder)
    if not folder.is_dir():
        raise BaseDeDatosInvalida(f"{folder} no es una carpeta; elige otra ruta con --db.")
    if path.is_dir():
        raise BaseDeDatosInvalida(f"{path} es una carpeta, no un archivo de base de datos.")
    if path.exists() and not path.is_file():
        raise BaseDeDatosInvalida(f"{path} no es un archivo normal; elige la ruta de un archivo de base de datos.")


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating when needed) the database chosen by ``db``/A3_DB/default.

    ``create=False`` refuses to create an explicitly named file that does not exist (a read
    command given a typo). A file or folder a3 can't write is opened read-only. Raises
    BaseDeDatosInvalida for a missing folder, a file that is not an a3 database, one written
    by a newer a3 or one older that can't be upgraded; BaseDeDatosDanada for a damaged one.
    """
    from a3tui import store_pg

    url = store_pg.url_elegida(db)
    if url is not None:
        engine, mostrable, login = store_pg.abrir(url, create=create)
        store = Store(None, engine, url=mostrable)
        store.login_servidor = login
        return store
    path, explicit = resolve_path(db)
    with en_espanol(path):
        return _open(path, explicit, create)


def _open(path: Path, explicit: bool, create: bool) -> Store:
    _revisar_ubicacion(path, explicit)
    if not path.exists():
        if explicit and not create:
            raise BaseDeDatosInvalida(
                f"No existe la base de datos {path}; revisa la ruta de --db o de A3_DB, o créala al "
                "registrar tu primer cliente con a3 cliente add."
            )
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise BaseDeDatosInvalida(
                f"No se puede escribir en la carpeta {path.parent}; a3 necesita permiso de escritura ahí."
            )
        _crear(path)
    if path.stat().st_size == 0:
        raise BaseDeDatosInvalida(
            f"El archivo {path} está vacío y no es una base de datos de a3; bórralo o elige otra ruta con --db."
        )
    if not os.access(path, os.R_OK):
        raise BaseDeDatosInvalida(f"No hay permiso para leer {path}.")
    _revisar_cabecera(path)
    revision, has_tables = _schema_revision(path)
    _revisar_revision(path, revision, has_tables)
    motivo = _motivo_solo_lectura(path)
    if revision != SCHEMA_HEAD:
        if motivo:
            raise BaseDeDatosInvalida(
                f"La base de datos {path} es de una versión anterior de a3 y hay que actualizarla, "
                f"pero {motivo[0].lower()}{motivo[1:]}"
            )
        _migrar(path)
    if not motivo and _sin_espacio(path) and _lectura_sin_espacio(path):
        lleno = disco_lleno(path)
        return Store(path, _engine(path, sin_espacio=True), solo_lectura=True, motivo=lleno.mensaje, sin_espacio=True)
    return Store(path, _engine(path, solo_lectura=bool(motivo)), solo_lectura=bool(motivo), motivo=motivo)


def _lectura_sin_espacio(path: Path) -> bool:
    """True when a3's ordinary connection can't even read ``path`` because its disk is full
    (SQLite can't grow the -shm file): the database is then opened read-only."""
    try:
        con = _conectar(path)
    except sqlite3.Error:
        return False
    try:
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        return _falta_espacio(exc, path)
    finally:
        con.close()
    return False


def _motivo_solo_lectura(path: Path) -> str:
    """Why the database can't be written (empty when it can)."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # SQLite writes its -wal and -shm files beside the database.
        extras = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        if not all(p.exists() and os.access(p, os.W_OK) for p in extras):
            return (
                f"No se puede escribir en la carpeta {path.parent}; a3 necesita permiso de escritura ahí para guardar."
            )
    if not os.access(path, os.W_OK):
        return f"No hay permiso para escribir en {path}; la base de datos solo se puede leer."
    return ""


def _crear(path: Path) -> None:
    """Build a new database in a private temporary file and link it into place.

    The name appears only once the schema is complete, so a kill or a full disk leave
    nothing behind (but a stray hidden temporary file), and when several processes
    create the same path at once the first link wins and the others open that file.
    """
    try:
        # On a file system without hard links a rename is atomic too, but may replace a
        # file created in the same instant by another process.
        with escritura_atomica(path, marca="nueva-", sin_enlaces=True) as tmp:
            tmp.archivo.close()  # SQLite fills it by its name
            try:
                _migrar(tmp.ruta, nueva=True)
            finally:
                for sufijo in ("-wal", "-shm", "-journal"):
                    Path(f"{tmp.ruta}{sufijo}").unlink(missing_ok=True)
    except FileExistsError:
        pass  # another process created it first: use theirs


# ---------------------------------------------------------------- migrations


def _migrar(path: Path, *, nueva: bool = False) -> None:
    """Bring ``path`` to the current schema in one transaction under the write lock.

    The revision is read again once the lock is held (another process may have upgraded
    the file meanwhile); an existing file is checked and copied first. Foreign keys are
    off during the upgrade (SQLite's procedure for schema changes) and checked before
    committing.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    def conectar() -> sqlite3.Connection:
        con = _conectar(path, espera_s=ESPERA_CANDADO_S)
        con.execute(f"PRAGMA busy_timeout = {int(ESPERA_CANDADO_S * 1000)}")
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        return con

    engine = create_engine("sqlite://", creator=conectar, poolclass=NullPool, hide_parameters=True)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with engine.connect() as conn, conn.begin():
            crudo = conn.connection.driver_connection
            assert isinstance(crudo, sqlite3.Connection)
            revision, _tablas = _revision_de(crudo)
            if revision == SCHEMA_HEAD:
                return
            if not nueva:
                if not _quick_check(crudo):
                    raise danada(path)
                if revision is not None:
                    with _copia_verificada(
                        path, path.parent, path.name, nombre=path, que="la copia de seguridad de"
                    ) as tmp:
                        _nombrar_copia(tmp, path, f"antes-de-migrar-{revision}")
            esquema.actualizar(conn, "head")
            problemas = crudo.execute("PRAGMA foreign_key_check").fetchall()
            if problemas:
                raise BaseDeDatosInvalida(f"La actualización de {path} dejaría referencias rotas; no se cambió nada.")
        analyze(engine)
    finally:
        engine.dispose()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of ``engine``'s database to ``revision`` with Alembic (tests build
    databases of older versions with it; a3 itself upgrades through ``open_store``)."""
    with engine.begin() as connection:
        esquema.actualizar(connection, revision)
    analyze(engine)


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics. Without them SQLite may pick an index that
    reads the table row by row (the cold-clients count at 100,000 clients: 220 ms → 20 ms)."""
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


# ---------------------------------------------------------------- backups


def _archivo_nuevo(db: Path, que: str) -> Path:
    """A new, empty, owner-only file beside ``db`` named ``<db>.<que>.bak`` (or ``-2``, ``-3``…):
    two backups in the same second never share a name."""
    for n in range(1, 1000):
        nombre = f"{db.name}.{que}.bak" if n == 1 else f"{db.name}.{que}-{n}.bak"
        destino = db.with_name(nombre)
        try:
            fd = os.open(destino, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return destino
    raise BaseDeDatosInvalida(f"Hay demasiados respaldos de {db.name} en {db.parent}; borra los que ya no necesites.")


def _copiar(fuente: Path, destino: Path, *, nombre: Path | None = None, que: str = "la copia") -> None:
    """Copy a consistent snapshot of ``fuente`` into the (existing, private) file ``destino``
    with SQLite's online backup, as a self-contained file (no -wal).

    A copy that does not fit is the fault of ``destino``'s disk, and says so, naming the
    copy as the user knows it (``que`` ``nombre``, not the temporary file); the caller removes what
    the copy left (``_borrar_base``).
    """
    src = _conectar_lectura(fuente)
    try:
        dst = sqlite3.connect(destino, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error as exc:
            if _falta_espacio(exc, destino):
                raise disco_lleno(nombre or destino, para=que) from None
            raise
        finally:
            dst.close()
    finally:
        src.close()
    try:
        with open(destino, "rb") as archivo:
            os.fsync(archivo.fileno())
    except OSError as exc:
        raise error_de_archivo(exc, nombre or destino) from None


def _borrar_base(path: Path) -> None:
    """Remove a database file a3 made and gave up on, with the journal files SQLite left
    beside it (a copy cut short by a full disk leaves a hot ``-journal``)."""
    for resto in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with suppress(OSError):
            resto.unlink()


# A copy being made carries this word in its hidden name until it is complete and
# verified, so that a kill leaves a file that says what it is; the next copy made in the
# same folder or of the same database removes it (``_limpiar_incompletas``).
INCOMPLETA = "incompleta"
# A leftover younger than this may be a copy another process has just created and not
# locked yet.
_INCOMPLETA_RECIENTE_S = 2.0


@contextmanager
def _copia_verificada(
    fuente: Path, carpeta: Path, base: str, *, nombre: Path | None = None, que: str = "la copia"
) -> Iterator[Path]:
    """A complete, verified copy of the database ``fuente`` in a private temporary file in
    ``carpeta``, for the caller to link to its final name inside the block.

    The file is ``.<base>.incompleta-XXXX`` until it is removed on leaving the block, and
    locked (``flock``) while this process lives, so a leftover of a killed copy is known
    for what it is and removed by the next copy. The copy is checked (its size against its
    header, SQLite's quick_check, a3's schema) before the caller sees it. Raises
    BaseDeDatosInvalida when it does not fit or does not check out, naming ``nombre``.
    """
    import fcntl

    _limpiar_incompletas(carpeta)
    if fuente.parent != carpeta:
        _limpiar_incompletas(fuente.parent)
    try:
        fd, nombre_tmp = tempfile.mkstemp(prefix=f"{prefijo_temporal(base)}{INCOMPLETA}-", dir=carpeta)
    except OSError as exc:  # a folder without room or permission: name the copy, not the temporary file
        raise error_de_archivo(exc, nombre or carpeta / base) from None
    tmp = Path(nombre_tmp)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _copiar(fuente, tmp, nombre=nombre, que=que)
        _verificar_copia(tmp, nombre or tmp, que)
        yield tmp
    finally:
        _borrar_base(tmp)
        os.close(fd)


def _verificar_copia(copia: Path, nombre: Path, que: str) -> None:
    """Raise unless ``copia`` is whole: as long as its header says, intact, and an a3 database."""
    mal = BaseDeDatosInvalida(
        f"La comprobación de {que} {nombre} falló (la copia salió incompleta o dañada), así que no se "
        "guardó; revisa el disco e intenta de nuevo."
    )
    try:
        _revisar_cabecera(copia)
        con = sqlite3.connect(_uri(copia, solo_lectura=True), uri=True, isolation_level=None)
        try:
            bien = _quick_check(con) and _revision_de(con)[0] is not None
        finally:
            con.close()
    except (A3Error, sqlite3.DatabaseError):
        raise mal from None
    if not bien:
        raise mal


def _limpiar_incompletas(carpeta: Path) -> None:
    """Remove what killed copies left in ``carpeta``, whatever their name (a backup killed
    once it was linked to its name leaves the same copy under its «incompleta» one, and the
    next backup, into another name, must still remove it); a copy another process is making
    is locked, and left alone."""
    import fcntl

    try:
        restos = list(carpeta.glob(f".*.{INCOMPLETA}-*"))
    except OSError:
        return
    for resto in restos:
        if resto.name.endswith(("-journal", "-wal", "-shm")):
            continue
        try:
            fd = os.open(resto, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            estado = os.fstat(fd)
            if not stat.S_ISREG(estado.st_mode) or estado.st_uid != os.geteuid():
                continue
            if time.time() - estado.st_mtime < _INCOMPLETA_RECIENTE_S:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a copy in progress
            _borrar_base(resto)
        finally:
            os.close(fd)


def _nombrar_copia(tmp: Path, db: Path, que: str) -> Path:
    """Link the finished copy ``tmp`` to ``<db>.<que>.bak`` (or ``-2``, ``-3``…, so two copies
    in the same second never share a name); return that name."""
    for n in range(1, 1000):
        destino = db.with_name(f"{db.name}.{que}.bak" if n == 1 else f"{db.name}.{que}-{n}.bak")
        try:
            colocar(tmp, destino)
        except FileExistsError:
            continue
        except OSError as exc:
            raise error_de_archivo(exc, destino) from None
        return destino
    raise BaseDeDatosInvalida(f"Hay demasiados respaldos de {db.name} en {db.parent}; borra los que ya no necesites.")


def _archivo_de(base: Path | Store) -> Path:
    """The file of a database; a PostgreSQL one is backed up by its server's tools."""
    if not isinstance(base, Store):
        return base
    if base.path is None:
        from a3tui.store_pg import RESPALDO

        raise BaseDeDatosInvalida(RESPALDO)
    return base.path


def backup(fuente: Path | Store, destino: Path) -> Path:
    """Write a consistent copy of the database ``fuente`` to ``destino``; return its path.

    Safe while other processes write (the online backup copies one snapshot). The source
    is checked first (a damaged database is not copied as if it were good); the copy is
    built in a private temporary file and linked into place, so an existing file is never
    overwritten and a failure leaves nothing behind. Outputs follow ``revisar_salida``: a
    symbolic link is followed; ``-``, a FIFO or a character device get the finished,
    checked copy written into them (and, as a3 can't find it again, it is never the
    backup a3 recommends).
    """
    fuente_path = _archivo_de(fuente)
    destino = destino.expanduser()
    with en_espanol(fuente_path, archivo=destino):
        if not es_salida_estandar(destino) and destino.is_dir():
            destino = destino / fuente_path.name
        real = Path(os.path.realpath(destino)) if destino.is_symlink() else destino
        if not es_salida_estandar(destino) and not real.parent.is_dir():
            raise BaseDeDatosInvalida(f"La carpeta {real.parent} no existe; créala primero.")
        if real.absolute() == fuente_path.absolute():
            raise BaseDeDatosInvalida("El respaldo no puede sobrescribir la base de datos en uso.")
        if real.is_file():
            raise BaseDeDatosInvalida(f"Ya existe {destino}; elige otro nombre para no sobrescribirlo.")
        salida = revisar_salida(destino)
        _revisar_cabecera(fuente_path)
        con = _conectar_lectura(fuente_path)
        try:
            if not _quick_check(con):
                raise danada(fuente_path)
        finally:
            con.close()
        if salida.en_su_lugar:
            _respaldo_en_su_lugar(fuente_path, destino)
            return destino
        with _copia_verificada(fuente_path, real.parent, real.name, nombre=destino, que="el respaldo") as tmp:
            try:
                colocar(tmp, real)
            except FileExistsError:
                raise BaseDeDatosInvalida(f"Ya existe {destino}; elige otro nombre para no sobrescribirlo.") from None
            except OSError as exc:
                raise error_de_archivo(exc, destino) from None
    _registrar_respaldo(fuente_path, real)
    return destino


def _respaldo_en_su_lugar(fuente: Path, destino: Path) -> None:
    """The backup of ``fuente`` written into standard output, a FIFO or a device: the copy
    is made whole in a private temporary folder first, then streamed."""
    with (
        tempfile.TemporaryDirectory(prefix="a3-respaldo-") as carpeta,
        _copia_verificada(fuente, Path(carpeta), fuente.name, nombre=destino, que="el respaldo") as tmp,
        open(tmp, "rb") as copia,
    ):
        escribir_archivo(destino, lambda archivo: shutil.copyfileobj(copia, archivo))


def _registro_respaldos() -> Path:
    return state_path() / "respaldos.txt"


def _registrar_respaldo(db: Path, copia: Path) -> None:
    """Remember where the backups of ``db`` went (so a damaged database can point at one)."""
    try:
        carpeta_privada(state_path())
        anexar_privado(_registro_respaldos(), f"{db.absolute()}\t{copia.absolute()}\n")
    except OSError:
        pass


def ultimo_respaldo(db: Path) -> Path | None:
    """The newest backup of ``db`` that passes ``check_file``: those made with `a3 db backup`,
    and the copies a3 leaves beside it before an upgrade or a restore."""
    if getattr(_buscando_respaldo, "activo", False):
        return None  # checking a candidate that is damaged itself: no advice is needed there
    _buscando_respaldo.activo = True
    try:
        return _ultimo_respaldo_bueno(db)
    finally:
        _buscando_respaldo.activo = False


_buscando_respaldo = threading.local()


def _ultimo_respaldo_bueno(db: Path) -> Path | None:
    candidatos: list[Path] = []
    try:
        for linea in _registro_respaldos().read_text(encoding="utf-8", errors="replace").splitlines():
            origen, _, copia = linea.partition("\t")
            if origen == str(db.absolute()):
                candidatos.append(Path(copia))
    except OSError:
        pass
    with suppress(OSError):
        candidatos.extend(db.parent.glob(f"{db.name}.antes-de-*.bak"))
    existentes = []
    for candidato in set(candidatos):
        try:
            existentes.append((candidato.stat().st_mtime, candidato))
        except OSError:
            continue
    # Only a backup that checks out is ever recommended: a file cut short by a kill (as
    # older versions of a3 could leave) is passed over.
    for _momento, candidato in sorted(existentes, reverse=True):
        try:
            check_file(candidato)
        except (A3Error, OSError, sqlite3.Error):
            continue
        return candidato
    return None


def check_file(origen: Path) -> str:
    """Check that ``origen`` is an intact a3 database this version can open; return its revision."""
    origen = origen.expanduser()
    if not origen.is_file():
        raise BaseDeDatosInvalida(_no_es_un_respaldo(origen))
    # A copy cut short (by a kill, or a power cut) leaves the journal of its unfinished
    # transaction beside it: the file holds part of the pages, whatever its header says.
    if Path(f"{origen}-journal").exists():
        raise BaseDeDatosDanada(
            f"El respaldo {origen} está incompleto: la copia se interrumpió antes de terminar (quedó "
            f"{origen.name}-journal a su lado); no se puede restaurar, usa otro respaldo."
        )
    if origen.stat().st_size == 0:
        raise BaseDeDatosInvalida(f"El archivo {origen} está vacío; no es un respaldo de a3.")
    with en_espanol(origen):
        return _revisar_respaldo(origen)


def _no_es_un_respaldo(origen: Path) -> str:
    """Why ``origen``, which is not a regular file, can't be restored: it does not exist, or
    it is a folder, a device or another special file."""
    try:
        modo = os.stat(origen).st_mode
    except FileNotFoundError:
        return f"No existe el archivo {origen}."
    except OSError as exc:
        return f"No se pudo usar {origen}: {MOTIVOS_DE_ERROR.get(exc.errno or 0, 'error del sistema')}."
    if stat.S_ISDIR(modo):
        return f"La ruta {origen} es una carpeta; indica el archivo del respaldo que está dentro."
    if stat.S_ISBLK(modo) or stat.S_ISCHR(modo):
        return f"La ruta {origen} es un dispositivo, no un archivo de respaldo; indica el archivo del respaldo."
    return (
        f"La ruta {origen} no es un archivo normal (es una tubería u otro objeto especial); indica el archivo "
        "del respaldo."
    )


def _revisar_respaldo(origen: Path) -> str:
    danado = BaseDeDatosDanada(f"El respaldo {origen} está incompleto o dañado; no se puede restaurar.")
    try:
        _revisar_cabecera(origen)
    except BaseDeDatosDanada:
        raise danado from None
    try:
        revision, _has_tables = _schema_revision(origen)
    except BaseDeDatosDanada:
        raise danado from None
    if revision is None:
        raise BaseDeDatosInvalida(f"El archivo {origen} no es una base de datos de a3.")
    if revision not in REVISIONS:
        raise BaseDeDatosInvalida(f"El archivo {origen} es de una versión más nueva de a3.")
    con = _conectar_lectura(origen)
    try:
        bien = _quick_check(con)
    finally:
        con.close()
    if not bien:
        raise danado
    return revision


# ---------------------------------------------------------------- restore


def restore(destino: Path | Store, origen: Path, sello: str) -> Path | None:
    """Replace the database ``destino`` with the backup ``origen``; return the copy of what
    was replaced (None when there was no database yet).

    The backup is checked first. The replacement is one transaction that holds the write
    lock from before the copy of the current content is taken until the new content is
    committed: a write by another process lands either in that copy or after the restore,
    a kill leaves the old content, and concurrent restores run one after the other. A
    damaged database is moved aside instead (to ``*.danada-…bak``).
    """
    path = _archivo_de(destino)
    origen = origen.expanduser()
    with en_espanol(path):
        revision = check_file(origen)
        if path.exists() and os.path.samefile(origen, path):
            raise BaseDeDatosInvalida("El archivo de origen es la misma base de datos en uso.")
        if not path.exists():
            _instalar_copia(origen, path)
            copia = None
        else:
            _revisar_destino(path)
            copia = _restaurar_en_su_lugar(path, origen, sello)
        if revision != SCHEMA_HEAD:
            _migrar(path)
        else:
            engine = _engine(path)
            try:
                analyze(engine)
            finally:
                engine.dispose()
    return copia


def _revisar_destino(path: Path) -> None:
    """A restore replaces an a3 database (healthy or damaged), never someone else's file."""
    if not path.is_file():
        raise BaseDeDatosInvalida(f"{path} no es un archivo normal; elige la ruta de la base de datos con --db.")
    cabecera = _cabecera(path)
    if not cabecera.startswith(_SQLITE_MAGIC):
        raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3; no se reemplaza.")
    try:
        revision, _tablas = _schema_revision(path)
    except BaseDeDatosDanada:
        return  # damaged: it is moved aside, never lost
    except BaseDeDatosInvalida:
        return
    if revision is None:
        raise BaseDeDatosInvalida(f"El archivo {path} no es una base de datos de a3; no se reemplaza.")


def _instalar_copia(origen: Path, path: Path) -> None:
    """Put a copy of ``origen`` at ``path`` (which does not exist), atomically."""
    with _copia_verificada(origen, path.parent, path.name, nombre=path, que="la base restaurada") as tmp:
        try:
            colocar(tmp, path)
        except OSError as exc:
            raise error_de_archivo(exc, path) from None


def _restaurar_en_su_lugar(path: Path, origen: Path, sello: str) -> Path:
    con = _conectar(path, espera_s=ESPERA_CANDADO_S)
    copia: Path | None = None
    try:
        con.execute(f"PRAGMA busy_timeout = {int(ESPERA_CANDADO_S * 1000)}")
        con.execute("ATTACH DATABASE ? AS origen", (_uri(origen, solo_lectura=True),))
        con.execute("BEGIN IMMEDIATE")
        try:
            if not _quick_check(con):
                raise sqlite3.DatabaseError("quick_check")
            # Another connection reads the last committed state; this one holds the write
            # lock, so nothing can commit between that snapshot and the replacement.
            with _copia_verificada(path, path.parent, path.name, nombre=path, que="la copia de seguridad de") as tmp:
                copia = _nombrar_copia(tmp, path, f"antes-de-restaurar-{sello}")
            _reemplazar_contenido(con)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if copia is not None:
                copia.unlink(missing_ok=True)
                copia = None
            raise
    except sqlite3.DatabaseError as exc:
        codigo = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if str(exc) != "quick_check" and codigo not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise
        con.close()
        return _apartar_danada(path, origen, sello)
    finally:
        con.close()
    assert copia is not None
    _registrar_respaldo(path, copia)
    return copia


def _reemplazar_contenido(con: sqlite3.Connection) -> None:
    """Drop everything in ``main`` and recreate it from the attached ``origen`` (one transaction)."""
    for tipo, nombre in con.execute(
        "SELECT type, name FROM main.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        con.execute(f'DROP {"TABLE" if tipo == "table" else "VIEW"} IF EXISTS main."{nombre}"')
    objetos = con.execute(
        "SELECT type, name, sql FROM origen.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    orden = {"table": 0, "index": 1, "trigger": 2, "view": 3}
    for tipo, nombre, sql in sorted(objetos, key=lambda o: orden.get(o[0], 4)):
        con.execute(sql)
        if tipo == "table":
            con.execute(f'INSERT INTO main."{nombre}" SELECT * FROM origen."{nombre}"')
    tiene_secuencia = con.execute("SELECT 1 FROM origen.sqlite_master WHERE name = 'sqlite_sequence'").fetchone()
    if tiene_secuencia:
        con.execute("DELETE FROM main.sqlite_sequence")
        con.execute("INSERT INTO main.sqlite_sequence SELECT * FROM origen.sqlite_sequence")
    if con.execute("PRAGMA main.foreign_key_check").fetchall():
        raise BaseDeDatosInvalida("El respaldo tiene referencias rotas; no se restauró.")


def _apartar_danada(path: Path, origen: Path, sello: str) -> Path:
    """A damaged database can't be rewritten in place: move it (and its -wal/-shm) aside
    and install the backup under its name."""
    apartada = _archivo_nuevo(path, f"danada-{sello}")
    os.replace(path, apartada)
    for sufijo in ("-wal", "-shm"):
        resto = Path(f"{path}{sufijo}")
        if resto.exists():
            os.replace(resto, Path(f"{apartada}{sufijo}"))
    _instalar_copia(origen, path)
    return apartada

"""Test databases: built (a client list, an old schema revision, a big file), copied, and
read straight from the engine (a whole dump, integrity, names, counts).

Shared by the command-line tests, the reliability suite and bench/fiabilidad.py; nothing
here imports pytest.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from apoyo.pg import BasePG, crear_base, volcado_pg
from apoyo.proceso import AHORA, ASESOR

CLIENTE_VIEJO = "José Pérez Núñez"  # the client of a database written by revision 0001

Base = Path | BasePG  # a test's database: a SQLite file or a database on the private server


# ---------------------------------------------------------------- looking at a database


def volcado(path: Path | BasePG) -> Any:
    """Everything in the database: a file's SQL dump (or its bytes if it is not SQLite; None
    if absent), or every row of a PostgreSQL database."""
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


def integridad(path: Path) -> str:
    """PRAGMA integrity_check of the file ("ok" when intact), or the error that stopped it."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            filas = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    return "; ".join(str(f[0]) for f in filas)[:300]


def nombres(path: Path) -> list[str]:
    """Every client's name in the file, in id order (read straight from SQLite)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT nombre FROM cliente ORDER BY id")]
    finally:
        con.close()


def contar(path: Path, sql: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def modo(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def borrar_archivos(path: Path) -> None:
    """Remove a SQLite database and the files beside it (-wal, -shm, -journal)."""
    for sufijo in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{sufijo}")


def copiar_base(origen: Path | BasePG, destino: Path | BasePG) -> Path | BasePG:
    """A private copy of a closed database file (no -wal/-shm: templates are checkpointed),
    or of a PostgreSQL database (its template)."""
    if isinstance(origen, BasePG) and isinstance(destino, BasePG):
        return crear_base(destino.servidor, destino.nombre, origen.nombre)
    assert isinstance(origen, Path)
    assert isinstance(destino, Path)
    borrar_archivos(destino)
    shutil.copyfile(origen, destino)
    os.chmod(destino, 0o600)
    return destino


# ---------------------------------------------------------------- building databases


def _ahora_dt() -> datetime:
    return datetime.fromisoformat(AHORA)


def poblar(
    path: Path | BasePG, nombres_: Sequence[str], *, telefono_base: int = 8100000000, nota: str | None = None
) -> None:
    """Create (or open) an a3 database at ``path`` and add these clients in one transaction."""
    from a3tui import services
    from a3tui import store as store_module
    from a3tui.services import clientes

    s = store_module.open_store(str(path))
    try:
        with s.session() as session:
            ctx = services.contexto(session, ASESOR, _ahora_dt())
            for i, nombre in enumerate(nombres_):
                clientes.add(ctx, nombre, telefonos=[str(telefono_base + i)], nota=nota)
    finally:
        s.dispose()
    if isinstance(path, Path):
        cerrar_wal(path)


def inflar(path: Path, notas: int, cliente_id: int = 1) -> None:
    """Add ``notas`` notes of 4 KB to a client (about 4 MB per thousand), straight in SQL:
    a big file makes copying it slow enough for a concurrent process to land mid-copy."""
    con = sqlite3.connect(path)
    try:
        con.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO nota (cliente_id, asesor_id, texto, creado) "
            "SELECT ?, (SELECT asesor_id FROM cliente WHERE id = ?), printf('%.*c', 4000, 'x') || i, "
            "'2026-11-01 09:00:00' FROM n",
            (notas, cliente_id, cliente_id),
        )
        con.commit()
    finally:
        con.close()
    cerrar_wal(path)


def cerrar_wal(path: Path) -> None:
    """Fold the -wal file into the database, so a plain copy of the file holds everything."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for sufijo in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{sufijo}")


def base_en_revision(path: Path, revision: str = "0001", extra: int = 0, propiedad: bool = False) -> None:
    """A database as revision ``revision`` of a3 left it, written as the first version of
    a3 wrote it: one advisor, one client (CLIENTE_VIEJO, id 7) with one phone, plus
    ``extra`` more clients with a phone each (upgrading many clients takes long enough for
    a kill to land mid-way) and, with ``propiedad``, property 3 «SJ-101».
    """
    from sqlalchemy import create_engine, event, text

    from a3tui import store as store_module

    borrar_archivos(path)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", store_module._set_pragmas)
    store_module.migrate(engine, "0001")
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO asesor (id, nombre, login, rol, plaza, activo, creado) "
                "VALUES (1, 'Ana', 'ana', 'asesor', 'General', 1, '2026-01-05 09:00:00')"
            )
        )
        con.execute(
            text(
                "INSERT INTO cliente (id, nombre, nombre_orden, email, primer_contacto, asesor_id, plaza, "
                "etapa, temperatura, proximo_contacto, creado, actualizado) VALUES (7, :nombre, "
                "'jose perez nunez', 'jose.perez@example.com', '2026-11-01', 1, 'General', 'prospecto', "
                "'tibio', '2026-11-08', '2026-11-01 09:00:00', '2026-11-01 09:00:00')"
            ),
            {"nombre": CLIENTE_VIEJO},
        )
        con.execute(text("INSERT INTO telefono (cliente_id, numero, orden) VALUES (7, '8123456789', 0)"))
        if propiedad:
            con.execute(
                text(
                    "INSERT INTO propiedad (id, clave, desarrollo, modelo, precio_centavos, plaza, estado, creado) "
                    "VALUES (3, 'SJ-101', 'San José del Valle', 'Álamo', 98000000, 'General', 'disponible', "
                    "'2026-01-05 09:00:00')"
                )
            )
        if extra:
            con.execute(
                text(
                    "INSERT INTO cliente (id, nombre, nombre_orden, email, primer_contacto, asesor_id, plaza, "
                    "etapa, temperatura, proximo_contacto, creado, actualizado) VALUES (:id, :nombre, :orden, "
                    ":email, '2026-10-01', 1, 'General', 'prospecto', 'tibio', '2026-10-08', "
                    "'2026-10-01 09:00:00', '2026-10-01 09:00:00')"
                ),
                [
                    {
                        "id": 100 + i,
                        "nombre": f"Cliente Extra {i}",
                        "orden": f"cliente extra {i}",
                        "email": f"extra{i}@example.com",
                    }
                    for i in range(extra)
                ],
            )
            con.execute(
                text("INSERT INTO telefono (cliente_id, numero, orden) VALUES (:id, :numero, 0)"),
                [{"id": 100 + i, "numero": str(8150000000 + i)} for i in range(extra)],
            )
    if revision != "0001":
        store_module.migrate(engine, revision)
    engine.dispose()
    cerrar_wal(path)
    os.chmod(path, 0o600)


def revision_de(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()

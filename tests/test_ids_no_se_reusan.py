"""Migration 0013: on SQLite an id that a3 deleted is never handed out again, not even one
deleted before the upgrade (the audit remembers it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event, text

from a3tui import store as store_module


def _base_en_0012(path: Path) -> None:
    """A database as revision 0012 left it: one advisor, one client, documents 1 and 2 of
    which 2 was deleted (only the audit remembers it), index of documents in place."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", store_module._set_pragmas)
    store_module.migrate(engine, "0012")
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO asesor (id, nombre, login, rol, plaza, activo, creado) "
                "VALUES (1, 'Ana', 'ana', 'asesor', 'General', 1, '2026-01-05 09:00:00')"
            )
        )
        con.execute(
            text(
                "INSERT INTO cliente (id, nombre, nombre_orden, primer_contacto, asesor_id, plaza, etapa, "
                "temperatura, creado, actualizado) VALUES (1, 'Juan', 'juan', '2026-11-01', 1, 'General', "
                "'prospecto', 'tibio', '2026-11-01 09:00:00', '2026-11-01 09:00:00')"
            )
        )
        con.execute(
            text(
                "INSERT INTO documento (id, cliente_id, tipo, nombre_archivo, sha256, tamano, subido, asesor_id, "
                "formato) VALUES (1, 1, 'ine', 'ine.pdf', 'abc', 3, '2026-11-02 09:00:00', 1, 'pdf')"
            )
        )
        for accion in ("alta", "baja"):
            con.execute(
                text(
                    "INSERT INTO auditoria (fecha, asesor_id, accion, entidad, entidad_id, cliente_id) "
                    "VALUES ('2026-11-03 09:00:00', 1, :accion, 'documento', 2, 1)"
                ),
                {"accion": accion},
            )
    engine.dispose()


def test_tras_migrar_un_documento_nuevo_no_toma_el_id_de_uno_borrado_antes(tmp_path: Path) -> None:
    path = tmp_path / "a3.db"
    _base_en_0012(path)
    store_module.open_store(str(path)).dispose()
    con = sqlite3.connect(path)
    try:
        con.execute(
            "INSERT INTO documento (cliente_id, tipo, nombre_archivo, sha256, tamano, subido, asesor_id, formato) "
            "VALUES (1, 'ine', 'otra.pdf', 'def', 3, '2026-12-01 09:00:00', 1, 'pdf')"
        )
        assert [fila[0] for fila in con.execute("SELECT id FROM documento ORDER BY id")] == [1, 3]
        indices = {fila[0] for fila in con.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'documento'")}
        assert {"ix_documento_cliente", "ux_documento_cliente_sha256", "ix_documento_apartado_id"} <= indices
    finally:
        con.close()


def test_una_tarea_borrada_no_presta_su_id_en_una_base_nueva(tmp_path: Path) -> None:
    path = tmp_path / "a3.db"
    store_module.open_store(str(path)).dispose()
    con = sqlite3.connect(path)
    try:
        con.execute(
            "INSERT INTO asesor (id, nombre, login, rol, plaza, activo, creado) "
            "VALUES (1, 'Ana', 'ana', 'asesor', 'General', 1, '2026-01-05 09:00:00')"
        )
        for tabla, columnas, valores in (
            ("tarea", "descripcion, vence, prioridad, recordatorio, hecha, asesor_id, creado",
             "'x', '2026-12-01', 'media', 0, 0, 1, '2026-12-01 09:00:00'"),
            ("suplencia", "titular_id, suplente_id, desde, hasta, creada_por_id, creada",
             "1, 1, '2026-12-01', '2026-12-02', 1, '2026-12-01 09:00:00'"),
        ):  # fmt: skip
            con.execute(f"INSERT INTO {tabla} ({columnas}) VALUES ({valores})")
            con.execute(f"DELETE FROM {tabla}")
            con.execute(f"INSERT INTO {tabla} ({columnas}) VALUES ({valores})")
            assert [fila[0] for fila in con.execute(f"SELECT id FROM {tabla}")] == [2], tabla
    finally:
        con.close()

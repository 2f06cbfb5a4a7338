"""What the store guarantees when things go wrong (issue 8): half-built files, failed
upgrades, racing writers, restores, damaged files, odd paths and the error log."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from a3tui import esquema, services
from a3tui import store as store_module
from a3tui.errors import BaseDeDatosDanada, BaseDeDatosInvalida, DatoInvalido
from a3tui.services import clientes
from a3tui.store import Store
from apoyo.bases import nombres


def _modo(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _add(s: Store, nombre: str, **kwargs: object) -> int:
    with s.session() as session:
        cliente = clientes.add(services.contexto(session, "ana"), nombre, **kwargs)  # type: ignore[arg-type]
        assert cliente.id is not None
        return cliente.id


def _revision(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


# ---------------------------------------------------------------- creation and upgrades


def test_base_nueva_que_falla_a_medias_no_deja_archivo(tmp_path, monkeypatch):
    def falla(conn, revision):
        conn.exec_driver_sql("CREATE TABLE a_medias (x)")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(esquema, "actualizar", falla)
    with pytest.raises(BaseDeDatosInvalida, match="espacio"):
        store_module.open_store(str(tmp_path / "a3.db"))
    assert [p.name for p in tmp_path.iterdir()] == ["home"]  # the test's HOME (tests/conftest.py)


def test_actualizacion_que_falla_a_medias_deja_la_version_anterior(tmp_path, monkeypatch):
    from apoyo.bases import base_en_revision

    db = tmp_path / "a3.db"
    base_en_revision(db, "0002")
    original = esquema.actualizar

    def falla(conn, revision):
        original(conn, revision)  # the whole upgrade ran inside the transaction…
        raise RuntimeError("kill")  # …and then the process died before committing

    monkeypatch.setattr(esquema, "actualizar", falla)
    with pytest.raises(RuntimeError):
        store_module.open_store(str(db))
    monkeypatch.undo()
    assert _revision(db) == "0002"
    con = sqlite3.connect(db)
    indices = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    con.close()
    assert "ix_cliente_plaza_seguimiento" not in indices  # 0003's indexes were rolled back
    s = store_module.open_store(str(db))
    s.dispose()
    assert _revision(db) == store_module.SCHEMA_HEAD
    assert nombres(db) == ["José Pérez Núñez"]


def test_varios_hilos_abren_la_misma_base_nueva_a_la_vez(tmp_path):
    db = tmp_path / "a3.db"
    errores: list[BaseException] = []

    def abrir(n: int) -> None:
        try:
            s = store_module.open_store(str(db))
            try:
                _add(s, f"Cliente {n}", telefonos=[f"81 2345 {n:04d}"])
            finally:
                s.dispose()
        except BaseException as exc:
            errores.append(exc)

    hilos = [threading.Thread(target=abrir, args=(n,)) for n in range(6)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert len(nombres(db)) == 6
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_una_sesion_de_escritura_tiene_el_candado_desde_su_primera_lectura(store):
    """The duplicate check reads, then the insert writes: no other process may write in
    between, so a write session takes SQLite's write lock before its first read."""
    with store.session() as session:
        services.contexto(session, "ana")  # the advisor exists (a first use writes it)
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        assert clientes.count(ctx, clientes.Filtro()) == 0
        otro = sqlite3.connect(store.path, isolation_level=None, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                otro.execute("BEGIN IMMEDIATE")
        finally:
            otro.close()


def test_una_sesion_de_lectura_no_bloquea_a_los_que_escriben(store):
    with store.session() as session:
        services.contexto(session, "ana")  # the advisor exists (a first use writes it)
    with store.session(escritura=False) as session:
        ctx = services.contexto(session, "ana")
        assert clientes.count(ctx, clientes.Filtro()) == 0
        otro = sqlite3.connect(store.path, isolation_level=None, timeout=0)
        try:
            otro.execute("BEGIN IMMEDIATE")
            otro.execute("ROLLBACK")
        finally:
            otro.close()


# ---------------------------------------------------------------- odd paths


def test_db_vacia_en_la_opcion_es_error_y_no_usa_la_base_por_omision():
    with pytest.raises(BaseDeDatosInvalida, match="vacía"):
        store_module.open_store("")


def test_dispositivo_de_caracteres_es_rechazado_sin_cambiar_su_modo():
    antes = _modo(Path("/dev/null"))
    with pytest.raises(BaseDeDatosInvalida, match="no es un archivo normal"):
        store_module.open_store("/dev/null")
    assert _modo(Path("/dev/null")) == antes


def test_sqlite_sin_tablas_es_rechazado_y_no_se_toca(tmp_path):
    ajeno = tmp_path / "ajeno.db"
    con = sqlite3.connect(ajeno)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    ajeno.chmod(0o644)
    antes = ajeno.read_bytes()
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.open_store(str(ajeno))
    assert ajeno.read_bytes() == antes
    assert _modo(ajeno) == 0o644


def test_lectura_de_una_ruta_explicita_inexistente_no_crea_nada(tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="No existe"):
        store_module.open_store(str(tmp_path / "typo.db"), create=False)
    assert not (tmp_path / "typo.db").exists()


# ---------------------------------------------------------------- damage


def _llena(s: Store, n: int = 60) -> None:
    for i in range(n):
        _add(s, f"Cliente número {i}", telefonos=[f"81 2345 {i:04d}"], nota="x" * 500)


def test_base_cortada_se_reconoce_como_danada(store):
    _llena(store)
    store.dispose()
    datos = store.path.read_bytes()
    store.path.write_bytes(datos[: int(len(datos) * 0.99)])
    with pytest.raises(BaseDeDatosDanada, match="dañada"):
        store_module.open_store(str(store.path))


def test_respaldo_de_una_base_danada_es_error_y_no_deja_archivos(store, tmp_path):
    _llena(store)
    store.dispose()
    datos = bytearray(store.path.read_bytes())
    datos[3 * 4096 : 4 * 4096] = os.urandom(4096)
    store.path.write_bytes(bytes(datos))
    salida = tmp_path / "salida"
    salida.mkdir()
    with pytest.raises(BaseDeDatosDanada, match="dañada"):
        store_module.backup(store.path, salida / "respaldo.db")
    assert list(salida.iterdir()) == []


def test_base_danada_sugiere_el_ultimo_respaldo(store, tmp_path):
    _llena(store, 10)
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    error = store_module.danada(store.path)
    assert str(respaldo) in error.mensaje


# ---------------------------------------------------------------- backups


def test_respaldo_no_toca_un_temporal_ajeno(store, tmp_path):
    ajeno = tmp_path / "respaldo.db.tmp"
    ajeno.write_text("mío")
    store_module.backup(store, tmp_path / "respaldo.db")
    assert ajeno.read_text() == "mío"


def test_respaldo_que_falla_no_deja_temporales(store, tmp_path, monkeypatch):
    salida = tmp_path / "salida"
    salida.mkdir()

    def falla(fuente, destino, **_opciones):
        destino.write_bytes(b"a medias")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "_copiar", falla)
    with pytest.raises(BaseDeDatosInvalida, match="no hay espacio"):
        store_module.backup(store, salida / "respaldo.db")
    assert list(salida.iterdir()) == []


def test_respaldo_con_nombre_demasiado_largo_es_error_en_espanol(store, tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="demasiado largo"):
        store_module.backup(store, tmp_path / ("x" * 300 + ".db"))


def test_respaldo_no_sobrescribe_un_archivo_existente(store, tmp_path):
    destino = tmp_path / "respaldo.db"
    destino.write_text("otro")
    with pytest.raises(BaseDeDatosInvalida, match="Ya existe"):
        store_module.backup(store, destino)
    assert destino.read_text() == "otro"


# ---------------------------------------------------------------- restore


def test_dos_restauraciones_en_el_mismo_segundo_guardan_dos_copias(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    _add(store, "Beto Ruiz")
    primera = store_module.restore(store.path, respaldo, "20261123-100000")
    _add(store, "Carla Díaz")
    segunda = store_module.restore(store.path, respaldo, "20261123-100000")
    assert primera != segunda
    assert nombres(primera) == ["Ana García", "Beto Ruiz"]
    assert nombres(segunda) == ["Ana García", "Carla Díaz"]
    assert nombres(store.path) == ["Ana García"]


def test_restaurar_es_atomico_si_falla_a_medias(store, tmp_path, monkeypatch):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    _add(store, "Beto Ruiz")
    original = store_module._reemplazar_contenido

    def falla(con):
        original(con)
        raise RuntimeError("kill")

    monkeypatch.setattr(store_module, "_reemplazar_contenido", falla)
    with pytest.raises(RuntimeError):
        store_module.restore(store.path, respaldo, "20261123-100000")
    assert nombres(store.path) == ["Ana García", "Beto Ruiz"]
    assert list(tmp_path.glob("a3.db.antes-de-restaurar-*")) == []


def test_restaurar_una_base_danada_la_aparta_y_deja_la_del_respaldo(store, tmp_path):
    _llena(store, 30)
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    store.dispose()
    datos = bytearray(store.path.read_bytes())
    datos[3 * 4096 : 4 * 4096] = os.urandom(4096)
    store.path.write_bytes(bytes(datos))
    apartada = store_module.restore(store.path, respaldo, "20261123-100000")
    assert apartada is not None
    assert "danada" in apartada.name
    assert apartada.read_bytes() == bytes(datos)
    assert len(nombres(store.path)) == 30


def test_restaurar_en_una_ruta_sin_base_la_crea(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    nueva = tmp_path / "nueva.db"
    assert store_module.restore(nueva, respaldo, "x") is None
    assert nombres(nueva) == ["Ana García"]
    assert _modo(nueva) == 0o600


def test_restauracion_que_espera_no_pierde_la_escritura_de_otro(store, tmp_path):
    """A writer that commits while a restore waits for the lock lands in the safety copy."""
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    escritor = sqlite3.connect(store.path, isolation_level=None)
    escritor.execute("BEGIN IMMEDIATE")
    escritor.execute(
        "INSERT INTO cliente (nombre, nombre_orden, primer_contacto, asesor_id, plaza, etapa, creado, actualizado) "
        "VALUES ('Durante', 'durante', '2026-11-23', 1, 'General', 'prospecto', '2026-11-23', '2026-11-23')"
    )
    resultado: list[object] = []
    hilo = threading.Thread(target=lambda: resultado.append(store_module.restore(store.path, respaldo, "s")))
    hilo.start()
    hilo.join(0.3)  # the restore is waiting for the write lock
    escritor.execute("COMMIT")
    escritor.close()
    hilo.join()
    copia = resultado[0]
    assert isinstance(copia, Path)
    assert "Durante" in nombres(copia)
    assert nombres(store.path) == ["Ana García"]


# ---------------------------------------------------------------- errors in Spanish


def test_disco_lleno_se_dice_en_espanol_y_no_guarda_nada(store):
    _add(store, "Ana García")
    con = sqlite3.connect(store.path)
    paginas = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    s = store_module.open_store(str(store.path))
    from sqlalchemy import event

    event.listen(s.engine, "connect", lambda c, r: c.execute(f"PRAGMA max_page_count = {paginas}"))
    try:
        with pytest.raises(BaseDeDatosInvalida, match="No hay espacio en el disco"):
            _add(s, "Beto Ruiz", nota="x" * 4900, telefonos=["8112345678"])
    finally:
        s.dispose()
    assert nombres(store.path) == ["Ana García"]


def test_texto_que_no_es_utf8_se_rechaza_en_espanol(store):
    with pytest.raises(DatoInvalido, match="UTF-8"):
        _add(store, "Juan \udcff")


def test_base_con_paginas_aun_en_el_wal_no_se_confunde_con_una_danada(store):
    """After a checkpoint cut short (a full disk, a kill), the main file may be shorter than
    its header says while the missing pages wait in the -wal file: that is not damage."""
    _llena(store, 20)
    store.dispose()
    con = sqlite3.connect(store.path, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("BEGIN")
    con.execute("INSERT INTO nota (cliente_id, asesor_id, texto, creado) VALUES (1, 1, 'x', '2026-11-23')")
    con.execute("CREATE TABLE crece (x)")  # page 1 changes: its new version is in the -wal
    con.execute("COMMIT")
    paginas = con.execute("PRAGMA page_count").fetchone()[0]
    # As if the checkpoint had written page 1 (the header) and then stopped.
    datos = bytearray(store.path.read_bytes())
    datos[28:32] = (paginas + 5).to_bytes(4, "big")
    store.path.write_bytes(bytes(datos))
    assert Path(f"{store.path}-wal").stat().st_size > 0
    store_module.open_store(str(store.path)).dispose()
    con.close()


def test_restaurar_no_reemplaza_un_archivo_que_no_es_de_a3(store, tmp_path):
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    ajeno = tmp_path / "ajeno.db"
    con = sqlite3.connect(ajeno)
    con.execute("CREATE TABLE mias (x)")
    con.commit()
    con.close()
    antes = ajeno.read_bytes()
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.restore(ajeno, respaldo, "s")
    assert ajeno.read_bytes() == antes


def test_disco_lleno_reportado_como_error_de_entrada_salida_se_dice_lleno(tmp_path, monkeypatch):
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = sqlite3.SQLITE_IOERR  # type: ignore[attr-defined]
    monkeypatch.setattr(store_module, "_sin_espacio", lambda path: True)
    traducido = store_module.traducir_error(error, tmp_path / "a3.db")
    assert traducido is not None
    assert "No hay espacio en el disco" in traducido.mensaje

"""The database file: creation, pragmas, refusal of foreign files, migrations, backup and restore."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from a3tui import esquema, services
from a3tui import store as store_module
from a3tui.errors import BaseDeDatosInvalida
from a3tui.services import clientes
from a3tui.store import Store
from apoyo.bases import base_en_revision

MIGRATIONS = Path(store_module.__file__).parent / "migrations"
AHORA = datetime(2026, 11, 23, 10, 0)


def _modo(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pragma(s: Store, name: str) -> object:
    with s.engine.connect() as con:
        return con.execute(text(f"PRAGMA {name}")).scalar()


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _nombres(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT nombre FROM cliente ORDER BY id")]
    finally:
        con.close()


def _add(s: Store, nombre: str, **kwargs: object) -> int:
    with s.session() as session:
        cliente = clientes.add(services.contexto(session, "ana", AHORA), nombre, **kwargs)
        assert cliente.id is not None
        return cliente.id


# ---------------------------------------------------------------- a new database


@pytest.fixture
def nueva(db_path: Path):
    """A database created from nothing by open_store (the shared ``store`` fixture copies a template)."""
    s = store_module.open_store(str(db_path))
    yield s
    s.dispose()


def test_base_nueva_se_crea_solo_para_el_dueno(db_path):
    s = store_module.open_store(str(db_path))
    s.dispose()
    assert _modo(db_path) == 0o600


def test_base_nueva_queda_en_la_ultima_version_del_esquema(nueva):
    assert _revision(nueva.path) == store_module.SCHEMA_HEAD


def test_base_nueva_esta_vacia(nueva):
    assert nueva.is_empty()


def test_base_con_un_cliente_no_esta_vacia(store):
    _add(store, "Ana García")
    assert not store.is_empty()


def test_base_usa_modo_wal(nueva):
    assert str(_pragma(nueva, "journal_mode")).lower() == "wal"


def test_base_tiene_llaves_foraneas_activas(nueva):
    assert _pragma(nueva, "foreign_keys") == 1


def test_base_espera_si_otro_proceso_escribe(nueva):
    assert int(_pragma(nueva, "busy_timeout")) > 0


def test_llave_foranea_rota_se_rechaza(store):
    with pytest.raises(Exception, match="FOREIGN KEY"), store.engine.begin() as con:
        con.execute(text("INSERT INTO telefono (cliente_id, numero, orden) VALUES (999, '8123456789', 0)"))


def test_archivo_wal_tambien_es_solo_del_dueno(nueva):
    with nueva.engine.connect() as con:
        con.execute(text("CREATE TEMP TABLE t (x)"))
        _add(nueva, "Ana García")
        wal = nueva.path.with_name(nueva.path.name + "-wal")
        assert wal.exists()
        assert _modo(wal) == 0o600


def test_reabrir_base_al_dia_no_hace_respaldo(db_path):
    store_module.open_store(str(db_path)).dispose()
    store_module.open_store(str(db_path)).dispose()
    assert list(db_path.parent.glob("*.bak")) == []


def test_reabrir_conserva_los_datos(db_path):
    s = store_module.open_store(str(db_path))
    _add(s, "Ana García")
    s.dispose()
    s = store_module.open_store(str(db_path))
    s.dispose()
    assert _nombres(db_path) == ["Ana García"]


# ---------------------------------------------------------------- where the database lives


def test_ruta_explicita_en_carpeta_inexistente_es_invalida(tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="no existe"):
        store_module.open_store(str(tmp_path / "no-hay" / "a3.db"))
    assert not (tmp_path / "no-hay").exists()


def test_a3_db_en_carpeta_inexistente_es_invalida(tmp_path, monkeypatch):
    monkeypatch.setenv("A3_DB", str(tmp_path / "no-hay" / "a3.db"))
    with pytest.raises(BaseDeDatosInvalida):
        store_module.open_store()


def test_a3_db_elige_la_base(tmp_path, monkeypatch):
    monkeypatch.setenv("A3_DB", str(tmp_path / "desde-env.db"))
    s = store_module.open_store()
    s.dispose()
    assert s.path == tmp_path / "desde-env.db"


def test_ruta_explicita_gana_sobre_a3_db(tmp_path, monkeypatch):
    monkeypatch.setenv("A3_DB", str(tmp_path / "desde-env.db"))
    s = store_module.open_store(str(tmp_path / "explicita.db"))
    s.dispose()
    assert s.path == tmp_path / "explicita.db"
    assert not (tmp_path / "desde-env.db").exists()


def test_url_sqlite_se_acepta(tmp_path):
    s = store_module.open_store(f"sqlite:///{tmp_path / 'url.db'}")
    s.dispose()
    assert s.path == tmp_path / "url.db"


def test_una_url_de_postgresql_es_el_modo_equipo(monkeypatch):
    from a3tui import store_pg

    assert store_pg.es_url("postgresql:///a3")
    assert store_pg.es_url("postgres://ana@servidor/a3")
    assert not store_pg.es_url("/home/ana/a3.db")
    assert not store_pg.es_url("sqlite:///a3.db")
    assert store_pg.url_elegida(None) is None  # A3_DB is a file in the tests
    monkeypatch.setenv("A3_DB", "postgresql:///oficina")
    assert store_pg.url_elegida(None) == "postgresql:///oficina"
    assert store_pg.url_elegida("/tmp/a3.db") is None  # --db wins over A3_DB


def test_los_mensajes_nunca_llevan_la_contrasena():
    from a3tui import store_pg

    assert store_pg.sin_clave("postgresql://ana:s3creta@servidor:5433/a3") == "postgresql://ana:***@servidor:5433/a3"
    assert (
        store_pg.sin_clave("postgres://ana@/a3?host=/run/postgresql") == "postgresql://ana@/a3?host=%2Frun%2Fpostgresql"
    )


def test_los_respaldos_de_archivo_no_son_para_postgresql(tmp_path):

    servidor = store_module.Store(None, create_engine("sqlite://"), url="postgresql://ana@/a3")
    with pytest.raises(BaseDeDatosInvalida, match="pg_dump"):
        store_module.backup(servidor, tmp_path / "r.db")


def test_sin_ruta_usa_la_carpeta_de_datos_del_usuario(monkeypatch):
    monkeypatch.delenv("A3_DB")
    s = store_module.open_store()
    s.dispose()
    assert s.path == Path(os.environ["XDG_DATA_HOME"]) / "a3" / "a3.db"
    assert s.path.exists()


def test_carpeta_de_datos_del_usuario_es_solo_del_dueno(monkeypatch):
    monkeypatch.delenv("A3_DB")
    s = store_module.open_store()
    s.dispose()
    assert _modo(s.path.parent) == 0o700


def test_a3_db_con_tilde_usa_la_carpeta_personal(monkeypatch):
    monkeypatch.setenv("A3_DB", "~/mi-a3.db")
    s = store_module.open_store()
    s.dispose()
    assert s.path == Path(os.environ["HOME"]) / "mi-a3.db"
    assert s.path.exists()


def test_archivo_vacio_ajeno_es_rechazado_y_no_se_toca(db_path):
    # a3 never leaves an empty file (it builds a new database aside and links it into
    # place), so an empty file is someone else's: no chmod, no schema.
    db_path.touch()
    db_path.chmod(0o644)
    with pytest.raises(BaseDeDatosInvalida, match="vacío"):
        store_module.open_store(str(db_path))
    assert db_path.stat().st_size == 0
    assert _modo(db_path) == 0o644


def test_ruta_que_es_carpeta_es_invalida(tmp_path):
    (tmp_path / "carpeta.db").mkdir()
    with pytest.raises(BaseDeDatosInvalida, match="carpeta"):
        store_module.open_store(str(tmp_path / "carpeta.db"))


def test_sin_crear_una_base_inexistente_es_invalida(tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="No existe"):
        store_module.open_store(str(tmp_path / "a3.db"), create=False)
    assert not (tmp_path / "a3.db").exists()


# ---------------------------------------------------------------- files that are not a3's


def test_archivo_que_no_es_sqlite_es_rechazado(db_path):
    db_path.write_bytes(os.urandom(8192))
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.open_store(str(db_path))


def test_archivo_de_texto_es_rechazado(db_path):
    db_path.write_text("nombre,telefono\nAna,8123456789\n", encoding="utf-8")
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.open_store(str(db_path))


def test_archivo_rechazado_no_se_modifica(db_path):
    contenido = os.urandom(8192)
    db_path.write_bytes(contenido)
    with pytest.raises(BaseDeDatosInvalida):
        store_module.open_store(str(db_path))
    assert db_path.read_bytes() == contenido


def test_sqlite_con_tablas_ajenas_es_rechazado(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE facturas (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO facturas (total) VALUES (10.5)")
    con.commit()
    con.close()
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.open_store(str(db_path))
    assert _tablas(db_path) == {"facturas"}


def test_base_de_una_version_mas_nueva_es_rechazada(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('9999')")
    con.commit()
    con.close()
    with pytest.raises(BaseDeDatosInvalida, match="versión más nueva"):
        store_module.open_store(str(db_path))
    assert _revision(db_path) == "9999"


def _tablas(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


# ---------------------------------------------------------------- migrations


def test_revisiones_coinciden_con_los_scripts_de_alembic():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    cadena = [rev.revision for rev in script.walk_revisions("base", "heads")]
    assert tuple(reversed(cadena)) == esquema.REVISIONS
    assert script.get_current_head() == esquema.SCHEMA_HEAD


def test_las_migraciones_no_tienen_ramas():
    from alembic.script import ScriptDirectory

    assert len(ScriptDirectory(str(MIGRATIONS)).get_heads()) == 1


@pytest.fixture
def base_0001(db_path: Path) -> Path:
    base_en_revision(db_path, propiedad=True)
    assert _revision(db_path) == "0001"
    return db_path


@pytest.fixture
def migrada(base_0001: Path):
    s = store_module.open_store(str(base_0001))
    yield s
    s.dispose()


def test_base_anterior_se_actualiza_en_su_lugar(migrada):
    assert _revision(migrada.path) == store_module.SCHEMA_HEAD


def test_base_anterior_conserva_sus_clientes(migrada):
    assert _nombres(migrada.path) == ["José Pérez Núñez"]


def test_base_anterior_se_respalda_antes_de_migrar(migrada):
    respaldo = migrada.path.with_name("a3.db.antes-de-migrar-0001.bak")
    assert respaldo.exists()
    assert _revision(respaldo) == "0001"
    assert _nombres(respaldo) == ["José Pérez Núñez"]


def test_respaldo_de_migracion_es_solo_del_dueno(migrada):
    assert _modo(migrada.path.with_name("a3.db.antes-de-migrar-0001.bak")) == 0o600


def test_cliente_anterior_se_encuentra_por_nombre_sin_acentos(migrada):
    with migrada.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        filas = clientes.list_(ctx, clientes.Filtro(buscar="perez nunez"))
    assert [f.id for f in filas] == [7]


def test_cliente_anterior_se_encuentra_por_digitos_de_telefono(migrada):
    with migrada.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        filas = clientes.list_(ctx, clientes.Filtro(buscar="345 6789"))
    assert [f.id for f in filas] == [7]


def test_cliente_anterior_se_encuentra_por_email(migrada):
    with migrada.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        filas = clientes.list_(ctx, clientes.Filtro(buscar="jose.perez@example.com"))
    assert [f.id for f in filas] == [7]


def test_cliente_anterior_se_resuelve_por_nombre(migrada):
    with migrada.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        assert clientes.resolve(ctx, "jose perez").id == 7


def test_propiedad_anterior_se_encuentra_en_el_inventario(migrada):
    """0005 writes the search terms of the properties that existed before it."""
    from a3tui.services import propiedades

    with migrada.session() as session:
        ctx = services.contexto(session, "ana")
        for texto in ("san jose", "alamo", "sj-101", "SJ"):
            filas = propiedades.list_(ctx, propiedades.FiltroPropiedades(buscar=texto))
            assert [f.clave for f in filas] == ["SJ-101"], texto
        filtro = propiedades.FiltroPropiedades(desarrollo="san jose")
        assert [f.clave for f in propiedades.list_(ctx, filtro)] == ["SJ-101"]


def test_base_migrada_acepta_ajustes_nuevos(migrada):
    from a3tui.services import ajustes

    with migrada.session() as session:
        ajustes.guardar_cadencia(services.contexto(session, "ana"), "apartado", 4)
    with migrada.session() as session:
        assert ajustes.cadencia(session) == {"apartado": 4}


def test_base_migrada_acepta_clientes_nuevos_sin_duplicar_telefono(migrada):
    from a3tui.errors import Duplicado

    with pytest.raises(Duplicado) as exc:
        _add(migrada, "Otro", telefonos=["81 2345 6789"])
    assert exc.value.existente_id == 7


# ---------------------------------------------------------------- backup, check and restore


def test_respaldo_es_una_base_de_a3_valida(store, tmp_path):
    _add(store, "Ana García")
    destino = store_module.backup(store, tmp_path / "respaldo.db")
    assert store_module.check_file(destino) == store_module.SCHEMA_HEAD
    assert _nombres(destino) == ["Ana García"]


def test_respaldo_es_solo_del_dueno(store, tmp_path):
    destino = store_module.backup(store, tmp_path / "respaldo.db")
    assert _modo(destino) == 0o600


def test_respaldo_en_carpeta_usa_el_nombre_de_la_base(store, tmp_path):
    carpeta = tmp_path / "respaldos"
    carpeta.mkdir()
    destino = store_module.backup(store, carpeta)
    assert destino == carpeta / "a3.db"
    assert destino.exists()


def test_respaldo_en_carpeta_inexistente_es_invalido(store, tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="no existe"):
        store_module.backup(store, tmp_path / "no-hay" / "respaldo.db")


def test_respaldo_no_sobrescribe_la_base_en_uso(store):
    with pytest.raises(BaseDeDatosInvalida):
        store_module.backup(store, store.path)


def test_respaldo_no_deja_archivo_temporal(store, tmp_path):
    store_module.backup(store, tmp_path / "respaldo.db")
    assert not (tmp_path / "respaldo.db.tmp").exists()


def test_revisar_archivo_inexistente_es_invalido(tmp_path):
    with pytest.raises(BaseDeDatosInvalida, match="No existe"):
        store_module.check_file(tmp_path / "nada.db")


def test_revisar_archivo_que_no_es_de_a3_es_invalido(tmp_path):
    ajeno = tmp_path / "ajeno.db"
    ajeno.write_bytes(os.urandom(4096))
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.check_file(ajeno)


def test_revisar_base_sqlite_sin_a3_es_invalido(tmp_path):
    ajeno = tmp_path / "ajeno.db"
    con = sqlite3.connect(ajeno)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.check_file(ajeno)


def test_revisar_base_mas_nueva_es_invalido(tmp_path):
    nueva = tmp_path / "nueva.db"
    con = sqlite3.connect(nueva)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('9999')")
    con.commit()
    con.close()
    with pytest.raises(BaseDeDatosInvalida, match="más nueva"):
        store_module.check_file(nueva)


def test_revisar_base_danada_es_invalido(store, tmp_path):
    for i in range(30):
        _add(store, f"Cliente número {i}", telefonos=[f"81 2345 {i:04d}"], nota="x" * 500)
    destino = store_module.backup(store, tmp_path / "respaldo.db")
    datos = bytearray(destino.read_bytes())
    pagina = 4096
    assert len(datos) > 6 * pagina
    datos[3 * pagina : 5 * pagina] = os.urandom(2 * pagina)
    destino.write_bytes(bytes(datos))
    with pytest.raises(BaseDeDatosInvalida):
        store_module.check_file(destino)


def test_revisar_base_anterior_devuelve_su_version(base_0001):
    assert store_module.check_file(base_0001) == "0001"


def test_restaurar_devuelve_la_base_al_respaldo(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    _add(store, "Beto Ruiz")
    store_module.restore(store, respaldo, "20261123-100000")
    assert _nombres(store.path) == ["Ana García"]


def test_restaurar_guarda_copia_de_lo_reemplazado(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    _add(store, "Beto Ruiz")
    copia = store_module.restore(store, respaldo, "20261123-100000")
    assert copia == store.path.with_name("a3.db.antes-de-restaurar-20261123-100000.bak")
    assert _nombres(copia) == ["Ana García", "Beto Ruiz"]
    assert _modo(copia) == 0o600


def test_base_restaurada_sigue_siendo_solo_del_dueno(store, tmp_path):
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    os.chmod(respaldo, 0o644)
    store_module.restore(store, respaldo, "x")
    assert _modo(store.path) == 0o600


def test_base_restaurada_se_puede_seguir_usando(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    _add(store, "Beto Ruiz")
    store_module.restore(store, respaldo, "x")
    _add(store, "Carla Díaz")
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        nombres = [f.nombre for f in clientes.list_(ctx, clientes.Filtro())]
    assert nombres == ["Ana García", "Carla Díaz"]
    assert str(_pragma(store, "journal_mode")).lower() == "wal"


def test_base_restaurada_pasa_revision_de_integridad(store, tmp_path):
    _add(store, "Ana García")
    respaldo = store_module.backup(store, tmp_path / "respaldo.db")
    store_module.restore(store, respaldo, "x")
    store.dispose()
    assert store_module.check_file(store.path) == store_module.SCHEMA_HEAD


def test_restaurar_archivo_ajeno_no_toca_la_base(store, tmp_path):
    _add(store, "Ana García")
    store.dispose()
    antes = store.path.read_bytes()
    ajeno = tmp_path / "ajeno.db"
    ajeno.write_bytes(os.urandom(8192))
    with pytest.raises(BaseDeDatosInvalida, match="no es una base de datos de a3"):
        store_module.restore(store, ajeno, "x")
    store.dispose()
    assert store.path.read_bytes() == antes
    assert _nombres(store.path) == ["Ana García"]
    assert list(tmp_path.glob("*antes-de-restaurar*")) == []


def test_restaurar_la_misma_base_es_invalido(store):
    _add(store, "Ana García")
    with pytest.raises(BaseDeDatosInvalida, match="misma base"):
        store_module.restore(store, store.path, "x")
    assert _nombres(store.path) == ["Ana García"]


def test_restaurar_respaldo_de_version_anterior_deja_la_base_usable(store, tmp_path):
    anterior = tmp_path / "anterior.db"
    base_en_revision(anterior, propiedad=True)
    store_module.restore(store, anterior, "x")
    _add(store, "Carla Díaz")
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro(buscar="perez"))] == ["José Pérez Núñez"]


def test_reabrir_tras_restaurar_respaldo_anterior_lo_migra(store, tmp_path):
    anterior = tmp_path / "anterior.db"
    base_en_revision(anterior, propiedad=True)
    store_module.restore(store, anterior, "x")
    store.dispose()
    s = store_module.open_store(str(store.path))
    s.dispose()
    assert _revision(store.path) == store_module.SCHEMA_HEAD
    assert _nombres(store.path) == ["José Pérez Núñez"]


def test_los_modelos_coinciden_con_las_migraciones(tmp_path):
    """Every change to models.py comes with its migration: autogenerate finds nothing to add."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    nuevo = store_module.open_store(str(tmp_path / "nuevo.db"))
    try:
        with nuevo.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    finally:
        nuevo.dispose()


def test_los_indices_parciales_tambien_lo_son_en_postgresql(store_pg):
    """The migrations make PostgreSQL's indexes partial where SQLite's are (models.py declares
    only SQLite's condition: PostgreSQL's would import its dialect in every command)."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    parciales = {
        indice.name: str(indice.dialect_options["sqlite"]["where"])
        for tabla in SQLModel.metadata.tables.values()
        for indice in tabla.indexes
        if indice.dialect_options["sqlite"]["where"] is not None
    }
    assert "ux_apartado_propiedad_activo" in parciales
    assert "ix_cliente_asesor_nombre" in parciales
    with store_pg.engine.connect() as conn:
        definiciones = dict(conn.execute(text("SELECT indexname, indexdef FROM pg_indexes")).all())
    for nombre, condicion in parciales.items():
        assert nombre in definiciones, nombre
        donde = definiciones[nombre].partition(" WHERE ")[2].replace("(", "").replace(")", "")
        assert donde.replace("::text", "") == condicion, (nombre, definiciones[nombre])


def test_un_error_del_driver_sin_codigo_es_un_bug_no_una_conexion_caida():
    """psycopg refusing what a3 sent (no SQLSTATE) must reach the bug path, not read as
    «No se pudo conectar»; a failed connection does read so."""
    import psycopg

    from a3tui import store_pg

    assert store_pg.traducir_error(psycopg.ProgrammingError("incomplete placeholder: '%'")) is None
    caida = store_pg.traducir_error(psycopg.OperationalError("connection failed: No such file or directory"))
    assert caida is not None
    assert caida.mensaje.startswith("No se pudo conectar con el servidor PostgreSQL")


# ---------------------------------------------------------------- the change watcher


def test_el_vigia_ve_lo_que_otra_conexion_guarda_y_no_lo_propio(store, db_path):
    """Store.vigia (the app's live updates): another process's commit is news once; a write
    the watcher is told is its own is not."""
    vigia = store.vigia()
    assert vigia is not None
    try:
        assert vigia.hubo_cambios() is False  # the first question only takes the baseline
        otra = store_module.open_store(str(db_path))
        try:
            _add(otra, "Cliente de otra terminal")
        finally:
            otra.dispose()
        assert vigia.hubo_cambios() is True
        assert vigia.hubo_cambios() is False
        _add(store, "Cliente propio")
        vigia.cambio_propio()
        assert vigia.hubo_cambios() is False
    finally:
        vigia.cerrar()

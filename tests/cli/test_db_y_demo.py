"""`a3 db path|backup|restore` and `a3 demo`: where the data lives, copies of it, and demo data."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import base_en_revision, volcado
from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _nombres(a3: A3, *db: str | Path) -> list[str]:
    opcion = ["--db", str(db[0])] if db else []
    res = a3(*opcion, "cliente", "list", "--json", "--limite", "1000")
    assert res.code == 0, res.err
    return [c["nombre"] for c in res.json()["clientes"]]


# ---------------------------------------------------------------- db path


@pytest.mark.ambos_motores
def test_db_path_con_opcion_db(a3: A3, tmp_path: Path) -> None:
    ruta = tmp_path / "oficina" / "clientes.db"
    res = a3("--db", str(ruta), "db", "path")
    assert res.code == 0, res.err
    assert res.out.strip() == str(ruta)


def test_db_path_json(a3: A3, tmp_path: Path) -> None:
    """Issue 28, point 10: where the database is, for a script; whether the file is there yet."""
    ruta = tmp_path / "clientes.db"
    assert a3("--db", str(ruta), "db", "path", "--json").json() == {
        "motor": "sqlite",
        "ruta": str(ruta),
        "existe": False,
    }
    assert a3("--db", str(ruta), "cliente", "add", "Juan Pérez").code == 0
    assert a3("--db", str(ruta), "db", "path", "--json").json()["existe"] is True
    servidor = a3("--db", "postgresql://luis:secreta@servidor/a3", "db", "path", "--json")
    assert servidor.json() == {"motor": "postgresql", "ruta": "postgresql://luis:***@servidor/a3", "existe": None}


def test_db_path_con_variable_a3_db(a3: A3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A3_DB", str(tmp_path / "desde-variable.db"))
    assert a3("db", "path").out.strip() == str(tmp_path / "desde-variable.db")


def test_db_path_opcion_db_gana_a_la_variable(a3: A3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A3_DB", str(tmp_path / "desde-variable.db"))
    assert a3("--db", str(tmp_path / "opcion.db"), "db", "path").out.strip() == str(tmp_path / "opcion.db")


def test_db_path_por_omision_en_la_carpeta_de_datos_del_usuario(
    a3: A3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("A3_DB")
    datos = tmp_path / "xdg-datos"
    monkeypatch.setenv("XDG_DATA_HOME", str(datos))
    assert a3("db", "path").out.strip() == str(datos / "a3" / "a3.db")


def test_db_por_omision_crea_su_carpeta(a3: A3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("A3_DB")
    datos = tmp_path / "xdg-datos"
    monkeypatch.setenv("XDG_DATA_HOME", str(datos))
    assert a3("cliente", "add", "Juan Pérez").code == 0
    assert (datos / "a3" / "a3.db").is_file()


@pytest.mark.solo_sqlite
def test_db_nueva_solo_la_lee_su_dueno(a3: A3, db: Path) -> None:
    a3("cliente", "add", "Juan Pérez")
    assert db.stat().st_mode & 0o777 == 0o600


@pytest.mark.solo_sqlite
def test_db_se_elige_con_db_antes_del_grupo(a3: A3, tmp_path: Path, db: Path) -> None:
    otra = tmp_path / "otra.db"
    a3("--db", str(otra), "cliente", "add", "Juan Pérez")
    assert _nombres(a3, otra) == ["Juan Pérez"]
    assert not db.exists()


# ---------------------------------------------------------------- db backup


@pytest.mark.solo_sqlite
def test_db_backup_copia_que_abre_como_base_de_a3_con_los_mismos_clientes(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    alta("María López")
    destino = tmp_path / "respaldos" / "a3-2026-11-23.db"
    destino.parent.mkdir()
    res = a3("db", "backup", str(destino))
    assert res.code == 0, res.err
    assert str(destino) in res.out
    assert _nombres(a3, destino) == ["Juan Pérez", "María López"]
    con = sqlite3.connect(destino)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


@pytest.mark.solo_sqlite
def test_db_backup_es_igual_a_la_base(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó")
    a3("tarea", "add", "Llamar otra vez", "--vence", "mañana", "--cliente", str(juan))
    destino = tmp_path / "copia.db"
    assert a3("db", "backup", str(destino)).code == 0
    assert volcado(destino) == volcado(db)


@pytest.mark.solo_sqlite
def test_db_backup_a_una_carpeta_usa_el_nombre_de_la_base(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    carpeta = tmp_path / "respaldos"
    carpeta.mkdir()
    assert a3("db", "backup", str(carpeta)).code == 0
    assert _nombres(a3, carpeta / "a3.db") == ["Juan Pérez"]


@pytest.mark.solo_sqlite
def test_db_backup_no_sobrescribe_un_archivo_existente(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    destino = tmp_path / "ya-existe.db"
    destino.write_bytes(b"respaldo de la semana pasada")
    antes = volcado(db)
    assert_error(a3("db", "backup", str(destino)), str(destino))
    assert destino.read_bytes() == b"respaldo de la semana pasada"
    assert volcado(db) == antes


@pytest.mark.solo_sqlite
def test_db_backup_sin_base_de_datos_es_error(a3: A3, tmp_path: Path, db: Path) -> None:
    assert_error(a3("db", "backup", str(tmp_path / "copia.db")))
    assert not db.exists()
    assert not (tmp_path / "copia.db").exists()


# ---------------------------------------------------------------- db restore


@pytest.mark.solo_sqlite
def test_db_restore_vuelve_al_respaldo(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    respaldo = tmp_path / "respaldo.db"
    a3("db", "backup", str(respaldo))
    alta("María López")
    res = a3("db", "restore", str(respaldo))
    assert res.code == 0, res.err
    assert _nombres(a3) == ["Juan Pérez"]


@pytest.mark.solo_sqlite
def test_db_restore_guarda_una_copia_de_lo_que_reemplaza(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    respaldo = tmp_path / "respaldo.db"
    a3("db", "backup", str(respaldo))
    alta("María López")
    res = a3("db", "restore", str(respaldo))
    copias = list(tmp_path.glob("a3.db.antes-de-restaurar-*"))
    assert len(copias) == 1
    assert str(copias[0]) in res.out
    assert _nombres(a3, copias[0]) == ["Juan Pérez", "María López"]


def test_db_restore_se_puede_seguir_usando(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    respaldo = tmp_path / "respaldo.db"
    a3("db", "backup", str(respaldo))
    a3("db", "restore", str(respaldo))
    assert a3("cliente", "add", "María López").out == "2\n"


@pytest.mark.solo_sqlite
def test_db_restore_archivo_que_no_es_sqlite_es_error_y_no_toca_la_base(
    a3: A3, alta: Alta, tmp_path: Path, db: Path
) -> None:
    alta("Juan Pérez")
    basura = tmp_path / "foto.jpg"
    basura.write_bytes(bytes(range(256)) * 64)
    antes = volcado(db)
    assert_error(a3("db", "restore", str(basura)), "no es una base de datos de a3")
    assert volcado(db) == antes
    assert not list(tmp_path.glob("a3.db.antes-de-restaurar-*"))


@pytest.mark.solo_sqlite
def test_db_restore_sqlite_de_otra_aplicacion_es_error_y_no_toca_la_base(
    a3: A3, alta: Alta, tmp_path: Path, db: Path
) -> None:
    alta("Juan Pérez")
    ajena = tmp_path / "contactos.db"
    con = sqlite3.connect(ajena)
    con.execute("CREATE TABLE contactos (nombre TEXT)")
    con.commit()
    con.close()
    antes = volcado(db)
    assert_error(a3("db", "restore", str(ajena)), "no es una base de datos de a3")
    assert volcado(db) == antes


@pytest.mark.solo_sqlite
def test_db_restore_de_un_a3_mas_nuevo_es_error_y_no_toca_la_base(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    nueva = tmp_path / "nueva.db"
    a3("db", "backup", str(nueva))
    con = sqlite3.connect(nueva)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    alta("María López")
    antes = volcado(db)
    assert_error(a3("db", "restore", str(nueva)), "más nueva")
    assert volcado(db) == antes


@pytest.mark.solo_sqlite
def test_db_restore_de_un_archivo_que_no_existe_es_error(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("db", "restore", str(tmp_path / "no-existe.db")), "no-existe.db")
    assert volcado(db) == antes


# ---------------------------------------------------------------- demo


def test_demo_crea_clientes_actividades_y_tareas(a3: A3, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    res = a3("--db", str(demo), "demo", "--clientes", "12")
    assert res.code == 0, res.err
    assert "Demo creada" in res.out
    duplicados = int(re.search(r"y (\d+) clientes capturados dos veces", res.out).group(1))
    plaza = a3("--db", str(demo), "cliente", "list", "--asesor", "plaza", "--json", "--limite", "1000").json()
    assert len(plaza["clientes"]) == 12 + duplicados
    assert {c["asesor"] for c in plaza["clientes"]} == {"ana", "Luis Treviño Garza", "Carmen Ríos Salinas"}
    con = sqlite3.connect(demo)
    try:
        assert con.execute("SELECT count(*) FROM actividad").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM tarea").fetchone()[0] > 0
    finally:
        con.close()


def test_demo_tiene_agenda_para_hoy(a3: A3, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    a3("--db", str(demo), "demo", "--clientes", "30")
    doc = a3("--db", str(demo), "hoy", "--json").json()
    assert sum(doc["totales"].values()) > 0


def test_demo_nombres_mexicanos_con_telefono_valido(a3: A3, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    a3("--db", str(demo), "demo", "--clientes", "10")
    clientes = a3("--db", str(demo), "cliente", "list", "--json").json()["clientes"]
    assert all(len(c["nombre"].split()) >= 2 for c in clientes)
    telefonos = [c["telefono"] for c in clientes if c["telefono"]]
    assert telefonos
    assert all(len(t) == 10 and t.isdigit() for t in telefonos)


def test_demo_no_sobrescribe_una_base_con_datos(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("demo", "--clientes", "5"), "ya tiene datos")
    assert volcado(db) == antes


def test_demo_dos_veces_no_duplica(a3: A3, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    a3("--db", str(demo), "demo", "--clientes", "5")
    antes = volcado(demo)
    assert_error(a3("--db", str(demo), "demo", "--clientes", "5"))
    assert volcado(demo) == antes


def test_demo_clientes_cero_es_error(a3: A3, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    assert_error(a3("--db", str(demo), "demo", "--clientes", "0"), "--clientes")
    assert volcado(demo) is None


@pytest.mark.solo_sqlite
def test_db_backup_a_carpeta_que_no_existe_la_crea_solo_para_su_dueno(a3: A3, alta: Alta, tmp_path: Path) -> None:
    # The README's own example, «a3 db backup ~/respaldos/x.db», on a first backup (issue 13).
    alta("Juan Pérez")
    destino = tmp_path / "respaldos" / "mensual" / "copia.db"
    res = a3("db", "backup", str(destino))
    assert res.code == 0, res.err
    assert res.out == f"Respaldo guardado en {destino}\n"
    for carpeta in (tmp_path / "respaldos", destino.parent):
        assert carpeta.stat().st_mode & 0o777 == 0o700
    assert destino.stat().st_mode & 0o777 == 0o600


@pytest.mark.solo_sqlite
def test_db_backup_solo_lo_lee_su_dueno(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    a3("db", "backup", str(tmp_path / "copia.db"))
    assert (tmp_path / "copia.db").stat().st_mode & 0o777 == 0o600


@pytest.mark.solo_sqlite
def test_db_backup_consistente_mientras_otra_terminal_escribe(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    otra_terminal = sqlite3.connect(db, timeout=0)
    try:
        otra_terminal.execute("BEGIN IMMEDIATE")
        otra_terminal.execute("UPDATE cliente SET nombre = 'A medio escribir'")
        res = a3("db", "backup", str(tmp_path / "copia.db"))
        assert res.code == 0, res.err
    finally:
        otra_terminal.rollback()
        otra_terminal.close()
    assert _nombres(a3, tmp_path / "copia.db") == ["Juan Pérez"]


def test_base_de_la_primera_version_se_abre_y_se_actualiza(a3: A3, tmp_path: Path) -> None:
    vieja = tmp_path / "vieja.db"
    base_en_revision(vieja)
    res = a3("--db", str(vieja), "cliente", "list", "--buscar", "perez nunez", "--json")
    assert res.code == 0, res.err
    assert [c["id"] for c in res.json()["clientes"]] == [7]
    assert (tmp_path / "vieja.db.antes-de-migrar-0001.bak").exists()


@pytest.mark.solo_sqlite
def test_db_restore_de_un_respaldo_de_la_primera_version(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("María López")
    vieja = tmp_path / "vieja.db"
    base_en_revision(vieja)
    assert a3("db", "restore", str(vieja)).code == 0
    assert _nombres(a3) == ["José Pérez Núñez"]
    assert a3("actividad", "llamada", "jose", "-r", "contestó-interesado").code == 0

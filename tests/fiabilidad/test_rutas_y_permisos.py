"""Where the database is and who may touch it: an empty or mistyped --db, a device, a SQLite
file that is not a3's, a read-only database. a3 never guesses, never creates a file to
answer a question, and never changes the mode of a file it did not create."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from apoyo.bases import modo
from apoyo.proceso import a3, assert_error, dar_a_nobody, en_proceso


def _huella(path: Path) -> tuple[str, int]:
    """(sha256 of the bytes, permission bits): what must not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), modo(path)


# ---------------------------------------------------------------- devices


def test_db_en_dev_null_es_error_y_no_cambia_su_modo(tmp_path: Path, exe: str) -> None:
    antes = os.stat("/dev/null")
    try:
        res = a3(tmp_path, "--db", "/dev/null", "cliente", "list")
        despues = os.stat("/dev/null")
        assert stat.S_IMODE(despues.st_mode) == stat.S_IMODE(antes.st_mode)
        assert (despues.st_uid, despues.st_gid) == (antes.st_uid, antes.st_gid)
        assert_error(res)
    finally:
        # A failing run leaves /dev/null unusable for other users: put it back.
        if stat.S_IMODE(os.stat("/dev/null").st_mode) != stat.S_IMODE(antes.st_mode):
            os.chmod("/dev/null", stat.S_IMODE(antes.st_mode))


@pytest.mark.parametrize("verbo", [["cliente", "add", "Rosa Martínez"], ["hoy"], ["db", "backup", "COPIA"]])
def test_db_que_es_un_dispositivo_es_error(tmp_path: Path, verbo: list[str]) -> None:
    """A private character device (like /dev/null) as the database: refused, mode unchanged."""
    dispositivo = tmp_path / "nulo"
    try:
        os.mknod(dispositivo, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"no se puede crear un dispositivo de caracteres aquí: {exc}")
    os.chmod(dispositivo, 0o666)
    argv = [str(tmp_path / "copia.db") if v == "COPIA" else v for v in verbo]
    res = en_proceso("--db", dispositivo, *argv)
    assert modo(dispositivo) == 0o666
    assert_error(res)
    assert not (tmp_path / "copia.db").exists()


# ---------------------------------------------------------------- an empty or mistyped --db


def test_db_vacia_es_error_y_no_usa_la_base_por_omision(tmp_path: Path, exe: str) -> None:
    res = a3(tmp_path, "--db", "", "cliente", "list")
    assert_error(res)
    assert not (tmp_path / "data" / "a3" / "a3.db").exists()


def test_db_vacia_no_usa_a3_db(tmp_path: Path, tres: Path) -> None:
    """A3_DB points at a real database: `--db ""` must not fall back to it silently."""
    res = en_proceso("--db", "", "cliente", "add", "Rosa Martínez")
    assert_error(res)
    con = sqlite3.connect(tres)
    try:
        assert con.execute("SELECT count(*) FROM cliente WHERE nombre = 'Rosa Martínez'").fetchone()[0] == 0
    finally:
        con.close()


def test_a3_db_vacia_en_el_entorno_usa_la_base_por_omision_o_es_error(tmp_path: Path, exe: str) -> None:
    res = a3(tmp_path, "cliente", "list", A3_DB="")
    if res.code != 0:
        assert_error(res)


@pytest.mark.parametrize(
    "verbo", [["cliente", "list"], ["hoy"], ["cliente", "show", "1"], ["tarea", "list"], ["nota", "list", "1"]]
)
def test_db_inexistente_en_una_consulta_es_error_y_no_se_crea(tmp_path: Path, verbo: list[str]) -> None:
    typo = tmp_path / "typo.db"
    assert_error(en_proceso("--db", typo, *verbo))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("typo")) == []


def test_db_inexistente_en_una_consulta_es_error_como_proceso(tmp_path: Path, exe: str) -> None:
    res = a3(tmp_path, "--db", "typo.db", "cliente", "list")
    assert_error(res)
    assert not (tmp_path / "typo.db").exists()


# ---------------------------------------------------------------- SQLite files that are not a3's


def _sin_tablas(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=1")
    con.close()
    os.chmod(path, 0o644)
    return path


def _con_tabla_ajena(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recetas (nombre TEXT)")
    con.execute("INSERT INTO recetas VALUES ('mole')")
    con.commit()
    con.close()
    os.chmod(path, 0o644)
    return path


@pytest.mark.parametrize("hacer", [_sin_tablas, _con_tabla_ajena], ids=["sin-tablas", "tabla-ajena"])
@pytest.mark.parametrize("verbo", [["cliente", "add", "Rosa Martínez"], ["cliente", "list"], ["hoy"]])
def test_sqlite_ajeno_se_rechaza_y_queda_igual(tmp_path: Path, hacer, verbo: list[str]) -> None:
    ajeno = hacer(tmp_path / "ajeno.sqlite")
    assert ajeno.stat().st_size > 0
    antes = _huella(ajeno)
    res = en_proceso("--db", ajeno, *verbo)
    assert_error(res)
    assert _huella(ajeno) == antes
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ajeno")) == ["ajeno.sqlite"]


def test_archivo_vacio_ajeno_conserva_su_modo(tmp_path: Path) -> None:
    """An empty file the user made (mode 0644): a3 may use it or refuse it, but not chmod it."""
    vacio = tmp_path / "vacio.db"
    vacio.touch()
    os.chmod(vacio, 0o644)
    res = en_proceso("--db", vacio, "cliente", "add", "Rosa Martínez")
    if res.code != 0:
        assert_error(res)
    assert modo(vacio) == 0o644


# ---------------------------------------------------------------- a read-only database


@pytest.fixture(params=["carpeta-suya", "carpeta-de-solo-lectura"])
def base_de_solo_lectura(request: pytest.FixtureRequest, sin_privilegios: tuple[list[str], Path]):
    """(prefix, HOME, database 0444 owned by the unprivileged user, with two clients)."""
    prefijo, base = sin_privilegios
    carpeta = base / "datos"
    carpeta.mkdir()
    db = carpeta / "a3.db"
    assert en_proceso("--db", db, "cliente", "add", "Juan Pérez").code == 0
    assert en_proceso("--db", db, "cliente", "add", "María López").code == 0
    assert not Path(f"{db}-wal").exists()
    dar_a_nobody(prefijo, carpeta, db)
    db.chmod(0o444)
    if request.param == "carpeta-de-solo-lectura":
        carpeta.chmod(0o555)
    return prefijo, base, db


def test_base_de_solo_lectura_se_puede_listar(base_de_solo_lectura) -> None:
    prefijo, base, db = base_de_solo_lectura
    antes = _huella(db)
    res = a3(base, "--db", db, "cliente", "list", "--json", prefijo=prefijo)
    assert res.code == 0, res
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez", "María López"]
    assert _huella(db) == antes


def test_base_de_solo_lectura_se_puede_respaldar(base_de_solo_lectura) -> None:
    prefijo, base, db = base_de_solo_lectura
    destino = base / "respaldos"
    destino.mkdir()
    dar_a_nobody(prefijo, destino)
    antes = _huella(db)
    res = a3(base, "--db", db, "db", "backup", destino / "copia.db", prefijo=prefijo)
    assert res.code == 0, res
    assert (destino / "copia.db").exists()
    assert _huella(db) == antes


def test_base_de_solo_lectura_no_acepta_altas_y_queda_igual(base_de_solo_lectura) -> None:
    prefijo, base, db = base_de_solo_lectura
    antes = _huella(db)
    res = a3(base, "--db", db, "cliente", "add", "Rosa Martínez", prefijo=prefijo)
    assert_error(res)
    assert _huella(db) == antes

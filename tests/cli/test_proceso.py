"""The real `a3` executable as a shell user runs it: exit codes, no traceback, version, Spanish
help, read-only folders, and one-off commands that import nothing they don't use."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import Base, volcado
from apoyo.proceso import INGLES, Resultado, a3_exe, assert_error, entorno, proceso, sin_color

A3 = Callable[..., Resultado]


def _a3(tmp_path: Path, *argv: str, **env: str) -> Resultado:
    return proceso([a3_exe(), *argv], entorno(tmp_path, **env))


# ---------------------------------------------------------------- exit codes, no traceback


def test_proceso_cliente_add_imprime_el_id_y_sale_con_0(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    res = _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez", "--telefono", "81 2345 6789")
    assert res.code == 0, res.err
    assert res.out == "1\n"
    assert res.err == ""


def test_proceso_a3_db_elige_la_base(tmp_path: Path) -> None:
    db = tmp_path / "oficina.db"
    assert _a3(tmp_path, "cliente", "add", "Juan Pérez", A3_DB=str(db)).code == 0
    res = _a3(tmp_path, "cliente", "list", "--json", A3_DB=str(db))
    assert [c["nombre"] for c in json.loads(res.out)["clientes"]] == ["Juan Pérez"]


def test_proceso_telefono_invalido_sale_con_1_sin_traceback_y_sin_cambios(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez")
    antes = volcado(db)
    res = _a3(tmp_path, "--db", str(db), "cliente", "add", "Rosa Martínez", "--telefono", "12-34")
    assert_error(res, "«12-34»")
    assert volcado(db) == antes


def test_proceso_cliente_inexistente_sale_con_1_sin_traceback(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez")
    assert_error(_a3(tmp_path, "--db", str(db), "actividad", "llamada", "Zacarías", "-r", "no-contestó"), "Zacarías")


def test_proceso_fecha_imposible_sale_con_1_sin_traceback(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    assert_error(_a3(tmp_path, "--db", str(db), "tarea", "add", "Llamar", "--vence", "2026-02-30"), "2026-02-30")


def test_proceso_comando_desconocido_sale_con_1_en_espanol(tmp_path: Path) -> None:
    assert_error(_a3(tmp_path, "--db", str(tmp_path / "a3.db"), "clientes"), "clientes")


def test_proceso_falta_resultado_sale_con_1_en_espanol(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez")
    assert_error(_a3(tmp_path, "--db", str(db), "actividad", "llamada", "1"), "--resultado")


def test_proceso_entero_invalido_sale_con_1_en_espanol(tmp_path: Path) -> None:
    assert_error(_a3(tmp_path, "--db", str(tmp_path / "a3.db"), "tarea", "done", "uno"), "número entero")


def test_proceso_base_de_un_a3_mas_nuevo_sale_con_1(tmp_path: Path) -> None:
    db = tmp_path / "a3.db"
    _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez")
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    antes = volcado(db)
    assert_error(_a3(tmp_path, "--db", str(db), "cliente", "list"), "versión más nueva")
    assert volcado(db) == antes


def _base_danada(tmp_path: Path) -> Path:
    """An a3 database whose client table was lost: reading it is an unexpected error."""
    db = tmp_path / "a3.db"
    _a3(tmp_path, "--db", str(db), "cliente", "add", "Juan Pérez")
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("DROP TABLE cliente")
    con.commit()
    con.close()
    return db


def test_proceso_error_inesperado_una_linea_con_el_log_y_sin_traceback(tmp_path: Path) -> None:
    db = _base_danada(tmp_path)
    res = _a3(tmp_path, "--db", str(db), "cliente", "list")
    assert res.code == 1
    assert "Traceback" not in res.err
    (linea,) = res.err.splitlines()
    assert linea.startswith("Error: ocurrió un error inesperado")
    assert "A3_DEBUG=1" in linea
    log = tmp_path / "state" / "a3" / "log" / "a3.log"
    assert str(log) in linea
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_proceso_a3_debug_muestra_el_traceback(tmp_path: Path) -> None:
    db = _base_danada(tmp_path)
    res = _a3(tmp_path, "--db", str(db), "cliente", "list", A3_DEBUG="1")
    assert res.code == 1
    assert "Traceback" in res.err


# ---------------------------------------------------------------- version and help


@pytest.mark.parametrize("argv", [["cliente", "list", "--limite", "500"], ["cliente", "show", "1"], ["hoy"]])
def test_proceso_lector_que_deja_de_leer_corta_sin_mensaje(tmp_path: Path, argv: list[str]) -> None:
    """`a3 cliente list | head -1`: a reader that stops reading is no failure of the database
    (it was reported as «No se pudo usar …: Broken pipe.»). a3 stops quietly with exit code 1,
    the output cut, whether the pipe breaks while it prints (a long list) or at exit (a short
    one, still in Python's buffer)."""
    db = tmp_path / "a3.db"
    env = entorno(tmp_path)
    assert proceso([a3_exe(), "--db", str(db), "demo", "--clientes", "300"], env).code == 0
    # The reader is gone before a3 writes: every write to the pipe fails, from the first one.
    lectura, escritura = os.pipe()
    os.close(lectura)
    try:
        done = subprocess.run(
            [a3_exe(), "--db", str(db), *argv],
            env=env,
            stdout=escritura,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(escritura)
    assert (done.returncode, done.stderr) == (1, "")


def test_proceso_version(tmp_path: Path) -> None:
    from a3tui import __version__

    res = _a3(tmp_path, "--version")
    assert res.code == 0, res.err
    assert res.out.strip() == f"a3 {__version__}"


def test_proceso_version_no_crea_base_de_datos(tmp_path: Path) -> None:
    _a3(tmp_path, "--version", A3_DB=str(tmp_path / "a3.db"))
    assert not (tmp_path / "a3.db").exists()


def test_python_m_a3tui_version(tmp_path: Path) -> None:
    from a3tui import __version__

    res = proceso([sys.executable, "-m", "a3tui", "--version"], entorno(tmp_path))
    assert res.code == 0, res.err
    assert res.out.strip() == f"a3 {__version__}"


def test_proceso_ayuda_en_espanol_con_ejemplo(tmp_path: Path) -> None:
    res = _a3(tmp_path, "--help")
    assert res.code == 0, res.err
    texto = sin_color(res.out)
    for palabra in ("Uso: a3", "Opciones", "Comandos", "Ejemplo", "CRM de terminal", "--db", "Muestra esta ayuda"):
        assert palabra in texto, palabra
    for grupo in ("cliente", "actividad", "nota", "tarea", "hoy", "db", "demo"):
        assert f" {grupo} " in texto, grupo
    for ingles in (*INGLES, "Show this message", "Options", "Commands", "[OPTIONS]"):
        assert ingles not in texto, ingles


GRUPOS = ["cliente", "actividad", "nota", "tarea", "db"]

COMANDOS = [
    ["cliente", "add"],
    ["cliente", "list"],
    ["cliente", "show"],
    ["cliente", "edit"],
    ["cliente", "etapa"],
    ["cliente", "temperatura"],
    ["actividad", "llamada"],
    ["actividad", "reunion"],
    ["actividad", "mensaje"],
    ["actividad", "email"],
    ["actividad", "list"],
    ["nota", "add"],
    ["tarea", "add"],
    ["tarea", "list"],
    ["tarea", "done"],
    ["hoy"],
    ["demo"],
    ["db", "path"],
    ["db", "backup"],
    ["db", "restore"],
]


@pytest.mark.parametrize("grupo", GRUPOS)
def test_ayuda_de_cada_grupo_en_espanol(a3: A3, grupo: str) -> None:
    res = a3(grupo, "--help")
    assert res.code == 0, res.err
    texto = sin_color(res.out)
    assert f"Uso: a3 {grupo}" in texto
    assert "Comandos" in texto
    assert "Opciones" in texto
    for ingles in (*INGLES, "Show this message", "Options", "Commands", "[OPTIONS]", "COMMAND "):
        assert ingles not in texto, ingles


@pytest.mark.parametrize("grupo", GRUPOS)
def test_grupo_sin_verbo_muestra_su_ayuda_en_espanol(a3: A3, grupo: str) -> None:
    res = a3(grupo)
    assert res.code == 0, res.err
    assert f"Uso: a3 {grupo}" in sin_color(res.out)


@pytest.mark.parametrize("grupo", GRUPOS)
def test_ayuda_de_cada_grupo_tiene_ejemplo(a3: A3, grupo: str) -> None:
    assert "Ejemplo" in sin_color(a3(grupo, "--help").out)


@pytest.mark.parametrize("comando", COMANDOS, ids=["-".join(c) for c in COMANDOS])
def test_ayuda_de_cada_comando_en_espanol_con_ejemplo(a3: A3, comando: list[str]) -> None:
    res = a3(*comando, "--help")
    assert res.code == 0, res.err
    texto = sin_color(res.out)
    assert f"Uso: a3 {' '.join(comando)}" in texto
    assert "Ejemplo" in texto
    assert f"a3 {comando[0]}" in texto.split("Ejemplo", 1)[1] or "a3 --db" in texto.split("Ejemplo", 1)[1]
    for ingles in (*INGLES, "Show this message", "[OPTIONS]", "[default:", "[required]"):
        assert ingles not in texto, ingles


@pytest.mark.solo_sqlite
def test_ayuda_no_abre_la_base_de_datos(a3: A3, db: Base, monkeypatch: pytest.MonkeyPatch) -> None:
    from a3tui import store

    def abrir(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("la ayuda abrió la base de datos")

    monkeypatch.setattr(store, "open_store", abrir)
    res = a3("cliente", "add", "--help")
    assert res.code == 0, res.err
    assert "a3 cliente add" in res.out
    if isinstance(db, Path):
        assert not db.exists()


# ---------------------------------------------------------------- read-only folders (even for root)


def _solo_lectura(base: Path) -> Path:
    carpeta = base / "solo-lectura"
    carpeta.mkdir()
    return carpeta


def _como_usuario(prefijo: list[str], base: Path, *argv: str) -> Resultado:
    return proceso([a3_exe(), *argv], entorno(base), prefijo=prefijo)


def test_db_nueva_en_carpeta_de_solo_lectura_es_error(sin_privilegios: tuple[list[str], Path]) -> None:
    prefijo, base = sin_privilegios
    carpeta = _solo_lectura(base)
    carpeta.chmod(0o555)
    res = _como_usuario(prefijo, base, "--db", str(carpeta / "a3.db"), "cliente", "add", "Rosa Martínez")
    assert_error(res, str(carpeta))
    assert list(carpeta.iterdir()) == []


def test_db_existente_en_carpeta_de_solo_lectura_es_error_y_queda_igual(
    sin_privilegios: tuple[list[str], Path],
) -> None:
    prefijo, base = sin_privilegios
    carpeta = _solo_lectura(base)
    db = carpeta / "a3.db"
    assert proceso([a3_exe(), "--db", str(db), "cliente", "add", "Juan Pérez"], entorno(base)).code == 0
    if prefijo and "--reuid=65534" in prefijo:
        os.chown(db, 65534, 65534)  # the file is theirs: only the folder is read-only
    antes = volcado(db)
    # Reading left SQLite's -wal/-shm files (with them in place a3 could still write).
    for resto in carpeta.glob("a3.db-*"):
        resto.unlink()
    carpeta.chmod(0o555)
    archivos = sorted(p.name for p in carpeta.iterdir())
    res = _como_usuario(prefijo, base, "--db", str(db), "cliente", "add", "Rosa Martínez")
    assert_error(res, str(carpeta))
    assert sorted(p.name for p in carpeta.iterdir()) == archivos
    assert volcado(db) == antes


def test_db_existente_en_carpeta_de_solo_lectura_se_puede_leer(sin_privilegios: tuple[list[str], Path]) -> None:
    prefijo, base = sin_privilegios
    carpeta = _solo_lectura(base)
    db = carpeta / "a3.db"
    assert proceso([a3_exe(), "--db", str(db), "cliente", "add", "Juan Pérez"], entorno(base)).code == 0
    if prefijo and "--reuid=65534" in prefijo:
        os.chown(db, 65534, 65534)
    carpeta.chmod(0o555)
    res = _como_usuario(prefijo, base, "--db", str(db), "cliente", "list", "--json")
    assert res.code == 0, res.err
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez"]
    salida = base / "salida"
    salida.mkdir()
    if prefijo and "--reuid=65534" in prefijo:
        os.chown(salida, 65534, 65534)
    respaldo = salida / "respaldo.db"
    res = _como_usuario(prefijo, base, "--db", str(db), "db", "backup", str(respaldo))
    assert res.code == 0, res.err
    assert respaldo.exists()


def test_db_de_solo_lectura_es_error_y_queda_igual(sin_privilegios: tuple[list[str], Path]) -> None:
    prefijo, base = sin_privilegios
    carpeta = _solo_lectura(base)
    db = carpeta / "a3.db"
    assert proceso([a3_exe(), "--db", str(db), "cliente", "add", "Juan Pérez"], entorno(base)).code == 0
    if prefijo and "--reuid=65534" in prefijo:
        os.chown(carpeta, 65534, 65534)
        os.chown(db, 65534, 65534)
    db.chmod(stat.S_IRUSR)
    antes = volcado(db)
    res = _como_usuario(prefijo, base, "--db", str(db), "cliente", "add", "Rosa Martínez")
    assert_error(res, str(db))
    assert volcado(db) == antes


# ---------------------------------------------------------------- import hygiene


SONDA = """
import json, sys
from a3tui.cli import run
code = run(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modulos_importados(tmp_path: Path, *argv: str) -> set[str]:
    """Every module imported by a fresh process that ran `a3 ARGV`."""
    env = entorno(tmp_path, A3_DB=str(tmp_path / "a3.db"))
    done = subprocess.run(
        [sys.executable, "-c", SONDA, *argv], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    informe = json.loads(done.stderr.strip().splitlines()[-1])
    assert informe["code"] == 0, done.stderr
    return set(informe["modules"])


def _modulos(tmp_path: Path, *argv: str) -> set[str]:
    """Top-level packages imported by a fresh process that ran `a3 ARGV`."""
    return {m.split(".")[0] for m in _modulos_importados(tmp_path, *argv)}


def test_cliente_add_no_importa_textual_rich_ni_alembic(tmp_path: Path) -> None:
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")  # creates and migrates the database
    modulos = _modulos(tmp_path, "cliente", "add", "María López", "--telefono", "5512345678")
    assert {"textual", "rich", "alembic"} & modulos == set()


def test_cliente_add_en_sqlite_no_importa_el_dialecto_de_postgresql(tmp_path: Path) -> None:
    """SQLAlchemy imports its PostgreSQL dialect (~20 ms) to check a ``postgresql_where``;
    models.py declares none, and a command on a SQLite file doesn't pay for it."""
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")
    modulos = _modulos_importados(tmp_path, "cliente", "add", "María López", "--telefono", "5512345678")
    assert "sqlalchemy.dialects.sqlite" in modulos  # the probe does see them
    assert "sqlalchemy.dialects.postgresql" not in modulos


def test_actividad_llamada_no_importa_textual_rich_ni_alembic(tmp_path: Path) -> None:
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")
    modulos = _modulos(tmp_path, "actividad", "llamada", "1", "--resultado", "no-contestó")
    assert {"textual", "rich", "alembic"} & modulos == set()


def test_hoy_no_importa_textual_alembic_ni_la_consola_de_rich(tmp_path: Path) -> None:
    """`a3 hoy` prints its tables itself (cli/salida.py); of Rich it uses only the cell widths."""
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")
    _modulos(tmp_path, "tarea", "add", "Llamar a Juan", "--cliente", "1", "--vence", "hoy")
    modulos = _modulos_importados(tmp_path, "hoy")
    assert {"textual", "alembic"} & {m.split(".")[0] for m in modulos} == set()
    assert "a3tui.cli.salida" in modulos  # it printed the table
    assert {"rich.console", "rich.table", "rich.text"} & modulos == set()


def test_cliente_list_json_no_importa_textual_rich_ni_alembic(tmp_path: Path) -> None:
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")
    assert {"textual", "rich", "alembic"} & _modulos(tmp_path, "cliente", "list", "--json") == set()


def test_cliente_add_no_importa_los_demas_grupos(tmp_path: Path) -> None:
    """Only the command named is registered (issue 14: building all of them cost ~50 ms)."""
    _modulos(tmp_path, "cliente", "add", "Juan Pérez")
    env = entorno(tmp_path, A3_DB=str(tmp_path / "a3.db"))
    done = subprocess.run(
        [sys.executable, "-c", SONDA, "cliente", "add", "María López"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    modulos = set(json.loads(done.stderr.strip().splitlines()[-1])["modules"])
    assert "a3tui.cli.clientes" in modulos
    assert {"a3tui.cli.reportes", "a3tui.cli.oficina", "a3tui.cli.importar", "a3tui.cli.propiedades"} & modulos == set()


def test_la_raiz_registra_cada_comando_y_uno_solo_cuando_se_nombra() -> None:
    from a3tui.cli.root import COMANDOS, build

    assert set(build().commands) == set(COMANDOS)
    for nombre in COMANDOS:
        assert set(build(nombre).commands) == {nombre}


def test_ayuda_antes_del_comando_es_la_de_a3(tmp_path: Path) -> None:
    """`a3 -h cliente` is a3's help, with every command, not only cliente's."""
    res = _a3(tmp_path, "-h", "cliente")
    assert res.code == 0, res.err
    texto = sin_color(res.out)
    assert "Uso: a3 [OPCIONES] COMANDO" in texto
    for grupo in ("cliente", "hoy", "asesor", "reporte", "db"):
        assert f" {grupo} " in texto, grupo


def test_version_no_importa_sqlalchemy(tmp_path: Path) -> None:
    assert {"textual", "rich", "sqlalchemy", "sqlmodel", "alembic"} & _modulos(tmp_path, "--version") == set()


def test_importtime_de_cliente_add_sin_textual(tmp_path: Path) -> None:
    env = entorno(tmp_path, A3_DB=str(tmp_path / "a3.db"))
    proceso([sys.executable, "-m", "a3tui", "cliente", "add", "Juan Pérez"], env)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "a3tui", "cliente", "add", "María López"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "2\n"
    importados = {
        linea.rsplit("|", 1)[1].strip().split(".")[0]
        for linea in done.stderr.splitlines()
        if linea.startswith("import time:") and "|" in linea
    }
    assert "sqlalchemy" in importados  # the probe does see the imports
    assert {"textual", "rich", "alembic"} & importados == set()

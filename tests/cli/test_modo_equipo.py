"""Team mode as a user meets it from the shell: `a3 --db postgresql://…` (issue 15).

Real `a3` processes against this test process's private PostgreSQL server (skipped, with
the reason, when PostgreSQL can't run here)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from apoyo.pg import ServidorPG
from apoyo.proceso import Resultado, a3_exe, assert_error, entorno, proceso

CLAVE = "clave-secreta-123"


@pytest.fixture
def base_vacia(servidor_en_marcha: ServidorPG) -> Iterator[str]:
    """The URL of a new, empty database (what `createdb a3` leaves)."""
    nombre = f"a3_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(servidor_en_marcha.url("postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {nombre}")
    yield servidor_en_marcha.url(nombre)
    with psycopg.connect(servidor_en_marcha.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {nombre} WITH (FORCE)")


def _a3(tmp_path: Path, url: str, *argv: str) -> Resultado:
    return proceso([a3_exe(), "--db", url, *argv], entorno(tmp_path))


@pytest.mark.ambos_motores
def test_el_ciclo_de_contacto_en_postgresql(tmp_path: Path, base_vacia: str) -> None:
    """A new database on the server is set up by the first command, as a new file is."""
    res = _a3(tmp_path, base_vacia, "cliente", "add", "Juan Pérez", "--telefono", "81 2345 6789")
    assert (res.code, res.out, res.err) == (0, "1\n", "")
    assert _a3(tmp_path, base_vacia, "actividad", "llamada", "perez", "-r", "contestó-interesado").code == 0
    assert (
        _a3(tmp_path, base_vacia, "tarea", "add", "Enviar cotización", "--vence", "mañana", "--cliente", "1").code == 0
    )
    listado = _a3(tmp_path, base_vacia, "cliente", "list", "--buscar", "perez", "--json")
    assert [c["nombre"] for c in listado.json()["clientes"]] == ["Juan Pérez"]
    hoy = _a3(tmp_path, base_vacia, "hoy", "--json")
    assert hoy.code == 0, hoy.err
    # The duplicate-phone rule, as on SQLite.
    assert_error(_a3(tmp_path, base_vacia, "cliente", "add", "Otro", "--telefono", "8123456789"), "Juan Pérez")


def test_a3_db_con_la_url(tmp_path: Path, base_vacia: str) -> None:
    env = entorno(tmp_path, A3_DB=base_vacia)
    assert proceso([a3_exe(), "cliente", "add", "María López"], env).code == 0
    assert proceso([a3_exe(), "cliente", "list", "--json"], env).json()["total"] == 1


def test_varias_primeras_aperturas_a_la_vez_crean_el_esquema_una_vez(tmp_path: Path, base_vacia: str) -> None:
    """The schema is built under an advisory lock: four first commands at once all work."""
    procesos = [
        subprocess.Popen(
            [a3_exe(), "--db", base_vacia, "cliente", "add", f"Cliente {n}"],
            env=entorno(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    salidas = [p.communicate(timeout=120) for p in procesos]
    assert [p.returncode for p in procesos] == [0, 0, 0, 0], salidas
    assert sorted(int(out) for out, _ in salidas) == [1, 2, 3, 4]


def test_db_path_muestra_la_url_sin_contrasena(tmp_path: Path) -> None:
    res = _a3(tmp_path, f"postgresql://ana:{CLAVE}@servidor.oficina/a3", "db", "path")
    assert res.code == 0
    assert res.out.strip() == "postgresql://ana:***@servidor.oficina/a3"


def test_respaldo_en_postgresql_dice_como_hacerlo(tmp_path: Path, base_vacia: str) -> None:
    assert_error(_a3(tmp_path, base_vacia, "db", "backup", str(tmp_path / "r.db")), "pg_dump")
    assert_error(_a3(tmp_path, base_vacia, "db", "restore", str(tmp_path / "r.db")), "pg_restore")


class TestMalaEntrada:
    """One Spanish sentence, exit 1, no traceback, never the password."""

    def test_servidor_inalcanzable(self, tmp_path: Path) -> None:
        res = _a3(tmp_path, f"postgresql://ana:{CLAVE}@/a3?host={tmp_path}/no-hay-servidor", "hoy")
        assert_error(res, "No se pudo conectar con el servidor PostgreSQL")
        assert CLAVE not in res.err

    def test_usuario_que_el_servidor_no_conoce(self, tmp_path: Path, base_vacia: str) -> None:
        url = base_vacia.replace("a3prueba@", f"nadie:{CLAVE}@")
        res = _a3(tmp_path, url, "hoy")
        assert_error(res, "no aceptó a nadie")
        assert CLAVE not in res.err

    def test_base_que_no_existe(self, tmp_path: Path, servidor_en_marcha: ServidorPG) -> None:
        assert_error(_a3(tmp_path, servidor_en_marcha.url("no_existe"), "hoy"), "createdb no_existe")

    def test_url_sin_base(self, tmp_path: Path) -> None:
        assert_error(_a3(tmp_path, "postgresql://", "hoy"), "Falta el nombre de la base de datos")

    def test_url_mal_escrita(self, tmp_path: Path) -> None:
        assert_error(_a3(tmp_path, "postgresql://ana@servidor:puerto/a3", "hoy"), "no es válida")

    def test_base_de_un_a3_mas_nuevo(self, tmp_path: Path, base_vacia: str) -> None:
        assert _a3(tmp_path, base_vacia, "cliente", "add", "Juan Pérez").code == 0
        with psycopg.connect(base_vacia, autocommit=True) as con:
            con.execute("UPDATE alembic_version SET version_num = '9999'")
        assert_error(_a3(tmp_path, base_vacia, "hoy"), "versión más nueva de a3")

    def test_base_con_tablas_que_no_son_de_a3(self, tmp_path: Path, base_vacia: str) -> None:
        with psycopg.connect(base_vacia, autocommit=True) as con:
            con.execute("CREATE TABLE facturas (id int)")
        assert_error(_a3(tmp_path, base_vacia, "cliente", "add", "Juan Pérez"), "tablas que no son de a3")

    def test_un_comando_de_lectura_no_crea_el_esquema(self, tmp_path: Path, base_vacia: str) -> None:
        assert_error(_a3(tmp_path, base_vacia, "cliente", "list"), "todavía no tiene datos de a3")

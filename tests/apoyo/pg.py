"""A private PostgreSQL server for the tests of team mode, and a test's database on it.

Each test process (each pytest-xdist worker) starts its own cluster in a temporary folder,
listening only on a Unix socket there, with trust authentication for its one superuser;
it stops at the end of the session. As root, the cluster runs as ``nobody`` (PostgreSQL
refuses to run as root). When PostgreSQL is not installed or can't start, ``razon`` says
why, and the tests that need it are skipped with that sentence (failed in CI, see
:func:`sin_servidor`). One server per process, not one for the run: PostgreSQL roles belong
to the server, and the tests give and take the office's roles their logins.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

SUPERUSUARIO = "a3prueba"

# The engines a test marked ``ambos_motores`` runs on (A3_PRUEBAS_MOTORES=sqlite runs
# only SQLite); every other test runs on SQLite only.
MOTORES = [m.strip() for m in os.environ.get("A3_PRUEBAS_MOTORES", "sqlite,postgresql").split(",") if m.strip()]


def _binario(nombre: str) -> str | None:
    encontrado = shutil.which(nombre)
    if encontrado:
        return encontrado
    candidatos = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{nombre}"), reverse=True)
    return candidatos[0] if candidatos else None


@dataclass
class ServidorPG:
    carpeta: Path | None = None
    razon: str = ""
    _detener: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def disponible(self) -> bool:
        return self.carpeta is not None

    def url(self, base: str, usuario: str = SUPERUSUARIO) -> str:
        """The URL of database ``base`` on this server, as ``usuario`` (over the socket)."""
        assert self.carpeta is not None
        return f"postgresql://{usuario}@/{base}?host={self.carpeta}"

    def detener(self) -> None:
        if self._detener is not None:
            self._detener()
            self._detener = None


FALTA = "PostgreSQL no está instalado (faltan initdb y pg_ctl); instala el paquete postgresql de Debian"


def en_ci(entorno: dict[str, str] | None = None) -> bool:
    """Whether this run is CI's (``CI=true``): there every PostgreSQL test must run, and
    one that can't fails instead of being skipped."""
    entorno = dict(os.environ) if entorno is None else entorno
    return entorno.get("CI", "").lower() in ("true", "1", "yes")


def sin_servidor(razon: str) -> None:
    """A test that needs PostgreSQL where it can't run: skipped saying why, or failed in CI
    (``.ci/run`` installs PostgreSQL, so a missing server there is a broken run)."""
    import pytest

    mensaje = f"las pruebas en PostgreSQL no corren: {razon}"
    if en_ci():
        pytest.fail(mensaje + " (en CI deben correr: .ci/run instala PostgreSQL)", pytrace=False)
    pytest.skip(mensaje)


def arrancar() -> ServidorPG:
    """Start a private cluster; on failure, a ServidorPG whose ``razon`` says why.

    PostgreSQL itself is installed by ``.ci/run`` (or by the developer), never here."""
    initdb, pg_ctl = _binario("initdb"), _binario("pg_ctl")
    if initdb is None or pg_ctl is None:
        return ServidorPG(razon=FALTA)
    carpeta = Path(tempfile.mkdtemp(prefix="a3-pg-"))
    datos = carpeta / "datos"
    preexec: Callable[[], None] | None = None
    if os.geteuid() == 0:
        try:
            nadie = pwd.getpwnam("nobody")
        except KeyError:
            return ServidorPG(razon="como root, PostgreSQL necesita un usuario sin privilegios y no existe «nobody»")
        os.chown(carpeta, nadie.pw_uid, nadie.pw_gid)

        def preexec() -> None:
            os.setgid(nadie.pw_gid)
            os.setuid(nadie.pw_uid)

    def correr(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv,
            preexec_fn=preexec,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            cwd=carpeta,
        )

    hecho = correr([initdb, "-D", str(datos), "-U", SUPERUSUARIO, "--auth=trust", "-E", "UTF8", "--no-sync"])
    if hecho.returncode != 0:
        shutil.rmtree(carpeta, ignore_errors=True)
        return ServidorPG(razon=f"initdb falló: {hecho.stderr.strip().splitlines()[-1:]}")
    opciones = f"-c listen_addresses='' -c unix_socket_directories='{carpeta}' -c fsync=off -c max_connections=200"
    hecho = correr([pg_ctl, "-D", str(datos), "-o", opciones, "-l", str(carpeta / "log"), "-w", "start"])
    if hecho.returncode != 0:
        registro = (carpeta / "log").read_text(errors="replace") if (carpeta / "log").exists() else hecho.stderr
        shutil.rmtree(carpeta, ignore_errors=True)
        return ServidorPG(razon=f"PostgreSQL no arrancó: {registro.strip().splitlines()[-1:]}")

    def detener() -> None:
        correr([pg_ctl, "-D", str(datos), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(carpeta, ignore_errors=True)

    return ServidorPG(carpeta=carpeta, _detener=detener)


# ---------------------------------------------------------------- a test's database on it


def parametrizar_motor(metafunc: Any) -> None:
    """A test that depends on ``motor`` (through ``db``, ``store`` or ``base``) runs on
    SQLite; marked ``ambos_motores`` (and not ``solo_sqlite``), also on PostgreSQL."""
    if "motor" in metafunc.fixturenames:
        ambos = metafunc.definition.get_closest_marker("ambos_motores") is not None
        solo_sqlite = metafunc.definition.get_closest_marker("solo_sqlite") is not None
        metafunc.parametrize("motor", MOTORES if ambos and not solo_sqlite else ["sqlite"])


# An a3 database at the current schema with nothing in it (tests/conftest.py makes it).
PLANTILLA_VACIA_PG = "a3_vacia"


@dataclass(frozen=True)
class BasePG:
    """A test's database on the private server: what ``db`` is when a command-line test runs
    in team mode. Its text is its URL, so ``a3 --db`` and ``open_store`` take it as they
    take a file's path."""

    servidor: ServidorPG
    nombre: str

    def __str__(self) -> str:
        return self.servidor.url(self.nombre)

    def conectar(self) -> psycopg.Connection[Any]:
        return psycopg.connect(str(self), autocommit=True)


def crear_base(servidor: ServidorPG, nombre: str, plantilla: str | None = None) -> BasePG:
    """(Re)create database ``nombre``, empty or as a copy of ``plantilla``."""
    with psycopg.connect(servidor.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {nombre} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {nombre}" + (f" TEMPLATE {plantilla}" if plantilla else ""))
    return BasePG(servidor, nombre)


def borrar_base(base: BasePG) -> None:
    with psycopg.connect(base.servidor.url("postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {base.nombre} WITH (FORCE)")


def volcado_pg(base: BasePG) -> dict[str, list[str]]:
    """Every row of every table of the database, in a stable order (sequences are left
    out: PostgreSQL never gives back a number it handed out, even when the insert failed)."""
    with base.conectar() as con:
        tablas = [
            t
            for (t,) in con.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tablas}


def consultar(db: Path | BasePG, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one query, read straight from a test's database (either engine)."""
    import sqlite3

    if isinstance(db, BasePG):
        with db.conectar() as con:
            return [tuple(fila) for fila in con.execute(sql).fetchall()]
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()

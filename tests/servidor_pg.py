"""A private PostgreSQL server for the tests of team mode (issue 15).

Each test process (each pytest-xdist worker) starts its own cluster in a temporary folder,
listening only on a Unix socket there, with trust authentication for its one superuser;
it stops at the end of the session. As root, the cluster runs as ``nobody`` (PostgreSQL
refuses to run as root). When PostgreSQL is not installed or can't start, ``razon`` says
why, and the tests that need it are skipped with that sentence.
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

SUPERUSUARIO = "a3prueba"

# The engines the service and command-line tests run on (A3_PRUEBAS_MOTORES=sqlite runs
# only SQLite).
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


def arrancar() -> ServidorPG:
    """Start a private cluster; on failure, a ServidorPG whose ``razon`` says why."""
    initdb, pg_ctl = _binario("initdb"), _binario("pg_ctl")
    if initdb is None or pg_ctl is None:
        return ServidorPG(
            razon="PostgreSQL no está instalado (faltan initdb y pg_ctl); instala el paquete postgresql de Debian"
        )
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

"""Running a3 as a user would and reading what it said: in this process (``a3tui.cli.run``,
the console script's function) or as a real process, the shape of its errors, the
environment of a test run, and an unprivileged user for permission probes.

Shared by the command-line tests, the reliability suite and bench/fiabilidad.py; nothing
here imports pytest (the benchmark runs the same probes).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AHORA = "2026-11-23T10:00:00"  # a Monday
ASESOR = "ana"

# Words that would mean the user met click/Typer's English, or a Python traceback.
INGLES = (
    "Traceback",
    "Usage:",
    "Try '",
    "No such",
    "Invalid value",
    "Missing argument",
    "Missing option",
    "Got unexpected",
    "Error: Error",
    "Exception",
    "is not a valid",
)

# C0 controls except tab and newline, DEL, and C1 controls: none may reach a terminal.
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def con_zona(momento: str) -> str:
    """A local time as a3's JSON writes it: ISO 8601 with this machine's UTC offset
    (``2026-11-23T10:00:00`` → ``2026-11-23T10:00:00-06:00`` in Mexico City)."""
    from datetime import datetime

    return datetime.fromisoformat(momento).astimezone().isoformat()


class NoDisponible(Exception):
    """This machine can't run the probe (no a3 executable, can't mount, no unprivileged user)."""


def o_saltar(funcion: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a probe from a test; skip the test, saying why, when this machine can't run it."""
    try:
        return funcion(*args, **kwargs)
    except NoDisponible as exc:
        import pytest

        pytest.skip(str(exc))


@dataclass
class Resultado:
    """What one run of `a3` left: exit code, stdout and stderr."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


# ---------------------------------------------------------------- output checks


def controles(texto: str) -> list[str]:
    """The control characters in ``texto`` that a terminal would act on (not tab or newline)."""
    return sorted({repr(c) for c in CONTROLES.findall(texto)})


def problemas_de_error(res: Resultado, *fragmentos: str) -> list[str]:
    """Why ``res`` is not a3's error shape (empty list when it is).

    A usage error (the command line itself is wrong; its sentence points to ``--help``)
    exits with 2, as Click's own commands do; any other error with 1."""
    malos: list[str] = []
    lineas = res.err.splitlines()
    esperado = 2 if lineas and re.search(r"Consulta «[^»]*--help»\.$", lineas[0]) else 1
    if res.code != esperado:
        malos.append(f"código {res.code} (se esperaba {esperado})")
    if res.out != "":
        malos.append(f"stdout no vacío: {res.out[:200]!r}")
    if len(lineas) != 1:
        malos.append(f"stderr tiene {len(lineas)} líneas: {res.err[:400]!r}")
    primera = lineas[0] if lineas else ""
    if not primera.startswith("Error: "):
        malos.append(f"stderr no empieza con «Error: »: {res.err[:200]!r}")
    mensaje = primera[len("Error: ") :]
    if not (mensaje[:1].isupper() or mensaje[:1] in "«¿¡-/~"):
        malos.append(f"el mensaje no empieza con mayúscula: {mensaje[:200]!r}")
    if not mensaje.rstrip().endswith((".", "?", "»")):
        malos.append(f"el mensaje no termina en punto: {mensaje[-200:]!r}")
    for palabra in INGLES:
        if palabra in res.err or palabra in res.out:
            malos.append(f"contiene {palabra!r}: {res.err[:300]!r}")
    if "inesperado" in res.err:
        malos.append(f"error inesperado: {res.err[:300]!r}")
    if controles(res.err):
        malos.append(f"caracteres de control en stderr: {controles(res.err)}")
    for fragmento in fragmentos:
        if fragmento not in mensaje:
            malos.append(f"el mensaje no menciona {fragmento!r}: {mensaje[:300]!r}")
    return malos


def assert_error(res: Resultado, *fragmentos: str) -> None:
    """One Spanish sentence on stderr, exit code 1 (2 for a usage error), no traceback,
    nothing on stdout."""
    malos = problemas_de_error(res, *fragmentos)
    assert not malos, (malos, res)


def sin_sorpresas(res: Resultado, argv: Sequence[object] = ()) -> list[str]:
    """A bug's marks in any output: traceback, unexpected error, terminal control bytes.

    A mark that the user typed in ``argv`` (and a3 rightly quotes back) does not count.
    """
    escrito = " ".join(str(a) for a in argv)
    malos: list[str] = []
    for texto, donde in ((res.out, "stdout"), (res.err, "stderr")):
        if "Traceback" in texto and "Traceback" not in escrito:
            malos.append(f"traceback en {donde}: {texto[-300:]!r}")
        if "inesperado" in texto and "inesperado" not in escrito:
            malos.append(f"error inesperado en {donde}: {texto[:300]!r}")
        if controles(texto):
            malos.append(f"caracteres de control en {donde}: {controles(texto)}")
    return malos


# ---------------------------------------------------------------- running a3


def a3_exe() -> str:
    """The installed console script, next to the interpreter running the tests."""
    exe = Path(sys.executable).parent / "a3"
    if exe.exists():
        return str(exe)
    found = shutil.which("a3")
    if found is None:
        raise NoDisponible("el comando a3 no está instalado en este entorno")
    return found


def entorno(base: Path, **extra: str) -> dict[str, str]:
    """Environment for a subprocess run: fixed clock and advisor, HOME/XDG under ``base``."""
    quitar = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("A3_") and k not in quitar}
    env.update(
        HOME=str(base),
        XDG_DATA_HOME=str(base / "data"),
        XDG_STATE_HOME=str(base / "state"),
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        A3_ASESOR=ASESOR,
        A3_AHORA=AHORA,
        COLUMNS="200",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def _texto(datos: bytes) -> str:
    return datos.decode("utf-8", errors="backslashreplace")


def proceso(
    argv: Sequence[str | bytes | Path],
    env: dict[str, str],
    prefijo: list[str] | None = None,
    umask: int = -1,
    timeout: float = 120,
    cwd: Path | None = None,
) -> Resultado:
    """Run a real process and return its exit code and output (bytes in argv are passed as is).

    It runs in ``cwd``, else in the HOME of ``env``: a relative path never lands in the repository.
    """
    if prefijo:  # another user can't write the coverage data of the test run
        env = {k: v for k, v in env.items() if not k.startswith("COVERAGE_")}
    done = subprocess.run(
        [*(prefijo or []), *argv],
        env=env,
        capture_output=True,
        check=False,
        timeout=timeout,
        umask=umask,
        cwd=cwd or env.get("HOME"),
    )
    return Resultado(done.returncode, _texto(done.stdout), _texto(done.stderr))


def a3(base: Path, *argv: str | bytes | Path, prefijo: list[str] | None = None, **env: str) -> Resultado:
    """`a3 ARGV…` as a subprocess with the test environment rooted at ``base``."""
    return proceso([a3_exe(), *argv], entorno(base, **env), prefijo=prefijo)


def en_proceso(*argv: str | Path) -> Resultado:
    """`a3 ARGV…` in this process through ``a3tui.cli.run`` (the console script's function).

    Uses the current environment (the conftest or the benchmark sets it), and resets the
    per-process caches the CLI keeps between runs.
    """
    from a3tui.cli import run

    _olvidar_estado_del_cli()
    salida, errores = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(salida), contextlib.redirect_stderr(errores):
        try:
            code = run([str(a) for a in argv])
        except SystemExit as exc:  # a bug, but report it as the console script would
            code = exc.code if isinstance(exc.code, int) else 1
    _olvidar_estado_del_cli()
    return Resultado(code, salida.getvalue(), errores.getvalue())


def _olvidar_estado_del_cli() -> None:
    """Drop what the CLI keeps between runs in one process (the last --db)."""
    from a3tui.cli import common

    if hasattr(common, "Opciones"):
        common.Opciones.db = None


def sin_color(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# ---------------------------------------------------------------- an unprivileged user


_PREFIJO: list[list[str] | None] = []


def prefijo_sin_privilegios() -> list[str] | None:
    """Like ``_buscar_prefijo_sin_privilegios``, probed once per process."""
    if not _PREFIJO:
        _PREFIJO.append(_buscar_prefijo_sin_privilegios())
    return _PREFIJO[0]


def _buscar_prefijo_sin_privilegios() -> list[str] | None:
    """A command prefix under which permission bits apply; None if this machine can't give one.

    Tests run as root in CI, and root writes anywhere. Prefer running as «nobody» (65534);
    if that user can't run the venv's Python, stay root but drop the capabilities that
    bypass file permissions.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    candidatos = [
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"],
        [setpriv, "--bounding-set=-dac_override,-dac_read_search"],
    ]
    carpeta = tempfile.mkdtemp(dir="/tmp")
    try:
        os.chmod(carpeta, 0o555)
        prueba = f"import os, a3tui; raise SystemExit(0 if not os.access({carpeta!r}, os.W_OK) else 3)"
        for prefijo in candidatos:
            try:
                done = subprocess.run(
                    [*prefijo, sys.executable, "-c", prueba], capture_output=True, timeout=60, check=False
                )
            except OSError:
                continue
            if done.returncode == 0:
                return prefijo
    finally:
        os.chmod(carpeta, 0o755)
        shutil.rmtree(carpeta, ignore_errors=True)
    return None


def es_otro_usuario(prefijo: list[str]) -> bool:
    """Whether the prefix runs as «nobody» (then the files it should own must be chowned)."""
    return any(p.startswith("--reuid=") for p in prefijo)


def dar_a_nobody(prefijo: list[str], *rutas: Path) -> None:
    if es_otro_usuario(prefijo):
        for ruta in rutas:
            os.chown(ruta, 65534, 65534)

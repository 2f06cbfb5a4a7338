"""Time from launching a full-screen program in a real pty to a text appearing on its screen.

The program runs in a new pseudo-terminal of a fixed size, as in an advisor's terminal;
its output is read as it comes, escape sequences are stripped, and the clock stops when
one of the readiness markers (e.g. "Mis tareas" and a client's name) has been drawn.
Only the process started here is killed afterwards.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field

_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")


@dataclass
class Lanzamiento:
    segundos: float | None
    error: str | None = None
    pantalla: str = ""
    # When each marker first appeared (seconds from launch).
    vistos: dict[str, float] = field(default_factory=dict)


def texto_visible(salida: bytes) -> str:
    """The printable text of terminal output (escape sequences removed)."""
    return _ESCAPE.sub(b"", salida).decode("utf-8", errors="replace")


def lanzar(
    argv: list[str],
    env: dict[str, str],
    marcadores: list[str],
    *,
    columnas: int = 120,
    filas: int = 36,
    limite: float = 30.0,
) -> Lanzamiento:
    """Run ``argv`` in a pty and return the seconds until every marker is on screen."""
    maestro, esclavo = pty.openpty()
    fcntl.ioctl(esclavo, termios.TIOCSWINSZ, struct.pack("HHHH", filas, columnas, 0, 0))
    entorno = {**env, "TERM": env.get("TERM", "xterm-256color"), "COLUMNS": str(columnas), "LINES": str(filas)}
    inicio = time.perf_counter()
    proceso = subprocess.Popen(
        argv, stdin=esclavo, stdout=esclavo, stderr=esclavo, env=entorno, start_new_session=True, close_fds=True
    )
    os.close(esclavo)
    salida = bytearray()
    visto = ""
    vistos: dict[str, float] = {}
    try:
        while True:
            restante = limite - (time.perf_counter() - inicio)
            if restante <= 0:
                return Lanzamiento(
                    None, f"no marker {marcadores} after {limite:.0f} s", texto_visible(bytes(salida))[-2000:], vistos
                )
            listos, _, _ = select.select([maestro], [], [], min(restante, 0.5))
            if listos:
                try:
                    bloque = os.read(maestro, 65536)
                except OSError:
                    bloque = b""
                if not bloque:
                    break
                salida.extend(bloque)
                # Answer a cursor-position query, as a terminal would, so nothing waits on it.
                if b"\x1b[6n" in bloque:
                    os.write(maestro, f"\x1b[{filas};{columnas}R".encode())
                visto = texto_visible(bytes(salida))
                ahora = time.perf_counter() - inicio
                for marcador in marcadores:
                    if marcador not in vistos and marcador in visto:
                        vistos[marcador] = ahora
                if len(vistos) == len(marcadores):
                    return Lanzamiento(ahora, None, visto[-2000:], vistos)
            elif proceso.poll() is not None:
                break
        codigo = proceso.wait(timeout=5)
        return Lanzamiento(None, f"exited with code {codigo} before showing {marcadores}", visto[-2000:], vistos)
    finally:
        if proceso.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proceso.pid, signal.SIGKILL)
            proceso.wait(timeout=10)
        os.close(maestro)

"""Bytes a full-screen program sends for each action, as an advisor on a slow SSH link
receives them: the program runs in a pty of a fixed size, keys are written to it, and the
output is counted until the screen has been quiet for a moment.

Used by bench/run.py («bytes on the wire» rows); also runnable by hand:
``python bench/pty_bytes.py -- a3 --db demo.db``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass

from pty_launch import texto_visible

# The screen is settled when nothing arrives for this long.
QUIETO = 0.35


@dataclass
class Sesion:
    """A program in a pty, driven by keys; every byte it writes is counted."""

    proceso: subprocess.Popen[bytes]
    maestro: int
    columnas: int
    filas: int
    visto: bytearray

    @classmethod
    def abrir(cls, argv: list[str], env: dict[str, str], *, columnas: int = 80, filas: int = 24) -> Sesion:
        maestro, esclavo = pty.openpty()
        fcntl.ioctl(esclavo, termios.TIOCSWINSZ, struct.pack("HHHH", filas, columnas, 0, 0))
        entorno = {**env, "TERM": env.get("TERM", "xterm-256color"), "COLUMNS": str(columnas), "LINES": str(filas)}
        proceso = subprocess.Popen(
            argv, stdin=esclavo, stdout=esclavo, stderr=esclavo, env=entorno, start_new_session=True, close_fds=True
        )
        os.close(esclavo)
        return cls(proceso, maestro, columnas, filas, bytearray())

    def leer(self, segundos: float, *, hasta_quieto: bool = True) -> int:
        """Read output for up to ``segundos`` (or until it has been quiet for QUIETO); bytes read."""
        total = 0
        fin = time.perf_counter() + segundos
        ultimo = time.perf_counter()
        while True:
            ahora = time.perf_counter()
            if ahora >= fin or (hasta_quieto and total and ahora - ultimo >= QUIETO):
                return total
            listos, _, _ = select.select([self.maestro], [], [], min(0.05, fin - ahora))
            if not listos:
                if hasta_quieto and not total and ahora - ultimo >= 2.0:
                    return 0  # nothing changed on screen
                continue
            try:
                bloque = os.read(self.maestro, 65536)
            except OSError:
                return total
            if not bloque:
                return total
            if b"\x1b[6n" in bloque:
                os.write(self.maestro, f"\x1b[{self.filas};{self.columnas}R".encode())
            total += len(bloque)
            self.visto.extend(bloque)
            ultimo = time.perf_counter()

    def esperar_texto(self, texto: str, limite: float = 30.0) -> bool:
        fin = time.perf_counter() + limite
        while time.perf_counter() < fin:
            if texto in texto_visible(bytes(self.visto[-200_000:])):
                return True
            self.leer(0.2, hasta_quieto=False)
        return False

    def teclas(self, datos: bytes, espera: float = 5.0, hasta: str | None = None) -> int:
        """Write ``datos`` (raw key bytes) and return the bytes the screen sent back: until it
        has been quiet for QUIETO, and first until ``hasta`` shows (a screen that takes longer
        than QUIETO to come up was counted as the 13 bytes of a cursor move)."""
        self.leer(0.05, hasta_quieto=False)  # drop anything pending
        inicio = len(self.visto)
        os.write(self.maestro, datos)
        if hasta is not None:
            fin = time.perf_counter() + espera
            while hasta not in texto_visible(bytes(self.visto[inicio:])) and time.perf_counter() < fin:
                self.leer(0.1, hasta_quieto=False)
        self.leer(espera)
        return len(self.visto) - inicio

    def cerrar(self) -> None:
        if self.proceso.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proceso.pid, signal.SIGKILL)
            self.proceso.wait(timeout=10)
        os.close(self.maestro)


ABAJO = b"\x1b[B"
ESC = b"\x1b"


def medir_a3(argv: list[str], env: dict[str, str], marcador: str) -> dict[str, float]:
    """Bytes per action in a3 at 80x24 (medians of a few presses), and idle bytes per second."""
    import statistics

    s = Sesion.abrir(argv, env)
    try:
        if not s.esperar_texto(marcador):
            raise RuntimeError(f"«{marcador}» never appeared")
        s.leer(3.0)
        s.teclas(b"\x1b[I")  # the terminal has the focus (as a real one reports)
        r: dict[str, float] = {}
        r["abajo_mis_tareas"] = statistics.median(s.teclas(ABAJO) for _ in range(6))
        r["cambiar_a_clientes"] = s.teclas(b"c", hasta="clientes")
        r["quieto_busqueda_b_s"] = s.leer(5.0, hasta_quieto=False) / 5.0  # the search box's cursor
        s.teclas(ABAJO)  # from the search box to the list
        r["abajo_clientes"] = statistics.median(s.teclas(ABAJO) for _ in range(6))
        r["abrir_ficha"] = s.teclas(b"\r", hasta="Historial")
        s.teclas(b"2")  # Historial
        s.teclas(ABAJO)
        r["abajo_historial"] = statistics.median(s.teclas(ABAJO) for _ in range(6))
        r["abrir_formulario"] = s.teclas(b"a", hasta="Registrar actividad")
        s.leer(1.0)
        r["quieto_formulario_b_s"] = s.leer(5.0, hasta_quieto=False) / 5.0
        s.teclas(ESC)
        r["cambiar_a_mis_tareas"] = s.teclas(b"t", hasta="Tareas vencidas")
        r["cambiar_a_inventario"] = s.teclas(b"i", hasta="propiedades")
        s.teclas(ABAJO)
        s.teclas(ABAJO)
        r["abajo_inventario"] = statistics.median(s.teclas(ABAJO) for _ in range(6))
        return r
    finally:
        s.cerrar()


if __name__ == "__main__":
    argv = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else ["a3"]
    for clave, valor in medir_a3(argv, dict(os.environ), "Mis tareas").items():
        print(f"{clave:>24}: {valor:,.0f}")

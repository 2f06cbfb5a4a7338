"""A FIFO of a test's own folder, read in a thread as another program would read it."""

from __future__ import annotations

import os
import threading
from pathlib import Path


class LectorFifo:
    """Makes the FIFO ``ruta`` and reads it to the end in a thread. The thread is a daemon:
    if a3 replaced the FIFO instead of writing into it, the reader stays waiting on the old
    one and the test fails on what was read (nothing), without hanging the run."""

    def __init__(self, ruta: Path) -> None:
        os.mkfifo(ruta, 0o600)
        self.ruta = ruta
        self.datos = b""
        self._hilo = threading.Thread(target=self._leer, daemon=True)
        self._hilo.start()

    def _leer(self) -> None:
        with open(self.ruta, "rb") as fifo:
            self.datos = fifo.read()

    def leido(self) -> bytes:
        """What was read once the writer closed the FIFO (waits at most 30 s)."""
        self._hilo.join(timeout=30)
        return self.datos

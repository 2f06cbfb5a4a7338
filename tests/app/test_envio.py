"""Only the lines that changed reach the terminal (app/envio.py), and the terminal still shows
exactly what Textual's whole frames showed: the real `a3` in a pty at 80x24, its output
played into a terminal emulator (pyte), against the same keys with A3_REPINTADO=completo."""

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
from pathlib import Path

import pyte
import pytest
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip

from a3tui.app.envio import LineasEnviadas, SoloCambios
from a3tui.app.textual_privado import ChopsUpdate, LayoutUpdate

A3 = str(Path(sys.executable).parent / "a3")
AHORA = "2026-11-23T10:00:00"


class Terminal:
    """`a3` in a pty of 80x24 whose output is played into an emulated screen."""

    def __init__(self, db: Path, **env: str) -> None:
        maestro, esclavo = pty.openpty()
        fcntl.ioctl(esclavo, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        entorno = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "A3_SIMBOLOS")}
        entorno.update({"TERM": "xterm-256color", "A3_ASESOR": "ana", "A3_AHORA": AHORA, **env})
        self.proceso = subprocess.Popen(
            [A3, "--db", str(db)], stdin=esclavo, stdout=esclavo, stderr=esclavo, env=entorno, start_new_session=True
        )
        os.close(esclavo)
        self.maestro = maestro
        self.pantalla = pyte.Screen(80, 24)
        self.flujo = pyte.ByteStream(self.pantalla)

    def leer(self, hasta: float = 8.0, quieto: float = 0.6) -> int:
        """Play what arrives until the screen has been quiet for ``quieto`` seconds."""
        total, fin, ultimo = 0, time.monotonic() + hasta, time.monotonic()
        while time.monotonic() < fin and not (total and time.monotonic() - ultimo >= quieto):
            listos, _, _ = select.select([self.maestro], [], [], 0.05)
            if listos:
                try:
                    datos = os.read(self.maestro, 65536)
                except OSError:
                    break
                self.flujo.feed(datos)
                total += len(datos)
                ultimo = time.monotonic()
        return total

    def teclas(self, datos: bytes) -> int:
        os.write(self.maestro, datos)
        return self.leer()

    def redimensionar(self, columnas: int, filas: int) -> None:
        """The terminal window changes size, and a3 is told (SIGWINCH: a3 runs in a session
        of its own, without this pty as its controlling terminal, so the kernel doesn't)."""
        fcntl.ioctl(self.maestro, termios.TIOCSWINSZ, struct.pack("HHHH", filas, columnas, 0, 0))
        self.pantalla.resize(filas, columnas)
        os.killpg(self.proceso.pid, signal.SIGWINCH)

    def texto(self) -> list[str]:
        return [linea.rstrip() for linea in self.pantalla.display]

    def cerrar(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proceso.pid, signal.SIGKILL)
        self.proceso.wait(timeout=10)
        os.close(self.maestro)


# What an advisor does: the client list, a ficha, its history, the activity form, back to
# the day, the inventory, and Ctrl+L.
RECORRIDO = [b"c", b"\x1b[B", b"\x1b[B", b"\r", b"2", b"\x1b[B", b"a", b"\x1b", b"t", b"i", b"\x1b[B", b"\x0c"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("envio") / "demo.db"
    env = {**os.environ, "A3_ASESOR": "ana", "A3_AHORA": AHORA}
    subprocess.run([A3, "--db", str(db), "demo", "--clientes", "60"], env=env, check=True, capture_output=True)
    return db


def _igualar(a: Terminal, b: Terminal, hasta: float = 10.0) -> bool:
    """Read both until their screens match (a slow machine may still be drawing one)."""
    fin = time.monotonic() + hasta
    while a.texto() != b.texto() and time.monotonic() < fin:
        a.leer(hasta=0.5, quieto=0.2)
        b.leer(hasta=0.5, quieto=0.2)
    return a.texto() == b.texto()


def _esperar(terminal: Terminal, texto: str, hasta: float = 15.0) -> bool:
    """Read until ``texto`` is on the screen (a busy machine can be quiet for a while
    before a new screen is drawn)."""
    fin = time.monotonic() + hasta
    while texto not in "\n".join(terminal.texto()) and time.monotonic() < fin:
        terminal.leer(hasta=0.5, quieto=0.2)
    return texto in "\n".join(terminal.texto())


def test_el_terminal_muestra_lo_mismo_que_con_cuadros_completos(demo: Path) -> None:
    """The same keys to two a3: one sending Textual's whole frames, one only what changed;
    after every key both terminals show the same screen."""
    completo, cambios = Terminal(demo, A3_REPINTADO="completo"), Terminal(demo)
    try:
        for terminal in (completo, cambios):
            terminal.leer(hasta=20.0, quieto=1.0)
        assert _igualar(completo, cambios), "al abrir"
        for tecla in RECORRIDO:
            for terminal in (completo, cambios):
                os.write(terminal.maestro, tecla)
            for terminal in (completo, cambios):
                terminal.leer()
                if tecla == b"a":
                    assert _esperar(terminal, "Registrar actividad"), "\n".join(terminal.texto())
            assert _igualar(completo, cambios), f"después de {tecla!r}:\n" + "\n".join(cambios.texto())
        # How many bytes each sends is not compared here: a busy machine makes Textual merge
        # frames (one full frame, 8 KB, instead of five), so the ratio is a matter of timing.
        # bench/run.py's «bytes on the wire» rows measure it against a cap; the tests without
        # a terminal below check that an identical frame sends nothing.
        # A bigger window, then a smaller one: every cell is sent again, and both agree.
        for columnas, filas in ((100, 30), (70, 20)):
            for terminal in (completo, cambios):
                terminal.redimensionar(columnas, filas)
            for terminal in (completo, cambios):
                terminal.leer()
            assert _igualar(completo, cambios), f"a {columnas}x{filas}:\n" + "\n".join(cambios.texto())
            # The top bar is drawn again across the new width.
            assert "Salir" in cambios.texto()[0]
            assert len(cambios.texto()) == filas
    finally:
        completo.cerrar()
        cambios.cerrar()


# ---------------------------------------------------------------- the record, without a terminal


def _update(lineas: list[str], ancho: int = 10) -> LayoutUpdate:
    return LayoutUpdate(
        [[Strip([Segment(t.ljust(ancho), Style(bold=True))])] for t in lineas], Region(0, 0, ancho, len(lineas))
    )


def _consola():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(color_system="truecolor", force_terminal=True, width=10)


def test_un_cuadro_igual_no_envia_nada_y_uno_distinto_solo_sus_lineas() -> None:
    envio, consola, tamano = LineasEnviadas(), _consola(), Size(10, 3)
    primero = envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    assert isinstance(primero, SoloCambios)
    assert [y for _, y, _ in primero.tramos] == [0, 1, 2]
    igual = envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    assert isinstance(igual, SoloCambios)
    assert igual.tramos == []
    assert igual.render_segments(consola) == ""
    otro = envio.filtrar(_update(["uno", "DOS", "tres"]), tamano, consola)
    assert isinstance(otro, SoloCambios)
    assert [y for _, y, _ in otro.tramos] == [1]
    assert otro.render_segments(consola).startswith("\x1b[2;1H")  # only «DOS»: from its first cell


def _parcial(y: int, x: int, texto: str, alto: int = 3) -> ChopsUpdate:
    """Textual's partial repaint of ``texto`` at column ``x`` of line ``y``."""
    chops: list[dict[int, Strip | None]] = [{} for _ in range(alto)]
    chops[y] = {x: Strip([Segment(texto)])}
    fines: list[list[int]] = [[] for _ in range(alto)]
    fines[y] = [x + len(texto)]
    return ChopsUpdate(chops, [(y, x, x + len(texto))], fines)


def test_una_actualizacion_parcial_repetida_no_se_envia_dos_veces() -> None:
    envio, consola, tamano = LineasEnviadas(), _consola(), Size(10, 3)
    envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    primera = envio.filtrar(_parcial(1, 0, "x"), tamano, consola)
    assert isinstance(primera, SoloCambios)
    assert primera.render_segments(consola) == "\x1b[2;1Hx"
    repetida = envio.filtrar(_parcial(1, 0, "x"), tamano, consola)
    assert isinstance(repetida, SoloCambios)
    assert repetida.render_segments(consola) == ""


def test_tras_una_parcial_o_un_cambio_de_tamano_se_reenvian_sus_lineas() -> None:
    envio, consola, tamano = LineasEnviadas(), _consola(), Size(10, 3)
    envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    envio.filtrar(_parcial(1, 0, "x"), tamano, consola)
    despues = envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    assert isinstance(despues, SoloCambios)
    assert [y for _, y, _ in despues.tramos] == [1]  # the line the partial repaint changed
    otro_tamano = envio.filtrar(_update(["uno", "dos", "tres"]), Size(10, 4), consola)
    assert isinstance(otro_tamano, SoloCambios)
    assert [y for _, y, _ in otro_tamano.tramos] == [0, 1, 2]
    envio.olvidar()
    de_nuevo = envio.filtrar(_update(["uno", "dos", "tres"]), Size(10, 4), consola)
    assert isinstance(de_nuevo, SoloCambios)
    assert len(de_nuevo.tramos) == 3


def test_de_un_trozo_que_sobresale_solo_se_escribe_lo_repintado() -> None:
    """Textual repaints columns 0-1 of line 2, in a stretch that spans 0-4: a3 writes the
    two columns (what Textual asked to repaint), and knows the rest of the line as it was."""
    envio, consola, tamano = LineasEnviadas(), _consola(), Size(10, 3)
    envio.filtrar(_update(["uno", "dos", "tres"]), tamano, consola)
    recortada = _parcial(2, 0, "TRES")
    recortada.spans = [(2, 0, 2)]
    parte = envio.filtrar(recortada, tamano, consola)
    assert isinstance(parte, SoloCambios)
    assert parte.render_segments(consola) == "\x1b[3;1HTR"
    despues = envio.filtrar(_update(["uno", "dos", "TRes"]), tamano, consola)
    assert isinstance(despues, SoloCambios)
    assert [(x, y) for x, y, _ in despues.tramos] == [(0, 2)]  # bold TR replaces the plain one

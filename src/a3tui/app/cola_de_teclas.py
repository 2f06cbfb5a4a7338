"""Keys typed ahead: the queue that makes a burst of keys land where the same keys,
typed slowly, would have landed.

Over a laggy SSH link keys arrive in bursts. Textual hands each key to the focused widget
as it arrives, before the previous one has been acted on: «g» «Prueba» reached Mis tareas
before «g»'s task form had mounted, and «Prueba» was lost (issue 14). The app hands every
key it receives to a ``ColaDeTeclas``, which guarantees:

- **Order.** Keys go on one at a time, in the order they arrived.
- **One key at a time.** A key goes on only once the one before it has run its course:
  the focused widget, each of its ancestors and the app have handled it (or passed it
  on), bindings included.
- **The screen first.** When a key brings up a screen, the keys after it wait until that
  screen is mounted and shows what its keys act on (``PantallaA3.lista_para_teclas``,
  its first data); back to a screen that is already there (a form closed), they wait for
  nothing.
- **Nothing hangs the keyboard.** No key waits longer than ``ESPERA_MAXIMA`` for the one
  before it, nor for a screen coming up.
- **Keys held back** (``retener``: the app can't act on them yet, the database is still
  opening) wait for the next screen that comes up, then go on in order.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen


class ColaDeTeclas:
    """The keys an app received and has not handed on yet (one queue per app)."""

    # A key never waits longer than this for the one before it, nor for a screen coming up.
    ESPERA_MAXIMA = 1.0

    def __init__(self, app: App[Any], entregar: Callable[[events.Key], Awaitable[object]]) -> None:
        """``entregar`` is Textual's own handling of a key (the app's ``on_event`` before
        the queue): each key's turn ends in a call to it."""
        self._app = app
        self._entregar = entregar
        self._teclas: list[events.Key] = []
        # One key running its course (since when), a screen coming up (since when).
        self._en_curso = False
        self._desde = 0.0
        self._montando: Screen[Any] | None = None
        self._montando_desde = 0.0

    def escuchar(self) -> None:
        """Follow the screens that come to the top (from the app's mount on)."""
        self._app.screen_change_signal.subscribe(self._app, self._pantalla_nueva)

    def retener(self, tecla: events.Key) -> None:
        """Keep ``tecla`` until a screen comes up (the app can't act on it yet)."""
        self._teclas.append(tecla)

    async def recibir(self, tecla: events.Key) -> None:
        """``tecla`` goes on now, or once the keys before it have run their course."""
        self._teclas.append(tecla)
        if not self._en_curso:
            await self._siguiente_tecla()

    async def _siguiente_tecla(self) -> None:
        """Hand the next waiting key on, unless one is still running its course."""
        app = self._app
        while self._teclas and not self._en_curso:
            if self._montando is not None and time.monotonic() - self._montando_desde < self.ESPERA_MAXIMA:
                return  # a screen is coming up: _pantalla_lista hands the key on
            self._montando = None
            evento = self._teclas.pop(0)
            self._en_curso, self._desde = True, time.monotonic()
            app.set_timer(self.ESPERA_MAXIMA, partial(self._tecla_terminada, self._desde))
            destino = app.screen.focused or app.screen
            await self._entregar(evento)
            # Each widget handles its messages in order, and a key bubbles from the focused
            # widget up to the app: a callback queued on each in turn runs once the key has
            # been handled (or passed on) at every level, bindings included.
            terminada: Callable[[], object] = partial(self._tecla_terminada, self._desde)
            for nodo in reversed([destino, *destino.ancestors]):
                terminada = partial(nodo.call_later, terminada)
            terminada()

    async def _tecla_terminada(self, desde: float) -> None:
        if self._en_curso and desde == self._desde:
            self._en_curso = False
            await self._siguiente_tecla()

    def _pantalla_nueva(self, pantalla: Screen[Any]) -> None:
        """A screen is coming to the top: the keys after this one wait until it is ready."""
        # The key running its course brought this screen up: its course ends here (the
        # widget it went to may be gone with the screen it closed, and never say so).
        self._en_curso = False
        if pantalla.is_mounted and getattr(pantalla, "lista_para_teclas", True):
            # Back to a screen that is already there (a form closed): nothing to wait for.
            self._app.call_later(self._siguiente_tecla)
            return
        # A new screen, or one mounted at once (a section's first visit) whose data has
        # not arrived: the next key acts on what it will show.
        self._montando, self._montando_desde = pantalla, time.monotonic()
        self._esperar_pantalla(pantalla)

    def _esperar_pantalla(self, pantalla: Screen[Any]) -> None:
        """Poll until ``pantalla`` is mounted and shows its first data (see
        PantallaA3.lista_para_teclas), at most ESPERA_MAXIMA: then the keys go on."""
        if self._montando is not pantalla:
            return
        lista = pantalla.is_mounted and bool(getattr(pantalla, "lista_para_teclas", True))
        if lista or time.monotonic() - self._montando_desde >= self.ESPERA_MAXIMA:
            pantalla.call_after_refresh(self._pantalla_lista, pantalla)
        else:
            self._app.set_timer(0.01, partial(self._esperar_pantalla, pantalla))

    async def _pantalla_lista(self, pantalla: Screen[Any]) -> None:
        if self._montando is pantalla:
            self._montando = None
            await self._siguiente_tecla()

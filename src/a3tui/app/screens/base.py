"""What a3's screens share: the typed app, data read again when something changed,
one way to write, and load errors shown once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import Screen

from a3tui.app.messages import LoadFailed
from a3tui.errors import A3Error

if TYPE_CHECKING:
    from a3tui.app.app import A3App
    from a3tui.services import Contexto

T = TypeVar("T")


def a3_de(nodo: DOMNode) -> A3App:
    """The app of any widget or screen, with its type (Textual types ``app`` as any App)."""
    return cast("A3App", nodo.app)


class PantallaA3(Screen[None]):
    """A main screen of a3 (Mis tareas, Clientes, a ficha…).

    Every write in the app bumps the gateway's version; a screen coming back to the top
    reads its data again (``load``) only if the version moved since it last did.
    """

    def __init__(self) -> None:
        super().__init__()
        self._version = -1

    @property
    def a3(self) -> A3App:
        """The app, with its type (Textual types ``self.app`` as any App)."""
        return cast("A3App", self.app)

    def load(self) -> None:
        """Read the screen's data from the services (subclasses)."""
        raise NotImplementedError

    @property
    def lista_para_teclas(self) -> bool:
        """Whether the screen shows what its keys act on (its first data arrived): keys
        typed ahead wait for it, as they would have been typed after seeing it."""
        return True

    @property
    def desactualizada(self) -> bool:
        """Whether something was written since this screen last read its data. A screen
        that never read (still being built) is not: its own first resume reads it."""
        return self._version != -1 and self.is_mounted and self._version != self.a3.gateway.version

    def on_screen_resume(self) -> None:
        version = self.a3.gateway.version
        if version != self._version:
            self._version = version
            self.load()

    def write(self, action: Callable[[Contexto], T], *, title: str = "", done: str = "") -> T | None:
        """Run a service action: notify ``done`` (or the Spanish error), then read the
        screen again. Returns the action's result, or None when it was refused."""
        try:
            result = self.a3.gateway.write(action)
        except A3Error as error:
            self.notify(error.mensaje, severity="error", title="No se pudo")
            return None
        if done:
            self.notify(done, title=title)
        self._version = self.a3.gateway.version
        self.load()
        return result

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.mensaje, severity="error", title="No se pudo leer")

"""The app's own messages, small dataclasses in one place (as in toolong's messages.py).

Thread workers never touch widgets: they post one of these back to the widget that
started them, and the handler runs on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:  # the app draws its first frame before the data stack is imported
    from textual.widget import Widget

    from a3tui.domain import Kpi
    from a3tui.services.agenda import Agenda
    from a3tui.services.clientes import FilaCliente, Filtro


@dataclass
class ClienteSelected(Message):
    """The user asked to open a client's ficha (Enter on a list row)."""

    cliente_id: int


@dataclass
class FirstPageLoaded(Message, bubble=False):
    """A client list's first page arrived; ``total`` is None until the count is known."""

    generation: int
    filtro: Filtro
    total: int | None
    filas: list[FilaCliente]
    keep_cursor: bool
    # Advisors' names when the list shows several advisors' clients, else None.
    asesores: dict[int, str] | None = None


@dataclass
class CountLoaded(Message, bubble=False):
    """The count of a client list's filter, which may come after its first page."""

    generation: int
    total: int


@dataclass
class PageLoaded(Message, bubble=False):
    """One page of a client list arrived from its worker."""

    generation: int
    page: int
    filas: list[FilaCliente]


@dataclass
class CursorMoved(Message):
    """The highlighted client of a list changed (``fila`` is None while loading or empty)."""

    fila: FilaCliente | None
    index: int
    total: int


@dataclass
class LoadFailed(Message):
    """A worker's query failed with an expected error (Spanish sentence)."""

    mensaje: str


@dataclass
class AgendaLoaded(Message, bubble=False):
    """Mis tareas' agenda arrived from its worker, with whom to call now."""

    agenda: Agenda
    llamar: list[Any] = field(default_factory=list)
    # Messages and e-mails the client hasn't answered (oldest first) and how many in all.
    por_responder: list[Any] = field(default_factory=list)
    total_por_responder: int = 0
    # The clients listed who wrote and wait for an answer: when they wrote (by client id).
    escribieron: dict[int, Any] = field(default_factory=dict)


@dataclass
class KpisLoaded(Message, bubble=False):
    """The four KPIs arrived from their worker."""

    kpis: list[Kpi]


@dataclass
class FilaElegida(Message):
    """Enter (or a click on the cursor's row) on row ``indice`` of a ``TablaVirtual``."""

    tabla: Widget
    indice: int

"""The app's own messages, small dataclasses in one place (as in toolong's messages.py).

Thread workers never touch widgets: they post one of these back to the widget that
started them, and the handler runs on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class ClienteElegido(Message):
    """The user asked to open a client's ficha (Enter on a list row)."""

    cliente_id: int


@dataclass
class ConteoListo(Message, bubble=False):
    """A client list's first page arrived; ``total`` is None until the count is known."""

    generacion: int
    filtro: Any
    total: int | None
    filas: list
    conservar: bool


@dataclass
class TotalListo(Message, bubble=False):
    """The count of a client list's filter, which may come after its first page."""

    generacion: int
    total: int


@dataclass
class PaginaCargada(Message, bubble=False):
    """One page of a client list arrived from its worker."""

    generacion: int
    pagina: int
    filas: list


@dataclass
class CursorMovido(Message):
    """The highlighted client of a list changed (``fila`` is None while loading or empty)."""

    fila: Any
    indice: int
    total: int


@dataclass
class ErrorDeCarga(Message):
    """A worker's query failed with an expected error (Spanish sentence)."""

    mensaje: str


@dataclass
class DiaCargado(Message, bubble=False):
    """Mis tareas' agenda arrived from its worker."""

    dia: Any


@dataclass
class KpisCargados(Message, bubble=False):
    """The four KPIs arrived from their worker."""

    kpis: list


@dataclass
class BusquedaCambiada(Message, bubble=False):
    """The debounced search text settled on ``texto``."""

    texto: str

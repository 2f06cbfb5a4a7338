"""A ``TablaVirtual`` over a list that is never read whole: its count first, then pages of
``PAGINA`` rows as they come on screen, kept in an LRU cache (the Apartados and Servicio
screens).

A subclass says how a page is read (``pedir``: a worker that posts the screen's
``PaginaLeida`` message with its rows, and the count with the first page) and how a row
is drawn; it hands each page that arrives to ``pagina_leida``. A read that a newer one
replaced (another filter, a reload) is dropped by its ``generacion``. When the highlighted
row, or what is known of it, changes, the table posts ``FilaResaltada``.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.cache import LRUCache
from textual.message import Message

from a3tui.app.widgets.tabla_virtual import Columnas, TablaVirtual, anchos

PAGINA = 100

F = TypeVar("F")


class FilaResaltada(Message):
    """The highlighted row (or what is known of it) changed."""


class TablaPaginada(TablaVirtual, Generic[F]):
    """A list read a page at a time (only the rows on screen are drawn)."""

    COLUMNAS: ClassVar[Columnas]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, zebra_stripes=True)
        self.total = 0
        self.cargada = False
        self._generacion = 0
        self._paginas: LRUCache[int, list[F]] = LRUCache(maxsize=20)
        self._pendientes: set[int] = set()

    @property
    def paginas_leidas(self) -> list[int]:
        """Which pages are in memory (never the whole table)."""
        return sorted(self._paginas.keys())

    def pedir(self, generacion: int, pagina: int, *, contar: bool = False) -> None:
        """Read page ``pagina`` (with the count when ``contar``) for the read ``generacion``."""
        raise NotImplementedError

    def releer(self) -> None:
        """Forget every page and read the list again from the first (the cursor stays)."""
        self._generacion += 1
        self._paginas.clear()
        self._pendientes = {0}
        self.pedir(self._generacion, 0, contar=True)

    def es_vigente(self, generacion: int) -> bool:
        """Whether a page of the read ``generacion`` is still wanted."""
        return generacion == self._generacion

    def pagina_leida(self, generacion: int, pagina: int, filas: list[F], total: int | None) -> None:
        """A page arrived (``total`` with the first): keep it and redraw."""
        self._pendientes.discard(pagina)
        if not self.es_vigente(generacion):
            return
        self._paginas[pagina] = filas
        if total is not None:
            anterior = self.cursor_row
            self.total, self.cargada = total, True
            self.mostrar([t for t, _ in self.COLUMNAS], anchos(self.COLUMNAS, self.ancho()), max(1, self.total))
            self.move_cursor(row=min(anterior, max(0, self.total - 1)))
        else:
            self._lineas.clear()
            self.refresh()
        self.post_message(FilaResaltada())

    def ancho(self) -> int:
        return max(40, self.size.width - 1)

    def on_resize(self) -> None:
        if self.cargada:
            self.anchos = anchos(self.COLUMNAS, self.ancho())
            self._lineas.clear()
            self.refresh()

    def fila(self, indice: int) -> F | None:
        """The row ``indice`` if its page was read (else it is asked for)."""
        if not 0 <= indice < self.total:
            return None
        pagina, resto = divmod(indice, PAGINA)
        filas = self._paginas.get(pagina)
        if filas is None:
            if pagina not in self._pendientes:
                self._pendientes.add(pagina)
                self.pedir(self._generacion, pagina)
            return None
        return filas[resto] if resto < len(filas) else None

    @property
    def fila_actual(self) -> F | None:
        return self.fila(self.cursor_row)

    def move_cursor(self, *, row: int) -> None:
        anterior = self.cursor_row
        super().move_cursor(row=row)
        if self.cursor_row != anterior:
            self.post_message(FilaResaltada())

"""Apartados (V): every reservation of the advisor's clients, newest first, as `a3 apartado
list` prints them, filtered by state; Enter opens the client's ficha on its Apartados tab,
where the sale moves on (escriturar, entregar, cancelar).

The list never reads the whole table: the count first, then pages of PAGINA rows as they
come on screen (``apartados.list_`` with offset and limit), kept in an LRU cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Select, Static

from a3tui import domain
from a3tui.app.messages import FilaElegida, LoadFailed
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.lista import Desplegable
from a3tui.app.widgets.tabla_virtual import Columnas, TablaVirtual, anchos
from a3tui.domain import EstadoApartado
from a3tui.errors import A3Error
from a3tui.services import Contexto, apartados
from a3tui.services.apartados import FilaApartado

if TYPE_CHECKING:
    from a3tui.app.gateway import Gateway

PAGINA = 100
TODOS = "todos"


@dataclass
class PaginaLeida(Message, bubble=False):
    """A page of the list arrived (``total`` with the first one), for the read ``generacion``."""

    generacion: int
    pagina: int
    filas: list[FilaApartado]
    total: int | None = None


class FilaResaltada(Message):
    """The highlighted row (or what is known of it) changed."""


def _celda(texto: str, ancho: int) -> Text:
    return Text(domain.cortar(domain.imprimible(texto), ancho), no_wrap=True)


class TablaApartados(TablaVirtual):
    """The reservations, a page at a time (only the rows on screen are drawn)."""

    COLUMNAS: ClassVar[Columnas] = (("Fecha", 10), ("Cliente", 18), ("Propiedad", None), ("Monto", 10), ("Estado", 11))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "elegir",
            "Abrir ficha",
            tooltip="Abrir la ficha del cliente en sus apartados",
            id="a3.apartados.abrir",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, zebra_stripes=True)
        self.estado: EstadoApartado | None = None
        self.total = 0
        self.cargada = False
        self._generacion = 0
        self._paginas: LRUCache[int, list[FilaApartado]] = LRUCache(maxsize=20)
        self._pendientes: set[int] = set()

    @property
    def paginas_leidas(self) -> list[int]:
        """Which pages are in memory (never the whole table)."""
        return sorted(self._paginas.keys())

    def cargar(self, estado: EstadoApartado | None) -> None:
        """Show the reservations in ``estado`` (None: all), from the first."""
        self.estado = estado
        self._generacion += 1
        self._paginas.clear()
        self._pendientes = {0}
        self._leer(a3_de(self).gateway, self._generacion, estado, 0, contar=True)

    @work(thread=True, group="apartados")
    def _leer(
        self, gateway: Gateway, generacion: int, estado: EstadoApartado | None, pagina: int, *, contar: bool = False
    ) -> None:
        def leer(ctx: Contexto) -> tuple[list[FilaApartado], int | None]:
            filas = apartados.list_(ctx, estado=estado, offset=pagina * PAGINA, limit=PAGINA)
            if not contar:
                return filas, None
            return filas, (len(filas) if len(filas) < PAGINA else apartados.count(ctx, estado=estado))

        try:
            filas, total = gateway.read(leer)
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        self.post_message(PaginaLeida(generacion, pagina, filas, total))

    def on_pagina_leida(self, mensaje: PaginaLeida) -> None:
        self._pendientes.discard(mensaje.pagina)
        if mensaje.generacion != self._generacion:
            return
        self._paginas[mensaje.pagina] = mensaje.filas
        if mensaje.total is not None:
            anterior = self.cursor_row
            self.total, self.cargada = mensaje.total, True
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

    def fila(self, indice: int) -> FilaApartado | None:
        """The reservation on row ``indice`` if its page was read (else it is asked for)."""
        if not 0 <= indice < self.total:
            return None
        pagina, resto = divmod(indice, PAGINA)
        filas = self._paginas.get(pagina)
        if filas is None:
            if pagina not in self._pendientes:
                self._pendientes.add(pagina)
                self._leer(a3_de(self).gateway, self._generacion, self.estado, pagina)
            return None
        return filas[resto] if resto < len(filas) else None

    @property
    def fila_actual(self) -> FilaApartado | None:
        return self.fila(self.cursor_row)

    def celdas(self, indice: int) -> list[Text]:
        if not self.total:
            return [Text("—"), Text("Ningún apartado" + (f" {self.estado.value}" if self.estado else ""))]
        fila = self.fila(indice)
        if fila is None:
            return [Text("…")]
        a = fila.apartado
        estado = Text(a.estado.value, style="bold" if a.estado == EstadoApartado.ACTIVO else "")
        return [
            Text(a.fecha.isoformat()),
            _celda(fila.cliente, self.anchos[1]),
            _celda(fila.propiedad, self.anchos[2]),
            Text(domain.format_dinero(a.monto_centavos)),
            estado,
        ]

    def move_cursor(self, *, row: int) -> None:
        anterior = self.cursor_row
        super().move_cursor(row=row)
        if self.cursor_row != anterior:
            self.post_message(FilaResaltada())


class ApartadosScreen(PantallaA3):
    """The reservations. Enter opens the client's ficha on its Apartados tab."""

    TITLE = "a3"
    SUB_TITLE = "Apartados"
    BINDINGS = [
        Binding(
            "escape",
            "volver",
            "Volver",
            tooltip="Quitar el filtro; sin filtro, volver",
            show=False,
            id="a3.apartados.volver",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield BarraSuperior("apartados", "Apartados")
        with Horizontal(id="filtros"):
            yield Desplegable(
                [("Todo estado", TODOS), *((e.value, e.value) for e in EstadoApartado)],
                value=TODOS,
                allow_blank=False,
                id="apartados-estado",
                compact=True,
            )
        yield Static("Cargando apartados…", id="resumen", markup=False)
        yield TablaApartados(id="apartados-tabla")
        yield Static("", id="detalle", markup=False)
        yield Footer(compact=True)

    @property
    def tabla(self) -> TablaApartados:
        return self.query_one(TablaApartados)

    @property
    def lista_para_teclas(self) -> bool:
        return self.tabla.cargada

    def on_mount(self) -> None:
        self.tabla.focus()

    def _estado(self) -> EstadoApartado | None:
        valor = self.query_one("#apartados-estado", Select).value
        return EstadoApartado(valor) if isinstance(valor, str) and valor != TODOS else None

    def load(self) -> None:
        self.tabla.cargar(self._estado())

    @on(Select.Changed, "#apartados-estado")
    def _estado_cambio(self) -> None:
        self.load()
        self.set_focus(self.tabla)

    def on_fila_resaltada(self, _mensaje: FilaResaltada) -> None:
        tabla = self.tabla
        estado = f" {tabla.estado.value}" + ("s" if tabla.total != 1 else "") if tabla.estado else ""
        cuantos = "1 apartado" if tabla.total == 1 else f"{tabla.total:,} apartados"
        resumen = f"{cuantos}{estado}" if tabla.total else f"Ningún apartado{estado}"
        self.query_one("#resumen", Static).update(resumen, layout=False)
        fila = tabla.fila_actual
        detalle = ""
        if fila is not None:
            a = fila.apartado
            detalle = f"Apartado {a.id} · {fila.propiedad} · {fila.cliente} (id {a.cliente_id})"
            if a.motivo_cancelacion:
                detalle += f" · {a.motivo_cancelacion}"
        self.query_one("#detalle", Static).update(domain.imprimible(detalle), layout=False)

    def on_fila_elegida(self, _mensaje: FilaElegida) -> None:
        self.action_abrir()

    def action_abrir(self) -> None:
        """Enter: the client's ficha, on the tab where the reservation moves on."""
        from a3tui.app.screens.ficha import FichaScreen

        fila = self.tabla.fila_actual
        if fila is None:
            return
        ficha = FichaScreen(fila.apartado.cliente_id)
        self.app.push_screen(ficha)
        ficha.call_after_refresh(ficha.run_action, "pestana('apartados')")

    def action_volver(self) -> None:
        if self.focused is not self.tabla:
            self.set_focus(self.tabla)
        elif self._estado() is not None:
            self.query_one("#apartados-estado", Select).value = TODOS  # its Changed reads again
            self.notify("Sin filtro: todos los apartados.", title="Apartados")
        else:
            self.a3.action_mis_tareas()

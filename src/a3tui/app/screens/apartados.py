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
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Select, Static

from a3tui import domain
from a3tui.app.messages import FilaElegida, LoadFailed
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.lista import Desplegable
from a3tui.app.widgets.tabla_paginada import PAGINA, FilaResaltada, TablaPaginada
from a3tui.app.widgets.tabla_virtual import Columnas
from a3tui.domain import EstadoApartado
from a3tui.errors import A3Error
from a3tui.services import Contexto, apartados
from a3tui.services.apartados import FilaApartado

if TYPE_CHECKING:
    from a3tui.app.gateway import Gateway

TODOS = "todos"


@dataclass
class PaginaLeida(Message, bubble=False):
    """A page of the list arrived (``total`` with the first one), for the read ``generacion``."""

    generacion: int
    pagina: int
    filas: list[FilaApartado]
    total: int | None = None


def _celda(texto: str, ancho: int) -> Text:
    return Text(domain.cortar(domain.imprimible(texto), ancho), no_wrap=True)


class TablaApartados(TablaPaginada[FilaApartado]):
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
        super().__init__(id=id)
        self.estado: EstadoApartado | None = None

    def cargar(self, estado: EstadoApartado | None) -> None:
        """Show the reservations in ``estado`` (None: all), from the first."""
        self.estado = estado
        self.releer()

    def pedir(self, generacion: int, pagina: int, *, contar: bool = False) -> None:
        self._leer(a3_de(self).gateway, generacion, self.estado, pagina, contar=contar)

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
        self.pagina_leida(mensaje.generacion, mensaje.pagina, mensaje.filas, mensaje.total)

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

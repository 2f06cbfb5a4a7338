"""Servicio (S): the open service cases of the advisor's clients (a coordinator: her
plaza's), the most urgent first, with the contacts' red/yellow/green alert; Enter acts on
one (a note, en proceso, resolve, close, reopen, reassign), n opens a new one. As `a3 caso
list` prints them; the rules are services/casos.py's.

The list never reads the whole table: the count first, then pages of PAGINA rows as they
come on screen (``casos.list_`` with offset and limit), kept in an LRU cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.message import Message
from textual.widgets import Footer, Static

from a3tui import domain
from a3tui.app.messages import FilaElegida, LoadFailed
from a3tui.app.screens import caso
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.tabla_virtual import Columnas, TablaVirtual, anchos
from a3tui.errors import A3Error
from a3tui.services import Contexto, casos
from a3tui.services.casos import FilaCaso, FiltroCasos

if TYPE_CHECKING:
    from a3tui.app.gateway import Gateway

PAGINA = 100
ABIERTOS = FiltroCasos(estado="abiertos")
VENCIDOS = FiltroCasos(estado="vencidos")


@dataclass
class PaginaLeida(Message, bubble=False):
    """A page of the list arrived (the counts with the first one), for the read ``generacion``."""

    generacion: int
    pagina: int
    filas: list[FilaCaso]
    total: int | None = None
    vencidos: int = 0


class FilaResaltada(Message):
    """The highlighted row (or what is known of it) changed."""


def _celda(texto: str, ancho: int, estilo: Style | str = "") -> Text:
    return Text(domain.cortar(domain.imprimible(texto), ancho), style=estilo, no_wrap=True)


class TablaCasos(TablaVirtual):
    """The open cases, a page at a time (only the rows on screen are drawn)."""

    COLUMNAS: ClassVar[Columnas] = (
        ("Plazo", 14),
        ("Folio", 11),
        ("Cliente", None),
        ("Tipo", 10),
        ("Prior.", 6),
        ("Asesor", 8),
        ("Vence", 5),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "elegir",
            "Atender",
            tooltip="Atender el caso: nota, en proceso, resolver, cerrar, reabrir, reasignar",
            id="a3.servicio.atender",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = TablaVirtual.COMPONENT_CLASSES | caso.COMPONENTES_PLAZO

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="tabla-casos", zebra_stripes=True)
        self.total = 0
        self.vencidos = 0
        self.cargada = False
        self._generacion = 0
        self._paginas: LRUCache[int, list[FilaCaso]] = LRUCache(maxsize=20)
        self._pendientes: set[int] = set()

    @property
    def paginas_leidas(self) -> list[int]:
        """Which pages are in memory (never the whole table)."""
        return sorted(self._paginas.keys())

    def cargar(self) -> None:
        """Read the list again, from the first page (the cursor stays on its row)."""
        self._generacion += 1
        self._paginas.clear()
        self._pendientes = {0}
        self._leer(a3_de(self).gateway, self._generacion, 0, contar=True)

    @work(thread=True, group="servicio")
    def _leer(self, gateway: Gateway, generacion: int, pagina: int, *, contar: bool = False) -> None:
        def leer(ctx: Contexto) -> tuple[list[FilaCaso], int | None, int]:
            filas = casos.list_(ctx, ABIERTOS, offset=pagina * PAGINA, limit=PAGINA)
            if not contar:
                return filas, None, 0
            total = len(filas) if len(filas) < PAGINA else casos.count(ctx, ABIERTOS)
            return filas, total, casos.count(ctx, VENCIDOS)

        try:
            filas, total, vencidos = gateway.read(leer)
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        self.post_message(PaginaLeida(generacion, pagina, filas, total, vencidos))

    def on_pagina_leida(self, mensaje: PaginaLeida) -> None:
        self._pendientes.discard(mensaje.pagina)
        if mensaje.generacion != self._generacion:
            return
        self._paginas[mensaje.pagina] = mensaje.filas
        if mensaje.total is not None:
            anterior = self.cursor_row
            self.total, self.vencidos, self.cargada = mensaje.total, mensaje.vencidos, True
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

    def fila(self, indice: int) -> FilaCaso | None:
        """The case on row ``indice`` if its page was read (else it is asked for)."""
        if not 0 <= indice < self.total:
            return None
        pagina, resto = divmod(indice, PAGINA)
        filas = self._paginas.get(pagina)
        if filas is None:
            if pagina not in self._pendientes:
                self._pendientes.add(pagina)
                self._leer(a3_de(self).gateway, self._generacion, pagina)
            return None
        return filas[resto] if resto < len(filas) else None

    @property
    def fila_actual(self) -> FilaCaso | None:
        return self.fila(self.cursor_row)

    def celdas(self, indice: int) -> list[Text]:
        if not self.total:
            return [Text("—"), Text("Ningún caso abierto; n abre uno.")]
        fila = self.fila(indice)
        if fila is None:
            return [Text("…")]
        w = self.anchos
        return [
            _celda(a3_de(self).capacidades.dibujable(caso.texto_plazo(fila)), w[0], caso.estilo_plazo(self, fila)),
            Text(fila.folio),
            _celda(fila.cliente, w[2]),
            _celda(fila.tipo.value, w[3]),
            Text(fila.prioridad.value, style="bold" if fila.prioridad == domain.PrioridadCaso.ALTA else ""),
            _celda(fila.asesor, w[5]),
            Text(fila.vence.strftime("%d/%m")),
        ]

    def move_cursor(self, *, row: int) -> None:
        anterior = self.cursor_row
        super().move_cursor(row=row)
        if self.cursor_row != anterior:
            self.post_message(FilaResaltada())


class ServicioScreen(PantallaA3):
    """The open cases. Enter acts on one; n opens a new one."""

    TITLE = "a3"
    SUB_TITLE = "Servicio"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "nuevo", "Nuevo caso", tooltip="Nuevo caso: queja, garantía, postventa…", id="a3.servicio.nuevo"),
        Binding("escape", "volver", "Volver", show=False, id="a3.servicio.volver"),
    ]

    def compose(self) -> ComposeResult:
        yield BarraSuperior("servicio", "Servicio")
        yield Static("Cargando casos…", id="resumen", markup=False)
        yield TablaCasos(id="servicio-tabla")
        yield Static("", id="detalle", markup=False)
        yield Footer(compact=True)

    @property
    def tabla(self) -> TablaCasos:
        return self.query_one(TablaCasos)

    @property
    def lista_para_teclas(self) -> bool:
        return self.tabla.cargada

    def on_mount(self) -> None:
        self.tabla.focus()

    def load(self) -> None:
        self.tabla.cargar()

    def _leer_de_nuevo(self) -> None:
        """After a change made here: read again now (not only when the screen comes back)."""
        self._version = self.a3.gateway.version
        self.load()

    def on_fila_resaltada(self, _mensaje: FilaResaltada) -> None:
        tabla = self.tabla
        if not tabla.total:
            resumen = "Ningún caso abierto"
        else:
            resumen = "1 caso abierto" if tabla.total == 1 else f"{tabla.total:,} casos abiertos"
            if tabla.vencidos:
                resumen += f" · {tabla.vencidos:,} vencido" + ("s" if tabla.vencidos != 1 else "")
            resumen += " · del más urgente al que vence después"
        self.query_one("#resumen", Static).update(resumen, layout=False)
        fila = tabla.fila_actual
        texto = caso.detalle(fila) if fila is not None else ""
        self.query_one("#detalle", Static).update(domain.imprimible(texto), layout=False)

    def on_fila_elegida(self, _mensaje: FilaElegida) -> None:
        self.action_atender()

    def action_atender(self) -> None:
        """Enter: what can be done with the case."""
        fila = self.tabla.fila_actual
        if fila is not None:
            caso.atender(self.a3, fila.id, con_ficha=True, al_terminar=self._leer_de_nuevo)

    def action_nuevo(self) -> None:
        """n: choose the client, then the case's tipo, prioridad and descripción."""
        caso.nuevo_caso(self.a3, al_terminar=self._leer_de_nuevo)

    def action_volver(self) -> None:
        if self.focused is not self.tabla:
            self.set_focus(self.tabla)
        else:
            self.a3.action_mis_tareas()

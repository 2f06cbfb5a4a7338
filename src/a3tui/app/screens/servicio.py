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
from textual.message import Message
from textual.widgets import Footer, Static

from a3tui import domain
from a3tui.app.messages import FilaElegida, LoadFailed
from a3tui.app.screens import caso
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.tabla_paginada import PAGINA, FilaResaltada, TablaPaginada
from a3tui.app.widgets.tabla_virtual import Columnas
from a3tui.errors import A3Error
from a3tui.services import Contexto, casos
from a3tui.services.casos import FilaCaso, FiltroCasos

if TYPE_CHECKING:
    from a3tui.app.gateway import Gateway

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


def _celda(texto: str, ancho: int, estilo: Style | str = "") -> Text:
    return Text(domain.cortar(domain.imprimible(texto), ancho), style=estilo, no_wrap=True)


class TablaCasos(TablaPaginada[FilaCaso]):
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

    COMPONENT_CLASSES: ClassVar[set[str]] = TablaPaginada.COMPONENT_CLASSES | caso.COMPONENTES_PLAZO

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="tabla-casos")
        self.vencidos = 0

    def cargar(self) -> None:
        """Read the list again, from the first page (the cursor stays on its row)."""
        self.releer()

    def pedir(self, generacion: int, pagina: int, *, contar: bool = False) -> None:
        self._leer(a3_de(self).gateway, generacion, pagina, contar=contar)

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
        if mensaje.total is not None and self.es_vigente(mensaje.generacion):
            self.vencidos = mensaje.vencidos
        self.pagina_leida(mensaje.generacion, mensaje.pagina, mensaje.filas, mensaje.total)

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

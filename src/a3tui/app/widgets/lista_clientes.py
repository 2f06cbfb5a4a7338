"""A client list that stays instant at 100,000 clients (after toolong's ``LogLines``).

It never loads the table: the virtual height is ``clientes.count``; only the lines on
screen are drawn (``render_line``) from pages of ``clientes.list_(offset, limit)`` kept in
an LRU cache and fetched by thread workers, each with its own session. A generation
number discards pages of an older filter that arrive late.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from a3tui import domain, services
from a3tui.app.messages import ClienteSelected, CountLoaded, CursorMoved, FirstPageLoaded, LoadFailed, PageLoaded
from a3tui.app.screens.base import a3_de
from a3tui.errors import A3Error
from a3tui.services import clientes

if TYPE_CHECKING:
    from datetime import date, datetime

    from a3tui.app.gateway import Gateway
    from a3tui.app.terminal import Terminal
    from a3tui.services import Contexto
    from a3tui.services.clientes import FilaCliente, Filtro

PAGINA = 100


@dataclass(frozen=True)
class Columna:
    clave: str
    titulo: str
    ancho: int


def columnas(ancho: int, con_asesor: bool = False) -> list[Columna]:
    """The columns that fit in ``ancho`` cells; the name takes what is left.

    At 80 columns every essential column fits; wider terminals add temperatura and email.
    A list of several advisors' clients (a plaza) names the advisor, in the place of the
    last activity below 100 columns.
    """
    fijas = [
        Columna("telefono", "Teléfono", 12),
        Columna("etapa", "Etapa", 11),
        Columna("ultima", "Última actividad" if ancho >= 100 else "Actividad", 16 if ancho >= 100 else 14),
        Columna("proximo", "Próximo contacto" if ancho >= 100 else "Próximo", 16 if ancho >= 100 else 12),
        Columna("alerta", "Alerta", 9),
    ]
    if con_asesor:
        asesor = Columna("asesor", "Asesor", 14)
        if ancho >= 100:
            fijas.insert(0, asesor)
        else:
            fijas[2] = asesor
    if ancho >= 110:
        fijas.insert(2, Columna("temperatura", "Temperatura", 11))
    if ancho >= 130:
        fijas.insert(1, Columna("email", "Email", 28))
    usado = 1 + sum(c.ancho + 1 for c in fijas)
    return [Columna("nombre", "Nombre", max(8, ancho - usado)), *fijas]


def celdas(
    fila: FilaCliente, ahora: datetime, hoy: date, terminal: Terminal, asesores: dict[int, str] | None = None
) -> dict[str, str]:
    """The text of each column of one client row (the alert's symbol as ``terminal`` draws it)."""
    temperatura = domain.temperatura_vigente(fila.etapa, fila.temperatura)
    return {
        "asesor": (asesores or {}).get(fila.asesor_id, ""),
        "nombre": fila.nombre,
        "email": fila.email or "",
        "telefono": domain.format_telefono(fila.telefono) if fila.telefono else "—",
        "etapa": fila.etapa.value,
        "temperatura": temperatura.value if temperatura else "",
        "ultima": domain.hace(fila.ultima_actividad, ahora),
        "proximo": domain.en_dias(fila.proximo_contacto, hoy) if fila.proximo_contacto else "—",
        "alerta": terminal.dibujable(domain.texto_alerta(fila.alerta)) if fila.alerta else "—",
    }


def sin_clientes(filtro: Filtro) -> str:
    """What an empty list says: no client matches the filter, or there are none yet."""
    if filtro.buscar.strip() or filtro.etapa or filtro.temperatura or filtro.frios or filtro.alertas:
        return "No hay clientes con este filtro."
    if filtro.asesor:
        return "Esta cartera todavía no tiene clientes."
    return "Todavía no tienes clientes: agrega el primero con n."


def _celda(texto: str, ancho: int) -> str:
    """``texto`` cut with an ellipsis or padded to exactly ``ancho`` cells."""
    return domain.cortar(domain.imprimible(texto), ancho).ljust(ancho)


class EncabezadoClientes(Widget):
    """The column titles above the list (they do not scroll)."""

    DEFAULT_CSS = "EncabezadoClientes { height: 1; }"

    def render_line(self, y: int) -> Strip:
        # The list below always keeps one cell for its scrollbar.
        lista = self.screen.query(ListaClientes).first() if self.is_attached else None
        con_asesor = lista is not None and lista.asesores is not None
        texto = " " + " ".join(_celda(c.titulo, c.ancho) for c in columnas(self.size.width - 1, con_asesor))
        return Strip([Segment(texto[: self.size.width].ljust(self.size.width), self.rich_style)])


class ListaClientes(ScrollView, can_focus=True):
    """The client list: cursor with up/down/pgup/pgdn/home/end, Enter opens the ficha."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Arriba", show=False, id="a3.lista.arriba"),
        Binding("down,j", "cursor(1)", "Abajo", show=False, id="a3.lista.abajo"),
        Binding("pageup", "pagina(-1)", "Página arriba", show=False, id="a3.lista.pagina_arriba"),
        Binding("pagedown", "pagina(1)", "Página abajo", show=False, id="a3.lista.pagina_abajo"),
        Binding("home", "inicio", "Primero", show=False, id="a3.lista.inicio"),
        Binding("end", "fin", "Último", show=False, id="a3.lista.fin"),
        Binding("enter", "abrir", "Abrir ficha", id="a3.lista.abrir"),
    ]

    COMPONENT_CLASSES = {
        "lista-clientes--cursor",
        "lista-clientes--cursor-sin-foco",
        "lista-clientes--rojo",
        "lista-clientes--amarillo",
        "lista-clientes--verde",
        "lista-clientes--tenue",
    }

    def __init__(self, gateway: Gateway, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._gateway = gateway
        self.filtro: Filtro = clientes.Filtro()
        self.total = 0
        # False while only the first page is known (the count comes a moment later).
        self.total_exacto = False
        self.cursor = 0
        self.cargado = False
        self._generation = 0
        self._paginas: LRUCache[int, list[FilaCliente]] = LRUCache(maxsize=50)
        self._pendientes: set[int] = set()
        self._lineas: LRUCache[tuple[int, int, bool, bool, int], Strip] = LRUCache(maxsize=400)
        # Advisors' names when the list shows several advisors' clients (a plaza), else None.
        self.asesores: dict[int, str] | None = None
        # (generation, client id): the load that puts the cursor on that client.
        self._ir_a: tuple[int, int] | None = None

    # ------------------------------------------------------------ loading

    def load(
        self, filtro: Filtro, *, keep_cursor: bool = False, debounce: float = 0.0, ir_a: int | None = None
    ) -> None:
        """Show the clients of ``filtro`` (``keep_cursor``: keep the cursor where it is;
        ``ir_a``: put it on that client, if the first page has it).

        ``debounce`` is for typing: the first page is read at once, and the count (the slow
        part for a short prefix) only if no newer call comes within that time.
        """
        self._generation += 1
        if ir_a is None and keep_cursor and self._ir_a is not None:
            ir_a = self._ir_a[1]  # a reload before that client was shown: it still goes there
        self._ir_a = (self._generation, ir_a) if ir_a is not None else None
        self._count(self._generation, filtro, keep_cursor, debounce)

    def reload(self) -> None:
        """Re-read the current filter after a change, keeping the cursor."""
        self.load(self.filtro, keep_cursor=True)

    @work(thread=True, exclusive=True, group="lista-clientes-conteo")
    def _count(self, generation: int, filtro: Filtro, keep_cursor: bool, debounce: float) -> None:
        worker = get_current_worker()

        # The first page (a few ms) is shown before the count (a scan of the portfolio).
        def primera(ctx: Contexto) -> tuple[list[FilaCliente], dict[int, str] | None]:
            return clientes.list_(ctx, filtro, offset=0, limit=PAGINA), clientes.asesores_de_la_lista(ctx, filtro)

        try:
            filas, nombres = self._gateway.read(primera)
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        if worker.is_cancelled:
            return
        completo = len(filas) < PAGINA
        total = len(filas) if completo else None
        self.post_message(FirstPageLoaded(generation, filtro, total, filas, keep_cursor, nombres))
        if completo or (debounce and worker.cancelled_event.wait(debounce)):
            return
        try:
            total = self._gateway.read(lambda ctx: clientes.count(ctx, filtro))
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        if not worker.is_cancelled:
            self.post_message(CountLoaded(generation, total))

    @work(thread=True, group="lista-clientes-paginas")
    def _read_page(self, generation: int, filtro: Filtro, pagina: int) -> None:
        try:
            filas = self._gateway.read(lambda ctx: clientes.list_(ctx, filtro, offset=pagina * PAGINA, limit=PAGINA))
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        self.post_message(PageLoaded(generation, pagina, filas))

    def on_first_page_loaded(self, mensaje: FirstPageLoaded) -> None:
        if mensaje.generation != self._generation:
            return
        self.filtro = mensaje.filtro
        if (self.asesores is None) != (mensaje.asesores is None):
            for encabezado in self.screen.query(EncabezadoClientes):
                encabezado.refresh()
        self.asesores = mensaje.asesores
        self.total_exacto = mensaje.total is not None
        self.total = (
            mensaje.total
            if mensaje.total is not None
            else max(len(mensaje.filas), self.total if mensaje.keep_cursor else 0)
        )
        self.cargado = True
        self._paginas.clear()
        self._pendientes.clear()
        self._lineas.clear()
        self._paginas[0] = mensaje.filas
        self.virtual_size = Size(self.size.width, self.total)
        ir_a = self._ir_a[1] if self._ir_a is not None else None
        self._ir_a = None
        if mensaje.keep_cursor and ir_a is None:
            self.cursor = max(0, min(self.cursor, self.total - 1))
        else:
            self.cursor = next((i for i, f in enumerate(mensaje.filas) if f.id == ir_a), 0)
            alto = max(1, self.scrollable_content_region.height)
            self.scroll_to(y=max(0, self.cursor - alto + 1), animate=False, immediate=True)
        self.refresh()
        self._avisar_cursor()

    def on_count_loaded(self, mensaje: CountLoaded) -> None:
        if mensaje.generation != self._generation:
            return
        self.total = mensaje.total
        self.total_exacto = True
        self.virtual_size = Size(self.size.width, self.total)
        self.cursor = max(0, min(self.cursor, self.total - 1))
        self.refresh()
        self._avisar_cursor()

    def on_page_loaded(self, mensaje: PageLoaded) -> None:
        self._pendientes.discard(mensaje.page)
        if mensaje.generation != self._generation:
            return
        self._paginas[mensaje.page] = mensaje.filas
        inicio = mensaje.page * PAGINA
        self.refresh_lines(inicio, PAGINA)
        if inicio <= self.cursor < inicio + PAGINA:
            self._avisar_cursor()

    def _request_page(self, pagina: int) -> None:
        if pagina in self._pendientes or pagina in self._paginas:
            return
        self._pendientes.add(pagina)
        self._read_page(self._generation, self.filtro, pagina)

    def fila(self, indice: int) -> FilaCliente | None:
        """The row at ``indice`` if its page is loaded."""
        pagina, resto = divmod(indice, PAGINA)
        filas = self._paginas.get(pagina)
        if filas is None or resto >= len(filas):
            return None
        return filas[resto]

    @property
    def paginas_cargadas(self) -> list[int]:
        """Which pages are in memory (never the whole table)."""
        return sorted(self._paginas.keys())

    @property
    def fila_actual(self) -> FilaCliente | None:
        """The highlighted client, or None."""
        if not self.total:
            return None
        return self.fila(self.cursor)

    # ------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.total:
            alto = max(1, self.size.height)
            primera = max(0, self.scroll_offset.y - alto)
            ultima = min(self.total - 1, self.scroll_offset.y + 2 * alto)
            for pagina in range(primera // PAGINA, ultima // PAGINA + 1):
                if pagina not in self._paginas:
                    self._request_page(pagina)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        indice = self.scroll_offset.y + y
        ancho = self.scrollable_content_region.width
        base = self.rich_style
        if indice >= self.total:
            if indice == 0 and self.cargado and y == 0:
                return self._texto_simple(f"  {sin_clientes(self.filtro)}", ancho, base)
            if indice == 0 and not self.cargado and y == 0:
                return self._texto_simple("  Cargando…", ancho, base)
            return Strip.blank(ancho, base)
        es_cursor = indice == self.cursor
        clave = (self._generation, indice, es_cursor, self.has_focus, ancho)
        strip = self._lineas.get(clave)
        if strip is not None:
            return strip
        fila = self.fila(indice)
        if fila is None:
            return self._texto_simple("  …", ancho, base)
        strip = self._render_row(fila, es_cursor, ancho, base)
        self._lineas[clave] = strip
        return strip

    def _texto_simple(self, texto: str, ancho: int, base: Style) -> Strip:
        tenue = self.get_component_rich_style("lista-clientes--tenue")
        return Strip([Segment(texto[:ancho].ljust(ancho), base + tenue)])

    def _render_row(self, fila: FilaCliente, es_cursor: bool, ancho: int, base: Style) -> Strip:
        ahora = services.ahora()
        valores = celdas(fila, ahora, ahora.date(), a3_de(self).capacidades, self.asesores)
        texto = Text(no_wrap=True, end="")
        texto.append("▌" if es_cursor else " ")
        for columna in columnas(ancho, self.asesores is not None):
            celda = _celda(valores[columna.clave], columna.ancho)
            if columna.clave == "alerta" and fila.alerta is not None:
                texto.append(celda, self.get_component_rich_style(f"lista-clientes--{fila.alerta.value}"))
            elif columna.clave == "alerta":
                texto.append(celda, self.get_component_rich_style("lista-clientes--tenue"))
            else:
                texto.append(celda)
            texto.append(" ")
        texto.truncate(ancho, pad=True)
        texto.stylize_before(base)
        if es_cursor:
            nombre = "lista-clientes--cursor" if self.has_focus else "lista-clientes--cursor-sin-foco"
            texto.stylize(self.get_component_rich_style(nombre))
        return Strip(list(texto.render(self.app.console)), ancho).crop(0, ancho)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lineas.clear()

    def on_resize(self) -> None:
        self._lineas.clear()
        self.virtual_size = Size(self.size.width, self.total)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    # ------------------------------------------------------------ cursor

    def _mover(self, nuevo: int) -> None:
        if not self.total:
            return
        nuevo = max(0, min(nuevo, self.total - 1))
        anterior, self.cursor = self.cursor, nuevo
        alto = max(1, self.scrollable_content_region.height)
        y = self.scroll_offset.y
        if nuevo < y:
            self.scroll_to(y=nuevo, animate=False, immediate=True)
        elif nuevo >= y + alto:
            self.scroll_to(y=nuevo - alto + 1, animate=False, immediate=True)
        self.refresh_line(anterior)
        self.refresh_line(nuevo)
        self._avisar_cursor()

    def _avisar_cursor(self) -> None:
        self.post_message(CursorMoved(self.fila_actual, self.cursor, self.total))

    def action_cursor(self, paso: int) -> None:
        self._mover(self.cursor + paso)

    def action_pagina(self, direccion: int) -> None:
        alto = max(1, self.scrollable_content_region.height)
        destino = self.cursor + direccion * alto
        self.scroll_to(y=self.scroll_offset.y + direccion * alto, animate=False, immediate=True)
        self._mover(destino)

    def action_inicio(self) -> None:
        self._mover(0)

    def action_fin(self) -> None:
        self._mover(self.total - 1)

    def action_abrir(self) -> None:
        fila = self.fila_actual
        if fila is not None:
            self.post_message(ClienteSelected(fila.id))

    def on_click(self, event: Click) -> None:
        indice = event.y + self.scroll_offset.y
        if 0 <= indice < self.total:
            if indice == self.cursor and event.chain >= 2:
                self.action_abrir()
            self._mover(indice)

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
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.messages import ClienteElegido, ConteoListo, CursorMovido, ErrorDeCarga, PaginaCargada, TotalListo
from a3tui.errors import A3Error
from a3tui.services import clientes

if TYPE_CHECKING:
    from a3tui.app.datos import Datos
    from a3tui.services.clientes import FilaCliente, Filtro

PAGINA = 100


@dataclass(frozen=True)
class Columna:
    clave: str
    titulo: str
    ancho: int


def columnas(ancho: int) -> list[Columna]:
    """The columns that fit in ``ancho`` cells; the name takes what is left.

    At 80 columns every essential column fits; wider terminals add temperatura and email.
    """
    fijas = [
        Columna("telefono", "Teléfono", 12),
        Columna("etapa", "Etapa", 11),
        Columna("ultima", "Última actividad" if ancho >= 100 else "Actividad", 16 if ancho >= 100 else 14),
        Columna("proximo", "Próximo contacto" if ancho >= 100 else "Próximo", 16 if ancho >= 100 else 12),
        Columna("alerta", "Alerta", 9),
    ]
    if ancho >= 110:
        fijas.insert(2, Columna("temperatura", "Temperatura", 11))
    if ancho >= 130:
        fijas.insert(1, Columna("email", "Email", 28))
    usado = 1 + sum(c.ancho + 1 for c in fijas)
    return [Columna("nombre", "Nombre", max(8, ancho - usado)), *fijas]


def celdas(fila: FilaCliente, ahora_hoy: tuple) -> dict[str, str]:
    """The text of each column of one client row."""
    ahora, hoy = ahora_hoy
    return {
        "nombre": fila.nombre,
        "email": fila.email or "",
        "telefono": domain.format_telefono(fila.telefono) if fila.telefono else "—",
        "etapa": fila.etapa,
        "temperatura": domain.temperatura_vigente(fila.etapa, fila.temperatura) or "",
        "ultima": domain.hace(fila.ultima_actividad, ahora),
        "proximo": domain.en_dias(fila.proximo_contacto, hoy) if fila.proximo_contacto else "—",
        "alerta": formato.alerta_texto(fila.alerta) if fila.alerta else "–",
    }


def _celda(texto: str, ancho: int) -> str:
    """``texto`` cut with an ellipsis or padded to exactly ``ancho`` cells."""
    texto = domain.imprimible(texto)
    if len(texto) > ancho:
        return texto[: max(0, ancho - 1)] + "…"
    return texto.ljust(ancho)


class EncabezadoClientes(Widget):
    """The column titles above the list (they do not scroll)."""

    DEFAULT_CSS = "EncabezadoClientes { height: 1; }"

    def render_line(self, y: int) -> Strip:
        # The list below always keeps one cell for its scrollbar.
        texto = " " + " ".join(_celda(c.titulo, c.ancho) for c in columnas(self.size.width - 1))
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

    def __init__(self, datos: Datos, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._datos = datos
        self.filtro: Filtro = clientes.Filtro()
        self.total = 0
        # False while only the first page is known (the count comes a moment later).
        self.total_exacto = False
        self.cursor = 0
        self.cargado = False
        self._generacion = 0
        self._paginas: LRUCache[int, list[FilaCliente]] = LRUCache(maxsize=50)
        self._pendientes: set[int] = set()
        self._lineas: LRUCache[tuple, Strip] = LRUCache(maxsize=400)

    # ------------------------------------------------------------ loading

    def cargar(self, filtro: Filtro, *, conservar: bool = False, espera: float = 0.0) -> None:
        """Show the clients of ``filtro`` (``conservar``: keep the cursor where it is).

        ``espera`` debounces typing: the first page is read at once, and the count (the slow
        part for a short prefix) only if no newer call comes within that time.
        """
        self._generacion += 1
        self._contar(self._generacion, filtro, conservar, espera)

    def recargar(self) -> None:
        """Re-read the current filter after a change, keeping the cursor."""
        self.cargar(self.filtro, conservar=True)

    @work(thread=True, exclusive=True, group="lista-clientes-conteo")
    def _contar(self, generacion: int, filtro: Filtro, conservar: bool, espera: float) -> None:
        worker = get_current_worker()
        # The first page (a few ms) is shown before the count (a scan of the portfolio).
        try:
            filas = self._datos.leer(lambda ctx: clientes.list_(ctx, filtro, offset=0, limit=PAGINA))
        except A3Error as error:
            self.post_message(ErrorDeCarga(error.mensaje))
            return
        if worker.is_cancelled:
            return
        completo = len(filas) < PAGINA
        self.post_message(ConteoListo(generacion, filtro, len(filas) if completo else None, filas, conservar))
        if completo or (espera and worker.cancelled_event.wait(espera)):
            return
        try:
            total = self._datos.leer(lambda ctx: clientes.count(ctx, filtro))
        except A3Error as error:
            self.post_message(ErrorDeCarga(error.mensaje))
            return
        if not worker.is_cancelled:
            self.post_message(TotalListo(generacion, total))

    @work(thread=True, group="lista-clientes-paginas")
    def _leer_pagina(self, generacion: int, filtro: Filtro, pagina: int) -> None:
        try:
            filas = self._datos.leer(lambda ctx: clientes.list_(ctx, filtro, offset=pagina * PAGINA, limit=PAGINA))
        except A3Error as error:
            self.post_message(ErrorDeCarga(error.mensaje))
            return
        self.post_message(PaginaCargada(generacion, pagina, filas))

    def on_conteo_listo(self, mensaje: ConteoListo) -> None:
        if mensaje.generacion != self._generacion:
            return
        self.filtro = mensaje.filtro
        self.total_exacto = mensaje.total is not None
        self.total = mensaje.total if mensaje.total is not None else max(len(mensaje.filas), self.total if mensaje.conservar else 0)
        self.cargado = True
        self._paginas.clear()
        self._pendientes.clear()
        self._lineas.clear()
        self._paginas[0] = mensaje.filas
        self.virtual_size = Size(self.size.width, self.total)
        if mensaje.conservar:
            self.cursor = max(0, min(self.cursor, self.total - 1))
        else:
            self.cursor = 0
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self._avisar_cursor()

    def on_total_listo(self, mensaje: TotalListo) -> None:
        if mensaje.generacion != self._generacion:
            return
        self.total = mensaje.total
        self.total_exacto = True
        self.virtual_size = Size(self.size.width, self.total)
        self.cursor = max(0, min(self.cursor, self.total - 1))
        self.refresh()
        self._avisar_cursor()

    def on_pagina_cargada(self, mensaje: PaginaCargada) -> None:
        self._pendientes.discard(mensaje.pagina)
        if mensaje.generacion != self._generacion:
            return
        self._paginas[mensaje.pagina] = mensaje.filas
        inicio = mensaje.pagina * PAGINA
        self.refresh_lines(inicio, PAGINA)
        if inicio <= self.cursor < inicio + PAGINA:
            self._avisar_cursor()

    def _pedir(self, pagina: int) -> None:
        if pagina in self._pendientes or pagina in self._paginas:
            return
        self._pendientes.add(pagina)
        self._leer_pagina(self._generacion, self.filtro, pagina)

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
                    self._pedir(pagina)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        indice = self.scroll_offset.y + y
        ancho = self.scrollable_content_region.width
        base = self.rich_style
        if indice >= self.total:
            if indice == 0 and self.cargado and y == 0:
                return self._texto_simple("  No hay clientes con este filtro.", ancho, base)
            if indice == 0 and not self.cargado and y == 0:
                return self._texto_simple("  Cargando…", ancho, base)
            return Strip.blank(ancho, base)
        es_cursor = indice == self.cursor
        clave = (self._generacion, indice, es_cursor, self.has_focus, ancho)
        strip = self._lineas.get(clave)
        if strip is not None:
            return strip
        fila = self.fila(indice)
        if fila is None:
            return self._texto_simple("  …", ancho, base)
        strip = self._dibujar(fila, es_cursor, ancho, base)
        self._lineas[clave] = strip
        return strip

    def _texto_simple(self, texto: str, ancho: int, base: Style) -> Strip:
        tenue = self.get_component_rich_style("lista-clientes--tenue")
        return Strip([Segment(texto[:ancho].ljust(ancho), base + tenue)])

    def _dibujar(self, fila: FilaCliente, es_cursor: bool, ancho: int, base: Style) -> Strip:
        ahora = self._datos_ahora()
        valores = celdas(fila, ahora)
        texto = Text(no_wrap=True, end="")
        texto.append("▌" if es_cursor else " ")
        for columna in columnas(ancho):
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

    def _datos_ahora(self) -> tuple:
        momento = services.ahora()
        return momento, momento.date()

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
        self.post_message(CursorMovido(self.fila_actual, self.cursor, self.total))

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
            self.post_message(ClienteElegido(fila.id))

    def on_click(self, event) -> None:  # noqa: ANN001 - textual.events.Click
        indice = event.y + self.scroll_offset.y
        if 0 <= indice < self.total:
            if indice == self.cursor and event.chain >= 2:
                self.action_abrir()
            self._mover(indice)

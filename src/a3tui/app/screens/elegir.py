"""Pickers: find a property (by key, development or model) or a client (by name, phone or
e-mail) as you type, and choose it with Enter. Every form that asks for one uses these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from a3tui import domain
from a3tui.app import formato
from a3tui.domain import EstadoPropiedad
from a3tui.errors import A3Error
from a3tui.services import clientes, propiedades

if TYPE_CHECKING:
    from a3tui.app.app import A3App

# Rows a picker shows: enough to choose from; typing narrows the rest.
LIMITE = 40


class Elegir(ModalScreen[int | None]):
    """A search box over a list; Enter (in the box or the list) chooses, Esc goes back."""

    BINDINGS = [
        Binding("escape", "cancelar", "Cancelar", id="a3.elegir.cancelar"),
        Binding("down", "a_la_lista", "Lista", show=False, id="a3.elegir.lista"),
    ]
    TITULO = ""
    AYUDA = ""

    class Resultados(Message, bubble=False):
        """What a search found (from the worker), for the text it searched."""

        def __init__(self, texto: str, opciones: list[tuple[int, str]]) -> None:
            super().__init__()
            self.texto = texto
            self.opciones = opciones

    def __init__(self, texto_inicial: str = "") -> None:
        super().__init__()
        self._texto_inicial = texto_inicial

    @property
    def a3(self) -> A3App:
        return cast("A3App", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialogo elegir"):
            yield Static(self.TITULO, classes="dialogo-titulo", markup=False)
            yield Input(value=self._texto_inicial, placeholder=self.AYUDA, id="elegir-buscar", compact=True)
            yield OptionList(id="elegir-lista")
            yield Static("Enter elige · Esc cancela", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._buscar(self._texto_inicial)

    @on(Input.Changed, "#elegir-buscar")
    def _cambio(self, event: Input.Changed) -> None:
        self._buscar(event.value)

    @work(thread=True, exclusive=True, group="elegir")
    def _buscar(self, texto: str) -> None:
        try:
            opciones = self.a3.gateway.read(lambda ctx: self.consulta(ctx, texto))
        except A3Error as error:
            self.app.call_from_thread(self.notify, error.mensaje, severity="error")
            return
        self.post_message(self.Resultados(texto, opciones))

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str]]:
        """(id, label) of what matches ``texto`` (subclasses)."""
        raise NotImplementedError

    def on_elegir_resultados(self, mensaje: Elegir.Resultados) -> None:
        if mensaje.texto != self.query_one(Input).value:
            return  # an older search answered late
        lista = self.query_one(OptionList)
        lista.clear_options()
        if not mensaje.opciones:
            lista.add_option(Option("Nada coincide.", disabled=True))
            return
        lista.add_options([Option(formato.plano(etiqueta), id=str(ident)) for ident, etiqueta in mensaje.opciones])
        lista.highlighted = 0

    @on(Input.Submitted, "#elegir-buscar")
    def _enter_en_la_busqueda(self) -> None:
        lista = self.query_one(OptionList)
        if lista.option_count and lista.highlighted is not None:
            self._elegir(lista.get_option_at_index(lista.highlighted))

    @on(OptionList.OptionSelected, "#elegir-lista")
    def _enter_en_la_lista(self, event: OptionList.OptionSelected) -> None:
        self._elegir(event.option)

    def _elegir(self, opcion: Option) -> None:
        if opcion.id is not None and not opcion.disabled:
            self.dismiss(int(opcion.id))

    def action_a_la_lista(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancelar(self) -> None:
        self.dismiss(None)


class ElegirPropiedad(Elegir):
    """Choose a property; ``solo_disponibles`` for a reservation."""

    TITULO = "Elegir propiedad"
    AYUDA = "clave, desarrollo o modelo"

    def __init__(self, texto_inicial: str = "", *, solo_disponibles: bool = False) -> None:
        super().__init__(texto_inicial)
        self.solo_disponibles = solo_disponibles

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str]]:
        filtro = propiedades.FiltroPropiedades(
            buscar=texto, estado=EstadoPropiedad.DISPONIBLE if self.solo_disponibles else None
        )
        return [
            (
                f.id,
                f"{f.etiqueta} · {domain.format_dinero(f.precio_centavos)}"
                + ("" if f.estado == EstadoPropiedad.DISPONIBLE else f" · {f.estado.value}"),
            )
            for f in propiedades.list_(ctx, filtro, limit=LIMITE)
        ]


class ElegirCliente(Elegir):
    """Choose one of the advisor's clients (``plaza``: a coordinator's whole plaza);
    ``excepto`` (a client's id) is left out."""

    TITULO = "Elegir cliente"
    AYUDA = "nombre, teléfono o email"

    def __init__(self, texto_inicial: str = "", *, plaza: bool = False, excepto: int | None = None) -> None:
        super().__init__(texto_inicial)
        self.plaza = plaza
        self.excepto = excepto

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str]]:
        filtro = clientes.Filtro(buscar=texto, asesor="plaza" if self.plaza and ctx.es_coordinador else None)
        filas = [f for f in clientes.list_(ctx, filtro, limit=LIMITE + 1) if f.id != self.excepto][:LIMITE]
        telefono = {f.id: domain.format_telefono(f.telefono) if f.telefono else "sin teléfono" for f in filas}
        return [(f.id, f"{f.nombre} · {telefono[f.id]} · {f.etapa.value}") for f in filas]

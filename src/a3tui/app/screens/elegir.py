"""Pickers: find a property (by key, development or model) or a client (by name, phone or
e-mail) as you type, and choose it with Enter. Every form that asks for one uses these.

Enter in the search box chooses only what the text names alone (the one match, or the one
whose key or whole name it is); when several match, the cursor goes down to the list to
choose one: «juan» never picks the first Juan silently."""

from __future__ import annotations

from collections.abc import Sequence
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
AYUDA_LISTA = "Enter elige · Esc cancela"


def _plegado(texto: str) -> str:
    """What a typed text and a key or name are compared as: no accents, case or extra spaces."""
    return " ".join(domain.fold(texto).split())


class Elegir(ModalScreen[int | None]):
    """A search box over a list; Enter (in the box or the list) chooses, Esc goes back."""

    BINDINGS = [
        Binding("escape", "cancelar", "Cancelar", id="a3.elegir.cancelar"),
        Binding("down", "a_la_lista", "Lista", show=False, id="a3.elegir.lista"),
    ]
    TITULO = ""
    AYUDA = ""
    # The option a3 proposes (shown first and chosen): an empty search takes it with Enter.
    propuesta: int | None = None

    class Resultados(Message, bubble=False):
        """What a search found (from the worker), for the text it searched: (id, label, the
        key or name that a text typed whole names) of each option."""

        def __init__(self, texto: str, opciones: list[tuple[int, str, str]]) -> None:
            super().__init__()
            self.texto = texto
            self.opciones = opciones

    def __init__(self, texto_inicial: str = "") -> None:
        super().__init__()
        self._texto_inicial = texto_inicial
        # The options shown, and the text they were searched for (None: none yet).
        self._opciones: list[tuple[int, str, str]] = []
        self._buscado: str | None = None
        # Enter pressed on a text whose search hasn't answered yet: decided when it does.
        self._enter_pendiente: str | None = None

    @property
    def a3(self) -> A3App:
        return cast("A3App", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialogo elegir"):
            yield Static(self.TITULO, classes="dialogo-titulo", markup=False)
            yield Input(value=self._texto_inicial, placeholder=self.AYUDA, id="elegir-buscar", compact=True)
            yield OptionList(id="elegir-lista")
            yield Static(AYUDA_LISTA, id="elegir-ayuda", classes="ayuda-campo", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._buscar(self._texto_inicial)

    @on(Input.Changed, "#elegir-buscar")
    def _cambio(self, event: Input.Changed) -> None:
        self.query_one("#elegir-ayuda", Static).update(AYUDA_LISTA)
        self._buscar(event.value)

    @work(thread=True, exclusive=True, group="elegir")
    def _buscar(self, texto: str) -> None:
        try:
            filas = self.a3.gateway.read(lambda ctx: self.consulta(ctx, texto))
            opciones = [(f[0], f[1], f[2] if len(f) > 2 else _plegado(f[1])) for f in filas]
        except A3Error as error:
            self.app.call_from_thread(self.notify, error.mensaje, severity="error")
            return
        self.post_message(self.Resultados(texto, opciones))

    def consulta(self, ctx: Any, texto: str) -> Sequence[tuple[int, str] | tuple[int, str, str]]:
        """(id, label) of what matches ``texto``, and the key or name that names it when
        typed whole (else the label does) (subclasses)."""
        raise NotImplementedError

    def on_elegir_resultados(self, mensaje: Elegir.Resultados) -> None:
        if mensaje.texto != self.query_one(Input).value:
            return  # an older search answered late
        self._opciones, self._buscado = mensaje.opciones, mensaje.texto
        lista = self.query_one(OptionList)
        lista.clear_options()
        if not mensaje.opciones:
            lista.add_option(Option("Nada coincide.", disabled=True))
        else:
            lista.add_options(
                [Option(formato.plano(etiqueta), id=str(ident)) for ident, etiqueta, _ in mensaje.opciones]
            )
            lista.highlighted = 0
        if self._enter_pendiente == mensaje.texto:
            self._enter_pendiente = None
            self._decidir(mensaje.texto)

    def _nombrada(self, texto: str) -> int | None:
        """The option ``texto`` names alone: the only one shown, or the only one whose key or
        whole name it is; an empty search names the option a3 proposes, if any."""
        if len(self._opciones) == 1:
            return self._opciones[0][0]
        if not texto.strip():
            return self.propuesta if any(o[0] == self.propuesta for o in self._opciones) else None
        exactas = [ident for ident, _, clave in self._opciones if clave == _plegado(texto)]
        return exactas[0] if len(exactas) == 1 else None

    @on(Input.Submitted, "#elegir-buscar")
    def _enter_en_la_busqueda(self, event: Input.Submitted) -> None:
        if event.value != self._buscado:
            self._enter_pendiente = event.value  # typed ahead of the search: when it answers
            return
        self._decidir(event.value)

    def _decidir(self, texto: str) -> None:
        """Enter on ``texto``: choose what it names alone, else go down to the list."""
        ident = self._nombrada(texto)
        if ident is not None:
            self.dismiss(ident)
            return
        if len(self._opciones) > 1:
            # Several match: ask which one instead of taking the first.
            cuantas = "Elige" if not texto.strip() else f"Coinciden {len(self._opciones)}: elige"
            self.query_one("#elegir-ayuda", Static).update(f"{cuantas} con las flechas y Enter · Esc cancela")
            self.action_a_la_lista()

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

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str, str]]:
        filtro = propiedades.FiltroPropiedades(
            buscar=texto, estado=EstadoPropiedad.DISPONIBLE if self.solo_disponibles else None
        )
        return [
            (
                f.id,
                f"{f.etiqueta} · {domain.format_dinero(f.precio_centavos)}"
                + ("" if f.estado == EstadoPropiedad.DISPONIBLE else f" · {f.estado.value}"),
                _plegado(f.clave),
            )
            for f in propiedades.list_(ctx, filtro, limit=LIMITE)
        ]


class ElegirCliente(Elegir):
    """Choose one of the advisor's clients (``plaza``: a coordinator's whole plaza);
    ``excepto`` (a client's id) is left out. ``propuesta``, the client in context (whose
    ficha the advisor had open), comes first and chosen: Enter takes it."""

    TITULO = "Elegir cliente"
    AYUDA = "nombre, teléfono o email"

    def __init__(
        self, texto_inicial: str = "", *, plaza: bool = False, excepto: int | None = None, propuesta: int | None = None
    ) -> None:
        super().__init__(texto_inicial)
        self.plaza = plaza
        self.excepto = excepto
        self.propuesta = propuesta if propuesta != excepto else None

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str, str]]:
        filtro = clientes.Filtro(buscar=texto, asesor="plaza" if self.plaza and ctx.es_coordinador else None)
        filas = [f for f in clientes.list_(ctx, filtro, limit=LIMITE + 1) if f.id != self.excepto][:LIMITE]
        opciones = [(f.id, self._etiqueta(f.nombre, f.telefono, f.etapa.value), _plegado(f.nombre)) for f in filas]
        if self.propuesta is not None and not texto.strip():
            propuesta = self._propuesta(ctx, self.propuesta)
            if propuesta is not None:
                opciones = [propuesta, *(o for o in opciones if o[0] != self.propuesta)][:LIMITE]
        return opciones

    @staticmethod
    def _etiqueta(nombre: str, telefono: str | None, etapa: str) -> str:
        return f"{nombre} · {domain.format_telefono(telefono) if telefono else 'sin teléfono'} · {etapa}"

    def _propuesta(self, ctx: Any, cliente_id: int) -> tuple[int, str, str] | None:
        try:
            cliente = clientes.get(ctx, cliente_id)
        except A3Error:
            return None  # no longer the advisor's (transferred, merged)
        telefonos = clientes.telefonos_de(ctx, cliente)
        etiqueta = self._etiqueta(cliente.nombre, telefonos[0] if telefonos else None, cliente.etapa.value)
        return cliente_id, f"{etiqueta} · última ficha", _plegado(cliente.nombre)

"""Service cases in the app (issue 30 point 7): what Enter offers on a case — a note, «en
proceso», resolve it with its resolución, close it, reopen it with a motivo, reassign it (a
coordinator) — and the form that opens one. The Servicio screen and the ficha's Casos tab
share them; every rule is services/casos.py's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from a3tui import domain
from a3tui.app import formato
from a3tui.app.screens.base import a3_de
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import ESTADOS_ABIERTOS, EstadoCaso, PrioridadCaso, TipoCaso
from a3tui.errors import A3Error, NoEncontrado, en_campo
from a3tui.models import Asesor, Caso
from a3tui.services import Contexto, casos, clientes, propiedades
from a3tui.services.casos import FilaCaso

if TYPE_CHECKING:
    from a3tui.app.app import A3App

# The steps that ask for a text: (the form's title, the field's label, its placeholder).
CON_TEXTO = {
    "nota": ("Nota del caso", "Nota", "qué se hizo o se habló"),
    "resolver": ("Resolver el caso", "Resolución", "obligatoria: cómo se resolvió"),
    "reabrir": ("Reabrir el caso", "Motivo", "obligatorio: por qué se reabre"),
}
# How many of the case's last notes its menu shows.
NOTAS_EN_MENU = 3


def texto_plazo(fila: FilaCaso) -> str:
    """``● vencido``, ``◐ vence pronto``, ``○ a tiempo`` (the contacts' symbols and colours,
    the case's words), or the state of a resolved or closed case. Unicode symbols: a widget
    shows it through ``a3_de(widget).capacidades.dibujable``."""
    if fila.alerta is None:
        return fila.estado.value.replace("-", " ")
    return f"{fila.alerta.simbolo} {domain.palabra_alerta_caso(fila.alerta)}"


# The component classes of a table of cases, for the plazo's colour (a3.tcss, «.tabla-casos»).
COMPONENTES_PLAZO = {"casos--rojo", "casos--amarillo", "casos--verde", "casos--tenue"}


def estilo_plazo(tabla: Widget, fila: FilaCaso) -> Style:
    """The plazo's colour in ``tabla`` (a widget with COMPONENTES_PLAZO), as a contact's
    alert; muted once resolved."""
    nombre = f"casos--{fila.alerta.value}" if fila.alerta is not None else "casos--tenue"
    return tabla.get_component_rich_style(nombre, partial=True)


def detalle(fila: FilaCaso) -> str:
    """The case in one line (what the columns cut): the line under a list of cases."""
    sobre = f" · {fila.propiedad}" if fila.propiedad else ""
    return f"{fila.folio} · {fila.cliente}{sobre} · {fila.descripcion}"


@dataclass(frozen=True)
class Atencion:
    """What the menu of a case shows: the case, its last notes, and who looks at it."""

    fila: FilaCaso
    notas: list[str]
    coordinador: bool


def _atencion(ctx: Contexto, caso_id: int) -> Atencion:
    caso = casos.get(ctx, caso_id)
    notas = [f"{formato.fecha(n.creado)} {n.texto}" for n in casos.notas(ctx, caso, limite=NOTAS_EN_MENU)]
    return Atencion(casos.fila(ctx, caso), notas, ctx.es_coordinador)


def pasos(atencion: Atencion, *, con_ficha: bool) -> list[tuple[str, str]]:
    """(step, label) of what can be done with the case now: its state's steps (as
    domain.SIGUIENTES allows them), a note always, reassigning for a coordinator."""
    estado = atencion.fila.estado
    siguientes = domain.SIGUIENTES[estado]
    opciones = [("nota", "Agregar una nota")]
    if EstadoCaso.EN_PROCESO in siguientes:
        opciones.append(("proceso", "Poner en proceso"))
    if EstadoCaso.RESUELTO in siguientes:
        opciones.append(("resolver", "Resolver (con su resolución)"))
    if EstadoCaso.CERRADO in siguientes:
        opciones.append(("cerrar", "Cerrar: el cliente quedó conforme"))
    if EstadoCaso.ABIERTO in siguientes:
        opciones.append(("reabrir", "Reabrir (con el motivo)"))
    if atencion.coordinador and estado in ESTADOS_ABIERTOS:
        opciones.append(("reasignar", "Reasignar a otro asesor de la plaza"))
    if con_ficha:
        opciones.append(("ficha", "Abrir la ficha del cliente"))
    return opciones


class MenuCaso(ModalScreen[str | None]):
    """A case whole (what, whose, due when, its last notes) over what can be done with it;
    dismisses with the chosen step, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cerrar", id="a3.caso.cerrar")]

    def __init__(self, atencion: Atencion, *, con_ficha: bool) -> None:
        super().__init__()
        self.atencion = atencion
        self.con_ficha = con_ficha

    def compose(self) -> ComposeResult:
        fila = self.atencion.fila
        sobre = f" · {fila.propiedad}" if fila.propiedad else ""
        lineas = [
            f"{fila.cliente}{sobre}",
            f"{fila.tipo.value} · prioridad {fila.prioridad.value} · {fila.estado.value.replace('-', ' ')}"
            f" · a cargo de {fila.asesor}",
            f"Abierto {formato.fecha(fila.abierto)} · vence {formato.fecha(fila.vence)}"
            + (f" · {a3_de(self).capacidades.dibujable(texto_plazo(fila))}" if fila.alerta is not None else ""),
            domain.cortar(fila.descripcion, 300),
            *(domain.cortar(nota, 150) for nota in self.atencion.notas),
        ]
        with Vertical(classes="dialogo elegir-corto"):
            yield Static(formato.plano(f"Caso {fila.folio}"), classes="dialogo-titulo")
            yield Static(formato.plano("\n".join(lineas)), classes="dialogo-texto")
            yield OptionList(
                *(Option(formato.plano(t), id=paso) for paso, t in pasos(self.atencion, con_ficha=self.con_ficha)),
                id="caso-pasos",
            )
            yield Static("Enter elige · Esc cierra", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class PasoDeCaso(Formulario[str | None]):
    """A step of a case that needs a text: a note, the resolución, the motivo to reopen it.
    Dismisses with the case's state afterwards; an empty text is refused inline."""

    def __init__(self, fila: FilaCaso, paso: str) -> None:
        super().__init__()
        self.fila = fila
        self.paso = paso
        self.BOTON = {"nota": "Agregar", "resolver": "Resolver", "reabrir": "Reabrir"}[paso]

    def titulo(self) -> str:
        return f"{CON_TEXTO[self.paso][0]} · {self.fila.folio}"

    def campos(self) -> ComposeResult:
        _titulo, etiqueta, ayuda = CON_TEXTO[self.paso]
        yield Static(
            domain.cortar(f"{self.fila.cliente} · {self.fila.descripcion}", 300), classes="ayuda-campo", markup=False
        )
        yield Campo(etiqueta, Input(placeholder=ayuda, id="texto", compact=True))

    def on_mount(self) -> None:
        self.query_one("#texto", Input).focus()

    def guardar(self) -> str:
        texto = self.query_one("#texto", Input).value
        caso_id, paso = self.fila.id, self.paso

        def accion(ctx: Contexto) -> Caso:
            caso = casos.get(ctx, caso_id)
            with en_campo("texto"):
                if paso == "nota":
                    casos.agregar_nota(ctx, caso, texto)
                    return caso
                if paso == "resolver":
                    return casos.resolver(ctx, caso, texto)
                return casos.reabrir(ctx, caso, texto)

        caso = self.a3.gateway.write(accion)
        hecho = {"nota": "Nota agregada.", "resolver": "Resuelto.", "reabrir": "Reabierto."}[paso]
        self.app.notify(hecho, title=f"Caso {self.fila.folio}")
        return caso.estado.value


def atender(
    app: A3App, caso_id: int, *, con_ficha: bool = False, al_terminar: Callable[[], None] | None = None
) -> None:
    """Enter on a case: its menu, then the chosen step (a form when it needs a text).
    ``con_ficha`` offers the client's ficha too (from the Servicio screen);
    ``al_terminar`` runs after a step that changed the case (the screen reads again)."""
    try:
        atencion = app.gateway.read(lambda ctx: _atencion(ctx, caso_id))
    except A3Error as error:
        app.notify(error.mensaje, severity="error", title="No se pudo")
        return
    fila = atencion.fila

    def hecho(_resultado: object = None) -> None:
        if _resultado is not None and al_terminar is not None:
            al_terminar()

    def directo(paso: str) -> None:
        def accion(ctx: Contexto) -> Caso:
            caso = casos.get(ctx, caso_id)
            return casos.poner_en_proceso(ctx, caso) if paso == "proceso" else casos.cerrar(ctx, caso)

        try:
            caso = app.gateway.write(accion)
        except A3Error as error:
            app.notify(error.mensaje, severity="error", title="No se pudo")
            return
        app.notify(f"Ahora está {caso.estado.value.replace('-', ' ')}.", title=f"Caso {fila.folio}")
        hecho(caso)

    def reasignar() -> None:
        from a3tui.app.screens.transferir import ElegirAsesor

        def elegido(asesor_id: int | None) -> None:
            if asesor_id is None:
                return

            def accion(ctx: Contexto) -> str:
                asesor = ctx.session.get(Asesor, asesor_id)
                if asesor is None:
                    raise NoEncontrado("Ese asesor ya no existe.")
                casos.reasignar(ctx, casos.get(ctx, caso_id), asesor.login)
                return asesor.nombre

            try:
                nombre = app.gateway.write(accion)
            except A3Error as error:
                app.notify(error.mensaje, severity="error", title="No se pudo")
                return
            app.notify(f"Ahora lo atiende {nombre}.", title=f"Caso {fila.folio}")
            hecho(nombre)

        app.push_screen(ElegirAsesor(excepto=fila.asesor_id), elegido)

    def elegido(paso: str | None) -> None:
        if paso is None:
            return
        if paso in CON_TEXTO:
            app.push_screen(PasoDeCaso(fila, paso), hecho)
        elif paso in ("proceso", "cerrar"):
            directo(paso)
        elif paso == "reasignar":
            reasignar()
        elif paso == "ficha":
            _ficha_en_casos(app, fila.cliente_id)

    app.push_screen(MenuCaso(atencion, con_ficha=con_ficha), elegido)


def _ficha_en_casos(app: A3App, cliente_id: int) -> None:
    """The client's ficha, on its Casos tab."""
    from a3tui.app.screens.ficha import FichaScreen

    ficha = FichaScreen(cliente_id)
    app.push_screen(ficha)
    ficha.call_after_refresh(ficha.run_action, "pestana('casos')")


class NuevoCaso(Formulario[int | None]):
    """Open a case of a client: its tipo, prioridad, descripción and, optionally, the
    property it is about (its clave). Dismisses with the case's id."""

    BOTON = "Abrir caso"

    def __init__(self, cliente_id: int, nombre: str) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre

    def titulo(self) -> str:
        return f"Nuevo caso · {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Campo(
            "Tipo",
            Lista([(t.value, t.value) for t in TipoCaso], value=TipoCaso.QUEJA.value, allow_blank=False, id="tipo"),
        )
        yield Campo(
            "Prioridad",
            Lista(
                [(p.value, p.value) for p in PrioridadCaso],
                value=PrioridadCaso.NORMAL.value,
                allow_blank=False,
                id="prioridad",
            ),
        )
        yield Campo("Descripción", Input(placeholder="qué pide o reporta el cliente", id="descripcion", compact=True))
        yield Campo("Propiedad", Input(placeholder="opcional: su clave, p. ej. CUM-A-12", id="propiedad", compact=True))
        yield Static("Lo atiende el asesor del cliente; el plazo depende del tipo (ajuste sla).", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one("#tipo", Lista).focus()

    def guardar(self) -> int:
        tipo = str(self.query_one("#tipo", Select).value)
        prioridad = str(self.query_one("#prioridad", Select).value)
        descripcion = self.query_one("#descripcion", Input).value
        clave = self.query_one("#propiedad", Input).value
        cliente_id = self.cliente_id

        def accion(ctx: Contexto) -> FilaCaso:
            with en_campo("propiedad"):
                inmueble = propiedades.get(ctx, clave) if clave.strip() else None
            with en_campo("descripcion"):
                caso = casos.abrir(
                    ctx, clientes.get(ctx, cliente_id), tipo, descripcion, prioridad=prioridad, propiedad=inmueble
                )
            return casos.fila(ctx, caso)

        fila = self.a3.gateway.write(accion)
        self.app.notify(
            f"{fila.tipo.value} de {fila.cliente}, a cargo de {fila.asesor}; vence {formato.fecha(fila.vence)}.",
            title=f"Caso {fila.folio} abierto",
        )
        return fila.id


def nuevo_caso(
    app: A3App, cliente_id: int | None = None, nombre: str = "", al_terminar: Callable[[], None] | None = None
) -> None:
    """Open a case: of ``cliente_id`` (the ficha's), or of a client chosen first with the
    client picker (the last ficha opened is proposed)."""
    from a3tui.app.screens.elegir import ElegirCliente

    def abierto(caso_id: int | None) -> None:
        if caso_id is not None and al_terminar is not None:
            al_terminar()

    if cliente_id is not None:
        app.push_screen(NuevoCaso(cliente_id, nombre), abierto)
        return

    def elegido(elegido_id: int | None) -> None:
        if elegido_id is None:
            return
        try:
            cliente = app.gateway.read(lambda ctx: clientes.get(ctx, elegido_id))
        except A3Error as error:
            app.notify(error.mensaje, severity="error", title="No se pudo")
            return
        app.push_screen(NuevoCaso(elegido_id, cliente.nombre), abierto)

    app.push_screen(ElegirCliente(plaza=True, propuesta=app.cliente_reciente), elegido)

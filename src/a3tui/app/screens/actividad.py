"""Registrar actividad: a call, meeting, message or e-mail, and optionally the follow-up task,
saved in one transaction by the service. A call is `a`, pick the result, Enter. A meeting at
a future date is a cita: the form then asks only what a cita has (place, properties to show,
a note), and `a` on a cita starts the meeting with them."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from a3tui import domain, services
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.casilla import Casilla
from a3tui.app.widgets.formulario import Campo, EntradaFecha
from a3tui.app.widgets.lista import Lista
from a3tui.domain import (
    SEGUIMIENTO_PROPUESTO,
    LugarReunion,
    ResultadoLlamada,
    ResultadoReunion,
    TipoActividad,
)
from a3tui.errors import A3Error, DatoInvalido, en_campo
from a3tui.models import Tarea
from a3tui.services import actividades, clientes, propiedades

TIPOS = [TipoActividad.LLAMADA, TipoActividad.REUNION, TipoActividad.MENSAJE, TipoActividad.EMAIL]
# Which fields each kind of activity shows.
CAMPOS_POR_TIPO: dict[TipoActividad, set[str]] = {
    TipoActividad.LLAMADA: {"resultado-llamada", "duracion", "quien"},
    TipoActividad.REUNION: {"resultado-reunion", "lugar", "propiedades", "pasos"},
    TipoActividad.MENSAJE: {"contenido", "respondio", "quien"},
    TipoActividad.EMAIL: {"asunto", "contenido", "respondio", "quien"},
}
CAMPOS_VARIABLES = set().union(*CAMPOS_POR_TIPO.values())
# What a meeting still to happen doesn't have yet: it is logged when it happens.
SIN_CITA = {"resultado-reunion", "pasos"}


def _resultado(valor: str) -> ResultadoLlamada | ResultadoReunion | None:
    for enum in (ResultadoLlamada, ResultadoReunion):
        try:
            return enum(valor)
        except ValueError:
            continue
    return None


def _valor(select: Select[Any]) -> Any:
    return None if select.value is Select.NULL else select.value


def _duracion(texto: str) -> int | None:
    if not texto.strip():
        return None
    try:
        return int(texto)
    except ValueError:
        raise DatoInvalido("La duración son los minutos que duró, p. ej. 8.", campo="duracion") from None


# What the Propiedades field holds: those shown at a meeting, or those to show at a cita.
MOSTRADAS = "claves mostradas, separadas por coma"
POR_MOSTRAR = "claves, separadas por coma"
AVISO_CITA = "Fecha futura: queda agendada como cita; el resultado, cuando ocurra."


class RegistrarActividad(Formulario[actividades.Registro | None]):
    """Dismisses with the service's ``Registro`` (its ``sugerir_frio`` is handled by the app)."""

    CAMPOS = {
        "resultado": "#resultado-llamada, #resultado-reunion",
        "siguientes_pasos": "#pasos",
        "seguimiento": "#tarea-descripcion",
        "vence": "#tarea-vence",
    }

    def __init__(
        self, cliente_id: int, nombre: str, tipo: str = "llamada", *, tarea_id: int | None = None, contenido: str = ""
    ) -> None:
        """``tarea_id``: the task the activity comes from; a cita starts the meeting with its
        place and the properties to show. ``contenido``: a message's text proposed (selected
        when the form opens on it: typing replaces it)."""
        super().__init__()
        self.cliente_id = cliente_id
        self.tipo_inicial = tipo
        self.contenido_inicial = contenido
        self.nombre = nombre
        self.tarea_id = tarea_id
        # The task description a3 proposed (replaced by a newer proposal, unlike one typed).
        self._propuesta = ""
        # Whether the form shows a cita (a meeting at a future date).
        self._cita = False
        self._sugerencia = ""

    def titulo(self) -> str:
        return f"Registrar actividad · {self.nombre}"

    def _de_la_cita(self) -> actividades.CitaPorRegistrar | None:
        tarea_id = self.tarea_id
        if tarea_id is None:
            return None
        try:
            return self.a3.gateway.read(lambda ctx: actividades.cita_por_registrar(ctx, tarea_id))
        except A3Error:
            return None  # the task is gone: an empty form, as from anywhere else

    def campos(self) -> ComposeResult:
        cita = self._de_la_cita()
        yield Campo(
            "Tipo",
            Lista(
                [(t.etiqueta, t.value) for t in TIPOS],
                value=TipoActividad.REUNION.value if cita else self.tipo_inicial,
                allow_blank=False,
                id="tipo",
                compact=True,
            ),
        )
        yield Campo(
            "Quién",
            Lista([("Yo al cliente", False), ("El cliente a mí", True)], allow_blank=False, id="quien", compact=True),
            id="campo-quien",
        )
        yield Campo(
            "Resultado",
            Lista(
                [(r.etiqueta, r.value) for r in ResultadoLlamada], prompt="elige…", id="resultado-llamada", compact=True
            ),
            id="campo-resultado-llamada",
        )
        yield Campo(
            "Duración (min)",
            Input(type="integer", placeholder="opcional", id="duracion", compact=True),
            id="campo-duracion",
        )
        yield Campo(
            "Resultado",
            Lista(
                [(r.etiqueta, r.value) for r in ResultadoReunion], prompt="elige…", id="resultado-reunion", compact=True
            ),
            id="campo-resultado-reunion",
        )
        yield Campo(
            "Lugar",
            Lista(
                [(lugar.etiqueta, lugar.value) for lugar in LugarReunion],
                prompt="opcional",
                value=cita.lugar.value if cita and cita.lugar else Select.NULL,
                id="lugar",
                compact=True,
            ),
            id="campo-lugar",
        )
        yield Campo(
            "Propiedades",
            Input(
                value=", ".join(cita.propiedades) if cita else "",
                placeholder=MOSTRADAS,
                id="propiedades",
                compact=True,
            ),
            Button("Buscar…", id="elegir-propiedad", compact=True),
            id="campo-propiedades",
        )
        yield Campo("Siguientes pasos", Input(id="pasos", compact=True), id="campo-pasos")
        yield Campo("Asunto", Input(id="asunto", compact=True), id="campo-asunto")
        yield Campo("Contenido", Input(self.contenido_inicial, id="contenido", compact=True), id="campo-contenido")
        yield Campo(
            "¿Respondió?",
            Lista([("sí", True), ("no", False)], prompt="sin saber", id="respondio", compact=True),
            id="campo-respondio",
        )
        yield Campo("Fecha", EntradaFecha(placeholder="ahora; una reunión futura es una cita", id="fecha"))
        yield Campo("Nota", Input(placeholder="opcional", id="nota", compact=True))
        yield Casilla("Crear tarea de seguimiento", id="con-tarea", compact=True)
        yield Campo("Tarea", Input(id="tarea-descripcion", compact=True), id="campo-tarea-descripcion")
        yield Campo(
            "Vence",
            # Empty means mañana: typed into, a date field adds to what it holds.
            EntradaFecha(placeholder="mañana; o hoy, +3, viernes, 2026-12-01", id="tarea-vence"),
            id="campo-tarea-vence",
        )
        yield Static("", id="sugerencia", classes="ayuda-campo", markup=False)

    def on_mount(self) -> None:
        self._mostrar_campos()
        self._mostrar_tarea()
        # The result list starts closed and focused: its first letter picks a result
        # (n: no contestó, l: llamar después), Enter moves on, Enter again saves.
        self._primer_campo().focus()

    def _tipo(self) -> TipoActividad:
        return TipoActividad(str(self.query_one("#tipo", Select).value))

    def _primer_campo(self) -> Any:
        tipo = self._tipo()
        if tipo == TipoActividad.LLAMADA:
            return self.query_one("#resultado-llamada", Select)
        if tipo == TipoActividad.REUNION:
            return self.query_one("#resultado-reunion", Select)
        if tipo == TipoActividad.EMAIL:
            return self.query_one("#asunto", Input)
        return self.query_one("#contenido", Input)

    def _es_cita(self) -> bool:
        """A meeting whose Fecha is a future moment (text that doesn't read as a date yet,
        half typed, leaves the form as it was)."""
        if self._tipo() != TipoActividad.REUNION:
            return False
        texto = self.query_one("#fecha", Input).value
        if not texto.strip():
            return False
        ahora = services.ahora()
        try:
            return actividades.es_cita(domain.parse_fecha_hora(texto, ahora), ahora)
        except A3Error:
            return self._cita

    def _mostrar_campos(self) -> None:
        self._cita = self._es_cita()
        visibles = set(CAMPOS_POR_TIPO[self._tipo()])
        if self.query_one("#quien", Select).value:
            # The client wrote: whether they answered doesn't apply.
            visibles.discard("respondio")
        if self._cita:
            visibles -= SIN_CITA
        for campo in CAMPOS_VARIABLES:
            self.query_one(f"#campo-{campo}").display = campo in visibles
        self.query_one("#campo-propiedades .etiqueta", Label).update("Por mostrar" if self._cita else "Propiedades")
        self.query_one("#propiedades", Input).placeholder = POR_MOSTRAR if self._cita else MOSTRADAS
        self.query_one("#guardar", Button).label = f"{'Agendar' if self._cita else self.BOTON} ^s"
        self.query_one("#con-tarea").display = not self._cita
        self._mostrar_tarea()
        if self._cita:
            self._sugerir(AVISO_CITA)
        elif self._sugerencia == AVISO_CITA:
            self._sugerir("")

    def _sugerir(self, texto: str) -> None:
        """The line under the form that says what a3 did or will do."""
        self._sugerencia = texto
        self.query_one("#sugerencia", Static).update(texto)

    def _mostrar_tarea(self) -> None:
        con_tarea = self.query_one("#con-tarea", Checkbox).value and not self._cita
        self.query_one("#campo-tarea-descripcion").display = con_tarea
        self.query_one("#campo-tarea-vence").display = con_tarea

    @on(Select.Changed, "#tipo, #quien")
    @on(Input.Changed, "#fecha")
    def _tipo_cambio(self) -> None:
        self._mostrar_campos()

    @on(Select.Changed, "#resultado-llamada, #resultado-reunion")
    def _resultado_cambio(self, event: Select.Changed) -> None:
        resultado = _resultado(str(event.value))
        propuesta = SEGUIMIENTO_PROPUESTO.get(resultado) if resultado else None
        if propuesta is not None:
            descripcion, vence = propuesta
            self.query_one("#con-tarea", Checkbox).value = True
            campo = self.query_one("#tarea-descripcion", Input)
            if not campo.value.strip():
                campo.value = self._propuesta = descripcion.format(nombre=domain.imprimible(self.nombre))
            self.query_one("#tarea-vence", Input).value = vence
            self._sugerir("Se propone una tarea de seguimiento; quítala con la casilla.")

    @on(Input.Changed, "#pasos")
    def _pasos_cambio(self, event: Input.Changed) -> None:
        """What was agreed is the follow-up: «Enviar cotización» proposes that task (and
        says so under the form)."""
        pasos = event.value.strip()
        campo = self.query_one("#tarea-descripcion", Input)
        if not pasos or self._cita or (campo.value.strip() and campo.value != self._propuesta):
            return  # the advisor wrote their own task: keep it
        self.query_one("#con-tarea", Casilla).value = True
        campo.value = self._propuesta = pasos[:500]
        self._sugerir("Se propone una tarea con los siguientes pasos; quítala con la casilla.")

    def despues_de_elegir(self, lista: Lista) -> None:
        if lista.id == "tipo":
            self._primer_campo().focus()
            return
        resultado = _resultado(str(lista.value))
        if resultado is not None and resultado in SEGUIMIENTO_PROPUESTO:
            # "Call me back on Friday": straight to when, its proposed text selected (v, Enter).
            vence = self.query_one("#tarea-vence", EntradaFecha)
            vence.reemplazable()
            vence.focus()
            return
        self.focus_next()

    @on(Button.Pressed, "#elegir-propiedad")
    def _elegir_propiedad(self, event: Button.Pressed) -> None:
        """The property picker; the key chosen is added to the list of those shown."""
        from a3tui.app.screens.elegir import ElegirPropiedad

        event.stop()
        campo = self.query_one("#propiedades", Input)

        def elegida(propiedad_id: int | None) -> None:
            if propiedad_id is None:
                return
            clave = self.a3.gateway.read(lambda ctx: propiedades.get_id(ctx, propiedad_id).clave)
            claves = [c.strip() for c in campo.value.split(",") if c.strip()]
            if clave not in claves:
                claves.append(clave)
            campo.value = ", ".join(claves)
            # Back on «Buscar…»: Enter picks another one.
            self.query_one("#elegir-propiedad", Button).focus()

        self.app.push_screen(ElegirPropiedad(), elegida)

    @on(Checkbox.Changed, "#con-tarea")
    def _con_tarea_cambio(self) -> None:
        self._mostrar_tarea()

    def guardar(self) -> actividades.Registro | None:
        tipo = self._tipo()
        texto = {campo.id: campo.value for campo in self.query(Input) if campo.id}
        # A cita hasn't happened: what the form hid for it (result, agreed steps, the
        # follow-up task) is not sent.
        cita = self._cita
        con_tarea = self.query_one("#con-tarea", Checkbox).value and not cita
        duracion = _duracion(texto["duracion"])
        cliente_id = self.cliente_id
        resultado_llamada = _valor(self.query_one("#resultado-llamada", Select)) or ""
        resultado_reunion = "" if cita else _valor(self.query_one("#resultado-reunion", Select)) or ""
        pasos = "" if cita else texto["pasos"]
        lugar = _valor(self.query_one("#lugar", Select))
        respondio = _valor(self.query_one("#respondio", Select))
        entrante = bool(self.query_one("#quien", Select).value)

        def accion(ctx: services.Contexto) -> actividades.Registro | Tarea:
            with en_campo("fecha"):
                fecha = domain.parse_fecha_hora(texto["fecha"], ctx.ahora) if texto["fecha"].strip() else None
            seguimiento = None
            if con_tarea:
                with en_campo("vence"):
                    vence = domain.parse_fecha(texto["tarea-vence"] or "mañana", ctx.hoy)
                seguimiento = actividades.Seguimiento(texto["tarea-descripcion"], vence)
            cliente = clientes.get(ctx, cliente_id)
            if tipo == TipoActividad.LLAMADA:
                return actividades.llamada(
                    ctx,
                    cliente,
                    resultado_llamada,
                    entrante=entrante,
                    duracion_min=duracion,
                    nota=texto["nota"],
                    fecha=fecha,
                    seguimiento=seguimiento,
                )
            if tipo == TipoActividad.REUNION:
                return actividades.reunion_o_cita(
                    ctx,
                    cliente,
                    resultado_reunion,
                    lugar=lugar,
                    propiedades=[p for p in texto["propiedades"].split(",") if p.strip()],
                    siguientes_pasos=pasos,
                    nota=texto["nota"],
                    fecha=fecha,
                    seguimiento=seguimiento,
                )
            if tipo == TipoActividad.MENSAJE:
                return actividades.mensaje(
                    ctx,
                    cliente,
                    contenido=texto["contenido"],
                    respondio=None if entrante else respondio,
                    entrante=entrante,
                    nota=texto["nota"],
                    fecha=fecha,
                    seguimiento=seguimiento,
                )
            return actividades.email(
                ctx,
                cliente,
                asunto=texto["asunto"],
                contenido=texto["contenido"],
                respondio=None if entrante else respondio,
                entrante=entrante,
                nota=texto["nota"],
                fecha=fecha,
                seguimiento=seguimiento,
            )

        registro = self.a3.gateway.write(accion)
        if isinstance(registro, Tarea):
            cuando = domain.cuando_tarea(registro.vence, registro.hora, services.ahora().date())
            self.app.notify(f"Cita agendada {cuando}; aparece en Mis tareas.", title=self.nombre)
            return None
        aviso = "Actividad registrada" + (" y tarea creada." if con_tarea else ".")
        if registro.citas_cerradas:
            aviso += " La cita quedó hecha."
        self.app.notify(aviso, title=self.nombre)
        return registro

"""Mis tareas: the screen a3 opens on — what to do today, in the order to do it, and the KPIs."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.messages import DiaCargado, ErrorDeCarga, KpisCargados
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.kpis import PanelKpis
from a3tui.errors import A3Error
from a3tui.services import agenda, clientes, tablero, tareas


@dataclass(frozen=True)
class Renglon:
    """What a row of the agenda points at."""

    tarea_id: int | None
    cliente_id: int | None
    descripcion: str


def _celda(texto: str, ancho: int) -> str:
    texto = domain.imprimible(texto)
    if len(texto) > ancho:
        return texto[: max(0, ancho - 1)] + "…"
    return texto.ljust(ancho)


class Agenda(OptionList):
    """The day's list: section titles (not selectable), tasks and clients."""

    BINDINGS = [Binding("enter", "screen.abrir", "Abrir", id="a3.tareas.abrir")]


class MisTareasScreen(Screen[None]):
    """Overdue tasks (red), today's, upcoming; clients to contact; cold clients; KPIs."""

    TITLE = "a3"
    SUB_TITLE = "Mis tareas"
    BINDINGS = [
        Binding("x,space", "hecha", "Hecha", key_display="x", id="a3.tareas.hecha"),
        Binding("a", "actividad", "Actividad", id="a3.tareas.actividad"),
        Binding("g", "nueva_tarea", "Tarea", id="a3.tareas.nueva"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._version = -1
        self._renglones: dict[str, Renglon] = {}
        self._dia: tablero.Dia | None = None

    def compose(self) -> ComposeResult:
        yield BarraSuperior("tareas")
        yield PanelKpis(id="kpis")
        yield Agenda(Option("Cargando…", disabled=True), id="agenda")
        yield Footer(compact=True)

    @property
    def agenda(self) -> Agenda:
        return self.query_one(Agenda)

    def on_mount(self) -> None:
        self.agenda.focus()

    def on_screen_resume(self) -> None:
        version = self.app.datos.version  # type: ignore[attr-defined]
        if version != self._version:
            self._version = version
            self.cargar()

    def cargar(self) -> None:
        """Re-read the dashboard from the services, in threads: the day's list does not
        wait for the KPIs, which scan the whole portfolio."""
        self._leer_dia()
        self._leer_kpis()

    @work(thread=True, exclusive=True, group="tablero-dia")
    def _leer_dia(self) -> None:
        try:
            datos = self.app.datos.leer(tablero.dia)  # type: ignore[attr-defined]
        except A3Error as error:
            self.post_message(ErrorDeCarga(error.mensaje))
            return
        self.post_message(DiaCargado(datos))

    @work(thread=True, exclusive=True, group="tablero-kpis")
    def _leer_kpis(self) -> None:
        try:
            kpis = self.app.datos.leer(agenda.kpis)  # type: ignore[attr-defined]
        except A3Error as error:
            self.post_message(ErrorDeCarga(error.mensaje))
            return
        self.post_message(KpisCargados(kpis))

    def on_dia_cargado(self, mensaje: DiaCargado) -> None:
        self._dia = mensaje.dia
        self._mostrar()

    def on_kpis_cargados(self, mensaje: KpisCargados) -> None:
        self.query_one(PanelKpis).mostrar(mensaje.kpis)

    def on_error_de_carga(self, mensaje: ErrorDeCarga) -> None:
        self.notify(mensaje.mensaje, severity="error", title="No se pudo leer")

    def on_resize(self) -> None:
        if self._dia is not None:
            self._mostrar()

    # ------------------------------------------------------------ drawing

    def _mostrar(self) -> None:
        datos = self._dia
        if datos is None:
            return
        agenda = self.agenda
        anterior = agenda.highlighted_option.id if agenda.highlighted_option else None
        indice_anterior = agenda.highlighted or 0
        ancho = max(40, agenda.scrollable_content_region.width - 1)
        ahora = services.ahora()
        opciones: list[Option] = []
        self._renglones = {}
        a = datos.agenda
        secciones_tareas = [
            (a.tareas_vencidas, "vencida"),
            (a.tareas_hoy, "hoy"),
            (datos.proximas, "proxima"),
        ]
        for seccion, clase in secciones_tareas:
            opciones.append(self._titulo(seccion, len(opciones)))
            for fila in seccion.filas:
                opciones.append(self._opcion_tarea(fila, clase, ancho, ahora))
        for seccion in (a.contactos_vencidos, a.contactos_hoy, a.frios):
            opciones.append(self._titulo(seccion, len(opciones)))
            for fila in seccion.filas:
                opciones.append(self._opcion_cliente(fila, seccion is a.frios, ancho, ahora, len(opciones)))
        with agenda.prevent(OptionList.OptionHighlighted):
            agenda.set_options(opciones)
        destino = None
        if anterior is not None and anterior in self._renglones:
            destino = agenda.get_option_index(anterior)
        else:
            seleccionables = [i for i, o in enumerate(opciones) if not o.disabled]
            cercanos = [i for i in seleccionables if i >= indice_anterior]
            destino = cercanos[0] if cercanos else (seleccionables[-1] if seleccionables else None)
        agenda.highlighted = destino
        self.refresh_bindings()

    def _titulo(self, seccion, n: int) -> Option:  # noqa: ANN001 - agenda.Seccion
        if not seccion.total:
            cuantos = "nada pendiente"
        elif not seccion.filas:
            # agenda.hoy lists each client once, in its most urgent section.
            cuantos = f"{seccion.total}, ya listados arriba"
        elif seccion.total > len(seccion.filas):
            cuantos = f"los primeros {len(seccion.filas)} de {seccion.total}"
        else:
            cuantos = str(seccion.total)
        return Option(
            Content.assemble(("── ", "$text-muted"), (seccion.titulo, "bold"), (f" · {cuantos}", "$text-muted")),
            id=f"titulo-{n}",
            disabled=True,
        )

    def _opcion_tarea(self, fila: tareas.FilaTarea, clase: str, ancho: int, ahora) -> Option:  # noqa: ANN001
        tarea = fila.tarea
        hoy = ahora.date()
        if clase == "vencida":
            estado = Content.styled(_celda(f"● {domain.en_dias(tarea.vence, hoy)}", 14), "bold $text-error")
        elif clase == "hoy":
            cuando = f"◐ hoy {tarea.hora.strftime('%H:%M')}" if tarea.hora else "◐ hoy"
            estado = Content.styled(_celda(cuando, 14), "bold $text-warning")
        else:
            estado = Content(_celda(f"○ {domain.en_dias(tarea.vence, hoy)}", 14))
        cliente = fila.cliente or ""
        ancho_cliente = min(22, max(12, ancho // 4)) if cliente else 0
        # On wide terminals the columns stay together instead of spreading across.
        ancho_desc = min(60, ancho - 14 - 1 - 6 - (ancho_cliente + 1 if cliente else 0))
        prompt = Content.assemble(
            estado,
            " ",
            _celda(tarea.descripcion, ancho_desc),
            " ",
            (_celda(tarea.prioridad, 5), "bold" if tarea.prioridad == "alta" else "$text-muted"),
            " " if cliente else "",
            (_celda(cliente, ancho_cliente), "$text-accent") if cliente else "",
        )
        clave = f"tarea-{tarea.id}"
        self._renglones[clave] = Renglon(tarea.id, tarea.cliente_id, tarea.descripcion)
        return Option(prompt, id=clave)

    def _opcion_cliente(self, fila: clientes.FilaCliente, frio: bool, ancho: int, ahora, n: int) -> Option:  # noqa: ANN001
        telefono = domain.format_telefono(fila.telefono) if fila.telefono else "—"
        if frio:
            cuando = f"sin actividad: {domain.hace(fila.ultima_actividad, ahora)}"
        else:
            cuando = f"contactar: {domain.en_dias(fila.proximo_contacto, ahora.date())}"
        ancho_nombre = min(40, ancho - 10 - 1 - 12 - 1 - 11 - 1 - 24)
        prompt = Content.assemble(
            formato.alerta(fila.alerta).truncate(10, pad=True),
            " ",
            _celda(fila.nombre, max(10, ancho_nombre)),
            " ",
            _celda(telefono, 12),
            " ",
            _celda(fila.etapa, 11),
            " ",
            _celda(cuando, 24),
        )
        clave = f"cliente-{fila.id}-{n}"
        self._renglones[clave] = Renglon(None, fila.id, fila.nombre)
        return Option(prompt, id=clave)

    # ------------------------------------------------------------ actions

    def _actual(self) -> Renglon | None:
        opcion = self.agenda.highlighted_option
        if opcion is None or opcion.id is None:
            return None
        return self._renglones.get(opcion.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Dimmed in the footer when the highlighted row can't do it (None = shown, disabled).
        try:
            renglon = self._actual()
        except NoMatches:
            renglon = None
        if action == "hecha":
            return True if renglon is not None and renglon.tarea_id is not None else None
        if action in ("abrir", "actividad"):
            return True if renglon is not None and renglon.cliente_id is not None else None
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_abrir()

    def action_abrir(self) -> None:
        renglon = self._actual()
        if renglon is None or renglon.cliente_id is None:
            self.notify("Esta tarea no es de ningún cliente.", severity="warning")
            return
        self.app.abrir_ficha(renglon.cliente_id)  # type: ignore[attr-defined]

    def action_actividad(self) -> None:
        renglon = self._actual()
        if renglon is None or renglon.cliente_id is None:
            self.notify("Elige un cliente (o una tarea de un cliente) para registrar la actividad.", severity="warning")
            return
        self.app.registrar_actividad(renglon.cliente_id)  # type: ignore[attr-defined]

    def action_hecha(self) -> None:
        renglon = self._actual()
        if renglon is None or renglon.tarea_id is None:
            self.notify("Elige una tarea para marcarla como hecha.", severity="warning")
            return
        tarea_id = renglon.tarea_id
        try:
            self.app.datos.escribir(lambda ctx: tareas.done(ctx, tarea_id))  # type: ignore[attr-defined]
        except A3Error as error:
            self.notify(error.mensaje, severity="error", title="No se pudo")
            return
        self.notify(f"Hecha: {renglon.descripcion}", title="Tarea")
        self._version = self.app.datos.version  # type: ignore[attr-defined]
        self.cargar()

    def action_nueva_tarea(self) -> None:
        from a3tui.app.screens.tarea import NuevaTarea

        renglon = self._actual()
        self.app.push_screen(NuevaTarea(renglon.cliente_id if renglon else None))


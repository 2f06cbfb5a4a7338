"""Mis tareas: the screen a3 opens on — what to do today, in the order to do it, and the KPIs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.messages import AgendaLoaded, KpisLoaded, LoadFailed
from a3tui.app.screens.base import PantallaA3
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.kpis import PanelKpis
from a3tui.app.widgets.lista_ligera import ListaLigera
from a3tui.domain import EstadoTarea, Prioridad, TipoActividad
from a3tui.errors import A3Error
from a3tui.services import actividades, agenda, clientes, reportes, siguiente, tareas
from a3tui.services.actividades import PorResponder
from a3tui.services.agenda import Agenda, Seccion
from a3tui.services.clientes import FilaCliente
from a3tui.services.siguiente import Candidato
from a3tui.services.tareas import FilaTarea

# How many clients «Llamar ahora» lists at the top of the day, and how many of the oldest
# messages waiting for an answer.
LLAMAR_AHORA = 5
POR_RESPONDER = 5
# The section's title counts up to here ("los 5 más antiguos de 100+").
POR_RESPONDER_CONTAR = 100
# What «ya respondí» (x on a client who wrote) proposes to log as the message sent.
RESPONDIDO = "Respondido"
ESTILO_TAREA = {
    EstadoTarea.VENCIDA: "bold $text-error",
    EstadoTarea.HOY: "bold $text-warning",
    EstadoTarea.HECHA: "$text-success",
}


@dataclass(frozen=True)
class Renglon:
    """What a row of the agenda points at."""

    tarea_id: int | None
    cliente_id: int | None
    cliente: str
    descripcion: str
    # A message or e-mail waiting for the client's answer (x: they answered).
    actividad_id: int | None = None
    # The row whole (names and texts the columns cut), for the line under the list.
    detalle: str = ""
    # When the client wrote, if nothing was sent to them since: x records the reply.
    escribio: datetime | None = None


def _titulo(titulo: str, detalle: str, n: int) -> Option:
    """A section title of the day's list (not selectable): ``── Titulo · detalle``."""
    return Option(
        Content.assemble(("── ", "$text-muted"), (titulo, "bold"), (f" · {detalle}", "$text-muted")),
        id=f"titulo-{n}",
        disabled=True,
    )


def _celda(texto: str, ancho: int) -> str:
    return domain.cortar(domain.imprimible(texto), ancho).ljust(ancho)


# What x does on a client who wrote, as the line under a client's row says it.
YA_RESPONDI = "x: ya le respondí"


def _llamar_ahora(ctx: services.Contexto, del_dia: Agenda) -> tuple[list[Candidato], dict[int, datetime]]:
    """«Llamar ahora», and which of the clients the day lists wrote and wait for an answer
    (when they wrote): the wait ``clientes.contactos_de`` reads, the one that puts them in
    «Llamar ahora» and `a3 siguiente`."""
    llamar = siguiente.siguiente(ctx, LLAMAR_AHORA)
    ids = {c.id for c in llamar} | {f.id for seccion in del_dia.secciones_de_clientes for f in seccion.filas}
    contactos = clientes.contactos_de(ctx, sorted(ids))
    return llamar, {i: c.por_contestar for i, c in contactos.items() if c.por_contestar is not None}


class ListaDelDia(ListaLigera):
    """The day's list: section titles (not selectable), tasks and clients."""

    BINDINGS = [
        Binding(
            "enter",
            "screen.abrir",
            "Abrir",
            tooltip="Abrir la tarea (cambiar fecha, hora, prioridad, aviso) o la ficha del cliente",
            id="a3.tareas.abrir",
        ),
        # As in the client list.
        Binding("j", "cursor_down", "Abajo", show=False, id="a3.tareas.abajo"),
        Binding("k", "cursor_up", "Arriba", show=False, id="a3.tareas.arriba"),
    ]


class MisTareasScreen(PantallaA3):
    """Overdue tasks (red), today's, upcoming; clients to contact; cold clients; KPIs."""

    TITLE = "a3"
    SUB_TITLE = "Mis tareas"
    BINDINGS = [
        Binding("x,space", "hecha", "Hecha", key_display="x", id="a3.tareas.hecha"),
        Binding(
            "plus",
            "posponer",
            "Posponer",
            key_display="+",
            tooltip="Posponer la tarea un día",
            id="a3.tareas.posponer",
        ),
        Binding(
            "delete",
            "borrar_tarea",
            "Borrar",
            key_display="Supr",
            tooltip="Borrar la tarea",
            show=False,
            id="a3.tareas.borrar",
        ),
        Binding("a", "actividad", "Actividad", id="a3.tareas.actividad"),
        Binding("g", "nueva_tarea", "Tarea", id="a3.tareas.nueva"),
        Binding("right", "ficha", "Ficha", key_display="→", tooltip="Abrir la ficha del cliente", id="a3.tareas.ficha"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._renglones: dict[str, Renglon] = {}
        self._agenda: Agenda | None = None
        self._llamar: list[Candidato] = []
        self._por_responder: list[PorResponder] = []
        # The clients listed who wrote and wait for an answer: when they wrote.
        self._escribieron: dict[int, datetime] = {}
        self._con_cliente: bool | None = None
        self._total_por_responder = 0
        # Where each task row is drawn (its section and place in it), and the tasks marked
        # done on this screen since it was opened: they stay where they were, shown done,
        # so the cursor stays on them and a second x reopens the same task.
        self._lugares: dict[int, tuple[str, int, FilaTarea]] = {}
        self._hechas: dict[int, tuple[str, int, FilaTarea]] = {}

    def compose(self) -> ComposeResult:
        yield BarraSuperior("tareas")
        yield PanelKpis(id="kpis")
        yield ListaDelDia(Option("Cargando…", disabled=True), id="agenda")
        # The highlighted row whole: a long name or task the columns cut reads here.
        yield Static("", id="detalle", markup=False)
        yield Footer(compact=True)

    @property
    def lista_para_teclas(self) -> bool:
        return self._agenda is not None

    @property
    def lista(self) -> ListaDelDia:
        return self.query_one(ListaDelDia)

    def on_mount(self) -> None:
        self.lista.focus()

    def load(self) -> None:
        """Re-read the dashboard from the services, in threads: the day's list does not
        wait for the KPIs, which scan the whole portfolio."""
        self._read_agenda()
        self._read_kpis()

    @work(thread=True, exclusive=True, group="mis-tareas-agenda")
    def _read_agenda(self) -> None:
        try:
            del_dia = self.a3.gateway.read(lambda ctx: agenda.hoy(ctx, proximas=True))
            llamar, escribieron = self.a3.gateway.read(lambda ctx: _llamar_ahora(ctx, del_dia))
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        # The day first; the pending replies (a slower query on a large office) follow.
        self.post_message(AgendaLoaded(del_dia, llamar, self._por_responder, self._total_por_responder, escribieron))
        try:
            por_responder, total = self.a3.gateway.read(
                lambda ctx: (
                    actividades.pendientes_de_respuesta(ctx, limit=POR_RESPONDER),
                    actividades.count_pendientes_de_respuesta(ctx, hasta=POR_RESPONDER_CONTAR),
                )
            )
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        if [p.actividad.id for p in por_responder] != [p.actividad.id for p in self._por_responder] or (
            total != self._total_por_responder
        ):
            self.post_message(AgendaLoaded(del_dia, llamar, por_responder, total, escribieron))

    @work(thread=True, exclusive=True, group="mis-tareas-kpis")
    def _read_kpis(self) -> None:
        try:
            kpis = self.a3.gateway.read(reportes.kpis)
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        self.post_message(KpisLoaded(kpis))

    def on_agenda_loaded(self, mensaje: AgendaLoaded) -> None:
        self._agenda = mensaje.agenda
        self._llamar = mensaje.llamar
        self._por_responder = mensaje.por_responder
        self._total_por_responder = mensaje.total_por_responder
        self._escribieron = mensaje.escribieron
        self._render_agenda()

    def on_kpis_loaded(self, mensaje: KpisLoaded) -> None:
        self.query_one(PanelKpis).mostrar(mensaje.kpis)

    def on_resize(self) -> None:
        if self._agenda is not None:
            self._render_agenda()

    # ------------------------------------------------------------ drawing

    def _render_agenda(self) -> None:
        del_dia = self._agenda
        if del_dia is None:
            return
        lista = self.lista
        anterior = lista.highlighted_option.id if lista.highlighted_option else None
        indice_anterior = lista.highlighted or 0
        ancho = max(40, lista.scrollable_content_region.width - 1)
        ahora = services.ahora()
        opciones: list[Option] = []
        self._renglones = {}
        if self._llamar:
            # «Whom do I call now?»: the few most urgent, each with its reason in words.
            detalle = f"los {len(self._llamar)} más urgentes"
            if any(c.id in self._escribieron for c in self._llamar):
                detalle += " · x en «te escribió»: ya le respondí"
            opciones.append(_titulo("Llamar ahora", detalle, len(opciones)))
            for candidato in self._llamar:
                opciones.append(self._opcion_llamar(candidato, ancho, len(opciones)))
        if self._por_responder:
            total = self._total_por_responder
            de = f"{total}+" if total >= POR_RESPONDER_CONTAR else str(total)
            cuantos = f"los {len(self._por_responder)} más antiguos de {de}" if total > len(self._por_responder) else de
            opciones.append(_titulo("Pendientes de respuesta", f"{cuantos} · x: ya respondió", len(opciones)))
            for pendiente in self._por_responder:
                opciones.append(self._opcion_por_responder(pendiente, ancho, ahora))
        self._lugares = {}
        for tareas_seccion in del_dia.secciones_de_tareas:
            hechas_aqui = sum(1 for titulo, _, _ in self._hechas.values() if titulo == tareas_seccion.titulo)
            opciones.append(self._titulo_seccion(tareas_seccion, len(opciones), hechas_aqui))
            for lugar, fila_tarea in enumerate(self._con_las_hechas(tareas_seccion)):
                if fila_tarea.tarea.id is not None:
                    self._lugares[fila_tarea.tarea.id] = (tareas_seccion.titulo, lugar, fila_tarea)
                opciones.append(self._opcion_tarea(fila_tarea, ancho, ahora))
        for clientes_seccion in del_dia.secciones_de_clientes:
            opciones.append(self._titulo_seccion(clientes_seccion, len(opciones)))
            for fila_cliente in clientes_seccion.filas:
                frio = clientes_seccion is del_dia.frios
                opciones.append(self._opcion_cliente(fila_cliente, frio, ancho, ahora, len(opciones)))
        with lista.prevent(OptionList.OptionHighlighted):
            lista.set_options(opciones)
        destino = None
        if anterior is not None and anterior in self._renglones:
            destino = lista.get_option_index(anterior)
        else:
            seleccionables = [i for i, o in enumerate(opciones) if not o.disabled]
            cercanos = [i for i in seleccionables if i >= indice_anterior]
            destino = cercanos[0] if cercanos else (seleccionables[-1] if seleccionables else None)
        lista.highlighted = destino
        self.refresh_bindings()
        self._mostrar_detalle()

    def _mostrar_detalle(self) -> None:
        """The highlighted row whole in the line under the list (two rows high whatever it
        says, a3.tcss: no layout pass on each move)."""
        renglon = self._actual()
        texto = domain.imprimible(renglon.detalle) if renglon is not None else ""
        self.query_one("#detalle", Static).update(texto, layout=False)

    def _con_las_hechas(self, seccion: Seccion[FilaTarea]) -> list[FilaTarea]:
        """The section's pending tasks, with those done here put back where they were."""
        filas = [f for f in seccion.filas if f.tarea.id not in self._hechas]
        for titulo, lugar, fila in sorted(self._hechas.values(), key=lambda h: h[1]):
            if titulo == seccion.titulo:
                filas.insert(min(lugar, len(filas)), fila)
        return filas

    def on_screen_suspend(self) -> None:
        # Leaving the screen: the tasks done here leave the list next time.
        self._hechas.clear()

    def _titulo_seccion(self, seccion: Seccion[FilaTarea] | Seccion[FilaCliente], n: int, hechas: int = 0) -> Option:
        """The section's title with how many are pending; ``hechas``: tasks done here that
        stay in the section until the screen is left (counted apart: they are not pending)."""
        if not seccion.total:
            cuantos = "nada pendiente"
        elif not seccion.filas:
            # agenda.hoy lists each client once, in its most urgent section.
            cuantos = f"{seccion.total}, ya listados arriba"
        elif seccion.total > len(seccion.filas):
            cuantos = f"los primeros {len(seccion.filas)} de {seccion.total}"
        else:
            cuantos = str(seccion.total)
        if hechas:
            cuantos += f" · {hechas} hecha" + ("s" if hechas > 1 else "")
        return _titulo(seccion.titulo, cuantos, n)

    def _opcion_tarea(self, fila: FilaTarea, ancho: int, ahora: datetime) -> Option:
        tarea = fila.tarea
        hoy = ahora.date()
        simbolo = self.a3.capacidades.dibujable(fila.estado.simbolo)
        if fila.estado == EstadoTarea.HECHA:
            cuando = f"{simbolo} hecha"
        elif fila.estado == EstadoTarea.HOY:
            cuando = f"{simbolo} hoy" + (f" {tarea.hora.strftime('%H:%M')}" if tarea.hora else "")
        else:
            cuando = f"{simbolo} {domain.en_dias(tarea.vence, hoy)}"
        estado = Content.styled(_celda(cuando, 14), ESTILO_TAREA.get(fila.estado, ""))
        cliente = fila.cliente or ""
        ancho_cliente = min(22, max(12, ancho // 4)) if cliente else 0
        # On wide terminals the columns stay together instead of spreading across.
        ancho_desc = min(60, ancho - 14 - 1 - 6 - (ancho_cliente + 1 if cliente else 0))
        prompt = Content.assemble(
            estado,
            " ",
            _celda(tarea.descripcion, ancho_desc),
            " ",
            (_celda(tarea.prioridad.value, 5), "bold" if tarea.prioridad == Prioridad.ALTA else "$text-muted"),
            " " if cliente else "",
            (_celda(cliente, ancho_cliente), "$text-accent") if cliente else "",
        )
        clave = f"tarea-{tarea.id}"
        detalle = " · ".join(p for p in (tarea.descripcion, cliente) if p)
        self._renglones[clave] = Renglon(tarea.id, tarea.cliente_id, cliente, tarea.descripcion, detalle=detalle)
        return Option(prompt, id=clave)

    def _opcion_llamar(self, c: Candidato, ancho: int, n: int) -> Option:
        ancho_nombre = min(30, max(12, ancho // 3))
        prompt = Content.assemble(
            formato.alerta(c.alerta, self.a3.capacidades).truncate(10, pad=True),
            " ",
            _celda(c.nombre, ancho_nombre),
            " ",
            (_celda(c.razon, max(10, ancho - 10 - ancho_nombre - 2)), "$text-muted"),
        )
        clave = f"llamar-{c.id}-{n}"
        # Its reason says «te escribió …: responder» and the section's title what x does.
        escribio = self._escribieron.get(c.id)
        detalle = f"{c.nombre} · {c.razon}"
        self._renglones[clave] = Renglon(None, c.id, c.nombre, c.nombre, detalle=detalle, escribio=escribio)
        return Option(prompt, id=clave)

    def _opcion_por_responder(self, p: PorResponder, ancho: int, ahora: datetime) -> Option:
        ancho_nombre = min(30, max(12, ancho // 3))
        prompt = Content.assemble(
            (_celda(domain.hace(p.actividad.fecha, ahora), 14), "bold $text-warning" if p.dias >= 3 else ""),
            " ",
            _celda(p.cliente, ancho_nombre),
            " ",
            (_celda(p.resumen, max(10, ancho - 14 - ancho_nombre - 2)), "$text-muted"),
        )
        clave = f"responder-{p.actividad.id}"
        self._renglones[clave] = Renglon(
            None, p.cliente_id, p.cliente, p.resumen, actividad_id=p.actividad.id, detalle=f"{p.cliente} · {p.resumen}"
        )
        return Option(prompt, id=clave)

    def _opcion_cliente(self, fila: FilaCliente, frio: bool, ancho: int, ahora: datetime, n: int) -> Option:
        telefono = domain.format_telefono(fila.telefono) if fila.telefono else "—"
        escribio = self._escribieron.get(fila.id)
        # What the row says (the line under the list says it whole).
        if frio:
            cuando = entero = f"sin actividad: {domain.hace(fila.ultima_actividad, ahora)}"
        elif escribio is not None:
            # Why the contact is due, and what x does about it.
            cuando = "te escribió: responder"
            entero = f"te escribió {domain.hace(escribio, ahora)}: responder · {YA_RESPONDI}"
        else:
            cuando = entero = f"contactar: {domain.en_dias(fila.proximo_contacto, ahora.date())}"
        ancho_nombre = min(40, ancho - 10 - 1 - 12 - 1 - 11 - 1 - 24)
        prompt = Content.assemble(
            formato.alerta(fila.alerta, self.a3.capacidades).truncate(10, pad=True),
            " ",
            _celda(fila.nombre, max(10, ancho_nombre)),
            " ",
            _celda(telefono, 12),
            " ",
            _celda(fila.etapa.value, 11),
            " ",
            _celda(cuando, 24),
        )
        clave = f"cliente-{fila.id}-{n}"
        detalle = f"{fila.nombre} · {telefono} · {fila.etapa.value} · {entero}"
        self._renglones[clave] = Renglon(None, fila.id, fila.nombre, fila.nombre, detalle=detalle, escribio=escribio)
        return Option(prompt, id=clave)

    # ------------------------------------------------------------ actions

    def _actual(self) -> Renglon | None:
        opcion = self.lista.highlighted_option
        if opcion is None or opcion.id is None:
            return None
        return self._renglones.get(opcion.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Dimmed in the footer when the highlighted row can't do it (None = shown, disabled).
        # x stays live on a client's row: it says why it does nothing there.
        try:
            renglon = self._actual()
        except NoMatches:
            renglon = None
        if action == "abrir" and renglon is not None and renglon.tarea_id is not None:
            return True  # a task's form
        if action in ("abrir", "actividad", "ficha"):
            return True if renglon is not None and renglon.cliente_id is not None else None
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._mostrar_detalle()
        # The footer changes only when the row changes kind (a client's or not): redrawing
        # it on every move would send it down the wire each time.
        renglon = self._actual()
        con_cliente = renglon is not None and renglon.cliente_id is not None
        if con_cliente != self._con_cliente:
            self._con_cliente = con_cliente
            self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_abrir()

    def action_abrir(self) -> None:
        """Enter: a task's form (to move it to any date, change its time, priority or
        reminder); a client's ficha."""
        renglon = self._actual()
        if renglon is not None and renglon.tarea_id is not None and renglon.tarea_id not in self._hechas:
            from a3tui.app.screens import tareas_acciones

            tareas_acciones.abrir(self, renglon.tarea_id)
            return
        self.action_ficha()

    def action_ficha(self) -> None:
        renglon = self._actual()
        if renglon is None or renglon.cliente_id is None:
            self.notify("Esta tarea no es de ningún cliente.", severity="warning")
            return
        self.a3.abrir_ficha(renglon.cliente_id)

    def action_actividad(self) -> None:
        renglon = self._actual()
        if renglon is None or renglon.cliente_id is None:
            self.notify("Elige un cliente (o una tarea de un cliente) para registrar la actividad.", severity="warning")
            return
        tarea = (renglon.tarea_id, renglon.descripcion) if renglon.tarea_id is not None else None
        self.a3.registrar_actividad(renglon.cliente_id, renglon.cliente, tarea=tarea)

    def action_hecha(self) -> None:
        renglon = self._actual()
        if renglon is not None and renglon.tarea_id is None and renglon.escribio is not None:
            self._ya_respondi(renglon)
            return
        if renglon is not None and renglon.actividad_id is not None:
            actividad_id = renglon.actividad_id
            self.write(
                lambda ctx: actividades.marcar_respondido(ctx, actividad_id),
                title="Pendientes de respuesta",
                done=f"{renglon.cliente} ya respondió.",
            )
            return
        if renglon is None or renglon.tarea_id is None:
            if renglon is not None and renglon.cliente_id is not None:
                self.notify(
                    f"{renglon.cliente} es un cliente, no una tarea: a registra lo que hablaron.", severity="warning"
                )
            else:
                self.notify("Elige una tarea para marcarla como hecha.", severity="warning")
            return
        tarea_id = renglon.tarea_id
        if tarea_id in self._hechas:
            if self.write(lambda ctx: tareas.reopen(ctx, tarea_id), title="Tarea", done="Pendiente otra vez."):
                del self._hechas[tarea_id]
            return
        hecha = self.write(
            lambda ctx: tareas.done(ctx, tarea_id), title="Tarea", done=f"Hecha: {renglon.descripcion} (x la reabre)"
        )
        if hecha is not None and tarea_id in self._lugares:
            titulo, lugar, fila = self._lugares[tarea_id]
            self._hechas[tarea_id] = (titulo, lugar, FilaTarea(fila.tarea, fila.cliente, EstadoTarea.HECHA))

    def _ya_respondi(self, renglon: Renglon) -> None:
        """x on a client who wrote and waits («te escribió …: responder»): the activity
        form as the message sent to them, «Respondido» proposed (typing replaces it), so
        x Enter records the reply and the client stops waiting."""
        from a3tui.app.screens.actividad import RegistrarActividad

        if renglon.cliente_id is None:
            return
        self.app.push_screen(
            RegistrarActividad(renglon.cliente_id, renglon.cliente, TipoActividad.MENSAJE.value, contenido=RESPONDIDO)
        )

    def _tarea(self) -> int | None:
        renglon = self._actual()
        if renglon is None or renglon.tarea_id is None:
            self.notify("Elige una tarea de la lista.", severity="warning")
            return None
        return renglon.tarea_id

    def action_posponer(self) -> None:
        from a3tui.app.screens import tareas_acciones

        tarea_id = self._tarea()
        if tarea_id is not None:
            tareas_acciones.posponer(self, tarea_id)

    def action_borrar_tarea(self) -> None:
        from a3tui.app.screens import tareas_acciones

        tarea_id = self._tarea()
        if tarea_id is not None:
            tareas_acciones.borrar(self, tarea_id)

    def action_nueva_tarea(self) -> None:
        from a3tui.app.screens.tarea import NuevaTarea

        renglon = self._actual()
        if renglon is not None and renglon.cliente_id is not None:
            self.app.push_screen(NuevaTarea(renglon.cliente_id, renglon.cliente))
        else:
            self.app.push_screen(NuevaTarea())

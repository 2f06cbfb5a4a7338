"""Ficha del cliente: the header with the follow-up alert over the tabs of data, history,
notes, tasks, reservations, documents, properties shown, steps and changes (each tab a
widget of widgets/ficha/); here, the keys and what they do."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.widgets import Footer, Input, Select, TabbedContent, Tabs

from a3tui import domain
from a3tui.app.screens.base import PantallaA3
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.ficha.cabecera import CabeceraFicha
from a3tui.app.widgets.ficha.datos import FormularioDatos
from a3tui.app.widgets.ficha.pestanas import PESTANAS, PestanasFicha, tecla
from a3tui.app.widgets.ficha.tablas import TablaTareas
from a3tui.errors import ClienteNoEncontrado
from a3tui.models import Cliente
from a3tui.services import expediente
from a3tui.services.expediente import Expediente

# Keys that belong to one tab: the footer shows them there (they work on every tab).
DE_LA_PESTANA = {
    "a3.ficha.hecha": "tareas",
    "a3.ficha.guardar": "datos",
    "a3.ficha.propiedad": "propiedades",
    "a3.ficha.apartar": "apartados",
    "a3.ficha.documento": "documentos",
    "a3.ficha.caso": "casos",
}


class FichaScreen(PantallaA3):
    """One client's record. Esc goes back to the list it was opened from."""

    TITLE = "a3"
    SUB_TITLE = "Ficha del cliente"
    BINDINGS = [
        # Esc is not in the footer: it always goes back, and the top bar says where you are.
        Binding("escape", "volver", "Volver", show=False, id="a3.ficha.volver"),
        Binding("a", "actividad", "Actividad", id="a3.ficha.actividad"),
        Binding("e", "etapa", "Etapa", id="a3.ficha.etapa"),
        Binding("r", "temperatura", "Temperatura", id="a3.ficha.temperatura"),
        Binding("n", "nota", "Nueva nota", id="a3.ficha.nota"),
        Binding("g", "tarea", "Tarea", id="a3.ficha.tarea"),
        # Shown in the footer on the tab they belong to (DE_LA_PESTANA); they work on every tab.
        Binding(
            "x",
            "hecha",
            "Hecha",
            tooltip="Marcar hecha la tarea, o reabrirla (Tareas)",
            show=False,
            id="a3.ficha.hecha",
        ),
        Binding(
            "plus",
            "posponer",
            "Posponer",
            key_display="+",
            tooltip="Posponer la tarea un día (Tareas)",
            show=False,
            id="a3.ficha.posponer",
        ),
        Binding(
            "delete",
            "borrar_tarea",
            "Borrar",
            key_display="Supr",
            tooltip="Borrar la tarea (Tareas)",
            show=False,
            id="a3.ficha.borrar_tarea",
        ),
        Binding(
            "p",
            "mostrar_propiedad",
            "Mostrar",
            tooltip="Mostrar o enviar una propiedad",
            show=False,
            id="a3.ficha.propiedad",
        ),
        Binding("v", "apartar", "Apartar", tooltip="Apartar una propiedad", show=False, id="a3.ficha.apartar"),
        Binding("d", "documento", "Documento", tooltip="Agregar un documento", show=False, id="a3.ficha.documento"),
        Binding("C", "caso", "Caso", tooltip="Abrir un caso de servicio", show=False, id="a3.ficha.caso"),
        Binding(
            "w", "whatsapp", "WhatsApp", tooltip="Abrir su chat de WhatsApp (wa.me)", show=False, id="a3.ficha.whatsapp"
        ),
        Binding(
            "l", "llamar", "Llamar", tooltip="Llamarle: su teléfono como enlace tel:", show=False, id="a3.ficha.llamar"
        ),
        Binding("m", "mas", "Más", tooltip="Más acciones: transferir, fusionar, ver cambios", id="a3.ficha.mas"),
        Binding(
            "T", "transferir", "Transferir", tooltip="Transferir a otro asesor", show=False, id="a3.ficha.transferir"
        ),
        Binding(
            "F",
            "fusionar",
            "Fusionar",
            tooltip="Fusionar con otro registro (coordinador)",
            show=False,
            id="a3.ficha.fusionar",
        ),
        Binding(
            "ctrl+s", "guardar_datos", "Guardar", tooltip="Guardar los datos (Datos)", show=False, id="a3.ficha.guardar"
        ),
        *(
            Binding(tecla(n), f"pestana('{p}')", f"Pestaña {p}", show=False, id=f"a3.ficha.pestana_{p}")
            for n, p in enumerate(PESTANAS, 1)
        ),
    ]

    def __init__(self, cliente_id: int) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.expediente: Expediente | None = None

    @property
    def cliente(self) -> Cliente | None:
        return self.expediente.ficha.cliente if self.expediente else None

    @property
    def lista_para_teclas(self) -> bool:
        return self.expediente is not None

    def compose(self) -> ComposeResult:
        yield BarraSuperior(self.app.current_mode, "Ficha")
        yield CabeceraFicha("", id="cabecera")
        yield PestanasFicha(self.app.size.width, id="pestanas")
        yield Footer(compact=True)

    @property
    def pestanas(self) -> PestanasFicha:
        return self.query_one(PestanasFicha)

    def on_mount(self) -> None:
        self.query_one(Tabs).focus()

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        """Read the client's record again (one transaction, a few indexed queries)."""
        cliente_id = self.cliente_id
        try:
            datos = self.a3.gateway.read(lambda ctx: expediente.get(ctx, cliente_id))
        except ClienteNoEncontrado as error:
            self.notify(error.mensaje, severity="error")
            self.app.pop_screen()
            return
        self.expediente = datos
        self.a3.cliente_reciente = cliente_id
        self.query_one(BarraSuperior).detalle = domain.imprimible(datos.ficha.cliente.nombre)
        self.query_one(CabeceraFicha).fill(datos)
        self.pestanas.fill(datos)

    def on_resize(self) -> None:
        # Labels and column widths follow the terminal.
        self.pestanas.ajustar(self.size.width)

    # ------------------------------------------------------------ keys

    def _pestana(self) -> str:
        return self.pestanas.active

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer shows a tab's own keys first, and only on that tab (they work on
        every tab; at 80 columns the footer has no room for all of them at once)."""
        activas = super().active_bindings
        pestana = self._pestana()
        propias = {
            tecla: activa._replace(binding=replace(activa.binding, show=True))
            for tecla, activa in activas.items()
            if DE_LA_PESTANA.get(activa.binding.id or "") == pestana
        }
        return {**propias, **{t: a for t, a in activas.items() if t not in propias}}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("hecha", "posponer", "borrar_tarea"):
            # A task's keys act on the Tareas tab's highlighted row (Supr on another
            # tab reached for a table not built yet, and ended the app).
            return self._pestana() == "tareas"
        if action == "guardar_datos":
            return self._pestana() == "datos"
        return True

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            await self.pestanas.construir(event.pane.id)
        self.refresh_bindings()

    async def action_pestana(self, pestana: str) -> None:
        """1…9, 0: show a tab; a list or table takes the focus (Enter acts on its row, and
        letters stay shortcuts), a tab of fields leaves it on the tab bar."""
        await self.pestanas.abrir(pestana)
        self.refresh_bindings()

    def action_volver(self) -> None:
        # Esc in a field of the Datos tab leaves the field (keys work again); else back,
        # asking first when the Datos tab holds changes not saved.
        if isinstance(self.focused, (Input, Select)):
            self.query_one(Tabs).focus()
            return
        if self.pestanas.construida("datos"):
            self.query_one(FormularioDatos).antes_de_salir(self.app.pop_screen)
        else:
            self.app.pop_screen()

    def action_actividad(self) -> None:
        if self.cliente is not None:
            self.a3.registrar_actividad(self.cliente_id, self.cliente.nombre)

    def action_etapa(self) -> None:
        from a3tui.app.screens.etapa import CambiarEtapa

        if self.cliente is not None:
            self.app.push_screen(CambiarEtapa(self.cliente_id, self.cliente.nombre, self.cliente.etapa))

    def action_temperatura(self) -> None:
        from a3tui.app.screens.temperatura import CambiarTemperatura

        if self.cliente is not None:
            self.app.push_screen(CambiarTemperatura(self.cliente_id, self.cliente.nombre, self.cliente.temperatura))

    def _telefono(self) -> str | None:
        if self.expediente is None or not self.expediente.ficha.telefonos:
            self.notify("Este cliente no tiene teléfono.", severity="warning")
            return None
        return self.expediente.ficha.telefonos[0]

    def action_whatsapp(self) -> None:
        from a3tui.app.screens.contactar import Contactar

        numero = self._telefono()
        if numero is not None and self.cliente is not None:
            enlace = domain.enlace_chat(self.cliente.nombre, numero)
            self.app.push_screen(
                Contactar(f"WhatsApp de {self.cliente.nombre}", f"Escribir a {domain.format_telefono(numero)}", enlace)
            )

    def action_llamar(self) -> None:
        from a3tui.app.screens.contactar import Contactar

        numero = self._telefono()
        if numero is not None and self.cliente is not None:
            self.app.push_screen(
                Contactar(
                    f"Llamar a {self.cliente.nombre}",
                    f"Llamar al {domain.format_telefono(numero)}",
                    domain.enlace_llamada(numero),
                )
            )

    def action_nota(self) -> None:
        from a3tui.app.screens.nota import NuevaNota

        if self.cliente is not None:
            self.app.push_screen(NuevaNota(self.cliente_id, self.cliente.nombre))

    def action_tarea(self) -> None:
        from a3tui.app.screens.tarea import NuevaTarea

        if self.cliente is not None:
            self.app.push_screen(NuevaTarea(self.cliente_id, self.cliente.nombre))

    def _tareas(self) -> TablaTareas:
        return self.query_one("#t-tareas", TablaTareas)

    def action_hecha(self) -> None:
        self._tareas().hecha_o_reabrir()

    def action_posponer(self) -> None:
        self._tareas().posponer()

    def action_borrar_tarea(self) -> None:
        self._tareas().borrar()

    # ------------------------------------------------------------ the sale

    def action_mostrar_propiedad(self) -> None:
        """p: choose a property, then how to show or send it to the client."""
        from a3tui.app.screens.compartir import compartir, etiqueta_de
        from a3tui.app.screens.elegir import ElegirPropiedad

        cliente = self.cliente
        if cliente is None:
            return
        nombre = cliente.nombre

        def elegida(propiedad_id: int | None) -> None:
            if propiedad_id is None:
                return
            etiqueta = self.a3.gateway.read(lambda ctx: etiqueta_de(ctx, propiedad_id))
            compartir(self.a3, propiedad_id, etiqueta, self.cliente_id, nombre)

        self.app.push_screen(ElegirPropiedad(), elegida)

    def action_apartar(self) -> None:
        """v: choose an available property and register the reservation."""
        from a3tui.app.screens.apartado import apartar

        if self.cliente is not None:
            apartar(self.a3, self.cliente_id, self.cliente.nombre)

    def action_documento(self) -> None:
        """d: store a document of the client (the live reservation's, if there is one)."""
        from a3tui.app.screens.documento import NuevoDocumento

        if self.cliente is None or self.expediente is None:
            return
        vigente = self.expediente.apartado
        apartado_id = vigente.id if vigente and vigente.apartado.estado == domain.EstadoApartado.ACTIVO else None
        self.app.push_screen(
            NuevoDocumento(self.cliente_id, self.cliente.nombre, apartado_id, self.expediente.faltantes)
        )

    def action_caso(self) -> None:
        """C: a new service case of this client (tipo, prioridad, descripción)."""
        from a3tui.app.screens.caso import nuevo_caso

        if self.cliente is not None:
            nuevo_caso(self.a3, self.cliente_id, self.cliente.nombre)

    # ------------------------------------------------------------ the office

    def action_mas(self) -> None:
        from a3tui.app.screens.mas import MenuMas

        acciones = [
            ("transferir", "T", "Transferir a otro asesor"),
            ("fusionar", "F", "Fusionar con otro registro del mismo cliente (coordinador)"),
            ("pestana('cambios')", "9", "Ver los cambios (quién cambió qué y cuándo)"),
            ("pestana('pasos')", "8", "Qué hacer en su etapa"),
            ("caso", "C", "Abrir un caso de servicio (queja, garantía, postventa…)"),
            ("whatsapp", "w", "Escribirle por WhatsApp (enlace wa.me)"),
            ("llamar", "l", "Llamarle (enlace tel:)"),
        ]

        def elegida(accion: str | None) -> None:
            if accion is not None:
                self.call_later(self.run_action, accion)

        self.app.push_screen(MenuMas(acciones), elegida)

    def action_transferir(self) -> None:
        """T: pick the advisor, then the motivo."""
        from a3tui.app.screens.transferir import ElegirAsesor, TransferirCliente

        cliente = self.cliente
        if cliente is None:
            return
        nombre, dueno = cliente.nombre, cliente.asesor_id

        def elegido(asesor_id: int | None) -> None:
            if asesor_id is None:
                return
            from a3tui.models import Asesor

            destino = self.a3.gateway.read(lambda ctx: ctx.session.get(Asesor, asesor_id))
            if destino is not None:
                self.app.push_screen(TransferirCliente(self.cliente_id, nombre, asesor_id, destino.nombre))

        self.app.push_screen(ElegirAsesor(excepto=dueno), elegido)

    def action_fusionar(self) -> None:
        """F: pick the other record of this client, then see both side by side."""
        from a3tui.app.screens.elegir import ElegirCliente
        from a3tui.app.screens.fusion import VistaFusion

        cliente = self.cliente
        if cliente is None:
            return
        primer_nombre = cliente.nombre.split()[0] if cliente.nombre.split() else ""

        def elegido(otro_id: int | None) -> None:
            if otro_id is None or otro_id == self.cliente_id:
                return

            def fusionado(queda_id: int | None) -> None:
                if queda_id is not None and queda_id != self.cliente_id:
                    # This record was merged into the other: show the one that stays.
                    self.app.pop_screen()
                    self.a3.abrir_ficha(queda_id)

            self.app.push_screen(VistaFusion(self.cliente_id, otro_id), fusionado)

        self.app.push_screen(ElegirCliente(primer_nombre, plaza=True, excepto=self.cliente_id), elegido)

    # ------------------------------------------------------------ Datos tab

    def action_guardar_datos(self) -> None:
        self.query_one(FormularioDatos).guardar()

    def on_formulario_datos_guardados(self, _mensaje: FormularioDatos.Guardados) -> None:
        """The Datos tab saved: the record as stored now."""
        self.query_one(FormularioDatos).olvidar_cambios()
        self._version = self.a3.gateway.version
        self.load()

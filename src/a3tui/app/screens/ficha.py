"""Ficha del cliente: header with the follow-up alert, and tabs for data, history, notes,
tasks, reservations, documents and properties shown (one widget per tab)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Select, Static, TabbedContent, TabPane, Tabs

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.messages import FilaElegida
from a3tui.app.screens.base import PantallaA3
from a3tui.app.screens.confirmar import preguntar_si_es_otra_persona
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.ficha.datos import FormularioDatos
from a3tui.app.widgets.ficha.notas import PanelNotas
from a3tui.app.widgets.ficha.pasos import ListaPasos
from a3tui.app.widgets.ficha.tablas import (
    TablaApartados,
    TablaCambios,
    TablaDocumentos,
    TablaFicha,
    TablaHistorial,
    TablaPropiedades,
    TablaTareas,
    falta_para_escriturar,
)
from a3tui.domain import TipoActividad
from a3tui.errors import A3Error, ClienteNoEncontrado, Duplicado
from a3tui.models import Cliente
from a3tui.services import Contexto, clientes, documentos, etapas, expediente, propiedades
from a3tui.services.apartados import FilaApartado
from a3tui.services.documentos import FilaDocumento
from a3tui.services.expediente import Expediente

TITULOS = {
    "datos": "Datos",
    "historial": "Historial",
    "notas": "Notas",
    "tareas": "Tareas",
    "apartados": "Apartados",
    "documentos": "Documentos",
    "propiedades": "Propiedades",
    "pasos": "Pasos",
    "cambios": "Cambios",
}
PESTANAS = list(TITULOS)
# On a narrow terminal the numbered tabs («1 Datos 2 Historial …») use these names.
CORTOS = {"apartados": "Apart.", "documentos": "Docs", "propiedades": "Props"}


def etiquetas(ancho: int) -> dict[str, str]:
    """Each tab's label with the number that opens it, short names when ``ancho`` is tight."""
    largas = {p: f"{n} {t}" for n, (p, t) in enumerate(TITULOS.items(), 1)}
    if sum(len(e) + 1 for e in largas.values()) + 1 <= ancho:
        return largas
    return {p: f"{n} {CORTOS.get(p, t)}" for n, (p, t) in enumerate(TITULOS.items(), 1)}


# Keys that belong to one tab: the footer shows them there (they work on every tab).
DE_LA_PESTANA = {
    "a3.ficha.hecha": "tareas",
    "a3.ficha.guardar": "datos",
    "a3.ficha.propiedad": "propiedades",
    "a3.ficha.apartar": "apartados",
    "a3.ficha.documento": "documentos",
}
TABLAS: dict[str, type[TablaFicha] | type[TablaHistorial]] = {
    "historial": TablaHistorial,
    "tareas": TablaTareas,
    "apartados": TablaApartados,
    "documentos": TablaDocumentos,
    "propiedades": TablaPropiedades,
    "cambios": TablaCambios,
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
            Binding(str(n), f"pestana('{pestana}')", f"Pestaña {pestana}", show=False, id=f"a3.ficha.pestana_{pestana}")
            for n, pestana in enumerate(PESTANAS, 1)
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
        yield Static("", id="cabecera")
        with TabbedContent(initial="historial", id="pestanas"):
            # Only the history is built now; every other tab is built the first time it
            # is shown (fewer widgets to style and lay out: the ficha opens faster).
            for pestana, titulo in etiquetas(self.app.size.width).items():
                with TabPane(titulo, id=pestana):
                    if pestana == "historial":
                        yield from self._contenido("historial")
        yield Footer(compact=True)

    def _contenido(self, pestana: str) -> list[Widget]:
        """The widgets of one tab."""
        if pestana == "datos":
            return [FormularioDatos(id="form-datos")]
        if pestana == "notas":
            return [PanelNotas(id="notas-scroll", classes="lista-pestana")]
        if pestana == "pasos":
            return [ListaPasos(id="l-pasos", classes="lista-pestana")]
        tabla = TABLAS[pestana](id=f"t-{pestana}", classes="lista-pestana", zebra_stripes=pestana == "historial")
        if pestana == "documentos":
            return [Static("", id="falta-documentos", markup=False), tabla]
        return [tabla]

    def _construida(self, pestana: str) -> bool:
        return bool(self.query_one(f"#{pestana}", TabPane).children)

    async def _construir(self, pestana: str) -> None:
        """Build a tab the first time it is shown, and fill it from the loaded record."""
        if self._construida(pestana):
            return
        await self.query_one(f"#{pestana}", TabPane).mount_all(self._contenido(pestana))
        if self.expediente is not None:
            self._mostrar_pestana(pestana, self.expediente)

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
        self._mostrar_cabecera(datos)
        for pestana in PESTANAS:
            if self._construida(pestana):
                self._mostrar_pestana(pestana, datos)

    def _ancho(self) -> int:
        return max(40, self.size.width - 4)

    def _mostrar_pestana(self, pestana: str, datos: Expediente) -> None:
        if pestana == "datos":
            formulario = self.query_one(FormularioDatos)
            # A reload (a save elsewhere, another process's write) never overwrites an edit
            # in progress; saving sends only the fields the user changed.
            if not formulario.cambios():
                formulario.fill(datos)
        elif pestana == "notas":
            self.query_one(PanelNotas).fill(datos)
        elif pestana == "pasos":
            self.query_one(ListaPasos).fill(datos)
        else:
            self._tabla(pestana).fill(datos, self._ancho())
        if pestana == "documentos":
            falta = self.query_one("#falta-documentos", Static)
            falta.update(falta_para_escriturar(datos))
            falta.display = bool(falta_para_escriturar(datos))

    def _tabla(self, pestana: str) -> TablaFicha | TablaHistorial:
        """The table of a tab (the history is a virtual list, the others DataTables)."""
        if pestana == "historial":
            return self.query_one("#t-historial", TablaHistorial)
        return self.query_one(f"#t-{pestana}", TablaFicha)

    def _mostrar_cabecera(self, datos: Expediente) -> None:
        ficha = datos.ficha
        c = ficha.cliente
        ahora = services.ahora()
        etapa = domain.etapa_con_temperatura(c.etapa, c.temperatura)
        telefonos = ", ".join(domain.format_telefono(t) for t in ficha.telefonos) or "sin teléfono"
        if c.proximo_contacto is not None:
            proximo = domain.en_dias(c.proximo_contacto, ahora.date())
            if self.size.width >= 100:
                proximo += f" ({c.proximo_contacto.isoformat()})"
        else:
            proximo = domain.SIN_SEGUIMIENTO
        apartado = ""
        if datos.apartado is not None:
            a = datos.apartado.apartado
            apartado = f" · apartado {a.id}: {datos.apartado.propiedad.split(' · ')[0]} ({a.estado.value})"
        if datos.transferencia is not None:
            apartado += f" · transferencia {datos.transferencia.id} por aprobar"
        self.query_one("#cabecera", Static).update(
            Content.assemble(
                (domain.imprimible(c.nombre), "bold"),
                (f"  #{c.id} · ", "$text-muted"),
                (etapa, "bold $text-accent"),
                (apartado, "$text-accent"),
                (domain.imprimible(f" · asesor {ficha.asesor}"), "$text-muted"),
                "\n",
                f"Tel. {telefonos}",
                domain.imprimible(f" · {c.email}") if c.email else "",
                "\n",
                "Próximo contacto: ",
                (proximo, "bold"),
                # Without a next contact there is no alert to show («sin seguimiento» says it).
                *((" ", formato.alerta(ficha.alerta)) if c.proximo_contacto is not None else ()),
                (_ultima_actividad(datos, ahora), "$text-muted"),
            )
        )

    def on_resize(self) -> None:
        pestanas = self.query_one(TabbedContent)
        for pestana, etiqueta in etiquetas(self.size.width).items():
            tab = pestanas.get_tab(pestana)
            if str(tab.label) != etiqueta:
                tab.label = etiqueta
        # Column widths follow the terminal; rebuild only when the width really changed.
        if self.expediente is None:
            return
        for tabla in [*self.query(TablaHistorial), *self.query(TablaFicha)]:
            if tabla.ancho != self._ancho():
                tabla.fill(self.expediente, self._ancho())

    # ------------------------------------------------------------ keys

    def _pestana(self) -> str:
        return self.query_one(TabbedContent).active

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
            await self._construir(event.pane.id)
        self.refresh_bindings()

    async def action_pestana(self, pestana: str) -> None:
        """1…8: show a tab; a list or table takes the focus (Enter acts on its row, and
        letters stay shortcuts), a tab of fields leaves it on the tab bar."""
        await self._construir(pestana)
        self.query_one(TabbedContent).active = pestana
        if pestana in TABLAS or pestana in ("pasos", "notas"):
            self.query_one(f"#{pestana}", TabPane).query(".lista-pestana").first().focus()
        else:
            self.query_one(Tabs).focus()
        self.refresh_bindings()

    def action_volver(self) -> None:
        # Esc in a field of the Datos tab leaves the field (keys work again); else back,
        # asking first when the Datos tab holds changes not saved.
        if isinstance(self.focused, (Input, Select)):
            self.query_one(Tabs).focus()
            return
        if self._construida("datos") and self.query_one(FormularioDatos).cambios():
            from a3tui.app.screens.confirmar import Confirmar

            def respuesta(descartar: bool | None) -> None:
                if descartar:
                    self.app.pop_screen()

            self.app.push_screen(
                Confirmar(
                    "Cambios sin guardar",
                    "Cambiaste datos del cliente y no los guardaste (^s en Datos). ¿Descartarlos?",
                    si="Descartar",
                    no="Seguir editando",
                    seguro=True,
                ),
                respuesta,
            )
            return
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

    def _tarea_actual(self) -> int | None:
        tabla = self.query_one("#t-tareas", TablaTareas)
        if not tabla.row_count:
            return None
        clave = tabla.coordinate_to_cell_key(tabla.cursor_coordinate).row_key.value
        if clave is None or not clave.isdigit():
            self.notify("Elige una tarea de la lista.", severity="warning")
            return None
        return int(clave)

    def action_hecha(self) -> None:
        from a3tui.app.screens import tareas_acciones

        tarea_id = self._tarea_actual()
        if tarea_id is not None:
            tareas_acciones.hecha_o_reabrir(self, tarea_id)

    def action_posponer(self) -> None:
        from a3tui.app.screens import tareas_acciones

        tarea_id = self._tarea_actual()
        if tarea_id is not None:
            tareas_acciones.posponer(self, tarea_id)

    def action_borrar_tarea(self) -> None:
        from a3tui.app.screens import tareas_acciones

        tarea_id = self._tarea_actual()
        if tarea_id is not None:
            tareas_acciones.borrar(self, tarea_id)

    def on_fila_elegida(self, mensaje: FilaElegida) -> None:
        """Enter on a history entry: the entry in full (the table cuts long lines)."""
        if not isinstance(mensaje.tabla, TablaHistorial):
            return
        entrada = mensaje.tabla.entrada(mensaje.indice)
        if entrada is not None:
            from a3tui.app.screens.detalle import Detalle

            self.app.push_screen(Detalle(formato.fecha(entrada.actividad.fecha), entrada.resumen))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: a change in full, a task's form, what can be done with a
        reservation or a document."""
        clave = event.row_key.value or ""
        if self.expediente is None or not clave:
            return
        if isinstance(event.data_table, TablaTareas) and clave.isdigit():
            from a3tui.app.screens import tareas_acciones

            tareas_acciones.abrir(self, int(clave))
        elif isinstance(event.data_table, TablaCambios) and clave.startswith("c"):
            from a3tui.app.screens.detalle import Detalle

            cambio = self.expediente.cambios[int(clave[1:])]
            titulo = f"{formato.fecha(cambio.auditoria.fecha)} · {cambio.asesor}"
            self.app.push_screen(Detalle(titulo, cambio.resumen.replace("; ", "\n")))
        elif isinstance(event.data_table, TablaApartados):
            fila = next((f for f in self.expediente.apartados if str(f.id) == clave), None)
            if fila is not None:
                self._menu_apartado(fila)
        elif isinstance(event.data_table, TablaDocumentos):
            documento = next((d for d in self.expediente.documentos if str(d.id) == clave), None)
            if documento is not None:
                self._menu_documento(documento)

    # ------------------------------------------------------------ the sale

    def action_mostrar_propiedad(self) -> None:
        """p: choose a property, then how to show or send it to the client."""
        from a3tui.app.screens.compartir import compartir
        from a3tui.app.screens.elegir import ElegirPropiedad

        cliente = self.cliente
        if cliente is None:
            return
        nombre = cliente.nombre

        def elegida(propiedad_id: int | None) -> None:
            if propiedad_id is None:
                return
            etiqueta = self.a3.gateway.read(lambda ctx: _etiqueta(ctx, propiedad_id))
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

    def _menu_apartado(self, fila: FilaApartado) -> None:
        from a3tui.app.screens.apartado import MenuApartado, PasoDeApartado

        def paso(elegido: str | None) -> None:
            if elegido is None or self.expediente is None:
                return
            self.app.push_screen(PasoDeApartado(fila, elegido, self.expediente.faltantes, self.a3_es_coordinador()))

        self.app.push_screen(MenuApartado(fila), paso)

    def _menu_documento(self, documento: FilaDocumento) -> None:
        from a3tui.app.screens.confirmar import Confirmar
        from a3tui.app.screens.documento import MenuDocumento

        def borrar(si: bool | None) -> None:
            if si:
                documento_id = documento.id
                self.write(
                    lambda ctx: documentos.borrar(ctx, documentos.get(ctx, documento_id)),
                    title="Documento",
                    done=f"Borrado: {documento.nombre_archivo}",
                )

        def elegido(accion: str | None) -> None:
            if accion == "borrar":
                self.app.push_screen(
                    Confirmar(
                        "¿Borrar el documento?",
                        f"{documento.tipo.value}: {documento.nombre_archivo}\n"
                        "El historial del cliente conserva que existió.",
                        si="Borrar",
                        no="Conservar",
                    ),
                    borrar,
                )

        self.app.push_screen(MenuDocumento(documento), elegido)

    # ------------------------------------------------------------ the office

    def action_mas(self) -> None:
        from a3tui.app.screens.mas import MenuMas

        acciones = [
            ("transferir", "T", "Transferir a otro asesor"),
            ("fusionar", "F", "Fusionar con otro registro del mismo cliente (coordinador)"),
            ("pestana('cambios')", "9", "Ver los cambios (quién cambió qué y cuándo)"),
            ("pestana('pasos')", "8", "Qué hacer en su etapa"),
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

    def a3_es_coordinador(self) -> bool:
        return bool(self.a3.gateway.read(lambda ctx: ctx.es_coordinador))

    def on_lista_pasos_marcar(self, mensaje: ListaPasos.Marcar) -> None:
        """Pasos tab: a step ticked or unticked by hand is saved at once."""
        cliente_id = self.cliente_id
        self.write(lambda ctx: etapas.marcar(ctx, clientes.get(ctx, cliente_id), mensaje.clave, mensaje.hecho))

    # ------------------------------------------------------------ Datos tab

    def action_guardar_datos(self) -> None:
        self.query_one(FormularioDatos).guardar()

    def on_formulario_datos_guardar(self, mensaje: FormularioDatos.Guardar) -> None:
        self._guardar_datos(mensaje.cambios)

    def _guardar_datos(self, cambios: dict[str, str], *, forzar: bool = False) -> None:
        formulario = self.query_one(FormularioDatos)
        if not cambios:
            self.notify("No hay cambios que guardar.", title="Datos")
            return
        cliente_id = self.cliente_id

        def accion(ctx: services.Contexto) -> Any:
            argumentos: dict[str, Any] = dict(cambios)
            if "telefonos" in argumentos:
                argumentos["telefonos"] = [t for t in cambios["telefonos"].split(",") if t.strip()]
            if "primer_contacto" in argumentos:
                argumentos["primer_contacto"] = domain.parse_fecha(cambios["primer_contacto"], ctx.hoy, pasado=True)
            return clientes.edit(ctx, clientes.get(ctx, cliente_id), forzar=forzar, **argumentos)

        try:
            self.a3.gateway.write(accion)
        except Duplicado as duplicado:
            formulario.mostrar_error(duplicado.mensaje)
            preguntar_si_es_otra_persona(self, duplicado, lambda: self._guardar_datos(cambios, forzar=True))
            return
        except A3Error as fallo:
            formulario.mostrar_error(fallo.mensaje)
            return
        self.notify("Datos guardados.", title="Ficha")
        self._version = self.a3.gateway.version
        formulario.olvidar_cambios()
        self.load()


def _etiqueta(ctx: Contexto, propiedad_id: int) -> str:
    p = propiedades.get_id(ctx, propiedad_id)
    return domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo)


def _ultima_actividad(datos: Expediente, ahora: datetime) -> str:
    """`` · última actividad: hoy``; after a call nobody answered, `` · intentado hoy (no
    contestó)``: an overdue client that was tried today is not a forgotten one."""
    ultima = next((e.actividad for e in datos.historial if e.actividad.tipo != TipoActividad.SISTEMA), None)
    if ultima is not None and domain.es_intento_sin_respuesta(ultima.tipo, ultima.resultado):
        resultado = ultima.resultado.etiqueta.lower() if ultima.resultado is not None else ""
        return f" · intentado {domain.hace(ultima.fecha, ahora)} ({resultado})"
    return f" · última actividad: {domain.hace(datos.ficha.cliente.ultima_actividad, ahora)}"

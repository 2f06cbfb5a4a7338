"""Ficha del cliente: header with the follow-up alert, and tabs for data, history, notes,
tasks, reservations, documents and properties shown (one widget per tab)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Select, Static, TabbedContent, TabPane, Tabs

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.screens.base import PantallaA3
from a3tui.app.screens.confirmar import preguntar_si_es_otra_persona
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.ficha.datos import FormularioDatos
from a3tui.app.widgets.ficha.notas import PanelNotas
from a3tui.app.widgets.ficha.tablas import (
    TablaApartados,
    TablaDocumentos,
    TablaFicha,
    TablaHistorial,
    TablaPropiedades,
    TablaTareas,
)
from a3tui.errors import A3Error, ClienteNoEncontrado, Duplicado
from a3tui.models import Cliente
from a3tui.services import clientes, expediente, tareas
from a3tui.services.expediente import Expediente

TITULOS = {
    "datos": "Datos",
    "historial": "Historial",
    "notas": "Notas",
    "tareas": "Tareas",
    "apartados": "Apartados",
    "documentos": "Documentos",
    "propiedades": "Propiedades",
}
PESTANAS = list(TITULOS)
TABLAS: dict[str, type[TablaFicha]] = {
    "historial": TablaHistorial,
    "tareas": TablaTareas,
    "apartados": TablaApartados,
    "documentos": TablaDocumentos,
    "propiedades": TablaPropiedades,
}


class FichaScreen(PantallaA3):
    """One client's record. Esc goes back to the list it was opened from."""

    TITLE = "a3"
    SUB_TITLE = "Ficha del cliente"
    BINDINGS = [
        Binding("escape", "volver", "Volver", id="a3.ficha.volver"),
        Binding("a", "actividad", "Actividad", id="a3.ficha.actividad"),
        Binding("e", "etapa", "Etapa", id="a3.ficha.etapa"),
        Binding("r", "temperatura", "Temperatura", id="a3.ficha.temperatura"),
        Binding("n", "nota", "Nota", id="a3.ficha.nota"),
        Binding("g", "tarea", "Tarea", id="a3.ficha.tarea"),
        Binding("x", "hecha", "Hecha", id="a3.ficha.hecha"),
        Binding("ctrl+s", "guardar_datos", "Guardar", id="a3.ficha.guardar"),
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

    def compose(self) -> ComposeResult:
        yield BarraSuperior(self.app.current_mode, "Ficha")
        yield Static("", id="cabecera")
        with TabbedContent(initial="historial", id="pestanas"):
            # Only the history is built now; every other tab is built the first time it
            # is shown (fewer widgets to style and lay out: the ficha opens faster).
            for pestana, titulo in TITULOS.items():
                with TabPane(titulo, id=pestana):
                    if pestana == "historial":
                        yield self._contenido("historial")
        yield Footer(compact=True)

    def _contenido(self, pestana: str) -> Widget:
        """The widget of one tab."""
        if pestana == "datos":
            return FormularioDatos(id="form-datos")
        if pestana == "notas":
            return PanelNotas(id="notas-scroll")
        return TABLAS[pestana](id=f"t-{pestana}", zebra_stripes=pestana == "historial")

    def _construida(self, pestana: str) -> bool:
        return bool(self.query_one(f"#{pestana}", TabPane).children)

    async def _construir(self, pestana: str) -> None:
        """Build a tab the first time it is shown, and fill it from the loaded record."""
        if self._construida(pestana):
            return
        await self.query_one(f"#{pestana}", TabPane).mount(self._contenido(pestana))
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
        self.query_one(BarraSuperior).detalle = domain.imprimible(f"Ficha de {datos.ficha.cliente.nombre}")
        self._mostrar_cabecera(datos)
        for pestana in PESTANAS:
            if self._construida(pestana):
                self._mostrar_pestana(pestana, datos)

    def _ancho(self) -> int:
        return max(40, self.size.width - 4)

    def _mostrar_pestana(self, pestana: str, datos: Expediente) -> None:
        if pestana == "datos":
            self.query_one(FormularioDatos).fill(datos)
        elif pestana == "notas":
            self.query_one(PanelNotas).fill(datos)
        else:
            self.query_one(f"#t-{pestana}", TablaFicha).fill(datos, self._ancho())

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
        self.query_one("#cabecera", Static).update(
            Content.assemble(
                (domain.imprimible(c.nombre), "bold"),
                (f"  #{c.id} · ", "$text-muted"),
                (etapa, "bold $text-accent"),
                (domain.imprimible(f" · asesor {ficha.asesor}"), "$text-muted"),
                "\n",
                f"Tel. {telefonos}",
                domain.imprimible(f" · {c.email}") if c.email else "",
                "\n",
                "Próximo contacto: ",
                (proximo, "bold"),
                " ",
                formato.alerta(ficha.alerta),
                (f" · última actividad: {domain.hace(c.ultima_actividad, ahora)}", "$text-muted"),
            )
        )

    def on_resize(self) -> None:
        # Column widths follow the terminal; rebuild only when the width really changed.
        if self.expediente is None:
            return
        for tabla in self.query(TablaFicha):
            if tabla.ancho != self._ancho():
                tabla.fill(self.expediente, self._ancho())

    # ------------------------------------------------------------ keys

    def _pestana(self) -> str:
        return self.query_one(TabbedContent).active

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hecha":
            return self._pestana() == "tareas"
        if action == "guardar_datos":
            return self._pestana() == "datos"
        return True

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            await self._construir(event.pane.id)
        self.refresh_bindings()

    async def action_pestana(self, pestana: str) -> None:
        await self._construir(pestana)
        self.query_one(TabbedContent).active = pestana
        self.refresh_bindings()

    def action_volver(self) -> None:
        # Esc in a field of the Datos tab leaves the field (keys work again); else back.
        if isinstance(self.focused, (Input, Select)):
            self.query_one(Tabs).focus()
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

    def action_nota(self) -> None:
        from a3tui.app.screens.nota import NuevaNota

        if self.cliente is not None:
            self.app.push_screen(NuevaNota(self.cliente_id, self.cliente.nombre))

    def action_tarea(self) -> None:
        from a3tui.app.screens.tarea import NuevaTarea

        if self.cliente is not None:
            self.app.push_screen(NuevaTarea(self.cliente_id, self.cliente.nombre))

    def action_hecha(self) -> None:
        tabla = self.query_one("#t-tareas", TablaTareas)
        if not tabla.row_count:
            return
        clave = tabla.coordinate_to_cell_key(tabla.cursor_coordinate).row_key.value
        if clave is None:
            self.notify("Elige una tarea de la lista.", severity="warning")
            return
        tarea_id = int(clave)
        tarea = self.write(lambda ctx: tareas.done(ctx, tarea_id))
        if tarea is not None:
            self.notify(f"Hecha: {tarea.descripcion}", title="Tarea")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a history row shows it in full (the table cuts long lines)."""
        clave = event.row_key.value or ""
        if not isinstance(event.data_table, TablaHistorial) or not clave.startswith("h") or self.expediente is None:
            return
        from a3tui.app.screens.detalle import Detalle

        entrada = self.expediente.historial[int(clave[1:])]
        self.app.push_screen(Detalle(formato.fecha(entrada.actividad.fecha), entrada.resumen))

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
                argumentos["primer_contacto"] = domain.parse_fecha(cambios["primer_contacto"], ctx.hoy)
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
        self.load()

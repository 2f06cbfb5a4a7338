"""Ficha del cliente: header with the follow-up alert, and tabs for data, history, notes,
tasks, reservations, documents and properties shown."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Select, Static, TabbedContent, TabPane, Tabs

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.formulario import Campo, MensajeError
from a3tui.domain import Origen
from a3tui.errors import A3Error, ClienteNoEncontrado, Duplicado
from a3tui.services import actividades, clientes, expediente, tareas

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


def _corta(texto: str, ancho: int) -> Text:
    """Plain text cut with an ellipsis (never parsed as markup: it is the user's data)."""
    texto = " ".join(domain.imprimible(texto).split())
    if len(texto) > ancho:
        texto = texto[: max(0, ancho - 1)] + "…"
    return Text(texto, no_wrap=True)


class FichaScreen(Screen[None]):
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
        self._version = -1
        self._datos: expediente.Expediente | None = None
        self._original: dict[str, str] = {}
        self._ancho_tablas = 0

    def compose(self) -> ComposeResult:
        yield BarraSuperior(self.app.current_mode, "Ficha")
        yield Static("", id="cabecera")
        with TabbedContent(initial="historial", id="pestanas"):
            # Only the history is built now; every other tab is built the first time it
            # is shown (fewer widgets to style and lay out: the ficha opens faster).
            for pestana, titulo in TITULOS.items():
                with TabPane(titulo, id=pestana):
                    if pestana == "historial":
                        yield from self._contenido("historial")
        yield Footer(compact=True)

    def _contenido(self, pestana: str) -> ComposeResult:
        """The widgets of one tab."""
        if pestana == "datos":
            with VerticalScroll(id="form-datos", can_focus=False):
                yield Campo("Nombre", Input(id="d-nombre", compact=True))
                yield Campo("Teléfonos", Input(placeholder="separados por coma", id="d-telefonos", compact=True))
                yield Campo("Email", Input(id="d-email", compact=True))
                yield Campo("Dirección", Input(id="d-direccion", compact=True))
                yield Campo("Primer contacto", Input(id="d-primer-contacto", compact=True))
                yield Campo(
                    "Origen",
                    Select([(o.value, o.value) for o in Origen], prompt="—", id="d-origen", compact=True),
                )
                yield Campo("Referido por", Input(placeholder="id o nombre del cliente", id="d-referido", compact=True))
                yield Campo("Plaza", Input(id="d-plaza", compact=True))
                yield MensajeError(id="error-datos")
                with Horizontal(classes="botones"):
                    yield Button("Guardar datos ^s", id="guardar-datos", variant="primary", compact=True)
                yield Static("", id="info-datos", markup=False)
        elif pestana == "notas":
            with VerticalScroll(id="notas-scroll", can_focus=True):
                yield Static("", id="notas-texto", markup=False)
        else:
            yield DataTable(id=f"t-{pestana}", cursor_type="row", zebra_stripes=pestana == "historial")

    def _construida(self, pestana: str) -> bool:
        return bool(self.query_one(f"#{pestana}", TabPane).children)

    async def _construir(self, pestana: str) -> None:
        """Build a tab the first time it is shown, and fill it from the loaded record."""
        if self._construida(pestana):
            return
        panel = self.query_one(f"#{pestana}", TabPane)
        await panel.mount_compose(self._contenido(pestana))
        if self._datos is not None:
            self._mostrar_pestana(pestana, self._datos)

    def on_mount(self) -> None:
        self.query_one(Tabs).focus()

    def on_screen_resume(self) -> None:
        version = self.app.datos.version  # type: ignore[attr-defined]
        if version != self._version:
            self._version = version
            self.cargar()

    # ------------------------------------------------------------ loading

    def cargar(self) -> None:
        """Read the client's record again (one transaction, a few indexed queries)."""
        cliente_id = self.cliente_id
        try:
            datos = self.app.datos.leer(lambda ctx: expediente.cargar(ctx, cliente_id))  # type: ignore[attr-defined]
        except ClienteNoEncontrado as error:
            self.notify(error.mensaje, severity="error")
            self.app.pop_screen()
            return
        self._datos = datos
        self.query_one(BarraSuperior).detalle = domain.imprimible(f"Ficha de {datos.ficha.cliente.nombre}")
        self._mostrar_cabecera(datos)
        for pestana in PESTANAS:
            if self._construida(pestana):
                self._mostrar_pestana(pestana, datos)

    def _mostrar_pestana(self, pestana: str, datos: expediente.Expediente) -> None:
        {
            "datos": self._mostrar_datos,
            "historial": self._mostrar_historial,
            "notas": self._mostrar_notas,
            "tareas": self._mostrar_tareas,
            "apartados": self._mostrar_apartados,
            "documentos": self._mostrar_documentos,
            "propiedades": self._mostrar_propiedades,
        }[pestana](datos)

    def _mostrar_cabecera(self, datos: expediente.Expediente) -> None:
        ficha = datos.ficha
        c = ficha.cliente
        ahora = services.ahora()
        temperatura = domain.temperatura_vigente(c.etapa, c.temperatura)
        etapa = c.etapa + (f" · {temperatura}" if temperatura else "")
        telefonos = ", ".join(domain.format_telefono(t) for t in ficha.telefonos) or "sin teléfono"
        if c.proximo_contacto is not None:
            proximo = domain.en_dias(c.proximo_contacto, ahora.date())
            if self.size.width >= 100:
                proximo += f" ({c.proximo_contacto.isoformat()})"
        else:
            proximo = "sin seguimiento"
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

    def _mostrar_datos(self, datos: expediente.Expediente) -> None:
        ficha = datos.ficha
        c = ficha.cliente
        self._original = {
            "d-nombre": c.nombre,
            "d-telefonos": ", ".join(domain.format_telefono(t) for t in ficha.telefonos),
            "d-email": c.email or "",
            "d-direccion": c.direccion or "",
            "d-primer-contacto": c.primer_contacto.isoformat(),
            "d-referido": ficha.referido_por[1] if ficha.referido_por else "",
            "d-plaza": c.plaza,
        }
        for campo_id, valor in self._original.items():
            self.query_one(f"#{campo_id}", Input).value = domain.imprimible(valor)
        origen = self.query_one("#d-origen", Select)
        origen.value = c.origen if c.origen else Select.NULL
        self._original["d-origen"] = c.origen or ""
        info = [f"Asesor: {ficha.asesor} · plaza {c.plaza}"]
        if ficha.dias_cadencia:
            info.append(f"Seguimiento cada {ficha.dias_cadencia} días")
        if c.motivo_cancelacion:
            info.append(f"Motivo de cancelación: {c.motivo_cancelacion}")
        if ficha.referidos:
            info.append("Refirió a: " + ", ".join(f"{nombre} (#{i})" for i, nombre in ficha.referidos))
        info.append(f"Alta: {formato.fecha(c.creado)} · última actualización: {formato.fecha(c.actualizado)}")
        self.query_one("#info-datos", Static).update(domain.imprimible("\n".join(info)))

    def _ancho(self) -> int:
        return max(40, self.size.width - 4)

    def _tabla(self, tabla_id: str, columnas: list[tuple[str, int | None]]) -> DataTable:
        self._ancho_tablas = self._ancho()
        tabla = self.query_one(f"#{tabla_id}", DataTable)
        tabla.clear(columns=True)
        fijas = sum(ancho or 0 for _, ancho in columnas) + 2 * len(columnas)
        for titulo, ancho in columnas:
            tabla.add_column(titulo, width=ancho if ancho is not None else max(10, self._ancho() - fijas))
        return tabla

    def _flexible(self, columnas: list[tuple[str, int | None]]) -> int:
        fijas = sum(ancho or 0 for _, ancho in columnas) + 2 * len(columnas)
        return max(10, self._ancho() - fijas)

    def _mostrar_historial(self, datos: expediente.Expediente) -> None:
        columnas: list[tuple[str, int | None]] = [("Fecha", 16), ("Actividad", None)]
        tabla = self._tabla("t-historial", columnas)
        ancho = self._flexible(columnas)
        for n, actividad in enumerate(datos.historial):
            tabla.add_row(
                Text(formato.fecha(actividad.fecha)), _corta(actividades.resumen(actividad), ancho), key=f"h{n}"
            )
        if not datos.historial:
            tabla.add_row(Text("—"), Text("Sin actividades todavía; registra una con a."))
        elif datos.total_historial > len(datos.historial):
            tabla.add_row(Text("…"), Text(f"y {datos.total_historial - len(datos.historial)} anteriores"))

    def _mostrar_notas(self, datos: expediente.Expediente) -> None:
        if not datos.notas:
            self.query_one("#notas-texto", Static).update("Sin notas; agrega una con n.")
            return
        texto = "\n\n".join(f"{formato.fecha(nota.creado)}\n{nota.texto}" for nota in datos.notas)
        self.query_one("#notas-texto", Static).update(domain.imprimible(texto))

    def _mostrar_tareas(self, datos: expediente.Expediente) -> None:
        columnas: list[tuple[str, int | None]] = [("Vence", 16), ("Descripción", None), ("Prioridad", 9), ("Estado", 12)]
        tabla = self._tabla("t-tareas", columnas)
        ancho = self._flexible(columnas)
        hoy = services.ahora().date()
        for fila in datos.tareas:
            t = fila.tarea
            if t.hecha:
                estado = Text("✓ hecha")
            elif t.vence < hoy:
                estado = Text("● vencida", style="bold")
            elif t.vence == hoy:
                estado = Text("◐ hoy")
            else:
                estado = Text("○ pendiente")
            vence = t.vence.isoformat() + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
            tabla.add_row(Text(vence), _corta(t.descripcion, ancho), Text(t.prioridad), estado, key=str(t.id))
        if not datos.tareas:
            tabla.add_row(Text("—"), Text("Sin tareas; agenda una con g."), Text(""), Text(""))

    def _mostrar_apartados(self, datos: expediente.Expediente) -> None:
        columnas: list[tuple[str, int | None]] = [("Fecha", 10), ("Propiedad", None), ("Monto", 16), ("Estado", 11)]
        tabla = self._tabla("t-apartados", columnas)
        ancho = self._flexible(columnas)
        for a in datos.apartados:
            estado = a.estado + (f" ({a.motivo_cancelacion})" if a.motivo_cancelacion else "")
            tabla.add_row(Text(a.fecha.isoformat()), _corta(a.propiedad, ancho), Text(formato.dinero(a.monto_centavos)), _corta(estado, 11))
        if not datos.apartados:
            tabla.add_row(Text("—"), Text("Sin apartados."), Text(""), Text(""))

    def _mostrar_documentos(self, datos: expediente.Expediente) -> None:
        columnas: list[tuple[str, int | None]] = [("Subido", 16), ("Tipo", 24), ("Archivo", None), ("Tamaño", 8)]
        tabla = self._tabla("t-documentos", columnas)
        ancho = self._flexible(columnas)
        for d in datos.documentos:
            tabla.add_row(Text(formato.fecha(d.subido)), _corta(d.tipo, 24), _corta(d.nombre_archivo, ancho), Text(formato.tamano(d.tamano)))
        if not datos.documentos:
            tabla.add_row(Text("—"), Text("Sin documentos."), Text(""), Text(""))

    def _mostrar_propiedades(self, datos: expediente.Expediente) -> None:
        columnas: list[tuple[str, int | None]] = [("Fecha", 16), ("Propiedad", None), ("Precio", 16), ("Medio", 10)]
        tabla = self._tabla("t-propiedades", columnas)
        ancho = self._flexible(columnas)
        for p in datos.propiedades:
            nombre = f"{p.clave} · {p.desarrollo}" + (f" {p.modelo}" if p.modelo else "")
            tabla.add_row(Text(formato.fecha(p.fecha)), _corta(nombre, ancho), Text(formato.dinero(p.precio_centavos)), Text(p.medio))
        if not datos.propiedades:
            tabla.add_row(Text("—"), Text("Ninguna todavía."), Text(""), Text(""))

    def on_resize(self) -> None:
        # Column widths follow the terminal; rebuild only when the width really changed.
        if self._datos is None or self._ancho_tablas == self._ancho():
            return
        for pestana in ("historial", "tareas", "apartados", "documentos", "propiedades"):
            if self._construida(pestana):
                self._mostrar_pestana(pestana, self._datos)

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
        self.app.registrar_actividad(self.cliente_id)  # type: ignore[attr-defined]

    def action_etapa(self) -> None:
        from a3tui.app.screens.etapa import CambiarEtapa

        self.app.push_screen(CambiarEtapa(self.cliente_id))

    def action_temperatura(self) -> None:
        from a3tui.app.screens.temperatura import CambiarTemperatura

        self.app.push_screen(CambiarTemperatura(self.cliente_id))

    def action_nota(self) -> None:
        from a3tui.app.screens.nota import NuevaNota

        self.app.push_screen(NuevaNota(self.cliente_id))

    def action_tarea(self) -> None:
        from a3tui.app.screens.tarea import NuevaTarea

        self.app.push_screen(NuevaTarea(self.cliente_id))

    def action_hecha(self) -> None:
        tabla = self.query_one("#t-tareas", DataTable)
        if not tabla.row_count:
            return
        clave = tabla.coordinate_to_cell_key(tabla.cursor_coordinate).row_key.value
        if clave is None:
            self.notify("Elige una tarea de la lista.", severity="warning")
            return
        tarea_id = int(clave)
        try:
            tarea = self.app.datos.escribir(lambda ctx: tareas.done(ctx, tarea_id))  # type: ignore[attr-defined]
        except A3Error as error:
            self.notify(error.mensaje, severity="error", title="No se pudo")
            return
        self.notify(f"Hecha: {tarea.descripcion}", title="Tarea")
        self._version = self.app.datos.version  # type: ignore[attr-defined]
        self.cargar()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a history row shows it in full (the table cuts long lines)."""
        clave = event.row_key.value or ""
        if event.data_table.id != "t-historial" or not clave.startswith("h") or self._datos is None:
            return
        from a3tui.app.screens.detalle import Detalle

        actividad = self._datos.historial[int(clave[1:])]
        self.app.push_screen(Detalle(formato.fecha(actividad.fecha), actividades.resumen(actividad)))

    # ------------------------------------------------------------ Datos tab

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "guardar-datos":
            event.stop()
            self.action_guardar_datos()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if (event.input.id or "").startswith("d-"):
            event.stop()
            self.action_guardar_datos()

    def _cambios(self) -> dict[str, Any]:
        """Only the fields the user changed (None leaves a field as it is, as in `a3 cliente edit`)."""
        actual = {campo_id: self.query_one(f"#{campo_id}", Input).value for campo_id in self._original if campo_id != "d-origen"}
        origen = self.query_one("#d-origen", Select).value
        actual["d-origen"] = "" if origen is Select.NULL else str(origen)
        return {k: v for k, v in actual.items() if v.strip() != self._original.get(k, "").strip()}

    def action_guardar_datos(self, forzar: bool = False) -> None:
        error = self.query_one("#error-datos", MensajeError)
        error.limpiar()
        cambios = self._cambios()
        if not cambios:
            self.notify("No hay cambios que guardar.", title="Datos")
            return
        cliente_id = self.cliente_id

        def accion(ctx: services.Contexto) -> Any:
            primer = cambios.get("d-primer-contacto")
            return clientes.edit(
                ctx,
                clientes.get(ctx, cliente_id),
                nombre=cambios.get("d-nombre"),
                telefonos=[t for t in cambios["d-telefonos"].split(",") if t.strip()] if "d-telefonos" in cambios else None,
                email=cambios.get("d-email"),
                direccion=cambios.get("d-direccion"),
                origen=cambios.get("d-origen"),
                referido_por=cambios.get("d-referido"),
                plaza=cambios.get("d-plaza"),
                primer_contacto=domain.parse_fecha(primer, ctx.hoy) if primer is not None else None,
                forzar=forzar,
            )

        try:
            self.app.datos.escribir(accion)  # type: ignore[attr-defined]
        except Duplicado as duplicado:
            error.mostrar(duplicado.mensaje)

            def respuesta(si: bool | None) -> None:
                if si:
                    self.action_guardar_datos(forzar=True)

            self.app.push_screen(
                Confirmar("¿Es otra persona?", f"{duplicado.mensaje}\n¿Guardar de todos modos?",
                          si="Guardar de todos modos", no="Revisar"),
                respuesta,
            )
            return
        except A3Error as fallo:
            error.mostrar(fallo.mensaje)
            return
        self.notify("Datos guardados.", title="Ficha")
        self._version = self.app.datos.version  # type: ignore[attr-defined]
        self.cargar()

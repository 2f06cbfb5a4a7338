"""Oficina (o): the people and the team's work. A coordinator sees the plaza's activity and
pipeline (Equipo), decides transfers, manages advisors and suplencias, and finds
duplicates to merge; an advisor sees their transfers and who works in the office."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Footer, Input, Select, Static, TabbedContent, TabPane

from a3tui import domain
from a3tui.app.screens.base import PantallaA3
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.formulario import Campo, EntradaFecha
from a3tui.app.widgets.lista import Lista
from a3tui.app.widgets.tabla_ligera import TablaLigera
from a3tui.domain import EstadoTransferencia, Rol
from a3tui.errors import A3Error
from a3tui.models import Asesor, Suplencia
from a3tui.services import Contexto, asesores, equipo, fusion, transferencias
from a3tui.services.asesores import FilaAsesor, FilaSuplencia
from a3tui.services.equipo import Embudo, FilaEquipo
from a3tui.services.fusion import Par
from a3tui.services.transferencias import FilaTransferencia

PESTANAS = {
    "equipo": "Equipo",
    "transferencias": "Transferencias",
    "asesores": "Asesores",
    "suplencias": "Suplencias",
    "duplicados": "Duplicados",
}
SOLO_COORDINADOR = {"equipo", "duplicados"}


@dataclass
class DatosOficina:
    coordinador: bool
    plaza: str
    equipo: list[FilaEquipo]
    embudo: Embudo | None
    transferencias: list[FilaTransferencia]
    asesores: list[FilaAsesor]
    suplencias: list[FilaSuplencia]
    duplicados: list[Par]


def _leer(ctx: Contexto) -> DatosOficina:
    coordinador = ctx.es_coordinador
    return DatosOficina(
        coordinador=coordinador,
        plaza=ctx.asesor.plaza,
        equipo=equipo.equipo(ctx) if coordinador else [],
        embudo=equipo.embudo(asesores.ver(ctx, "plaza")) if coordinador else None,
        transferencias=transferencias.list_(ctx),
        asesores=asesores.list_(ctx, todos=coordinador),
        suplencias=asesores.list_suplencias(ctx),
        duplicados=fusion.duplicados(asesores.ver(ctx, "plaza"), limite=100) if coordinador else [],
    )


class OficinaScreen(PantallaA3):
    """Tabs 1…5; Enter acts on the highlighted row (decide a transfer, edit an advisor,
    merge a pair); n adds an advisor, s names a suplente, x ends a suplencia."""

    TITLE = "a3"
    SUB_TITLE = "Oficina"
    BINDINGS = [
        # Enter acts on the highlighted row; the footer says what it does on each tab.
        Binding(
            "enter",
            "fila('transferencias')",
            "Aprobar o rechazar",
            tooltip="Decidir la transferencia",
            priority=True,
            id="a3.oficina.decidir",
        ),
        Binding(
            "enter",
            "fila('asesores')",
            "Editar",
            tooltip="Editar o dar de baja al asesor",
            priority=True,
            id="a3.oficina.editar",
        ),
        Binding(
            "enter",
            "fila('duplicados')",
            "Fusionar",
            tooltip="Ver el par lado a lado y fusionarlo",
            priority=True,
            id="a3.oficina.fusionar",
        ),
        Binding(
            "u",
            "deshacer",
            "Deshacer",
            tooltip="Deshacer la aprobación (hasta 10 minutos después)",
            id="a3.oficina.deshacer",
        ),
        Binding("n", "nuevo_asesor", "Nuevo asesor", id="a3.oficina.nuevo_asesor"),
        Binding("s", "suplencia", "Suplente", tooltip="Nombrar un suplente", id="a3.oficina.suplencia"),
        Binding("delete", "quitar_suplencia", "Terminar", tooltip="Terminar la suplencia", id="a3.oficina.quitar"),
        Binding("escape", "volver", "Volver", show=False, id="a3.oficina.volver"),
        *(
            Binding(str(n), f"pestana('{p}')", f"Pestaña {t}", show=False, id=f"a3.oficina.pestana_{p}")
            for n, (p, t) in enumerate(PESTANAS.items(), 1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.datos: DatosOficina | None = None

    def compose(self) -> ComposeResult:
        yield BarraSuperior("oficina")
        with TabbedContent(initial="o-transferencias", id="oficina-pestanas"):
            for n, (clave, titulo) in enumerate(PESTANAS.items(), 1):
                with TabPane(f"{n} {titulo}", id=f"o-{clave}"):
                    if clave == "equipo":
                        yield Static("", id="embudo", classes="oficina-texto", markup=False)
                    yield TablaLigera(id=f"t-o-{clave}", cursor_type="row", zebra_stripes=True)
                    if clave == "equipo":
                        # What «Respuesta» means and who has clients waiting, as `a3 equipo`.
                        yield Static("", id="respuesta-equipo", classes="oficina-texto", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#t-o-transferencias", DataTable).focus()

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        primera = self.datos is None
        self.datos = self.a3.gateway.read(_leer)
        d = self.datos
        pestanas = self.query_one(TabbedContent)
        for clave in SOLO_COORDINADOR:
            pestanas.get_tab(f"o-{clave}").display = d.coordinador
        # Opening the office with no request waiting shows the team; once open, a decision
        # leaves the coordinator where she is (the row she decided, which u can undo).
        if primera and d.coordinador and pestanas.active == "o-transferencias" and not self._alguna_pendiente():
            pestanas.active = "o-equipo"
        self._equipo(d)
        self._transferencias(d)
        self._asesores(d)
        self._suplencias(d)
        self._duplicados(d)
        self.refresh_bindings()

    def _alguna_pendiente(self) -> bool:
        return bool(self.datos) and any(
            f.transferencia.estado == EstadoTransferencia.SOLICITADA
            for f in (self.datos.transferencias if self.datos else [])
        )

    def _tabla(self, clave: str, columnas: list[tuple[str, int | None]]) -> DataTable[Any]:
        tabla: DataTable[Any] = self.query_one(f"#t-o-{clave}", DataTable)
        tabla.clear(columns=True)
        fijas = sum(w or 0 for _, w in columnas) + 2 * len(columnas)
        flexible = max(12, self.size.width - 2 - fijas)
        for titulo, ancho in columnas:
            tabla.add_column(titulo, width=ancho if ancho is not None else flexible)
        return tabla

    @staticmethod
    def _fila(tabla: DataTable[Any], *celdas: Text, key: str | None = None) -> None:
        """A row as tall as its longest cell: names and reasons wrap within their column
        instead of being cut (at 80 columns «(lo cubre …)» or a rejection's reason didn't fit)."""
        tabla.add_row(*celdas, key=key, height=None)

    def _equipo(self, d: DatosOficina) -> None:
        tabla = self._tabla(
            "equipo",
            [
                ("Asesor", None), ("Clientes", 8), ("Semana", 6), ("Mes", 5), ("Vencid.", 7), ("Fríos", 5),
                ("Apart.", 6), ("Respuesta", 9),
            ],
        )  # fmt: skip
        for f in d.equipo:
            cubierto = f" (lo cubre {', '.join(f.cubierto_por)})" if f.cubierto_por else ""
            self._fila(
                tabla,
                Text(_linea(f.asesor.nombre + cubierto)),
                *(Text(f"{n:,}", justify="right") for n in (f.clientes, f.actividades_semana, f.actividades_mes)),
                Text(str(f.vencidos), justify="right", style="bold" if f.vencidos else ""),
                *(Text(str(n), justify="right") for n in (f.frios, f.apartados_mes)),
                # The month's median wait of the advisor's clients who wrote (`a3 equipo`).
                Text(domain.cifra_kpi(f.respuesta_mes.mediana, "horas"), justify="right"),
                key=f.asesor.login,
            )
        esperan = [(f.asesor.nombre, f.respuesta_mes.sin_responder) for f in d.equipo if f.respuesta_mes.sin_responder]
        self.query_one("#respuesta-equipo", Static).update(domain.nota_respuesta_del_equipo(esperan))
        if d.embudo is not None:
            e = d.embudo
            etapas = " · ".join(f"{etapa.value} {n:,}" for etapa, n in e.por_etapa.items())
            motivos = "; ".join(f"{m} ({n})" for m, n in e.cancelaciones[:3]) or "ninguna"
            self.query_one("#embudo", Static).update(
                f"Plaza {d.plaza}: {etapas}\n"
                f"Prospectos con más de {e.dias_estancado} días sin apartar: {e.estancados:,} · "
                f"por qué cancelan: {domain.imprimible(motivos)}"
            )

    def _transferencias(self, d: DatosOficina) -> None:
        tabla = self._tabla("transferencias", [("Pedida", 10), ("Transferencia", None), ("Estado", 10)])
        # The queue first: what waits for a decision.
        filas = sorted(d.transferencias, key=lambda f: f.transferencia.estado != EstadoTransferencia.SOLICITADA)
        for f in filas:
            t = f.transferencia
            # Each transfer whole, wrapped in its column: who goes where, why, and for a
            # rejected request the coordinator's reason (its requester reads it here).
            lineas = [_linea(f"{f.cliente} · {f.de} → {f.a}"), _linea(f"Motivo: {t.motivo}")]
            if t.estado == EstadoTransferencia.RECHAZADA:
                quien = f" por {f.resuelta_por}" if f.resuelta_por else ""
                lineas.append(_linea(f"Rechazada{quien}: {t.motivo_rechazo or ''}"))
            self._fila(
                tabla,
                Text(f"{t.solicitada_en:%Y-%m-%d}"),
                Text("\n".join(lineas)),
                Text(t.estado.value, style="bold" if t.estado == EstadoTransferencia.SOLICITADA else "dim"),
                key=str(t.id),
            )
        if not filas:
            tabla.add_row(Text("—"), Text("Sin transferencias."), Text(""))

    def _asesores(self, d: DatosOficina) -> None:
        tabla = self._tabla("asesores", [("Login", 10), ("Nombre", None), ("Rol", 11), ("Plaza", 12), ("Clientes", 8)])
        for f in d.asesores:
            a = f.asesor
            estado = "" if a.activo else " (de baja)"
            hoy = f" · cubre a {', '.join(f.cubre)}" if f.cubre else ""
            self._fila(
                tabla,
                Text(_linea(a.login)),
                Text(_linea(a.nombre + estado + hoy)),
                Text(a.rol.value),
                Text(_linea(a.plaza)),
                Text(f"{f.clientes:,}", justify="right"),
                key=a.login,
            )

    def _suplencias(self, d: DatosOficina) -> None:
        tabla = self._tabla("suplencias", [("Fechas", 24), ("Quién cubre a quién", None)])
        for f in d.suplencias:
            motivo = f" ({f.suplencia.motivo})" if f.suplencia.motivo else ""
            self._fila(
                tabla,
                Text(f.vigente_en),
                Text(_linea(f"{f.suplente} cubre a {f.titular}{motivo}")),
                key=str(f.suplencia.id),
            )
        if not d.suplencias:
            tabla.add_row(
                Text("—"), Text("Sin suplencias vigentes ni próximas." + (" s nombra una." if d.coordinador else ""))
            )

    def _duplicados(self, d: DatosOficina) -> None:
        tabla = self._tabla("duplicados", [("Parecido", 8), ("Clientes", None), ("Por qué", 28)])
        for n, p in enumerate(d.duplicados):
            self._fila(
                tabla,
                Text(f"{p.puntaje}%", justify="right"),
                Text(_linea(f"{p.a.id} {p.a.nombre} ↔ {p.b.id} {p.b.nombre}")),
                Text(_linea(p.razon)),
                key=f"d{n}",
            )
        if not d.duplicados:
            tabla.add_row(Text("—"), Text("No encontré clientes duplicados."), Text(""))

    # ------------------------------------------------------------ keys

    def _pestana(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("o-")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        coordinador = self.datos is not None and self.datos.coordinador
        if action == "fila":
            # One key per tab for what Enter does there (shown in the footer on that tab).
            return coordinador and bool(parameters) and parameters[0] == self._pestana()
        if action == "deshacer":
            return coordinador and self._pestana() == "transferencias"
        if action in ("nuevo_asesor", "suplencia"):
            return coordinador and self._pestana() in ("asesores", "suplencias")
        if action == "quitar_suplencia":
            return coordinador and self._pestana() == "suplencias"
        if action == "pestana" and parameters and parameters[0] in SOLO_COORDINADOR:
            return coordinador
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def action_pestana(self, pestana: str) -> None:
        self.query_one(TabbedContent).active = f"o-{pestana}"
        self.query_one(f"#t-o-{pestana}", DataTable).focus()
        self.refresh_bindings()

    def action_volver(self) -> None:
        self.a3.action_mis_tareas()

    def _clave(self, tabla: DataTable[Any]) -> str | None:
        if not tabla.row_count:
            return None
        fila = tabla.coordinate_to_cell_key(tabla.cursor_coordinate).row_key
        return fila.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        clave = event.row_key.value
        if self.datos is None or not clave:
            return
        tabla = event.data_table.id or ""
        if tabla == "t-o-transferencias":
            fila = next((f for f in self.datos.transferencias if str(f.transferencia.id) == clave), None)
            if fila is None or fila.transferencia.estado != EstadoTransferencia.SOLICITADA:
                return
            if not self.datos.coordinador:
                self.notify("La decide un coordinador.", title="Transferencia pendiente")
                return
            from a3tui.app.screens.transferir import ResolverTransferencia

            self.app.push_screen(ResolverTransferencia(fila))
        elif tabla == "t-o-asesores" and self.datos.coordinador:
            asesor = next((f.asesor for f in self.datos.asesores if f.asesor.login == clave), None)
            if asesor is not None:
                self.app.push_screen(FormularioAsesor(asesor))
        elif tabla == "t-o-duplicados" and clave.startswith("d"):
            from a3tui.app.screens.fusion import VistaFusion

            par = self.datos.duplicados[int(clave[1:])]
            self.app.push_screen(VistaFusion(par.a.id or 0, par.b.id or 0))

    def action_fila(self, pestana: str) -> None:
        """Enter: what the highlighted row of that tab offers."""
        tabla = self.query_one(f"#t-o-{pestana}", DataTable)
        if tabla.row_count:
            tabla.action_select_cursor()

    def action_deshacer(self) -> None:
        """u: take back the approval of the highlighted transfer (its approver, for a while)."""
        clave = self._clave(self.query_one("#t-o-transferencias", DataTable))
        if not clave or not clave.isdigit():
            return
        transferencia_id = int(clave)
        self.write(
            lambda ctx: transferencias.deshacer(ctx, transferencias.get(ctx, transferencia_id)),
            title="Transferencias",
            done=f"Aprobación de la transferencia {transferencia_id} deshecha: el cliente regresó y la solicitud "
            "espera otra vez.",
        )

    def action_nuevo_asesor(self) -> None:
        self.app.push_screen(FormularioAsesor(None))

    def action_suplencia(self) -> None:
        titular = None
        if self._pestana() == "asesores":
            titular = self._clave(self.query_one("#t-o-asesores", DataTable))
        self.app.push_screen(FormularioSuplencia(titular or ""))

    def action_quitar_suplencia(self) -> None:
        from a3tui.app.screens.confirmar import Confirmar

        clave = self._clave(self.query_one("#t-o-suplencias", DataTable))
        if not clave or not clave.isdigit():
            return
        suplencia_id = int(clave)

        def respuesta(si: bool | None) -> None:
            if si:
                self.write(
                    lambda ctx: asesores.quitar_suplencia(ctx, suplencia_id),
                    title="Suplencias",
                    done=f"Suplencia {suplencia_id} terminada.",
                )

        self.app.push_screen(
            Confirmar("¿Terminar la suplencia?", "Termina ayer; si aún no empezaba, se quita.", si="Terminar"),
            respuesta,
        )


def _linea(texto: str) -> str:
    """Stored text as one paragraph the table may wrap: printable, its line breaks and runs
    of spaces read as one space."""
    return " ".join(domain.imprimible(texto).split())


class FormularioAsesor(Formulario[str | None]):
    """Add an advisor (``asesor`` None) or change one; «Dar de baja» from the same form."""

    def __init__(self, asesor: Asesor | None) -> None:
        super().__init__()
        self.asesor = asesor

    def titulo(self) -> str:
        return f"Asesor {self.asesor.login}" if self.asesor else "Nuevo asesor"

    def campos(self) -> ComposeResult:
        a = self.asesor
        if a is None:
            yield Campo("Login", Input(placeholder="su usuario del sistema", id="login", compact=True))
        yield Campo("Nombre", Input(value=a.nombre if a else "", id="nombre", compact=True))
        yield Campo(
            "Rol",
            Lista([(r.value, r.value) for r in Rol], value=(a.rol.value if a else Rol.ASESOR.value),
                   allow_blank=False, id="rol", compact=True),
        )  # fmt: skip
        yield Campo(
            "Plaza", Input(value=a.plaza if a else "", placeholder="por omisión, la tuya", id="plaza", compact=True)
        )
        telefono = domain.format_telefono(a.telefono) if a and a.telefono else ""
        yield Campo("Teléfono", Input(value=telefono, placeholder="opcional", id="telefono", compact=True))
        if a is not None and a.activo:
            with Horizontal(classes="botones"):
                yield Static("Sus clientes se transfieren antes de la baja.", classes="ayuda-campo")
                yield Button("Dar de baja", id="baja", variant="error", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "baja":
            event.stop()
            self.action_baja()
            return
        super().on_button_pressed(event)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def guardar(self) -> str:
        textos = {c.id: c.value for c in self.query(Input) if c.id}
        rol = str(self.query_one("#rol", Select).value)
        login = self.asesor.login if self.asesor else textos.get("login", "")

        def accion(ctx: Contexto) -> Asesor:
            if self.asesor is None:
                return asesores.add(
                    ctx, login, nombre=textos["nombre"], plaza=textos["plaza"] or None, rol=rol,
                    telefono=textos["telefono"] or None,
                )  # fmt: skip
            actual = asesores.get(ctx.session, login)
            return asesores.edit(
                ctx, actual, nombre=textos["nombre"], plaza=textos["plaza"] or None,
                rol=rol if rol != actual.rol.value else None, telefono=textos["telefono"],
            )  # fmt: skip

        asesor = self.a3.gateway.write(accion)
        self.app.notify(f"{asesor.nombre} ({asesor.rol.value}, plaza {asesor.plaza})", title="Asesor guardado")
        return asesor.login

    def action_baja(self) -> None:
        if self.asesor is None:
            return
        login = self.asesor.login

        def accion(ctx: Contexto) -> list[str]:
            asesores.baja(ctx, asesores.get(ctx.session, login))
            return ctx.avisos

        try:
            avisos = self.a3.gateway.write(accion)
        except A3Error as error:
            self.mostrar_error(error.mensaje)
            return
        self.app.notify(f"{self.asesor.nombre} quedó dado de baja.", title="Asesores")
        for aviso in avisos:
            self.app.notify(aviso, title="Asesores", severity="warning")
        self.dismiss(login)


class FormularioSuplencia(Formulario[Suplencia | None]):
    """Name a suplente for an advisor who will be away."""

    BOTON = "Nombrar"

    def __init__(self, titular: str) -> None:
        super().__init__()
        self.titular = titular

    def titulo(self) -> str:
        return "Nombrar un suplente"

    def campos(self) -> ComposeResult:
        yield Campo(
            "Titular", Input(value=self.titular, placeholder="login del que no estará", id="titular", compact=True)
        )
        yield Campo("Suplente", Input(placeholder="login de quien lo cubre", id="suplente", compact=True))
        yield Campo("Desde", EntradaFecha(placeholder="hoy; o +1, lunes, 2026-12-01", id="desde"))
        yield Campo("Hasta", EntradaFecha(placeholder="p. ej. +7 o 2026-12-15", id="hasta"))
        yield Campo("Motivo", Input(placeholder="vacaciones, incapacidad… (opcional)", id="motivo", compact=True))

    def on_mount(self) -> None:
        self.query_one("#suplente" if self.titular else "#titular", Input).focus()

    def guardar(self) -> Suplencia:
        t = {c.id: c.value for c in self.query(Input) if c.id}

        def accion(ctx: Contexto) -> Suplencia:
            return asesores.add_suplencia(
                ctx,
                asesores.buscar(ctx, t["titular"]),
                asesores.buscar(ctx, t["suplente"]),
                domain.parse_fecha(t["desde"].strip() or "hoy", ctx.hoy),
                domain.parse_fecha(t["hasta"], ctx.hoy),
                t["motivo"],
            )

        suplencia = self.a3.gateway.write(accion)
        self.app.notify(
            f"Del {suplencia.desde.isoformat()} al {suplencia.hasta.isoformat()}.", title="Suplente nombrado"
        )
        return suplencia

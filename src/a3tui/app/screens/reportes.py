"""Reportes (R): «Mis métricas» (the four KPIs and the response time against target, the
trend against the same stretch of the period before, what each is made of), activities
per week as a bar chart, and the «Reporte de mis clientes» (clients per stage,
conversion, days to apartado, why they cancel), filtered by etapa and first-contact dates
(the filters above it, reached with Tab) and saved as Excel or PDF.

The figures are services.reportes' (the same as `a3 metricas` and `a3 reporte clientes
--etapa --desde --hasta`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Select, Static
from textual.worker import get_current_worker

from a3tui import domain
from a3tui.app.messages import LoadFailed
from a3tui.app.screens.base import PantallaA3
from a3tui.app.terminal import Terminal
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.formulario import MensajeError
from a3tui.app.widgets.lista import Desplegable
from a3tui.domain import Etapa, Kpi, Metrica, Reporte
from a3tui.errors import A3Error
from a3tui.services import Contexto, asesores, reportes
from a3tui.services.reportes import FiltroReporte

SEMANAS = 8
TODAS = "todas"
FECHAS = "Fecha de primer contacto: 2026-01-01, 01/01/2026, hoy, ayer…"


@dataclass
class DatosReportes:
    # The view's title: «Mis métricas», or «Métricas · plaza General» for another portfolio.
    cartera: str
    periodo: reportes.Periodo
    anterior: reportes.Periodo
    metricas: list[Metrica]
    semanas: list[tuple[date, int]]
    # «Reporte de mis clientes» of this portfolio, with the filter chosen with f.
    reporte: Reporte


def barras(pares: list[tuple[str, int]], ancho: int, estilo: str = "bold") -> Text:
    """Horizontal bars, one line per (label, value), scaled to ``ancho`` cells."""
    texto = Text()
    etiqueta = max((len(e) for e, _ in pares), default=0)
    cifra = max((len(f"{n:,}") for _, n in pares), default=1)
    espacio = max(4, ancho - etiqueta - cifra - 3)
    mayor = max((n for _, n in pares), default=0) or 1
    for i, (nombre, n) in enumerate(pares):
        largo = espacio * n / mayor
        llenos = int(largo)
        bloque = "█" * llenos + ("▌" if largo - llenos >= 0.5 else "")
        if i:
            texto.append("\n")
        texto.append(f"{nombre:<{etiqueta}} ")
        texto.append(f"{n:>{cifra},} ")
        texto.append(bloque or ("▏" if n else ""), style=estilo)
    return texto


class ReportesScreen(PantallaA3):
    """The advisor's (or, with p, the plaza's or an advisor's) metrics and charts."""

    TITLE = "a3"
    SUB_TITLE = "Reportes"
    BINDINGS = [
        # Numbers switch views (as tabs do elsewhere); ctrl+s saves (as in every form).
        Binding("1", "periodo(False)", "Semana", tooltip="Esta semana contra la pasada", id="a3.reportes.semana"),
        Binding("2", "periodo(True)", "Mes", tooltip="Este mes contra el pasado", id="a3.reportes.mes"),
        Binding(
            "ctrl+s",
            "guardar_como",
            "Guardar",
            tooltip="Guardar el reporte de clientes (Excel o PDF)",
            id="a3.reportes.guardar",
        ),
        Binding("P", "cartera", "Cartera", tooltip="Mis clientes, la plaza o un asesor", id="a3.reportes.cartera"),
        Binding(
            "escape",
            "volver",
            "Volver",
            tooltip="Quitar el filtro del reporte de clientes; sin filtro, volver",
            show=False,
            id="a3.reportes.volver",
        ),
    ]
    # The report takes the keys (1, 2, P…); the filters are reached with Tab, as elsewhere.
    AUTO_FOCUS = "#reportes"

    def __init__(self) -> None:
        super().__init__()
        self.mes = False
        self.datos: DatosReportes | None = None
        self._carteras: list[tuple[str, str]] = [("", "Mis clientes")]
        self._cartera = 0
        # The etapa and first-contact dates of the client report, as `a3 reporte clientes`.
        self.filtro = FiltroReporte()

    def compose(self) -> ComposeResult:
        yield BarraSuperior("reportes")
        with Horizontal(id="filtros"):
            yield Static("Reporte de clientes:", id="reportes-filtro-texto")
            yield Desplegable(
                [("Toda etapa", TODAS), *((e.value, e.value) for e in Etapa)],
                value=TODAS,
                allow_blank=False,
                id="reportes-etapa",
                compact=True,
            )
            yield Input(placeholder="desde", id="reportes-desde", compact=True, tooltip=FECHAS)
            yield Input(placeholder="hasta", id="reportes-hasta", compact=True, tooltip=FECHAS)
        yield MensajeError(id="reportes-error")
        with VerticalScroll(id="reportes"):
            yield Static("", id="reportes-titulo", markup=False)
            yield Static("", id="reportes-kpis")
            yield Static("", id="reportes-detalle", classes="ayuda-campo")
            yield Static("", id="reportes-semanas")
            yield Static("", id="reportes-etapas")
        yield Footer(compact=True)

    # ------------------------------------------------------------ loading

    def _quien(self) -> str | None:
        return self._carteras[self._cartera][0] or None

    def _filtro(self, ctx: Contexto) -> FiltroReporte:
        """The client report's filter on this screen's portfolio (the plaza, an advisor…)."""
        return _del_portafolio(ctx, self.filtro, self._quien())

    @property
    def lista_para_teclas(self) -> bool:
        # Keys typed ahead (1, 2, P, ^s) wait for the first figures.
        return self.datos is not None

    def load(self) -> None:
        """Read the figures in a worker (on a large plaza they take a few seconds): the
        keys and the filters stay alive meanwhile, and the newest read wins."""
        self._leer(self.mes, self._quien(), self.filtro)

    @work(thread=True, exclusive=True, group="reportes")
    def _leer(self, mes: bool, quien: str | None, filtro: FiltroReporte) -> None:
        def leer(ctx: Contexto) -> DatosReportes:
            vista = asesores.ver(ctx, quien)
            periodo = reportes.periodo(vista, "mes" if mes else "semana")
            return DatosReportes(
                cartera=reportes.titulo_metricas(vista),
                periodo=periodo,
                anterior=periodo.anterior(),
                metricas=reportes.metricas(vista, periodo),
                semanas=reportes.actividades_por_semana(vista, SEMANAS),
                # The month's metrics go in the saved files (action_guardar), not on screen.
                reporte=reportes.reporte_clientes(ctx, _del_portafolio(ctx, filtro, quien), con_metricas=False),
            )

        try:
            carteras = self.a3.gateway.read(asesores.carteras_posibles)
            datos = self.a3.gateway.read(leer)
        except A3Error as error:
            self.post_message(LoadFailed(error.mensaje))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._mostrar, carteras, datos)

    def _mostrar(self, carteras: list[tuple[str, str]], datos: DatosReportes) -> None:
        if not self.is_mounted:  # left before the figures arrived
            return
        self._carteras = carteras
        self.datos = datos
        self._pintar()
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.datos is not None:
            self._pintar()

    def _pintar(self) -> None:
        d = self.datos
        if d is None:
            return
        ancho = max(40, self.size.width - 4)
        self.query_one("#reportes-titulo", Static).update(
            Text.assemble(
                (d.cartera, "bold"),
                f" · {d.periodo.texto}, contra {d.anterior.nombre}",
            )
        )
        tabla = Table(box=None, header_style="bold", pad_edge=False, expand=False)
        for columna, justificar in (("Métrica", "left"), ("Valor", "right"), ("Meta", "left"), ("", "left"),
                                    ("Antes", "right"), ("Tendencia", "left")):  # fmt: skip
            tabla.add_column(columna, justify=justificar)  # type: ignore[arg-type]
        dibujable = self.a3.capacidades.dibujable
        for m in d.metricas:
            cumple = m.kpi.cumple
            tabla.add_row(
                m.kpi.nombre,
                domain.cifra_kpi(m.kpi.valor, m.kpi.unidad),
                m.kpi.meta,
                Text(dibujable(m.kpi.veredicto), style="" if cumple is None else ("green" if cumple else "red")),
                domain.cifra_kpi(m.anterior, m.kpi.unidad),
                m.tendencia,
            )  # fmt: skip
        self.query_one("#reportes-kpis", Static).update(tabla)
        self.query_one("#reportes-detalle", Static).update(
            Text("\n".join(f"{m.kpi.nombre}: {m.detalle}" for m in d.metricas))
        )
        semanas = Text.assemble(("Actividades por semana", "bold"), "\n")
        semanas.append_text(barras([(f"{lunes:%d/%m}", n) for lunes, n in d.semanas], ancho))
        self.query_one("#reportes-semanas", Static).update(semanas)
        self.query_one("#reportes-etapas", Static).update(_reporte_de_clientes(d.reporte, ancho, self.a3.capacidades))

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cartera":
            return len(self._carteras) > 1
        return True

    # ------------------------------------------------------------ the client report's filter

    @on(Select.Changed, "#reportes-etapa")
    def _etapa_cambio(self) -> None:
        self._aplicar_filtro()

    @on(Input.Submitted, "#reportes-desde, #reportes-hasta")
    def _fecha_lista(self) -> None:
        if self._aplicar_filtro():
            self.set_focus(self.query_one("#reportes", VerticalScroll))

    def on_descendant_blur(self, evento: events.DescendantBlur) -> None:
        # A date typed and left with Tab counts as given (as Enter does).
        if isinstance(evento.widget, Input) and evento.widget.id in ("reportes-desde", "reportes-hasta"):
            self._aplicar_filtro(enfocar=False)

    def _aplicar_filtro(self, *, enfocar: bool = True) -> bool:
        """Read the filter from its fields and the report again; a date that doesn't read
        is said under the filters, with the cursor on it (``enfocar``: not when the cursor
        is leaving, which must stay possible), and the report keeps its filter (False)."""
        error = self.query_one("#reportes-error", MensajeError)
        etapa = self.query_one("#reportes-etapa", Select).value
        textos = {campo: self.query_one(f"#reportes-{campo}", Input).value.strip() for campo in ("desde", "hasta")}

        def leer(ctx: Contexto) -> FiltroReporte:
            fechas: dict[str, date | None] = {}
            for campo, texto in textos.items():
                try:
                    fechas[campo] = domain.parse_fecha(texto, ctx.hoy, pasado=True) if texto else None
                except A3Error as fallo:
                    fallo.campo = campo
                    raise
            filtro = FiltroReporte(
                etapa=Etapa(etapa) if isinstance(etapa, str) and etapa != TODAS else None,
                desde=fechas["desde"],
                hasta=fechas["hasta"],
            )
            reportes.revisar_filtro(filtro)
            return filtro

        try:
            filtro = self.a3.gateway.read(leer)
        except A3Error as fallo:
            error.mostrar(fallo.mensaje)
            if fallo.campo and enfocar:
                self.set_focus(self.query_one(f"#reportes-{fallo.campo}", Input))
            return False
        error.limpiar()
        if filtro != self.filtro:
            self.filtro = filtro
            self.load()
        return True

    def _hay_filtro(self) -> bool:
        return self.query_one("#reportes-etapa", Select).value != TODAS or any(
            self.query_one(f"#reportes-{campo}", Input).value.strip() for campo in ("desde", "hasta")
        )

    def action_periodo(self, mes: bool) -> None:
        if self.mes != mes:
            self.mes = mes
            self.load()

    def action_guardar_como(self) -> None:
        from a3tui.app.screens.mas import MenuMas

        def elegido(accion: str | None) -> None:
            if accion:
                self.call_later(self.run_action, accion)

        self.app.push_screen(
            MenuMas(
                [("guardar('xlsx')", "", "Excel: resumen y lista de clientes"),
                 ("guardar('pdf')", "", "PDF: resumen, gráfica y primeros clientes")],
                titulo="Guardar el reporte de clientes",
            ),
            elegido,
        )  # fmt: skip

    def action_cartera(self) -> None:
        self._cartera = (self._cartera + 1) % len(self._carteras)
        self.load()
        self.notify(self._carteras[self._cartera][1], title="Cartera")

    def action_volver(self) -> None:
        """Esc: out of a filter's field; then the filter goes; then back to Mis tareas."""
        informe = self.query_one("#reportes", VerticalScroll)
        if self.focused is not informe and self.focused is not None:
            self.set_focus(informe)
        elif self._hay_filtro():
            with self.prevent(Select.Changed):
                self.query_one("#reportes-etapa", Select).value = TODAS
            for campo in ("desde", "hasta"):
                self.query_one(f"#reportes-{campo}", Input).value = ""
            self._aplicar_filtro()
            self.notify("Sin filtro: todos tus clientes.", title="Reporte de clientes")
        else:
            self.app.action_mis_tareas()  # type: ignore[attr-defined]

    def action_guardar(self, formato: str) -> None:
        """The «Reporte de mis clientes» of this portfolio, in the documents folder."""

        def generar(ctx: Contexto) -> tuple[bytes, str, int]:
            from a3tui.exporters import reporte as archivos

            filtro = self._filtro(ctx)
            reporte = reportes.reporte_clientes(ctx, filtro)
            filas = reportes.filas_reporte(ctx, filtro)
            datos = archivos.xlsx_reporte(reporte, filas) if formato == "xlsx" else archivos.pdf_reporte(reporte, filas)
            return datos, f"reporte-clientes-{ctx.hoy.isoformat()}.{formato}", reporte.total

        try:
            datos, nombre, total = self.a3.gateway.read(generar)
            destino = _guardar_en_documentos(nombre, datos)
        except A3Error as error:
            self.notify(error.mensaje, severity="error", title="No se pudo")
            return
        # The path whole, in a dialog that stays until it is read (a toast cut it and vanished).
        from a3tui.app.screens.detalle import Detalle

        self.app.push_screen(Detalle("Reporte guardado", f"{total:,} clientes en:\n{destino}", copiar=str(destino)))


def _del_portafolio(ctx: Contexto, filtro: FiltroReporte, quien: str | None) -> FiltroReporte:
    """The client report's ``filtro`` on the portfolio shown: the plaza, an advisor, or the
    advisor's own clients."""
    if quien == "plaza":
        return replace(filtro, plaza=ctx.asesor.plaza, asesor=None)
    return replace(filtro, asesor=quien, plaza=None)


def _kpi(nombre: str, kpi: Kpi, terminal: Terminal, unidad: str = "") -> Text:
    cumple = kpi.cumple
    texto = Text(f"{nombre}: {domain.cifra_kpi(kpi.valor, unidad)} (meta {kpi.meta}, ")
    texto.append(terminal.dibujable(kpi.veredicto), style="" if cumple is None else ("green" if cumple else "red"))
    return texto.append(")")


def _reporte_de_clientes(reporte: Reporte, ancho: int, terminal: Terminal) -> Text:
    """«Reporte de mis clientes» as `a3 reporte clientes` prints it: what it covers, the
    totals, conversion and days to apartado, clients per stage as bars, why they cancel
    (the symbols as ``terminal`` draws them)."""
    texto = Text.assemble((reporte.titulo, "bold"), " · ")
    texto.append(domain.imprimible(reporte.filtros))
    texto.append("\nSu filtro está arriba (Tab): etapa y fechas de primer contacto; ^s lo guarda.\n", style="dim")
    cifras = f"{reporte.total:,} clientes · {reporte.actividades_mes:,} actividades con ellos este mes"
    if reporte.actividades_rango is not None:
        cifras += f" · {reporte.actividades_rango:,} en el rango de fechas"
    texto.append(cifras + "\n")
    texto.append_text(_kpi("Conversión", reporte.conversion, terminal, "%"))
    texto.append(" · ")
    texto.append_text(_kpi("días a apartado", reporte.dias_apartado, terminal))
    texto.append("\n")
    texto.append_text(barras([(e.value, n) for e, n in reporte.por_etapa.items()], ancho))
    if reporte.cancelaciones:
        texto.append("\nPor qué cancelan", style="bold")
        for motivo, n in reporte.cancelaciones:
            texto.append(domain.imprimible(f"\n  {motivo}: {n:,}"))
    return texto


def _guardar_en_documentos(nombre: str, datos: bytes) -> Path:
    from a3tui.archivos import archivo_nuevo, carpeta_de_documentos, guardar_archivo

    return guardar_archivo(archivo_nuevo(carpeta_de_documentos(), nombre), datos)

"""Reportes (R): «Mis métricas» (the four KPIs against target, the trend against the same
stretch of the period before, what each is made of), activities per week and clients per
stage as bar charts, and the «Reporte de mis clientes» saved as Excel or PDF.

The figures are services.reportes' (the same as `a3 metricas` and `a3 reporte clientes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from a3tui import domain
from a3tui.app.screens.base import PantallaA3
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.domain import Etapa, Metrica
from a3tui.errors import A3Error
from a3tui.services import Contexto, asesores, reportes

SEMANAS = 8


@dataclass
class DatosReportes:
    # The view's title: «Mis métricas», or «Métricas · plaza General» for another portfolio.
    cartera: str
    periodo: reportes.Periodo
    anterior: reportes.Periodo
    metricas: list[Metrica]
    semanas: list[tuple[date, int]]
    por_etapa: dict[Etapa, int]


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
        Binding("escape", "volver", "Volver", show=False, id="a3.reportes.volver"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mes = False
        self.datos: DatosReportes | None = None
        self._carteras: list[tuple[str, str]] = [("", "Mis clientes")]
        self._cartera = 0

    def compose(self) -> ComposeResult:
        yield BarraSuperior("reportes")
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

    def load(self) -> None:
        mes, quien = self.mes, self._quien()

        def leer(ctx: Contexto) -> DatosReportes:
            vista = asesores.ver(ctx, quien)
            periodo = reportes.periodo(vista, "mes" if mes else "semana")
            return DatosReportes(
                cartera=reportes.titulo_metricas(vista),
                periodo=periodo,
                anterior=periodo.anterior(),
                metricas=reportes.metricas(vista, periodo),
                semanas=reportes.actividades_por_semana(vista, SEMANAS),
                por_etapa=reportes.reporte_clientes(vista).por_etapa,
            )

        self._carteras = self.a3.gateway.read(asesores.carteras_posibles)
        self.datos = self.a3.gateway.read(leer)
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
        for m in d.metricas:
            cumple = m.kpi.cumple
            tabla.add_row(
                m.kpi.nombre,
                domain.cifra_kpi(m.kpi.valor, m.kpi.unidad),
                m.kpi.meta,
                Text(m.kpi.veredicto, style="" if cumple is None else ("green" if cumple else "red")),
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
        etapas = Text.assemble(("Clientes por etapa", "bold"), "\n")
        etapas.append_text(barras([(e.value, n) for e, n in d.por_etapa.items()], ancho))
        self.query_one("#reportes-etapas", Static).update(etapas)

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cartera":
            return len(self._carteras) > 1
        return True

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
        self.app.action_mis_tareas()  # type: ignore[attr-defined]

    def action_guardar(self, formato: str) -> None:
        """The «Reporte de mis clientes» of this portfolio, in the documents folder."""
        quien = self._quien()

        def generar(ctx: Contexto) -> tuple[bytes, str, int]:
            from a3tui.exporters import reporte as archivos

            filtro = reportes.FiltroReporte(asesor=quien if quien not in ("plaza",) else None,
                                            plaza=ctx.asesor.plaza if quien == "plaza" else None)  # fmt: skip
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
        self.notify(f"{total:,} clientes · {destino}", title="Reporte guardado")


def _guardar_en_documentos(nombre: str, datos: bytes) -> Path:
    from a3tui.store import archivo_nuevo, carpeta_de_documentos, guardar_archivo

    return guardar_archivo(archivo_nuevo(carpeta_de_documentos(), nombre), datos)

"""Reportes (R) in the app (issue 12): the same figures as the services, semana/mes with
s, the plaza with p, and the client report saved as Excel (x) or PDF (d)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.detalle import Detalle
from a3tui.app.screens.reportes import ReportesScreen, barras
from a3tui.app.widgets.formulario import MensajeError
from a3tui.domain import Etapa
from a3tui.services import actividades, asesores, clientes, reportes
from a3tui.store import Store
from apoyo.app import dialogo, en_pantalla, esperar, pantalla, texto

TAMANO = (80, 24)


def _metricas(store: Store, login: str = "ana", quien: str | None = None, mes: bool = False) -> list[tuple]:
    with store.session() as session:
        ctx = asesores.ver(services.contexto(session, login), quien)
        periodo = reportes.periodo(ctx, "mes" if mes else "semana")
        return [(m.clave, m.kpi.valor, m.anterior) for m in reportes.metricas(ctx, periodo)]


def _en_pantalla(pantalla: ReportesScreen) -> list[tuple]:
    assert pantalla.datos is not None
    return [(m.clave, m.kpi.valor, m.anterior) for m in pantalla.datos.metricas]


@pytest.mark.ambos_motores
async def test_reportes_muestra_las_metricas_de_los_servicios(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ReportesScreen)
        assert _en_pantalla(pantalla) == _metricas(store)
        assert "esta semana" in texto(pantalla.query_one("#reportes-titulo", Static))
        semanas = texto(pantalla.query_one("#reportes-semanas", Static))
        assert semanas.startswith("Actividades por semana")
        assert len(semanas.splitlines()) == 1 + 8
        await pilot.press("2")
        await esperar(pilot)
        assert _en_pantalla(pantalla) == _metricas(store, mes=True)
        assert "este mes" in texto(pantalla.query_one("#reportes-titulo", Static))


async def test_la_coordinadora_ve_la_plaza_con_p(store: Store) -> None:
    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ReportesScreen)
        await pilot.press("P")
        await esperar(pilot)
        assert "plaza General" in texto(pantalla.query_one("#reportes-titulo", Static))
        assert _en_pantalla(pantalla) == _metricas(store, "carla", "plaza")


async def test_una_asesora_sin_suplencias_no_cambia_de_cartera(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        assert "P" not in [a.binding.key for a in app.screen.active_bindings.values()]


async def test_guardar_el_reporte_en_excel_y_pdf(store: Store, tmp_path: Path, monkeypatch) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from a3tui import archivos

    carpeta = tmp_path / "documentos"
    carpeta.mkdir()
    monkeypatch.setattr(archivos, "carpeta_de_documentos", lambda: carpeta)
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        await pilot.press("ctrl+s")
        await esperar(pilot)
        await pilot.press("enter")  # Excel, the first
        await esperar(pilot)
        # Where it went stays on screen, whole, until read (a toast cut the path and vanished).
        [xlsx] = list(carpeta.glob("*.xlsx"))
        assert isinstance(app.screen, Detalle)
        assert str(xlsx) in dialogo(pantalla(app)).replace(" ", "")
        assert app.clipboard == str(xlsx)
        await pilot.press("escape")
        await esperar(pilot)
        await pilot.press("ctrl+s", "down", "enter")  # PDF
        await esperar(pilot)
        assert isinstance(app.screen, Detalle)
        await pilot.press("escape")
        await esperar(pilot)
    [pdf] = list(carpeta.glob("*.pdf"))
    with store.session() as session:
        total = reportes.reporte_clientes(services.contexto(session, "ana")).total
    assert load_workbook(xlsx)["Clientes"].max_row == total + 1
    assert "Clientes por etapa" in PdfReader(pdf).pages[0].extract_text()


def test_barras_escalan_al_mayor() -> None:
    lineas = barras([("a", 10), ("bb", 5), ("c", 0)], 20).plain.splitlines()
    # 20 cells: label (2), figure (2) and three spaces leave 13 for the longest bar.
    assert lineas[0] == "a  10 " + "█" * 13
    assert lineas[1] == "bb  5 " + "█" * 6 + "▌"
    assert lineas[2] == "c   0 "


# ---------------------------------------------------------------- the client report, filtered (f)


def _reporte(store: Store, login: str, filtro: reportes.FiltroReporte) -> tuple[int, dict]:
    with store.session() as session:
        reporte = reportes.reporte_clientes(services.contexto(session, login), filtro)
        return reporte.total, reporte.por_etapa


def _en_pantalla_reporte(pantalla: ReportesScreen) -> tuple[int, dict]:
    assert pantalla.datos is not None
    return pantalla.datos.reporte.total, pantalla.datos.reporte.por_etapa


async def test_el_reporte_de_clientes_se_filtra_por_etapa_y_fechas(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28, point 10: as `a3 reporte clientes --etapa prospecto --desde … --hasta …`;
    the filters are above the report, reached with Tab, as on every list."""
    from openpyxl import load_workbook

    from a3tui import archivos

    carpeta = tmp_path / "documentos"
    carpeta.mkdir()
    monkeypatch.setattr(archivos, "carpeta_de_documentos", lambda: carpeta)
    filtro = reportes.FiltroReporte(etapa=Etapa.PROSPECTO, desde=date(2026, 9, 1), hasta=date(2026, 11, 10))
    total, por_etapa = _reporte(store, "ana", filtro)
    assert 0 < total < _reporte(store, "ana", reportes.FiltroReporte())[0]  # the filter leaves some out
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ReportesScreen)
        # Etapa (its list: the first after «Toda etapa»), then the dates; Enter applies.
        await pilot.press("tab", "enter", "down", "enter")
        await esperar(pilot)
        await pilot.press("tab", *"2026-09-01", "tab", *"10/11/2026", "enter")
        await esperar(pilot)
        assert app.focused is pantalla.query_one("#reportes")
        assert _en_pantalla_reporte(pantalla) == (total, por_etapa)
        seccion = texto(pantalla.query_one("#reportes-etapas", Static))
        assert seccion.startswith(
            "Reporte de mis clientes · etapa prospecto, primer contacto desde 2026-09-01 hasta 2026-11-10"
        )
        assert f"{total:,} clientes" in seccion
        await pilot.press("ctrl+s", "enter")  # saved as Excel, with the same filter
        await esperar(pilot)
        await pilot.press("escape")  # closes where it was saved
        await esperar(pilot)
        await pilot.press("escape")  # Esc takes the filter away first
        await esperar(pilot)
        assert isinstance(app.screen, ReportesScreen)
        assert _en_pantalla_reporte(pantalla) == _reporte(store, "ana", reportes.FiltroReporte())
    [xlsx] = list(carpeta.glob("*.xlsx"))
    assert load_workbook(xlsx)["Clientes"].max_row == total + 1


async def test_un_rango_al_reves_se_dice_junto_al_filtro(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ReportesScreen)
        await pilot.press("tab", "tab", *"2026-11-20", "tab", *"2026-11-01", "enter")
        await esperar(pilot)
        assert "posterior" in texto(pantalla.query_one(MensajeError))
        assert app.focused is pantalla.query_one("#reportes-hasta", Input)
        assert pantalla.filtro == reportes.FiltroReporte(desde=date(2026, 11, 20))  # the last that read
        await pilot.press("escape", "escape")  # out of the field (never a trap), then the filter goes
        await esperar(pilot)
        assert pantalla.filtro == reportes.FiltroReporte()
        assert not pantalla.query_one(MensajeError).display


async def test_el_reporte_de_la_plaza_es_de_la_plaza(store: Store) -> None:
    """The coordinator's P moved the metrics to the plaza but left the clients per stage
    on her own (none)."""
    plaza = _reporte(store, "carla", reportes.FiltroReporte(plaza="General"))
    assert plaza != _reporte(store, "carla", reportes.FiltroReporte())
    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        await pilot.press("P")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ReportesScreen)
        assert _en_pantalla_reporte(pantalla) == plaza


async def test_reportes_muestra_cuanto_tarda_la_respuesta_a_quien_escribio(store: Store) -> None:
    """Issue 28 point 5: the response time is one of the metrics, with its target, and the
    clients still waiting are said under it."""
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        juan, rosa = clientes.add(ctx, "Juan Pérez"), clientes.add(ctx, "Rosa Díaz")
        actividades.mensaje(ctx, juan, contenido="¿Precio?", entrante=True, fecha=datetime(2026, 11, 23, 8, 0))
        actividades.mensaje(ctx, juan, contenido="Le envío la lista", fecha=datetime(2026, 11, 23, 9, 30))
        actividades.email(ctx, rosa, asunto="¿Enganche?", entrante=True, fecha=datetime(2026, 11, 23, 9, 0))
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        [fila] = [linea for linea in pantalla(app) if "Tiempo de respuesta " in linea]
        assert fila.split()[3:] == ["1.5", "h", "<", "24", "horas", "✓", "cumple", "—", "—"]
        # The figure fits the table at 80 columns: no metric's name breaks in two.
        assert any(linea.strip().startswith("Actividades esta semana ") for linea in pantalla(app))
        assert "1 sin responder (quien más espera escribió hoy)" in en_pantalla(pantalla(app))

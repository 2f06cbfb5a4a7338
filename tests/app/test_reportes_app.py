"""Reportes (R) in the app (issue 12): the same figures as the services, semana/mes with
s, the plaza with p, and the client report saved as Excel (x) or PDF (d)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.reportes import ReportesScreen, barras
from a3tui.services import asesores, reportes
from a3tui.store import Store
from apoyo.app import esperar, texto

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

    from a3tui import store as store_module

    carpeta = tmp_path / "documentos"
    carpeta.mkdir()
    monkeypatch.setattr(store_module, "carpeta_de_documentos", lambda: carpeta)
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("R")
        await esperar(pilot)
        await pilot.press("ctrl+s")
        await esperar(pilot)
        await pilot.press("enter")  # Excel, the first
        await esperar(pilot)
        await pilot.press("ctrl+s", "down", "enter")  # PDF
        await esperar(pilot)
    [xlsx] = list(carpeta.glob("*.xlsx"))
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

"""The command palette (ctrl+p, issue 13): Spanish texts, sections and actions, and any
client by name, phone or email."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from a3tui.app.app import A3App
from a3tui.app.paleta import SIN_RESULTADOS
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.reportes import ReportesScreen
from a3tui.store import Store
from apoyo.app import buscar_en_paleta, esperar

TAMANO = (80, 24)


@pytest.mark.ambos_motores
async def test_la_paleta_abre_la_ficha_de_un_cliente_por_su_nombre(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        opciones = await buscar_en_paleta(pilot, "jose nunez")
        assert any("Cliente: José Ñúñez Pérez" in o for o in opciones)
        await pilot.press("enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert app.screen.cliente_id == ids["jose"]


async def test_la_paleta_encuentra_por_telefono(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        opciones = await buscar_en_paleta(pilot, "442 123")
        assert any("Ana Sofía" in o for o in opciones)


async def test_la_paleta_va_a_cada_seccion(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await buscar_en_paleta(pilot, "Reportes")
        await pilot.press("enter")
        await esperar(pilot)
        assert isinstance(app.screen, ReportesScreen)


async def test_sin_resultados_lo_dice_en_espanol(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("ctrl+p")
        await esperar(pilot)
        await pilot.press(*"zzqxw")
        await pilot.pause(1.5)
        lista = app.screen.query_one(CommandList)
        textos = [str(lista.get_option_at_index(i).prompt) for i in range(lista.option_count)]
        assert any(SIN_RESULTADOS in t for t in textos)
        assert not any("No matches" in t for t in textos)


async def test_ctrl_c_dice_como_salir_en_espanol(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("ctrl+c")
        await esperar(pilot)
        avisos = [n.message for n in app._notifications]
        assert any("Para salir de a3 presiona q" in m for m in avisos)
        assert not any("Press" in m for m in avisos)

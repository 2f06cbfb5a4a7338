"""The ficha's history draws only the rows on screen (issue 14: the ficha opens faster and a
cursor move sends two lines down the wire), and keeps the keys and look of the table it
replaced."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.detalle import Detalle
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.widgets.ficha.tablas import TablaHistorial
from a3tui.services import actividades, clientes
from a3tui.services.expediente import LIMITE_HISTORIAL
from a3tui.store import Store
from apoyo.app import abrir_ficha, esperar, espiar_repintados, filas
from apoyo.cartera import AHORA

LLAMADAS = LIMITE_HISTORIAL + 50


@pytest.fixture
def historial_largo(store: Store, ids: dict[str, int]) -> int:
    """Pedro with more calls than the ficha reads (the oldest are counted in a last row)."""
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        pedro = clientes.get(ctx, ids["pedro"])
        for n in range(LLAMADAS):
            actividades.llamada(ctx, pedro, "no-contestó", duracion_min=n + 1, fecha=AHORA - timedelta(hours=n + 1))
        session.commit()
    return ids["pedro"]


async def _ficha(pilot: Pilot[None], cliente_id: int) -> TablaHistorial:
    ficha = await abrir_ficha(pilot, cliente_id)
    return ficha.query_one("#t-historial", TablaHistorial)


def _espiar_renglones(tabla: TablaHistorial, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the table builds from now on (-1: its header)."""
    dibujados: list[int] = []
    original = tabla._render_fila

    def espia(indice: int, es_cursor: bool, ancho: int):  # type: ignore[no-untyped-def]
        dibujados.append(indice)
        return original(indice, es_cursor, ancho)

    monkeypatch.setattr(tabla, "_render_fila", espia)
    return dibujados


def _es_cursor(tabla: TablaHistorial, y: int) -> bool:
    """Whether line ``y`` of the table (0: the header) is drawn in the cursor's colours."""
    cursor = tabla.get_component_rich_style("tabla-virtual--cursor")
    return all(s.style is not None and s.style.bgcolor == cursor.bgcolor for s in tabla.render_line(y) if s.text)


@pytest.mark.ambos_motores
async def test_abrir_la_ficha_dibuja_solo_los_renglones_que_se_ven(
    store: Store, historial_largo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = A3App(store)
    dibujados: list[int] = []
    original = TablaHistorial._render_fila

    def espia(self: TablaHistorial, indice: int, es_cursor: bool, ancho: int):  # type: ignore[no-untyped-def]
        dibujados.append(indice)
        return original(self, indice, es_cursor, ancho)

    monkeypatch.setattr(TablaHistorial, "_render_fila", espia)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        alto = tabla.scrollable_content_region.height - 1  # the header takes a line
        assert tabla.row_count == LIMITE_HISTORIAL + 1  # every entry read, and the older ones counted
        # Each row on screen built once (a DataTable rendered them several times per open),
        # none of the rows below.
        assert sorted(dibujados) == list(range(-1, alto))
        assert len(tabla._lineas) == alto + 1


async def test_el_historial_muestra_lo_reciente_primero_y_cuenta_lo_anterior(
    store: Store, historial_largo: int
) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        renglones = filas(tabla)
        assert renglones[0].startswith("2026-11-23 09:00 | Llamada: no contestó · 1 min")
        assert renglones[-1] == f"… | y {LLAMADAS - LIMITE_HISTORIAL} anteriores"


@pytest.mark.ambos_motores
async def test_flechas_paginas_inicio_y_fin_mueven_el_cursor_y_la_vista(store: Store, historial_largo: int) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        await pilot.press("2")  # the Historial tab: its table takes the focus
        assert app.focused is tabla
        alto = tabla.scrollable_content_region.height - 1

        def a_la_vista() -> bool:
            return tabla.scroll_offset.y <= tabla.cursor_row < tabla.scroll_offset.y + alto

        await pilot.press("up")
        assert tabla.cursor_row == 0
        await pilot.press("down", "down", "down")
        assert tabla.cursor_row == 3
        await pilot.press("pagedown")
        assert tabla.cursor_row == 3 + alto
        assert tabla.scroll_offset.y == alto  # the view moved a page with the cursor
        await pilot.press("up", "pageup")
        assert tabla.cursor_row == 2
        assert a_la_vista()
        await pilot.press("end")
        assert tabla.cursor_row == tabla.row_count - 1  # the last row there is, at once
        assert a_la_vista()
        await pilot.press("down")
        assert tabla.cursor_row == tabla.row_count - 1
        await pilot.press("home")
        assert tabla.cursor_row == 0
        assert tabla.scroll_offset.y == 0
        await pilot.press("ctrl+end")
        assert tabla.cursor_row == tabla.row_count - 1
        await pilot.press("ctrl+home")
        assert tabla.cursor_row == 0


async def test_el_renglon_del_cursor_se_resalta(store: Store, historial_largo: int) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        await pilot.press("2", "down", "down")
        await esperar(pilot)
        # Line 0 is the header: row 2 is line 3.
        assert [y for y in range(tabla.scrollable_content_region.height) if _es_cursor(tabla, y)] == [3]
        assert "2026-11-23 07:00" in tabla.render_line(3).text


async def test_mover_el_cursor_dibuja_solo_los_dos_renglones_que_cambian(
    store: Store, historial_largo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        await pilot.press("2")
        await esperar(pilot)
        dibujados = _espiar_renglones(tabla, monkeypatch)
        repintados = espiar_repintados(tabla, monkeypatch)
        await pilot.press("down")
        await esperar(pilot)
        assert tabla.cursor_row == 1
        assert sorted(dibujados) == [0, 1]  # the row the cursor left and the one it reached
        assert repintados
        assert all(len(r) == 1 and r[0].height == 1 for r in repintados)  # never the whole table
        assert {r[0].y for r in repintados} == {1, 2}  # (line 0 is the header)


async def test_enter_muestra_completa_la_actividad_elegida(store: Store, historial_largo: int) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ficha(pilot, historial_largo)
        await pilot.press("2", "down", "down", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, Detalle)
        assert app.screen._titulo == "2026-11-23 07:00"


async def test_enter_en_el_renglon_de_las_anteriores_no_hace_nada(store: Store, historial_largo: int) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ficha(pilot, historial_largo)
        await pilot.press("2", "end", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)


async def test_un_clic_mueve_el_cursor_y_otro_abre_la_actividad(store: Store, historial_largo: int) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        await pilot.click(TablaHistorial, offset=(5, 4))  # line 4: row 3
        await esperar(pilot)
        assert tabla.cursor_row == 3
        assert isinstance(app.screen, FichaScreen)
        await pilot.click(TablaHistorial, offset=(5, 4))
        await esperar(pilot)
        assert isinstance(app.screen, Detalle)


async def test_sin_color_el_cursor_va_en_inverso(
    store: Store, historial_largo: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, historial_largo)
        await pilot.press("2")
        await esperar(pilot)
        estilos = [s.style for s in tabla.render_line(1) if s.text]
        assert estilos
        assert all(e is not None and e.reverse for e in estilos)
        assert not any(s.style is not None and s.style.reverse for s in tabla.render_line(2) if s.text)


async def test_sin_actividades_dice_como_registrar_una(store: Store) -> None:
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        nuevo = clientes.add(ctx, "Cliente Sin Historia", telefonos=["8110000000"])
        session.commit()
        nuevo_id = nuevo.id
    assert nuevo_id is not None
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        tabla = await _ficha(pilot, nuevo_id)
        assert filas(tabla) == ["— | Sin actividades todavía; registra una con a."]
        await pilot.press("2", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)

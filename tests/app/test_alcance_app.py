"""What the command line could do and the app couldn't (issue 28, point 10), done with the
keys at 80x24: the days of «Fríos» (`cliente list --frios --dias`), the follow-up cadence
(`ajuste cadencia`), a report filtered by etapa and dates (`reporte clientes --etapa
--desde --hasta`) and the list of apartados (`apartado list`)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, Static, TabbedContent

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.ajustes import AjustesSeguimiento
from a3tui.app.screens.apartados import ApartadosScreen, TablaApartados
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.mis_tareas import MisTareasScreen
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.domain import EstadoApartado
from a3tui.services import apartados, clientes, propiedades
from a3tui.store import Store
from apoyo.app import buscar_en_paleta, esperar, filas, texto

TAMANO = (80, 24)


def _frios(store: Store, dias: int) -> list[str]:
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        return [f.nombre for f in clientes.list_(ctx, clientes.Filtro(frios=True, dias=dias))]


# ---------------------------------------------------------------- the days of «Fríos»


async def test_los_dias_de_frios_se_eligen_en_clientes(store: Store) -> None:
    assert _frios(store, 5) != _frios(store, 7)  # the days change the answer
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        await pilot.press("f")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ClientesScreen)
        lista = pantalla.query_one(ListaClientes)
        assert lista.total == len(_frios(store, 7))
        # The filters are reached with Tab from the search; the days come after «Fríos».
        await pilot.press("slash", "tab", "tab", "tab", "tab", "5", "enter")
        await esperar(pilot)
        assert app.focused is lista
        assert lista.filtro.dias == 5
        assert lista.total == len(_frios(store, 5))
        assert texto(pantalla.query_one("#resumen", Static)).endswith("· sin actividad en 5 días")
        await pilot.press("escape")  # Esc clears the filters: the usual days again
        await esperar(pilot)
        assert not lista.filtro.frios
        await pilot.press("f")
        await esperar(pilot)
        assert lista.filtro.dias == 7


async def test_cero_dias_de_frios_lo_dice_y_sigue_con_los_de_siempre(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        await pilot.press("f", "slash", "tab", "tab", "tab", "tab", "0", "enter")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        assert lista.filtro.dias == 7
        assert [n.message for n in app._notifications] == ["Los días de «Fríos» deben ser al menos 1; sigo con 7."]


# ---------------------------------------------------------------- the cadence (A)


def _cadencia_y_proximo(store: Store, cliente_id: int) -> tuple[dict[str, int], date | None]:
    with store.session() as session:
        ctx = services.contexto(session, "carla")
        return dict(ctx.cadencia), clientes.get(ctx, cliente_id).proximo_contacto


async def test_a_cambia_la_cadencia_y_recalcula_el_proximo_contacto(store: Store, ids: dict[str, int]) -> None:
    """María (tibio) was last reached 6 days ago: due tomorrow every 7 days, due yesterday every 5."""
    antes, proximo = _cadencia_y_proximo(store, ids["maria"])
    assert (antes["prospecto/tibio"], proximo) == (7, date(2026, 11, 24))
    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("A")
        await esperar(pilot)
        assert isinstance(app.screen, AjustesSeguimiento)
        valores = {campo.id: campo.value for campo in app.screen.query(Input)}
        assert valores["cadencia-prospecto-tibio"] == "7"
        await pilot.press("tab", "5", "ctrl+s")  # the second field; typing replaces its value
        await esperar(pilot)
        assert not isinstance(app.screen, AjustesSeguimiento)
        assert list(app._notifications)[-1].message == (
            "prospecto/tibio cada 5 días. Próximo contacto recalculado: cambia en 3 clientes."
        )
    despues, proximo = _cadencia_y_proximo(store, ids["maria"])
    assert despues == {**antes, "prospecto/tibio": 5}
    assert proximo == date(2026, 11, 22)


async def test_la_cadencia_la_cambia_solo_un_coordinador(store: Store) -> None:
    antes, _ = _cadencia_y_proximo(store, 1)
    app = A3App(store)  # ana, an advisor
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("A", "5", "ctrl+s")
        await esperar(pilot)
        assert isinstance(app.screen, AjustesSeguimiento)
        assert "coordinador" in str(app.screen.error.content)
    assert _cadencia_y_proximo(store, 1)[0] == antes


async def test_dias_de_cadencia_vacios_se_piden_en_su_campo(store: Store) -> None:
    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("A", "tab", "tab", "backspace", "ctrl+s")
        await esperar(pilot)
        assert isinstance(app.screen, AjustesSeguimiento)
        assert "prospecto frío" in str(app.screen.error.content)
        assert app.focused is app.screen.query_one("#cadencia-prospecto-frio", Input)


# ---------------------------------------------------------------- the apartados (V)


def _apartados(store: Store, estado: str | None = None) -> list[int]:
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        filtro = EstadoApartado(estado) if estado else None
        return [f.id for f in apartados.list_(ctx, estado=filtro)]


async def test_v_lista_los_apartados_y_enter_abre_la_ficha_en_ellos(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("V")
        await esperar(pilot)
        pantalla = app.screen
        assert isinstance(pantalla, ApartadosScreen)
        tabla = pantalla.query_one(TablaApartados)
        assert app.focused is tabla
        assert [tabla.fila(i).id for i in range(tabla.row_count)] == _apartados(store)  # type: ignore[union-attr]
        assert filas(tabla) == [
            "2026-11-22 | Ana Sofía Martínez | CUM-A-12 · Cumbres … | $25,000 | activo",
            "2026-09-24 | Roberto Cantú Eli… | VAL-B-03 · Valle Al… | $15,000 | escriturado",
        ]
        # The row cut at 80 columns reads whole on the line below the list.
        detalle = "Apartado 1 · CUM-A-12 · Cumbres Elite Roble · Ana Sofía Martínez (id 6)"
        assert texto(pantalla.query_one("#detalle", Static)) == detalle
        assert texto(pantalla.query_one("#resumen", Static)) == "2 apartados"
        # The state filter, reached with Tab as every filter: only the live ones.
        await pilot.press("shift+tab", "enter", "down", "enter")
        await esperar(pilot)
        assert app.focused is tabla
        assert texto(pantalla.query_one("#resumen", Static)) == "1 apartado activo"
        assert filas(tabla) == ["2026-11-22 | Ana Sofía Martínez | CUM-A-12 · Cumbres … | $25,000 | activo"]
        await pilot.press("enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert app.screen.cliente_id == ids["sofia"]
        assert app.screen.query_one(TabbedContent).active == "apartados"
        await pilot.press("escape", "escape")  # back to the list; Esc clears the filter
        await esperar(pilot)
        assert texto(pantalla.query_one("#resumen", Static)) == "2 apartados"
        await pilot.press("escape")  # without a filter, back to Mis tareas
        await esperar(pilot)
        assert isinstance(app.screen, MisTareasScreen)


async def test_la_paleta_abre_los_apartados_y_los_ajustes(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        assert any(o.startswith("Apartados") for o in await buscar_en_paleta(pilot, "Apartados"))
        await pilot.press("enter")
        await esperar(pilot)
        assert isinstance(app.screen, ApartadosScreen)
        assert any(o.startswith("Ajustes") for o in await buscar_en_paleta(pilot, "Ajustes"))
        await pilot.press("enter")
        await esperar(pilot)
        assert isinstance(app.screen, AjustesSeguimiento)


async def test_los_apartados_se_leen_por_paginas(store: Store) -> None:
    """250 reservations: the list reads the page on screen and the one it jumps to, never all."""
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        for n in range(250):
            cliente = clientes.add(ctx, f"Cliente {n:03d}", primer_contacto=date(2026, 11, 1))
            casa = propiedades.add(ctx, f"LOT-{n:03d}", desarrollo="Lotes", precio_centavos=50_000_000)
            apartados.crear(ctx, cliente, casa, 1_000_000, fecha=date(2026, 11, 1) + timedelta(days=n % 20))
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("V")
        await esperar(pilot)
        tabla = app.screen.query_one(TablaApartados)
        assert tabla.row_count == 252
        assert texto(app.screen.query_one("#resumen", Static)) == "252 apartados"
        assert tabla.paginas_leidas == [0]
        await pilot.press("end")
        await esperar(pilot)
        assert tabla.paginas_leidas == [0, 2]
        ultimo = tabla.fila_actual
        assert ultimo is not None
        with store.session() as session:
            [el_mas_antiguo] = apartados.list_(services.contexto(session, "ana"), offset=251, limit=1)
        assert ultimo.id == el_mas_antiguo.id
        assert str(ultimo.id) in texto(app.screen.query_one("#detalle", Static))

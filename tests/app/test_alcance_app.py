"""What the command line could do and the app couldn't (issue 28, point 10), done with the
keys at 80x24: the days of «Fríos» (`cliente list --frios --dias`), the follow-up cadence
(`ajuste cadencia`), a report filtered by etapa and dates (`reporte clientes --etapa
--desde --hasta`) and the list of apartados (`apartado list`)."""

from __future__ import annotations

from textual.widgets import Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.services import clientes
from a3tui.store import Store
from apoyo.app import esperar, texto

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

"""The app shows other processes' writes (issue 13): a client added from another terminal
appears in the open list within the app's check interval, without a key pressed."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.services import clientes
from a3tui.store import Store, open_store
from apoyo.app import esperar

TAMANO = (80, 24)


def _otra_terminal(store: Store, nombre: str) -> None:
    """Another process: its own engine and connections on the same file (or, in team mode,
    the same PostgreSQL database)."""
    otro = open_store(str(store.path) if store.path else store.engine.url.render_as_string(hide_password=False))
    try:
        with otro.session() as session:
            clientes.add(services.contexto(session, "ana"), nombre)
    finally:
        otro.dispose()


@pytest.mark.ambos_motores
async def test_un_cliente_agregado_en_otra_terminal_aparece_en_la_lista(store: Store) -> None:
    app = A3App(store)
    app.VIGILAR_CADA = 0.1
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        antes = lista.total
        _otra_terminal(store, "Zacarías Nuevo")
        await pilot.pause(0.4)
        await esperar(pilot)
        assert lista.total == antes + 1


@pytest.mark.ambos_motores
async def test_no_relee_mientras_se_escribe_en_la_busqueda(store: Store) -> None:
    app = A3App(store)
    app.VIGILAR_CADA = 0.1
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        pantalla = app.screen
        lista = pantalla.query_one(ListaClientes)
        antes = lista.total
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        _otra_terminal(store, "Zacarías Nuevo")
        await pilot.pause(0.4)
        await esperar(pilot)
        assert lista.total == antes  # not under the advisor's fingers
        await pilot.press("escape")
        await esperar(pilot)
        app.set_focus(lista)
        await pilot.pause(0.4)
        await esperar(pilot)
        assert lista.total == antes + 1


@pytest.mark.ambos_motores
async def test_una_pantalla_que_aun_no_lee_no_se_relee(store: Store) -> None:
    """The watcher fired while Oficina was still being built and crashed the app
    (NoMatches on its tabs): a screen that never read its data is left to its own resume."""
    from a3tui.app.screens.oficina import OficinaScreen

    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        nueva = OficinaScreen()
        assert not nueva.desactualizada
        app.gateway.version += 1  # a write elsewhere
        assert not nueva.desactualizada
        await pilot.press("o")
        _otra_terminal(store, "Zacarías Nuevo")
        app.vigilar()
        await esperar(pilot)
        assert isinstance(app.screen, OficinaScreen)


@pytest.mark.ambos_motores
async def test_en_postgresql_un_companero_agrega_un_cliente_y_aparece(store_pg: Store) -> None:
    """Team mode: the change arrives as a notice (LISTEN/NOTIFY), not by polling a file."""
    app = A3App(store_pg)
    app.VIGILAR_CADA = 0.1
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        antes = lista.total
        _otra_terminal(store_pg, "Zacarías Nuevo")
        await pilot.pause(0.4)
        await esperar(pilot)
        assert lista.total == antes + 1
        total = lista.total
        await pilot.pause(0.4)  # no notice, no reading again
        await esperar(pilot)
        assert lista.total == total

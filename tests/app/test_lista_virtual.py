"""The client list reads only the pages it shows (the design that keeps 100,000 clients instant)."""

from __future__ import annotations

from pathlib import Path

import pytest

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.messages import CountLoaded, FirstPageLoaded, PageLoaded
from a3tui.app.widgets.lista_clientes import PAGINA, ListaClientes, columnas
from a3tui.services import clientes
from a3tui.services.clientes import Filtro
from a3tui.store import open_store
from apoyo.app import esperar
from apoyo.cartera import sembrar_muchos

N = 4 * PAGINA + 50


@pytest.fixture(scope="module")
def muchos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("muchos") / "a3.db"
    store = open_store(str(path))
    sembrar_muchos(store, N)
    store.dispose()
    return path


async def test_solo_lee_las_paginas_que_se_ven(muchos: Path) -> None:
    app = A3App(open_store(str(muchos)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        assert lista.total == N
        assert lista.total_exacto
        assert lista.paginas_cargadas == [0]
        await pilot.press("end")
        await esperar(pilot)
        assert lista.cursor == N - 1
        assert lista.fila_actual is not None
        assert lista.fila_actual.nombre == f"Cliente {N - 1:05d}"
        assert lista.paginas_cargadas == [0, N // PAGINA]


async def test_flechas_y_paginas_mueven_el_cursor_y_la_vista(muchos: Path) -> None:
    app = A3App(open_store(str(muchos)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        alto = lista.scrollable_content_region.height
        await pilot.press("down", "down")
        assert lista.cursor == 2
        await pilot.press("pagedown")
        await esperar(pilot)
        assert lista.cursor == 2 + alto
        assert lista.scroll_offset.y <= lista.cursor < lista.scroll_offset.y + alto
        await pilot.press("up", "pageup")
        assert lista.cursor == 1
        await pilot.press("home")
        assert lista.cursor == 0
        assert lista.scroll_offset.y == 0


async def test_un_filtro_viejo_no_pisa_al_nuevo(muchos: Path) -> None:
    """The answer to an older filter (its worker finished late) is dropped, whatever order
    the workers finish in: the messages are posted by hand, the old one last."""
    app = A3App(open_store(str(muchos)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await esperar(pilot)
        lista = app.screen.query_one(ListaClientes)
        viejo = Filtro(buscar="cliente 0")
        nuevo = Filtro(buscar="cliente 0001")
        with app.gateway.store.session(escritura=False) as session:
            ctx = services.contexto(session, "ana")
            filas_viejas = clientes.list_(ctx, viejo, limit=PAGINA)
            filas_nuevas = clientes.list_(ctx, nuevo, limit=PAGINA)
        lista.load(viejo)
        generacion_vieja = lista._generation
        lista.load(nuevo)
        await esperar(pilot)
        lista.post_message(FirstPageLoaded(generacion_vieja, viejo, None, filas_viejas, False))
        lista.post_message(CountLoaded(generacion_vieja, 99_999))
        lista.post_message(PageLoaded(generacion_vieja, 0, filas_viejas))
        await esperar(pilot)
        # "cliente 0001" matches Cliente 00010 … 00019; the late answers changed nothing.
        assert lista.filtro.buscar == "cliente 0001"
        assert lista.total == 10
        assert [lista.fila(i).nombre for i in range(10)] == [f.nombre for f in filas_nuevas]


def test_las_columnas_esenciales_caben_en_80_columnas() -> None:
    claves = [c.clave for c in columnas(79)]
    assert claves == ["nombre", "telefono", "etapa", "ultima", "proximo", "alerta"]
    assert sum(c.ancho + 1 for c in columnas(79)) + 1 <= 80
    assert columnas(79)[0].ancho >= 12


def test_pantallas_anchas_agregan_email_y_temperatura() -> None:
    claves = {c.clave for c in columnas(139)}
    assert {"email", "temperatura"} <= claves

"""Team mode in the full-screen app (issue 15): an office on one PostgreSQL, each advisor
logged in as their own role. The database decides what each one sees; the app works the
same for each, and writes land under the policies."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from a3tui import services
from a3tui import store_pg as store_pg_module
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.models import Actividad
from a3tui.services import clientes
from a3tui.store import Store, open_store
from apoyo.app import abrir_ficha, esperar
from apoyo.pg import ServidorPG

TAMANO = (80, 24)


@pytest.fixture
def oficina(servidor_en_marcha: ServidorPG, store_pg: Store) -> dict[str, Any]:
    """Ana's Juan Pérez and Luis's María López, in plaza General; carla coordinates it. Each
    of the three gets a login (ana and luis got theirs when carla added them)."""
    with store_pg.session() as session:
        juan = clientes.add(services.contexto(session, "ana"), "Juan Pérez", telefonos=["8123456789"])
        maria = clientes.add(services.contexto(session, "luis"), "María López", telefonos=["8187654321"])
        store_pg_module.dar_acceso(session, "carla")
        ids = {"juan": juan.id, "maria": maria.id}
    base = store_pg.engine.url.database
    assert base is not None
    return {"ids": ids, "url": lambda login: servidor_en_marcha.url(base, usuario=login)}


async def _clientes_que_ve(url: str, *teclas: str) -> list[str]:
    store = open_store(url)
    try:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            for tecla in ("c", *teclas):
                await pilot.press(tecla)
                await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            return sorted(fila.nombre for i in range(lista.total) if (fila := lista.fila(i)) is not None)
    finally:
        store.dispose()


async def test_cada_quien_ve_su_cartera_y_la_coordinadora_la_plaza(oficina: dict[str, Any]) -> None:
    assert await _clientes_que_ve(oficina["url"]("ana")) == ["Juan Pérez"]
    assert await _clientes_que_ve(oficina["url"]("luis")) == ["María López"]
    assert await _clientes_que_ve(oficina["url"]("carla")) == []  # she has no clients of her own
    assert await _clientes_que_ve(oficina["url"]("carla"), "P") == ["Juan Pérez", "María López"]  # her plaza


async def test_el_asesor_registra_una_llamada_con_su_rol(oficina: dict[str, Any], store_pg: Store) -> None:
    store = open_store(oficina["url"]("luis"))
    try:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, oficina["ids"]["maria"])
            await pilot.press("a")
            await esperar(pilot)
            assert isinstance(app.screen, RegistrarActividad)
            await pilot.press("space", "down", "enter")  # contestó-interesado
            await esperar(pilot)
            await pilot.press("enter")
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
    finally:
        store.dispose()
    with store_pg.session() as session:  # as the administrator: the call is Luis's, on María
        [(cliente_id, asesor)] = session.exec(
            select(Actividad.cliente_id, Actividad.asesor_id).where(Actividad.tipo == "llamada")
        ).all()
        assert cliente_id == oficina["ids"]["maria"]
        assert asesor == services.contexto(session, "luis").asesor_id


async def test_la_ficha_de_un_cliente_ajeno_no_se_abre(oficina: dict[str, Any]) -> None:
    """Even asked for by id (a link, a stale list), Ana's client is not there for Luis."""
    from a3tui.app.screens.ficha import FichaScreen

    store = open_store(oficina["url"]("luis"))
    try:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            app.abrir_ficha(oficina["ids"]["juan"])
            await esperar(pilot)
            assert not isinstance(app.screen, FichaScreen)
            assert any("No existe" in str(n.message) for n in app._notifications)
    finally:
        store.dispose()

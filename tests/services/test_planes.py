"""What the ficha and the dashboard ask SQLite never reads the whole client table: with a
portfolio of 100,000 clients a scan is what made them slow (issue 14). Each statement a
service call runs is explained (EXPLAIN QUERY PLAN) and none may scan ``cliente``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from a3tui import demo, services
from a3tui.services import Contexto, expediente, reportes
from a3tui.store import Store


@contextmanager
def _sentencias(store: Store) -> Iterator[list[tuple[str, Any]]]:
    vistas: list[tuple[str, Any]] = []

    def antes(_conn: Any, _cursor: Any, sentencia: str, parametros: Any, _ctx: Any, _many: bool) -> None:
        if sentencia.lstrip().upper().startswith("SELECT"):
            vistas.append((sentencia, parametros))

    event.listen(store.engine, "before_cursor_execute", antes)
    try:
        yield vistas
    finally:
        event.remove(store.engine, "before_cursor_execute", antes)


def _escaneos(store: Store, llamada: Callable[[Contexto], object], tablas: tuple[str, ...] = ("cliente",)) -> list[str]:
    with _sentencias(store) as vistas, store.session() as session:
        llamada(services.contexto(session, None))
    malos = []
    with store.engine.connect() as conn:
        crudo: Any = conn.connection.dbapi_connection
        for sentencia, parametros in vistas:
            for fila in crudo.execute(f"EXPLAIN QUERY PLAN {sentencia}", parametros or ()):
                if any(str(fila[-1]) == f"SCAN {t}" or str(fila[-1]).startswith(f"SCAN {t} ") for t in tablas):
                    malos.append(f"{fila[-1]} ← {' '.join(sentencia.split())[:160]}")
    return malos


@pytest.fixture
def cartera(store: Store) -> Store:
    if store.motor != "sqlite":
        pytest.skip("los planes revisados aquí son los de SQLite (EXPLAIN QUERY PLAN)")
    demo.generate(store, clientes=40, seed=3)
    with store.engine.begin() as conn:  # the planner as on a large portfolio: no small-table statistics
        conn.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
    store.dispose()
    return store


@pytest.mark.ambos_motores
def test_la_ficha_no_recorre_la_tabla_de_clientes(cartera: Store) -> None:
    with cartera.session() as session:
        ctx = services.contexto(session, None)
        from a3tui.services import clientes

        cliente_id = clientes.list_(ctx, clientes.Filtro(), limit=1)[0].id
    assert _escaneos(cartera, lambda ctx: expediente.get(ctx, cliente_id)) == []


def test_los_indicadores_no_recorren_la_tabla_de_clientes(cartera: Store) -> None:
    assert _escaneos(cartera, reportes.kpis) == []


def test_la_ficha_busca_las_propiedades_mostradas_de_su_historial_por_indice(cartera: Store) -> None:
    """Each activity's properties shown are looked up by ``actividad_id`` (migration 0010):
    without its index, every property ever shown was read for each ficha."""
    with cartera.session() as session:
        ctx = services.contexto(session, None)
        from a3tui.services import clientes

        ids = [c.id for c in clientes.list_(ctx, clientes.Filtro(), limit=40)]
    with cartera.engine.connect() as conn:
        con_mostradas = [
            i
            for i in ids
            if conn.exec_driver_sql(
                f"SELECT count(*) FROM propiedad_mostrada WHERE cliente_id = {i} AND actividad_id IS NOT NULL"
            ).scalar()
        ]
    assert con_mostradas, "la demo no mostró propiedades en ninguna actividad"
    assert _escaneos(cartera, lambda ctx: expediente.get(ctx, con_mostradas[0]), ("propiedad_mostrada",)) == []

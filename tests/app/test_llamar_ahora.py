"""Whom to call now (issue 13): Mis tareas opens with «Llamar ahora», the ranking of
services.siguiente with each reason; a call that went unanswered takes four keys from
there, and the client stays due (retried the next day)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select
from textual.widgets import Input, OptionList, Select

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.screens.mis_tareas import ListaDelDia, MisTareasScreen
from a3tui.domain import TipoActividad
from a3tui.models import Actividad
from a3tui.services import actividades, clientes, siguiente
from a3tui.store import Store
from apoyo.app import en_pantalla, esperar, opciones, pantalla, resaltar

TAMANO = (80, 24)


def _ranking(store: Store) -> list[siguiente.Candidato]:
    with store.session() as session:
        return siguiente.siguiente(services.contexto(session, "ana"), 5)


@pytest.mark.ambos_motores
async def test_mis_tareas_empieza_por_llamar_ahora(store: Store) -> None:
    esperados = _ranking(store)
    assert esperados
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        lineas = opciones(app.screen.query_one(OptionList))
        assert lineas[0].startswith("── Llamar ahora")
        for linea, candidato in zip(lineas[1:], esperados, strict=False):
            assert candidato.nombre[:12] in linea
            assert candidato.razon[:20] in linea


async def test_no_contesto_en_cuatro_teclas(store: Store) -> None:
    primero = _ranking(store)[0]
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        agenda = app.screen.query_one(OptionList)
        assert agenda.highlighted == 1  # the first client to call
        teclas = ["a", "n", "enter", "enter"]  # activity · «no-contestó» by its first letter · choose · save
        await pilot.press(teclas[0])
        await esperar(pilot)
        assert isinstance(app.screen, RegistrarActividad)
        await pilot.press(*teclas[1:])
        await esperar(pilot)
        assert not isinstance(app.screen, RegistrarActividad)
        assert len(teclas) <= 5
    with store.session() as session:
        ultima = session.exec(
            select(Actividad).where(Actividad.cliente_id == primero.id).order_by(Actividad.id.desc())  # type: ignore[union-attr]
        ).first()
        assert ultima is not None
        assert ultima.resultado.value == "no-contestó"  # type: ignore[union-attr]


def _escribe(store: Store, cliente: str, contenido: str = "¿Me manda precios?") -> int:
    """The client ``cliente`` (a name of the sample portfolio) writes today: their id."""
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        escribe = clientes.resolve(ctx, cliente)
        actividades.mensaje(ctx, escribe, contenido=contenido, entrante=True, fecha=ctx.ahora - timedelta(hours=1))
        session.commit()
        assert escribe.id is not None
        return escribe.id


def _esperando(store: Store, cliente_id: int) -> bool:
    """Whether the client wrote and still waits for an answer (what puts them in «Llamar
    ahora» and `a3 siguiente` with «te escribió …: responder»)."""
    with store.session() as session:
        contactos = clientes.contactos_de(services.contexto(session, "ana"), [cliente_id])
        return contactos[cliente_id].por_contestar is not None


def _ultima(store: Store, cliente_id: int) -> Actividad:
    with store.session() as session:
        ultima = session.exec(
            select(Actividad).where(Actividad.cliente_id == cliente_id).order_by(col(Actividad.id).desc())
        ).first()
        assert ultima is not None
        return ultima


class TestYaRespondi:
    """Issue 28 point 5: a client who wrote waits in «Llamar ahora» («te escribió …:
    responder») until something is sent to them; x on that row opens the message sent to
    them with «Respondido» proposed, and Enter records it."""

    @pytest.mark.ambos_motores
    async def test_x_enter_registra_la_respuesta_y_el_cliente_deja_de_esperar(self, store: Store) -> None:
        cliente_id = _escribe(store, "Ernesto")
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            escribio = [i for i, o in enumerate(lista.options) if (o.id or "").startswith(f"llamar-{cliente_id}-")]
            assert escribio, opciones(lista)
            assert "te escribió hoy: responder" in opciones(lista)[escribio[0]]
            assert "x en «te escribió»: ya le respondí" in opciones(lista)[0]
            await resaltar(pilot, lista, escribio[0])
            teclas = ["x", "enter"]
            await pilot.press(teclas[0])
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, RegistrarActividad)
            assert formulario.query_one("#tipo", Select).value == "mensaje"
            assert formulario.query_one("#quien", Select).value is False  # sent to the client
            assert formulario.focused is formulario.query_one("#contenido", Input)
            assert formulario.query_one("#contenido", Input).value == "Respondido"
            await pilot.press(*teclas[1:])
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            assert not [o for o in lista.options if (o.id or "").startswith(f"llamar-{cliente_id}-")]
            assert not any("te escribió" in linea for linea in opciones(lista))
        ultima = _ultima(store, cliente_id)
        assert (ultima.tipo, ultima.entrante, ultima.contenido) == (TipoActividad.MENSAJE, False, "Respondido")
        assert not _esperando(store, cliente_id)

    async def test_lo_que_escribes_reemplaza_respondido(self, store: Store) -> None:
        cliente_id = _escribe(store, "Ernesto")
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            fila = next(i for i, o in enumerate(lista.options) if (o.id or "").startswith(f"llamar-{cliente_id}-"))
            await resaltar(pilot, lista, fila)
            await pilot.press("x")
            await esperar(pilot)
            await pilot.press(*"Le mandé la lista de precios", "enter")
            await esperar(pilot)
        assert _ultima(store, cliente_id).contenido == "Le mandé la lista de precios"
        assert not _esperando(store, cliente_id)

    async def test_tambien_desde_su_renglon_en_contactar_hoy(self, store: Store) -> None:
        """The day's client sections list them too: their row says why they are due, the
        line under the list when they wrote and what x does, and x Enter records the reply."""
        cliente_id = _escribe(store, "Ernesto")
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            fila = next(i for i, o in enumerate(lista.options) if (o.id or "").startswith(f"cliente-{cliente_id}-"))
            assert opciones(lista)[fila].rstrip().endswith("te escribió: responder")
            await resaltar(pilot, lista, fila)
            await esperar(pilot)
            assert en_pantalla(pantalla(app)[-3:-1]) == (
                "Ernesto Salazar Núñez · 81 7776 6655 · prospecto · te escribió hoy: responder · x: ya le respondí"
            )
            await pilot.press("x", "enter")
            await esperar(pilot)
            assert not any("te escribió" in linea for linea in opciones(lista))
        assert _ultima(store, cliente_id).contenido == "Respondido"
        assert not _esperando(store, cliente_id)

    async def test_x_en_un_cliente_que_no_escribio_no_registra_nada(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            assert lista.highlighted == 1  # the first client to call, who didn't write
            primero = _ranking(store)[0]
            antes = _ultima(store, primero.id).id
            await pilot.press("x")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
        assert _ultima(store, primero.id).id == antes

"""Whom to call now (issue 13): Mis tareas opens with «Llamar ahora», the ranking of
services.siguiente with each reason; a call that went unanswered takes four keys from
there, and the client stays due (retried the next day)."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import OptionList

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.models import Actividad
from a3tui.services import siguiente
from a3tui.store import Store
from apoyo.app import esperar, opciones

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

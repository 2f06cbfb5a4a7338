"""Keys typed ahead land where they would have landed typed slowly (issue 14): over a
laggy SSH link keys arrive in one burst, before the screen the first of them opens has
mounted; typed that way, «g» «Prueba» Tab «viernes» used to leave the task form empty."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.screens.tarea import NuevaTarea
from a3tui.store import Store
from apoyo.app import esperar


def _rafaga(app: A3App, teclas: list[str]) -> None:
    """Post every key at once, as a burst from the terminal (no pause between them)."""
    caracteres = {"tab": "\t", "enter": "\r", "space": " "}
    for tecla in teclas:
        app.post_message(events.Key(tecla, tecla if len(tecla) == 1 else caracteres.get(tecla)))


async def _valores(store: Store, teclas: list[str], *, rafaga: bool) -> tuple[type, dict[str, str]]:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        if rafaga:
            _rafaga(app, teclas)
        else:
            await pilot.press(*teclas)
        await esperar(pilot)
        await pilot.pause(0.3)
        await esperar(pilot)
        return type(app.screen), {i.id or "": i.value for i in app.screen.query(Input)}


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    "teclas",
    [
        ["g", *"Prueba", "tab", *"viernes"],
        ["g", *"Llamar a Juan para confirmar la visita del sabado", "tab", "+", "3"],
        ["c", "a", "n"],
    ],
    ids=["tarea", "tarea-larga", "clientes-actividad"],
)
async def test_una_rafaga_deja_lo_mismo_que_teclear_despacio(store: Store, teclas: list[str]) -> None:
    despacio = await _valores(store, teclas, rafaga=False)
    de_golpe = await _valores(store, teclas, rafaga=True)
    assert de_golpe == despacio
    assert despacio[0] in (NuevaTarea, RegistrarActividad)


async def test_la_rafaga_guarda_la_tarea_completa(store: Store) -> None:
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        _rafaga(app, ["g", *"Enviar folleto", "tab", *"mañana", "enter"])
        await esperar(pilot)
        await pilot.pause(0.3)
        await esperar(pilot)
        assert not isinstance(app.screen, NuevaTarea)
    from sqlmodel import select

    from a3tui.models import Tarea

    with store.session() as session:
        assert session.exec(select(Tarea).where(Tarea.descripcion == "Enviar folleto")).first() is not None

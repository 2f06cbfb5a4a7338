"""The ficha's Notas tab (issue 28, point 10): a note written wrong is corrected with
Enter and deleted with Supr (after asking), as `a3 nota edit` and `a3 nota borrar` do,
and the audit keeps what it said."""

from __future__ import annotations

from typing import Any

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.nota import NuevaNota
from a3tui.app.widgets.ficha.notas import PanelNotas
from a3tui.services import auditoria, clientes, notas
from a3tui.store import Store
from apoyo.app import abrir_ficha, esperar, opciones

TAMANO = (80, 24)


def _notas(store: Store, cliente_id: int) -> list[str]:
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        return [n.texto for n in notas.list_(ctx, clientes.get(ctx, cliente_id))]


def _auditoria_de_notas(store: Store, cliente_id: int) -> list[tuple[str, dict[str, Any]]]:
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        filas = auditoria.list_(ctx, cliente=clientes.get(ctx, cliente_id))
        return [(f.auditoria.accion, f.cambios) for f in filas if f.auditoria.entidad == "nota"]


async def test_enter_en_una_nota_la_corrige(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["jose"])
        await pilot.press("3")
        await esperar(pilot)
        lista = app.screen.query_one(PanelNotas)
        assert app.focused is lista
        assert opciones(lista) == [
            "2026-11-23 10:00\nSolo puede pagar $10,000 de enganche.",
            "2026-11-23 10:00\nPrefiere casas de 2 plantas.",
        ]
        await pilot.press("down", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, NuevaNota)
        await pilot.press("backspace", *" o una sola, con jardín.", "ctrl+s")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert _notas(store, ids["jose"]) == [
            "Solo puede pagar $10,000 de enganche.",
            "Prefiere casas de 2 plantas o una sola, con jardín.",
        ]
        assert opciones(lista)[1] == "2026-11-23 10:00\nPrefiere casas de 2 plantas o una sola, con jardín."
        assert lista.highlighted == 1  # still on the note it corrected
        accion, cambios = _auditoria_de_notas(store, ids["jose"])[0]
        assert (accion, cambios["texto"]) == (
            "cambio",
            ["Prefiere casas de 2 plantas.", "Prefiere casas de 2 plantas o una sola, con jardín."],
        )


async def test_una_nota_vacia_no_se_guarda(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["jose"])
        await pilot.press("3", "enter", *["backspace"] * 40, "ctrl+s")
        await esperar(pilot)
        assert isinstance(app.screen, NuevaNota)
        assert "vacía" in str(app.screen.error.content)
        assert _notas(store, ids["jose"])[0] == "Solo puede pagar $10,000 de enganche."


async def test_supr_borra_la_nota_despues_de_preguntar(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["jose"])
        await pilot.press("3", "delete")
        await esperar(pilot)
        assert isinstance(app.screen, Confirmar)
        await pilot.pause(Confirmar.PAUSA + 0.1)
        await pilot.press("enter")  # the harmless answer has the focus: nothing is deleted
        await esperar(pilot)
        assert len(_notas(store, ids["jose"])) == 2
        await pilot.press("delete")
        await esperar(pilot)
        await pilot.pause(Confirmar.PAUSA + 0.1)
        await pilot.press("left", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert _notas(store, ids["jose"]) == ["Prefiere casas de 2 plantas."]
        assert opciones(app.screen.query_one(PanelNotas)) == ["2026-11-23 10:00\nPrefiere casas de 2 plantas."]
        accion, cambios = _auditoria_de_notas(store, ids["jose"])[0]
        assert (accion, cambios["texto"]) == ("baja", ["Solo puede pagar $10,000 de enganche.", None])


async def test_sin_notas_lo_dice_y_supr_no_hace_nada(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["pedro"])
        await pilot.press("3", "delete", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert opciones(app.screen.query_one(PanelNotas)) == ["Sin notas; agrega una con n."]


async def test_supr_fuera_de_tareas_y_notas_no_hace_nada(store: Store, ids: dict[str, int]) -> None:
    """Supr on the Historial tab reached for the Tareas tab's table, not built yet, and the
    app ended with an error."""
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["jose"])
        await pilot.press("delete", "plus")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        assert app.is_running

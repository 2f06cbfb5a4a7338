"""Reminders in the open app (issue 13): a task with a reminder rings and notifies when its
time comes while a3 is open, once; those already due at start are on Mis tareas."""

from __future__ import annotations

from datetime import date, time

import pytest

from a3tui import services
from a3tui.app.app import A3App
from a3tui.services import tareas
from a3tui.store import Store
from apoyo.app import esperar


@pytest.mark.ambos_motores
async def test_el_recordatorio_suena_a_su_hora_una_vez(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with store.session() as session:
        tareas.add(services.contexto(session, "ana"), "Llamar al notario", date(2026, 11, 23), hora=time(10, 30))
    app = A3App(store)
    app.RECORDAR_CADA = 0.1
    campanadas: list[int] = []
    app.bell = lambda: campanadas.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.pause(0.3)
        assert campanadas == []  # 10:00: not yet (and the ones already due don't ring)
        monkeypatch.setenv("A3_AHORA", "2026-11-23T10:31:00")
        await pilot.pause(0.3)
        assert campanadas == [1]
        assert any("Llamar al notario" in n.message for n in app._notifications)
        await pilot.pause(0.3)
        assert campanadas == [1]  # once

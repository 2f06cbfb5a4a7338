"""A bug in the app: as in the CLI, one Spanish line on the terminal, the traceback in the
owner-only log, exit code 1 (the one adapter a3 keeps over Textual's private error hook)."""

from __future__ import annotations

import pytest

from a3tui.app.app import A3App
from a3tui.archivos import log_path
from a3tui.store import Store


@pytest.mark.ambos_motores
async def test_un_error_inesperado_es_una_linea_en_espanol_y_el_traceback_va_al_log(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def romper(self: A3App) -> None:
        raise RuntimeError("falla de prueba")

    monkeypatch.setattr(A3App, "action_ayuda", romper)
    app = A3App(store)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
    salida = capsys.readouterr()
    assert app.return_code == 1
    assert "Error: ocurrió un error inesperado (RuntimeError)" in salida.out + salida.err
    assert "Traceback" not in salida.out + salida.err
    registro = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: falla de prueba" in registro
    assert "a3 (aplicación)" in registro

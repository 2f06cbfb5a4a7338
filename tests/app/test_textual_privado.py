"""Textual's private names live in app/textual_privado.py, which knows the Textual versions it
was written for; on any other version a3 uses Textual's public behaviour (issue 25, point 3):
whole frames instead of only the changed cells, a whole list repainted, Textual's own texts."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from a3tui.app import textual_privado
from a3tui.app.textual_privado import (
    ESCRITO_PARA,
    compatible,
    envio_diferencial,
    escribe_en_terminal,
    lineas_de_opcion,
    opciones_de_select,
)

RAIZ = Path(__file__).resolve().parents[2]


def _rango_declarado() -> tuple[tuple[int, ...], tuple[int, ...]]:
    dependencias = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]["dependencies"]
    [textual] = [d for d in dependencias if re.match(r"textual\b", d)]
    piso = re.search(r">=([\d.]+)", textual)
    tope = re.search(r"<([\d.]+)", textual)
    assert piso, textual
    assert tope, textual
    return tuple(map(int, piso.group(1).split("."))), tuple(map(int, tope.group(1).split(".")))


def test_el_rango_de_textual_declarado_es_el_que_el_modulo_conoce() -> None:
    """A new cap in pyproject.toml means reading Textual's private names again first."""
    assert _rango_declarado() == ESCRITO_PARA
    fijada = re.search(r"^textual==([\w.]+)$", (RAIZ / "constraints.txt").read_text(), re.M)
    assert fijada
    assert compatible(fijada.group(1))
    assert compatible()  # the Textual installed here


@pytest.mark.parametrize(
    ("version", "conocida"),
    [("8.2.5", True), ("8.2.10", True), ("8.2.4", False), ("8.3.0", False), ("8.3.0rc1", False), ("9.0", False)],
)
def test_que_versiones_conoce(version: str, conocida: bool) -> None:
    assert compatible(version) is conocida


@pytest.fixture
def otra_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual_privado, "VERSION", "8.3.0")
    monkeypatch.delenv("A3_REPINTADO", raising=False)


def test_en_su_version_solo_se_envian_los_cambios(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("A3_REPINTADO", raising=False)
    assert envio_diferencial()
    monkeypatch.setenv("A3_REPINTADO", "completo")
    assert not envio_diferencial()


def test_en_otra_version_de_textual_la_app_envia_cuadros_completos(otra_textual: None) -> None:
    from a3tui.app.app import A3App

    assert not envio_diferencial()
    assert A3App(None).envio is None


class _Lista(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList("uno", "dos", "tres")


async def test_en_otra_version_de_textual_no_se_leen_sus_privados(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _Lista()
    async with app.run_test(size=(40, 10)):
        lista = app.query_one(OptionList)
        assert lineas_de_opcion(lista, 1) == (1, 1)  # its own version: the row and its height
        monkeypatch.setattr(textual_privado, "VERSION", "8.3.0")
        assert lineas_de_opcion(lista, 1) is None  # the caller repaints the whole list
        assert escribe_en_terminal(app) is False
        assert opciones_de_select(lista) == []  # type: ignore[arg-type]

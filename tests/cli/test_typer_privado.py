"""Typer's undocumented names live in cli/typer_privado.py (issue 25, point 3): the usage
errors Typer raises (from its vendored Click, not Click's own classes) and the words of its
help screens."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from a3tui.cli import typer_privado

RAIZ = Path(__file__).resolve().parents[2]


def test_el_rango_de_typer_declarado_es_el_que_el_modulo_conoce() -> None:
    dependencias = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]["dependencies"]
    [typer] = [d for d in dependencias if re.match(r"typer\b", d)]
    piso = re.search(r">=([\d.]+)", typer)
    tope = re.search(r"<([\d.]+)", typer)
    assert piso, typer
    assert tope, typer
    declarado = (tuple(map(int, piso.group(1).split("."))), tuple(map(int, tope.group(1).split("."))))
    assert declarado == typer_privado.ESCRITO_PARA
    assert typer_privado.compatible()
    assert not typer_privado.compatible("0.30.0")


def test_los_errores_de_uso_son_los_que_typer_lanza() -> None:
    """Why not Click's own exceptions: the Typer a3 runs on raises its vendored copy's."""
    import click

    from a3tui.cli.root import build

    excepciones = typer_privado.excepciones_de_click()
    with pytest.raises(excepciones.UsageError) as error:
        build("cliente").main(["cliente", "list", "--nada"], standalone_mode=False)
    assert not isinstance(error.value, click.exceptions.UsageError)


def test_con_un_typer_que_no_copia_click_usa_las_de_click(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    monkeypatch.setitem(sys.modules, "typer._click", None)  # importing it fails
    assert typer_privado.excepciones_de_click() is click.exceptions


def test_un_texto_de_ayuda_que_typer_ya_no_tiene_no_rompe_nada(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer import rich_utils

    monkeypatch.delattr(rich_utils, "DEPRECATED_STRING")
    monkeypatch.setattr(rich_utils, "OPTIONS_PANEL_TITLE", "Options")
    assert typer_privado.traducir_textos_de_ayuda() == ["DEPRECATED_STRING"]
    assert rich_utils.OPTIONS_PANEL_TITLE == "Opciones"


def test_los_nombres_privados_solo_en_sus_modulos() -> None:
    """Textual's private modules only in app/textual_privado.py, Typer's vendored Click only
    in cli/typer_privado.py, and no sqlmodel._compat at all."""
    fuera = []
    for archivo in sorted((RAIZ / "src" / "a3tui").rglob("*.py")):
        texto = archivo.read_text()
        nombre = archivo.relative_to(RAIZ / "src" / "a3tui").as_posix()
        if re.search(r"^\s*(from|import) textual\.(\w+\.)*_\w+", texto, re.M) and nombre != "app/textual_privado.py":
            fuera.append(nombre)
        if re.search(r"^\s*(from|import) typer\._click", texto, re.M) and nombre != "cli/typer_privado.py":
            fuera.append(nombre)
        if re.search(r"^\s*(from|import) sqlmodel\._compat", texto, re.M):
            fuera.append(nombre)
    assert fuera == []

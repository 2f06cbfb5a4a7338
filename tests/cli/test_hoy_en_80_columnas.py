"""`a3 hoy` and the tables at 80 columns and less (issue 28, point 9): one line a record,
names whole, sections capped with the command that shows the rest, a pager only on a
terminal, and blocks instead of columns when a terminal is too narrow for them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from apoyo.entorno import Terminal
from apoyo.proceso import Resultado

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

NOMBRES = [
    "Sebastián Villarreal Santos",
    "María Guadalupe Hernández Fuentes",
    "Luz María Jiménez Álvarez",
    "Cuauhtémoc Luna Treviño",
    "Itzel Santiago Márquez",
    "Rodrigo Ibáñez García",
    "Araceli Márquez Luna",
]


@pytest.fixture
def vencidos(alta: Alta) -> list[str]:
    """Seven prospects whose contact is overdue, with long names and phones."""
    for n, nombre in enumerate(NOMBRES):
        alta(nombre, "--telefono", f"81234567{n:02d}", "--temperatura", "caliente", "--primer-contacto", "2026-11-01")
    return NOMBRES


def test_hoy_a_80_columnas_un_cliente_por_linea_con_el_nombre_entero(
    a3: A3, vencidos: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    res = a3("hoy")
    assert res.code == 0, res.err
    lineas = res.out.splitlines()
    assert all(cell_len(linea) <= 80 for linea in lineas), res.out
    mostrados = [nombre for nombre in vencidos if any(nombre in linea for linea in lineas)]
    assert len(mostrados) == 5, res.out
    assert "Asesor" not in res.out


def test_hoy_corta_cada_seccion_y_dice_como_ver_todo(a3: A3, vencidos: list[str]) -> None:
    res = a3("hoy")
    assert "Seguimiento vencido · 7" in res.out
    assert "… y 2 más: a3 hoy --limite 7" in res.out
    todo = a3("hoy", "--limite", "7").out
    assert all(nombre in todo for nombre in vencidos)
    assert "más: a3 hoy" not in todo


def test_hoy_de_la_plaza_con_un_solo_asesor_no_muestra_la_columna_asesor(a3: A3, vencidos: list[str]) -> None:
    res = a3("hoy", "--asesor", "plaza")
    assert res.code == 0, res.err
    assert "Seguimiento vencido" in res.out
    assert "Asesor" not in res.out


def test_una_tabla_a_50_columnas_se_lee_un_registro_por_bloque(
    a3: A3, vencidos: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    res = a3("cliente", "list")
    assert res.code == 0, res.err
    assert "Nombre: Sebastián Villarreal Santos" in res.out
    assert "Teléfono: 81 2345 6700" in res.out
    assert all(cell_len(linea) <= 50 for linea in res.out.splitlines())
    # Never a column one or two characters wide.
    assert not [linea for linea in res.out.splitlines() if 0 < len(linea.strip()) <= 2]


def _pager_que_guarda_en(archivo: Path) -> str:
    return f"{sys.executable} -c \"import sys; open(r'{archivo}', 'w').write(sys.stdin.read())\""


def test_hoy_fuera_de_una_terminal_nunca_pagina(
    a3: A3, vencidos: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paginado = tmp_path / "paginado.txt"
    monkeypatch.setenv("PAGER", _pager_que_guarda_en(paginado))
    monkeypatch.setenv("LINES", "5")
    res = a3("hoy")
    assert "Seguimiento vencido · 7" in res.out
    assert not paginado.exists()


@pytest.mark.parametrize(("lineas", "pagina"), [(5, True), (200, False)])
def test_hoy_en_una_terminal_pagina_solo_si_no_cabe(
    db: Path, vencidos: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lineas: int, pagina: bool
) -> None:
    from a3tui.cli import run

    paginado = tmp_path / "paginado.txt"
    monkeypatch.setenv("PAGER", _pager_que_guarda_en(paginado))
    monkeypatch.setenv("LINES", str(lineas))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert run(["hoy"]) == 0
    mostrado = paginado.read_text() if pagina else terminal.getvalue()
    assert "Seguimiento vencido" in mostrado
    assert paginado.exists() is pagina
    assert (terminal.getvalue() == "") is pagina

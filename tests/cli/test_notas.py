"""`a3 nota edit` and `a3 nota borrar` (issue 28, point 10): a note written wrong is
corrected or deleted from the command line too, audited like every other change; deleting
asks on a terminal and needs --si elsewhere, as `tarea borrar` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.entorno import Terminal
from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.out + res.err
    return res


@pytest.fixture
def juan(a3: A3, alta: Alta, monkeypatch: pytest.MonkeyPatch) -> int:
    """Juan Pérez with two notes: 1 written on Friday, 2 today."""
    cliente = alta("Juan Pérez")
    monkeypatch.setenv("A3_AHORA", "2026-11-20T09:00:00")
    _ok(a3("nota", "add", str(cliente), "Solo puede pagar $10,000 de enganche"))
    monkeypatch.setenv("A3_AHORA", "2026-11-23T10:00:00")
    _ok(a3("nota", "add", str(cliente), "Prefiere casas de 2 plantas"))
    return cliente


def _notas(a3: A3, cliente: int) -> list[tuple[int, str, str]]:
    return [(n["id"], n["texto"], n["creado"]) for n in _ok(a3("nota", "list", str(cliente), "--json")).json()["notas"]]


def _auditoria(a3: A3, cliente: int) -> list[tuple[str, int, dict]]:
    registros = _ok(a3("auditoria", str(cliente), "--json")).json()["registros"]
    return [(r["accion"], r["entidad_id"], r["cambios"]) for r in registros if r["entidad"] == "nota"]


def test_nota_list_y_la_ficha_dan_el_id_de_cada_nota(a3: A3, juan: int) -> None:
    assert _ok(a3("nota", "list", str(juan))).out.splitlines() == [
        "[2] 2026-11-23  Prefiere casas de 2 plantas",
        "[1] 2026-11-20  Solo puede pagar $10,000 de enganche",
    ]
    assert "  [1] 2026-11-20  Solo puede pagar $10,000 de enganche" in _ok(a3("cliente", "show", str(juan))).out


@pytest.mark.ambos_motores
def test_nota_edit_corrige_el_texto_y_la_auditoria_guarda_el_anterior(a3: A3, juan: int) -> None:
    res = _ok(a3("nota", "edit", "1", "Solo puede pagar $15,000 de enganche"))
    assert res.out == "Nota 1 de Juan Pérez corregida.\n"
    assert _notas(a3, juan) == [
        (2, "Prefiere casas de 2 plantas", con_zona("2026-11-23T10:00:00")),
        (1, "Solo puede pagar $15,000 de enganche", con_zona("2026-11-20T09:00:00")),
    ]
    assert _auditoria(a3, juan)[0] == (
        "cambio",
        1,
        {"texto": ["Solo puede pagar $10,000 de enganche", "Solo puede pagar $15,000 de enganche"]},
    )


@pytest.mark.parametrize(
    ("argv", "fragmento"),
    [
        (("nota", "edit", "1", "   "), "vacía"),
        (("nota", "edit", "99", "Otra cosa"), "No existe la nota 99"),
        (("nota", "edit", "0", "Otra cosa"), "No existe la nota 0"),
        (("nota", "borrar", "99", "--si"), "No existe la nota 99"),
    ],
    ids=["vacia", "inexistente", "cero", "borrar-inexistente"],
)
def test_nota_mal_indicada_no_cambia_nada(a3: A3, juan: int, db: Path, argv: tuple[str, ...], fragmento: str) -> None:
    antes = volcado(db)
    assert_error(a3(*argv), fragmento)
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_la_nota_de_un_cliente_ajeno_no_existe_para_otro_asesor(
    a3: A3, juan: int, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    antes = volcado(db)
    assert_error(a3("nota", "edit", "1", "Ya no quiere comprar"), "No existe la nota 1")
    assert_error(a3("nota", "borrar", "1", "--si"), "No existe la nota 1")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_nota_borrar_con_si_no_pregunta_y_queda_en_la_auditoria(a3: A3, juan: int) -> None:
    assert _ok(a3("nota", "borrar", "2", "--si")).out == "Nota 2 de Juan Pérez borrada.\n"
    assert [n[0] for n in _notas(a3, juan)] == [1]
    accion, nota, cambios = _auditoria(a3, juan)[0]
    assert (accion, nota, cambios["texto"]) == ("baja", 2, ["Prefiere casas de 2 plantas", None])


def test_nota_borrar_sin_terminal_pide_si(a3: A3, juan: int, db: Path) -> None:
    antes = volcado(db)
    assert_error(a3("nota", "borrar", "2"), "usa --si")
    assert volcado(db) == antes


def test_nota_borrar_pregunta_y_no_borra_si_no_se_confirma(
    a3: A3, juan: int, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    antes = volcado(db)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    res = _ok(a3("nota", "borrar", "2"))
    assert res.out == "¿Borrar la nota 2 de Juan Pérez («Prefiere casas de 2 plantas»)? [s/N] No se borró nada.\n"
    assert volcado(db) == antes


def test_nota_borrar_pregunta_y_borra_al_confirmar(a3: A3, juan: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("sí\n"))
    assert _ok(a3("nota", "borrar", "2")).out.endswith("Nota 2 de Juan Pérez borrada.\n")
    assert [n[0] for n in _notas(a3, juan)] == [1]

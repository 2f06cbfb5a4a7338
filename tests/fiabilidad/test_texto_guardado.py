"""Stored text is data, never Rich markup, and nothing a3 prints can drive the terminal.

A client may be called ``Juan [/] Perez`` and a note may say ``[bold]``: every command that
shows them prints them literally. A name, e-mail or phone with a control character is
refused; free text that may hold one (a note, an activity) never reaches the terminal
with it, and ``--json`` escapes it so that parsing gives the stored text back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import volcado
from apoyo.pg import BasePG, consultar
from apoyo.proceso import Resultado, assert_error, controles

# What is stored and shown back runs on both engines (the text makes a round trip through
# each); refusing a control character happens before anything is written: SQLite only.

A3 = Callable[..., Resultado]

# ---------------------------------------------------------------- markup in stored text

MARCADO = ["Juan [/] Perez", "[bold]Rosa[/bold] Díaz", "Beto :smile: Ruiz", "Ana [link=https://x.mx]Gil[/link]"]


def _registrar(a3: A3, nombre: str) -> dict[str, str]:
    """A client called ``nombre`` (overdue, so `a3 hoy` shows it) with a note, a task due today,
    a call and a message, each holding the same markup; returns what each one says."""
    textos = {
        "nombre": nombre,
        "nota": f"Nota {nombre}",
        "tarea": f"Tarea {nombre}",
        "llamada": f"Llamada {nombre}",
        "mensaje": f"Mensaje {nombre}",
    }
    # --forzar: a marked-up name may fold to a client's of the base («Juan [/] Perez» is
    # «Juan Pérez» for the same-name warning), and here it is meant to be another one.
    res = a3("cliente", "add", nombre, "--primer-contacto", "2026-11-01", "--forzar")
    assert res.code == 0, res
    ref = res.out.strip()
    textos["id"] = ref
    for argv in (
        ["nota", "add", ref, textos["nota"]],
        ["tarea", "add", textos["tarea"], "--vence", "hoy", "--cliente", ref],
        [
            "actividad",
            "llamada",
            ref,
            "--resultado",
            "no-contestó",
            "--nota",
            textos["llamada"],
            "--fecha",
            "2026-11-10",
        ],
        ["actividad", "mensaje", ref, "--contenido", textos["mensaje"], "--fecha", "2026-11-11"],
    ):
        res = a3(*argv)
        assert res.code == 0, (argv, res)
    return textos


@pytest.fixture(params=MARCADO)
def marcado(request: pytest.FixtureRequest, a3: A3, tres: Path) -> dict[str, str]:
    return _registrar(a3, request.param)


def _literal(res: Resultado, *textos: str) -> None:
    assert res.code == 0, res
    for texto in textos:
        assert texto in res.out, (texto, res.out)


@pytest.mark.ambos_motores
def test_cliente_list_muestra_el_nombre_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("cliente", "list"), marcado["nombre"])


@pytest.mark.ambos_motores
def test_cliente_list_en_otro_orden_muestra_el_nombre_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("cliente", "list", "--orden", "inactivo", "--limite", "100"), marcado["nombre"])


@pytest.mark.ambos_motores
def test_hoy_muestra_cliente_y_tarea_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("hoy"), marcado["nombre"], marcado["tarea"])


@pytest.mark.ambos_motores
def test_cliente_show_muestra_todo_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(
        a3("cliente", "show", marcado["id"]),
        marcado["nombre"],
        marcado["nota"],
        marcado["tarea"],
        marcado["llamada"],
        marcado["mensaje"],
    )


@pytest.mark.ambos_motores
def test_tarea_list_muestra_descripcion_y_cliente_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("tarea", "list"), marcado["tarea"], marcado["nombre"])


@pytest.mark.ambos_motores
def test_actividad_list_muestra_todo_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("actividad", "list", marcado["id"]), marcado["nombre"], marcado["llamada"], marcado["mensaje"])


@pytest.mark.ambos_motores
def test_nota_list_muestra_la_nota_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    _literal(a3("nota", "list", marcado["id"]), marcado["nota"])


@pytest.mark.ambos_motores
def test_confirmaciones_muestran_el_nombre_tal_cual(a3: A3, marcado: dict[str, str]) -> None:
    ref = marcado["id"]
    _literal(a3("cliente", "temperatura", ref, "caliente"), marcado["nombre"])
    _literal(a3("actividad", "email", ref, "--asunto", "Hola"), marcado["nombre"])
    _literal(a3("cliente", "etapa", ref, "cancelado", "--motivo", "Ya compró"), marcado["nombre"])


# ---------------------------------------------------------------- control characters in names, e-mails, phones

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
SECUENCIAS = ["\x1b[2J", "\x1b]0;x\x07", "\x7f", "\x9b", "\x9b31m"]
REPRESENTATIVOS = ["\x1b[2J", "\x07", "\x1b]0;x\x07", "\x00", "\x7f", "\x9b", "\r"]


def _id(c: str) -> str:
    return c.encode("unicode_escape").decode("ascii")


@pytest.mark.parametrize("control", C0 + SECUENCIAS, ids=_id)
def test_nombre_con_caracter_de_control_se_rechaza_sin_escribir(a3: A3, tres: Path, control: str) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "add", f"E {control}"))
    assert volcado(tres) == antes


@pytest.mark.parametrize("control", REPRESENTATIVOS, ids=_id)
def test_nombre_nuevo_con_caracter_de_control_se_rechaza_al_editar(a3: A3, tres: Path, control: str) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "edit", "1", "--nombre", f"Juan {control}Pérez"))
    assert volcado(tres) == antes


@pytest.mark.parametrize("control", REPRESENTATIVOS, ids=_id)
def test_email_con_caracter_de_control_se_rechaza_sin_escribir(a3: A3, tres: Path, control: str) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "add", "Rosa Martínez", "--email", f"rosa{control}@correo.com"))
    assert volcado(tres) == antes


@pytest.mark.parametrize("control", REPRESENTATIVOS, ids=_id)
def test_telefono_con_caracter_de_control_se_rechaza_sin_escribir(a3: A3, tres: Path, control: str) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "add", "Rosa Martínez", "--telefono", f"81{control}23456789"))
    assert volcado(tres) == antes


# ---------------------------------------------------------------- control characters in free text

HOSTIL = "antes \x1b[2J\x1b]0;título\x07 medio \x9b31m\x7f\x08 después"


def _cadenas(doc: Any) -> Iterator[str]:
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for valor in doc.values():
            yield from _cadenas(valor)
    elif isinstance(doc, list):
        for valor in doc:
            yield from _cadenas(valor)


def _guardado(db: Path | BasePG, sql: str) -> str | None:
    filas = consultar(db, sql)
    return filas[0][0] if filas else None


LIBRE = {
    "nota": (["nota", "add", "1", HOSTIL], "SELECT texto FROM nota ORDER BY id DESC LIMIT 1"),
    "nota-de-llamada": (
        ["actividad", "llamada", "1", "-r", "no-contestó", "--nota", HOSTIL],
        "SELECT nota FROM actividad WHERE tipo = 'llamada' ORDER BY id DESC LIMIT 1",
    ),
    "contenido-de-mensaje": (
        ["actividad", "mensaje", "1", "--contenido", HOSTIL],
        "SELECT contenido FROM actividad WHERE tipo = 'mensaje' ORDER BY id DESC LIMIT 1",
    ),
    "descripcion-de-tarea": (
        ["tarea", "add", HOSTIL, "--vence", "hoy", "--cliente", "1"],
        "SELECT descripcion FROM tarea ORDER BY id DESC LIMIT 1",
    ),
    "direccion": (["cliente", "edit", "1", "--direccion", HOSTIL], "SELECT direccion FROM cliente WHERE id = 1"),
}

# Which views show each field (and `a3 hoy`, the first screen of the day, for all).
VISTAS = {
    "nota": [["nota", "list", "1"], ["cliente", "show", "1"]],
    "nota-de-llamada": [["actividad", "list", "1"], ["cliente", "show", "1"]],
    "contenido-de-mensaje": [["actividad", "list", "1"], ["cliente", "show", "1"]],
    "descripcion-de-tarea": [["tarea", "list"], ["cliente", "show", "1"], ["tarea", "list", "--hoy"]],
    "direccion": [["cliente", "show", "1"], ["cliente", "list"]],
}

# Which JSON documents show each field.
VISTAS_JSON = {
    "nota": [["nota", "list", "1", "--json"], ["cliente", "show", "1", "--json"]],
    "nota-de-llamada": [["actividad", "list", "1", "--json"], ["cliente", "show", "1", "--json"]],
    "contenido-de-mensaje": [["actividad", "list", "1", "--json"], ["cliente", "show", "1", "--json"]],
    "descripcion-de-tarea": [["tarea", "list", "--json"], ["hoy", "--json"], ["cliente", "show", "1", "--json"]],
    "direccion": [["cliente", "show", "1", "--json"]],
}


def _guardar(a3: A3, db: Path, campo: str) -> str | None:
    """Store HOSTIL in one free-text field of client 1 (or see it refused); return what was stored."""
    argv, sql = LIBRE[campo]
    antes = volcado(db)
    res = a3(*argv)
    assert controles(res.out + res.err) == [], res
    if res.code != 0:
        assert_error(res)
        assert volcado(db) == antes
        return None
    return _guardado(db, sql)


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("campo", "vista"),
    [(campo, vista) for campo, vistas in VISTAS.items() for vista in [*vistas, ["hoy"]]],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_texto_libre_con_controles_no_llega_a_la_terminal(a3: A3, tres: Path, campo: str, vista: list[str]) -> None:
    _guardar(a3, tres, campo)
    res = a3(*vista)
    assert res.code == 0, res
    assert controles(res.out) == [], (controles(res.out + res.err), res.out)
    assert controles(res.err) == [], (controles(res.out + res.err), res.out)


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("campo", "vista"),
    [(campo, vista) for campo, vistas in VISTAS_JSON.items() for vista in vistas],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_json_escapa_los_controles_y_devuelve_el_texto_guardado(
    a3: A3, tres: Path, campo: str, vista: list[str]
) -> None:
    guardado = _guardar(a3, tres, campo)
    res = a3(*vista)
    assert res.code == 0, res
    assert controles(res.out) == [], controles(res.out)
    if guardado is not None:
        assert guardado in list(_cadenas(json.loads(res.out))), guardado

"""One JSON shape for every command (issue 26, point 6).

Every command that prints JSON is run here with ``--json`` on a small portfolio: each prints
one object (never a bare list); a list comes in the envelope ``{…, "total": N, "<plural>":
[…]}``; a moment in time carries its UTC offset; no value is a display string (``> 30%``,
``↓ peor``). The table below must name every command that has ``--json``, and every command
that takes ``--formato json`` must take ``--json`` too, so a new command can't drift. The
README's «Salida JSON» section documents the same shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from apoyo.proceso import Resultado

A3 = Callable[..., Resultado]

# command → (its arguments besides --json, the plural key of its list; None for a command
# that prints one document, such as a client's file).
COMANDOS_JSON: dict[str, tuple[tuple[str, ...], str | None]] = {
    "actividad list": (("3",), "actividades"),
    "actividad pendientes": ((), "pendientes"),
    "ajuste cadencia": ((), None),
    "ajuste sla": ((), None),
    "apartado list": ((), "apartados"),
    "apartado show": (("1",), None),
    "asesor list": ((), "asesores"),
    "asesor yo": ((), None),
    "auditoria": ((), "registros"),
    "caso list": ((), "casos"),
    "caso show": (("C-2026-0001",), None),
    "cliente duplicados": ((), "duplicados"),
    "cliente list": ((), "clientes"),
    "cliente paso": (("3",), "pasos"),
    "cliente show": (("3",), None),
    "db path": ((), None),
    "documento list": (("3",), "documentos"),
    "equipo": ((), "asesores"),
    "exportar clientes": ((), "clientes"),
    "hoy": ((), None),
    "metricas": ((), "metricas"),
    "nota list": (("3",), "notas"),
    "propiedad list": ((), "propiedades"),
    "propiedad show": (("CUM-A-12",), None),
    "recordatorios": ((), "recordatorios"),
    "reporte clientes": ((), "clientes"),
    "siguiente": ((), "clientes"),
    "suplencia list": ((), "suplencias"),
    "tarea list": ((), "tareas"),
    "transferencia list": ((), "transferencias"),
}

MOMENTO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
CON_ZONA = re.compile(r"(Z|[+-]\d{2}:\d{2})$")
# What a person reads but a program would have to parse: a target («> 30%»), a trend
# («↓ peor»), a dash for «nothing».
TEXTO_DE_PANTALLA = re.compile(r"^[<>=] \d|[↑↓]|^—$")


def _opciones() -> Iterator[tuple[str, set[str], str]]:
    """(command path, its option names, its --formato help) for every command of `a3`."""
    from a3tui.cli.root import build

    def recorrer(comando: Any, ruta: list[str]) -> Iterator[tuple[str, set[str], str]]:
        for nombre, sub in sorted(getattr(comando, "commands", {}).items()):
            yield from recorrer(sub, [*ruta, nombre])
        if ruta and not getattr(comando, "commands", None):
            opciones = {o for p in comando.params for o in getattr(p, "opts", [])}
            formato = next((p.help or "" for p in comando.params if "--formato" in getattr(p, "opts", [])), "")
            yield " ".join(ruta), opciones, formato

    yield from recorrer(build(), [])


def test_la_tabla_nombra_cada_comando_con_json() -> None:
    con_json = {ruta for ruta, opciones, _ in _opciones() if "--json" in opciones}
    assert con_json == set(COMANDOS_JSON)


def test_formato_json_tambien_se_pide_con_json() -> None:
    sin_json = [ruta for ruta, opciones, formato in _opciones() if "json" in formato and "--json" not in opciones]
    assert sin_json == []


def _cartera_completa(run: Callable[[list[str]], int]) -> None:
    """Two clients who look alike, one with a call, a note, a task with a reminder, a
    property reserved, a message without reply, a service case with a note and an edit in
    the audit."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        for argv in (
            ["cliente", "add", "Juan Pérez", "--telefono", "8123456789"],
            ["cliente", "add", "Juan Perez", "--telefono", "8123456789", "--forzar"],
            ["cliente", "add", "María López", "--telefono", "5512345678", "--temperatura", "caliente"],
            ["actividad", "llamada", "3", "--resultado", "contestó-interesado"],
            ["actividad", "mensaje", "3", "--no-respondio"],
            ["nota", "add", "3", "Quiere jardín"],
            ["tarea", "add", "Llamar a María", "--vence", "hoy", "--cliente", "3"],
            ["propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres", "--precio", "1,250,000"],
            ["apartado", "crear", "3", "--propiedad", "CUM-A-12", "--monto", "25,000"],
            ["cliente", "edit", "1", "--email", "juan@correo.com"],
            ["caso", "abrir", "3", "--tipo", "queja", "--descripcion", "Gotera", "--propiedad", "CUM-A-12"],
            ["caso", "nota", "C-2026-0001", "El plomero va el jueves"],
        ):
            assert run(argv) == 0, argv


@pytest.fixture
def cartera_completa(desde_plantilla: Callable[..., Any]) -> None:
    desde_plantilla("json-cartera-completa", _cartera_completa)


def _cadenas(valor: Any) -> Iterator[str]:
    if isinstance(valor, str):
        yield valor
    elif isinstance(valor, dict):
        for v in valor.values():
            yield from _cadenas(v)
    elif isinstance(valor, list):
        for v in valor:
            yield from _cadenas(v)


@pytest.mark.parametrize("comando", sorted(COMANDOS_JSON))
def test_cada_comando_da_un_objeto_con_total_fechas_con_zona_y_datos(
    a3: A3, cartera_completa: None, comando: str
) -> None:
    argumentos, plural = COMANDOS_JSON[comando]
    res = a3(*comando.split(), *argumentos, "--json")
    assert res.code == 0, res.err
    doc = res.json()
    assert isinstance(doc, dict), f"{comando} --json no es un objeto"
    if plural is not None:
        assert isinstance(doc.get("total"), int), f"{comando}: sin «total»"
        assert isinstance(doc.get(plural), list), f"{comando}: sin la lista «{plural}»"
        assert doc["total"] >= len(doc[plural])
    textos = list(_cadenas(doc))
    assert [t for t in textos if MOMENTO.match(t) and not CON_ZONA.search(t)] == []
    assert [t for t in textos if TEXTO_DE_PANTALLA.search(t)] == []


def test_las_listas_de_la_cartera_no_estan_vacias(a3: A3, cartera_completa: None) -> None:
    """The portfolio gives each checked list something to check (a check over an empty
    list proves nothing)."""
    for comando in ("actividad list", "actividad pendientes", "apartado list", "auditoria", "caso list",
                    "cliente duplicados", "nota list", "recordatorios", "tarea list"):  # fmt: skip
        argumentos, plural = COMANDOS_JSON[comando]
        doc = a3(*comando.split(), *argumentos, "--json").json()
        assert doc[plural], comando

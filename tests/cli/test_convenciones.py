"""The conventions of a command-line tool (issue 25, point 7): ``-V`` like ``--version``,
usage errors exit 2 and a3's own errors 1, and ``--help`` names the values of every
choice option."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from a3tui import __version__
from a3tui.cli import valores
from apoyo.proceso import Resultado, a3_exe, assert_error, entorno, proceso

A3 = Callable[..., Resultado]


def test_menos_v_muestra_la_version_como_version(a3: A3) -> None:
    for opcion in ("-V", "--version"):
        res = a3(opcion)
        assert (res.code, res.out, res.err) == (0, f"a3 {__version__}\n", "")


ERRORES_DE_USO = [
    pytest.param(["clinete", "list"], "El comando «clinete» no existe.", id="comando-inexistente"),
    pytest.param(["cliente", "show"], "Falta el argumento REF.", id="falta-argumento"),
    pytest.param(["cliente", "list", "--nada"], "La opción --nada no existe.", id="opcion-inexistente"),
    pytest.param(["tarea", "done", "abc"], "Valor inválido para ID", id="valor-de-otro-tipo"),
    pytest.param(["cliente", "list", "--etapa"], "La opción --etapa necesita un valor.", id="opcion-sin-valor"),
]


@pytest.mark.parametrize(("argv", "frase"), ERRORES_DE_USO)
def test_un_error_de_uso_sale_con_2(a3: A3, argv: list[str], frase: str) -> None:
    res = a3(*argv)
    assert res.code == 2
    assert_error(res, frase)


def test_un_error_de_a3_sale_con_1(a3: A3) -> None:
    """A command line that parses but a3 refuses (no such client, a value a3's rules
    reject) is not a usage error: exit code 1, as before."""
    for argv in (["cliente", "show", "99"], ["cliente", "list", "--etapa", "vendido"]):
        res = a3(*argv)
        assert res.code == 1
        assert_error(res)


def test_el_proceso_a3_sale_con_2_en_un_error_de_uso(tmp_path: Path) -> None:
    """The exit status a shell sees, from the installed console script."""
    res = proceso([a3_exe(), "cliente", "show"], entorno(tmp_path))
    assert res.code == 2
    assert_error(res, "Falta el argumento REF.")


# ---------------------------------------------------------------- --help lists the values


def _parametros() -> Iterator[tuple[str, list[str], Any]]:
    """(command path, argv of the command, parameter) for every parameter of every command."""
    from a3tui.cli.root import build

    def recorrer(comando: Any, ruta: list[str]) -> Iterator[tuple[str, list[str], Any]]:
        for nombre, sub in sorted(getattr(comando, "commands", {}).items()):
            yield from recorrer(sub, [*ruta, nombre])
        for param in comando.params:
            yield " ".join(["a3", *ruta]), ruta, param

    yield from recorrer(build(), [])


def _de_valores() -> list[tuple[str, list[str], str, tuple[str, ...]]]:
    casos = []
    for comando, ruta, param in _parametros():
        lista = valores.valores(comando, param)
        if lista:
            casos.append((comando, ruta, valores.nombre_del_parametro(param), lista))
    return casos


def _fila(ayuda: str, nombre: str) -> str:
    """The help of one option or argument in a help screen: its line and the ones under it
    up to the next parameter."""
    lineas = [linea.strip("│ ") for linea in ayuda.splitlines()]
    inicio = next(i for i, linea in enumerate(lineas) if linea.lstrip("* ").startswith(nombre + " "))
    fila = [lineas[inicio]]
    for linea in lineas[inicio + 1 :]:
        if not linea or linea.startswith(("-", "*", "╰")) or linea.split(" ")[0].isupper():
            break
        fila.append(linea)
    return " ".join(fila)


def test_cada_opcion_de_valores_los_nombra_en_su_ayuda(a3: A3) -> None:
    """`--etapa E` said «Solo esta etapa.» without saying which (issue 25): every choice
    option and argument lists its values in its command's --help."""
    casos = _de_valores()
    assert len(casos) > 25  # the table finds the options of the whole command line
    sin_valores = []
    for comando, ruta, nombre, lista in casos:
        res = a3(*ruta, "--help")
        assert res.code == 0, res.err
        fila = _fila(res.out, nombre)
        if not valores.nombra_todos(fila, lista):
            sin_valores.append(f"{comando} {nombre}: {fila}")
    assert sin_valores == []


def test_la_tabla_de_valores_solo_nombra_parametros_que_existen() -> None:
    existentes = {(c, valores.nombre_del_parametro(p)) for c, _r, p in _parametros()}
    nombres = {n for _c, n in existentes}
    assert [clave for clave in valores.POR_COMANDO if clave not in existentes] == []
    assert [n for n in valores.POR_NOMBRE if n not in nombres] == []


def test_enumerar_en_espanol() -> None:
    assert valores.enumerar(["alta", "media", "baja"]) == "alta, media o baja"
    assert valores.enumerar(["referido", "otro"]) == "referido u otro"
    assert valores.enumerar(["asesor"]) == "asesor"

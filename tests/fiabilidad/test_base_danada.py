"""A damaged database file is noticed: `db backup` refuses to copy it and says it is
damaged («dañada»), reading it either works or says the same, and nothing is a bug report."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.proceso import Resultado, assert_error, sin_sorpresas

A3 = Callable[..., Resultado]

PAGINA = 4096


def _truncar(db: Path) -> None:
    datos = db.read_bytes()
    db.write_bytes(datos[: len(datos) * 99 // 100])


def _basura_en_pagina(numero: int) -> Callable[[Path], None]:
    def danar(db: Path) -> None:
        datos = bytearray(db.read_bytes())
        paginas = len(datos) // PAGINA
        n = paginas // 2 if numero < 0 else numero
        assert paginas > 20
        assert n < paginas
        datos[(n - 1) * PAGINA : n * PAGINA] = random.Random(n).randbytes(PAGINA)
        db.write_bytes(bytes(datos))

    return danar


DANOS = {
    "truncada-al-99": _truncar,
    "basura-en-la-pagina-3": _basura_en_pagina(3),
    "basura-en-la-pagina-de-en-medio": _basura_en_pagina(-1),
}


@pytest.fixture(params=sorted(DANOS))
def danada(request: pytest.FixtureRequest, grande: Path) -> Path:
    DANOS[request.param](grande)
    return grande


def test_respaldo_de_base_danada_es_error_que_lo_dice(a3: A3, danada: Path, tmp_path: Path) -> None:
    destino = tmp_path / "respaldos"
    destino.mkdir()
    res = a3("db", "backup", destino / "copia.db")
    assert_error(res, "dañada")
    assert list(destino.iterdir()) == []


@pytest.mark.parametrize("vista", [["cliente", "list"], ["hoy"], ["cliente", "list", "--buscar", "numero 150"]])
def test_leer_base_danada_funciona_o_dice_que_esta_danada(a3: A3, danada: Path, vista: list[str]) -> None:
    res = a3(*vista)
    assert sin_sorpresas(res) == [], res
    if res.code != 0:
        assert_error(res, "dañada")


def test_escribir_en_base_danada_funciona_o_dice_que_esta_danada(a3: A3, danada: Path) -> None:
    res = a3("cliente", "add", "Rosa Martínez", "--telefono", "8187650000")
    assert sin_sorpresas(res) == [], res
    if res.code != 0:
        assert_error(res, "dañada")


def test_restaurar_sobre_base_danada_funciona(a3: A3, danada: Path, plantillas: Path) -> None:
    """The way out of a damaged database is a restore: it must not refuse because of the damage."""
    res = a3("db", "restore", plantillas / "tres.db")
    assert res.code == 0, res
    res = a3("cliente", "list", "--json")
    assert res.code == 0, res
    assert res.json()["total"] == 3

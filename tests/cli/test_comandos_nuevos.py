"""Commands that wire rules only tests used to reach: `tarea reabrir`, `ajuste cadencia`, the
follow-up task of `actividad` (--seguimiento/--vence), and the bounds of --limite/--pagina."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


@pytest.mark.ambos_motores
def test_tarea_reabrir_deshace_hecha(a3: A3) -> None:
    assert a3("tarea", "add", "Llamar al notario", "--vence", "hoy").code == 0
    assert a3("tarea", "done", "1").code == 0
    res = a3("tarea", "reabrir", "1")
    assert res.code == 0, res.err
    assert res.out == "Tarea 1 pendiente otra vez: Llamar al notario\n"
    assert [t["hecha"] for t in a3("tarea", "list", "--json").json()["tareas"]] == [False]


def test_tarea_reabrir_una_pendiente_es_error(a3: A3, db: Path) -> None:
    assert a3("tarea", "add", "Llamar al notario", "--vence", "hoy").code == 0
    antes = volcado(db)
    assert_error(a3("tarea", "reabrir", "1"), "no está hecha")
    assert volcado(db) == antes


def test_ajuste_cadencia_lista_los_dias_de_cada_etapa(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    res = a3("ajuste", "cadencia", "--json")
    assert res.code == 0, res.err
    assert res.json()["prospecto/caliente"] == 3


def test_ajuste_cadencia_de_una_etapa_sin_clientes_no_cuenta_clientes_recalculados(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--primer-contacto", "2026-11-20")
    alta("María López", "--primer-contacto", "2026-11-20")
    res = a3("ajuste", "cadencia", "escriturado", "8")
    assert res.code == 0, res.err
    assert res.out == "Seguimiento de escriturado: cada 8 días. Ningún cliente cambia de próximo contacto.\n"


def test_ajuste_cadencia_cambia_y_recalcula_el_proximo_contacto(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--primer-contacto", "2026-11-20")  # tibio: every 7 days
    res = a3("ajuste", "cadencia", "prospecto/TIBIO", "14")
    assert res.code == 0, res.err
    assert (
        res.out == "Seguimiento de prospecto/tibio: cada 14 días. Próximo contacto recalculado: cambia en 1 cliente.\n"
    )
    [cliente] = a3("cliente", "list", "--json").json()["clientes"]
    assert cliente["id"] == juan
    assert cliente["proximo_contacto"] == "2026-12-04"


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("argv", "fragmento"), [(("cancelado", "5"), "cancelado"), (("apartado", "0"), "entre 1 y 365")]
)
def test_ajuste_cadencia_invalida_es_error_y_no_cambia_nada(
    a3: A3, alta: Alta, db: Path, argv: tuple[str, str], fragmento: str
) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("ajuste", "cadencia", *argv), fragmento)
    assert volcado(db) == antes


def test_ajuste_cadencia_sin_dias_es_error(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    assert_error(a3("ajuste", "cadencia", "apartado"), "días")


def test_llamada_con_seguimiento_crea_la_tarea_en_la_misma_accion(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3(
        "actividad", "llamada", str(juan), "-r", "contestó-llamar-después",
        "--seguimiento", "Llamar a Juan", "--vence", "viernes",
    )  # fmt: skip
    assert res.code == 0, res.err
    assert "Tarea 1 creada: Llamar a Juan (vence 2026-11-27)." in res.out
    [tarea] = a3("tarea", "list", "--json").json()["tareas"]
    assert (tarea["descripcion"], tarea["vence"], tarea["cliente_id"]) == ("Llamar a Juan", "2026-11-27", juan)


def test_seguimiento_sin_vence_es_error_y_no_registra_la_llamada(a3: A3, alta: Alta, db: Path) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("actividad", "llamada", str(juan), "-r", "no-contesto", "--seguimiento", "Otra vez"), "--vence")
    assert volcado(db) == antes


def test_seguimiento_con_fecha_invalida_no_registra_la_llamada(a3: A3, alta: Alta, db: Path) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    res = a3("actividad", "llamada", str(juan), "-r", "no-contesto", "--seguimiento", "Otra vez", "--vence", "nunca")
    assert_error(res, "nunca")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("argv", "fragmento"),
    [
        (("cliente", "list", "--limite", "0"), "--limite"),
        (("cliente", "list", "--limite", "9223372036854775807"), "--limite"),
        (("cliente", "list", "--pagina", "0"), "--pagina"),
        (("cliente", "list", "--pagina", "9223372036854775807"), "--pagina"),
        (("hoy", "--limite", "9223372036854775808"), "--limite"),
        (("actividad", "list", "1", "--limite", "9223372036854775808"), "--limite"),
    ],
)
def test_limites_y_paginas_fuera_de_rango_son_error(a3: A3, alta: Alta, argv: tuple[str, ...], fragmento: str) -> None:
    alta("Juan Pérez")
    assert_error(a3(*argv), fragmento)

"""Issue 28, points 6 and 7 on the command line: a cita keeps the properties to show, and
`a3 cliente add` warns about a client of the same name as it warns about a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


@pytest.mark.ambos_motores
def test_cliente_add_avisa_de_un_homonimo_y_forzar_lo_guarda(a3: A3, alta: Alta) -> None:
    maria = alta("María López", "--telefono", "8123456789")
    res = a3("cliente", "add", "Maria  LOPEZ", "--telefono", "5512345678")
    assert_error(res, f"Ya existe un cliente con ese nombre: {maria} María López", "usa --forzar")
    assert a3("cliente", "list", "--json").json()["total"] == 1
    otra = a3("cliente", "add", "Maria Lopez", "--telefono", "5512345678", "--forzar")
    assert otra.code == 0, otra.err
    assert int(otra.out) != maria


def test_reunion_futura_guarda_las_propiedades_por_mostrar(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    for clave, modelo in (("CUM-A-12", "Roble"), ("CUM-C-07", "Nogal")):
        assert a3("propiedad", "add", clave, "--desarrollo", "Cumbres Elite", "--modelo", modelo).code == 0
    res = a3(
        "actividad", "reunion", str(juan), "--fecha", "vie 10:00", "--lugar", "oficina",
        "--propiedades", "cum-a-12,CUM-C-07",
    )  # fmt: skip
    assert res.code == 0, res.err
    assert res.out.startswith(f"Cita agendada con Juan Pérez (id {juan}) en 4 días 10:00 (2026-11-27)")
    (cita,) = a3("tarea", "list", "--json").json()["tareas"]
    assert cita["cita"] is True
    assert cita["descripcion"] == "Reunión con Juan Pérez (oficina) para mostrar CUM-A-12, CUM-C-07"
    assert a3("actividad", "list", str(juan), "--json").json()["actividades"] == []  # shown: not yet


def test_cita_con_una_propiedad_que_no_existe_no_se_agenda(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "reunion", str(juan), "--fecha", "vie 10:00", "--propiedades", "ZZ-999")
    assert_error(res, "No existe la propiedad con clave «ZZ-999»")
    assert a3("tarea", "list", "--json").json()["tareas"] == []

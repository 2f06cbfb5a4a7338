"""`a3 actividad` for the advisor's day (issue 13): inbound contacts, appointments and the
messages waiting for an answer, as a user types them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _ultima(a3: A3, cliente: int) -> dict:
    return a3("actividad", "list", str(cliente), "--json").json()["actividades"][0]


@pytest.mark.ambos_motores
def test_llamada_entrante_sin_resultado(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "llamada", str(juan), "--entrante", "--nota", "Preguntó por Cumbres")
    assert res.code == 0, res.err
    assert res.out.startswith(f"Llamada registrada para Juan Pérez (id {juan}).")
    ultima = _ultima(a3, juan)
    assert ultima["entrante"] is True
    assert ultima["resultado"] is None


def test_llamada_sin_resultado_ni_entrante_nombra_la_opcion(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert_error(a3("actividad", "llamada", str(juan)), "--resultado", "--entrante")


def test_llamada_entrante_no_contestada_se_rechaza(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert_error(a3("actividad", "llamada", str(juan), "--entrante", "-r", "no-contestó"), "entrante")
    assert a3("actividad", "list", str(juan), "--json").json()["actividades"] == []


def test_reunion_con_fecha_futura_agenda_una_cita(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "reunion", str(juan), "--fecha", "vie 10:00", "--lugar", "videollamada")
    assert res.code == 0, res.err
    assert res.out.strip().startswith(f"Cita agendada con Juan Pérez (id {juan}) en 4 días 10:00 (2026-11-27): tarea ")
    (cita,) = a3("tarea", "list", "--json").json()["tareas"]
    assert cita["cita"] is True
    assert cita["lugar"] == "videollamada"
    assert cita["hora"] == "10:00"
    assert a3("actividad", "list", str(juan), "--json").json()["actividades"] == []

    res = a3("actividad", "reunion", str(juan), "-r", "muy-interesado", "--fecha", "2026-11-27 10:30")
    assert_error(res, "futura")  # the meeting can't be logged before it happens


def test_reunion_pasada_sin_resultado_lo_pide(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert_error(a3("actividad", "reunion", str(juan)), "resultado de la reunión")


def test_pendientes_y_respondida(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    ana = alta("Ana Ruiz", "--telefono", "8122222222")
    assert a3("actividad", "pendientes").out.startswith("Nada pendiente de respuesta")
    a3("actividad", "mensaje", str(juan), "--contenido", "Tres opciones", "--no-respondio", "--fecha", "ayer")
    a3("actividad", "email", str(ana), "--asunto", "Cotización", "--no-respondio", "--fecha", "-3")
    res = a3("actividad", "pendientes")
    assert res.code == 0, res.err
    lineas = res.out.splitlines()
    assert lineas[0] == "Pendientes de respuesta: 2"
    assert "Ana Ruiz" in lineas[1]
    assert "«Cotización»" in lineas[1]
    assert "Juan Pérez" in lineas[2]
    assert "Tres opciones" in lineas[2]
    doc = a3("actividad", "pendientes", "--json").json()
    assert doc["total"] == 2
    assert [p["cliente"]["nombre"] for p in doc["pendientes"]] == ["Ana Ruiz", "Juan Pérez"]
    assert doc["pendientes"][0]["dias"] == 3

    assert "Pendientes de respuesta · 2" in a3("hoy").out
    assert a3("hoy", "--json").json()["totales"]["pendientes_de_respuesta"] == 2

    email_id = doc["pendientes"][0]["id"]
    assert a3("actividad", "respondida", str(email_id)).out.strip() == f"Email {email_id} marcado como respondido."
    assert_error(a3("actividad", "respondida", str(email_id)), "ya estaba marcada")

    a3("actividad", "mensaje", str(juan), "--entrante", "--contenido", "Me gusta la segunda")
    assert a3("actividad", "pendientes", "--json").json()["total"] == 0


def test_pendientes_sugiere_los_comandos_con_el_id_del_cliente_y_el_del_mensaje(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    ana = alta("Ana Ruiz", "--telefono", "8122222222")
    a3("actividad", "mensaje", str(ana), "--contenido", "Tres opciones", "--no-respondio", "--fecha", "ayer")
    [pendiente] = a3("actividad", "pendientes", "--json").json()["pendientes"]
    assert pendiente["id"] != ana  # the two ids differ, so a mix-up would show
    pista = a3("actividad", "pendientes").out.splitlines()[-1]
    assert f"a3 actividad mensaje {ana} --entrante" in pista
    assert f"a3 actividad respondida {pendiente['id']}" in pista
    res = a3("actividad", "mensaje", str(ana), "--entrante", "--contenido", "Me gusta la segunda")
    assert "Ana Ruiz" in res.out
    assert a3("actividad", "pendientes", "--json").json()["total"] == 0


def test_mensaje_entrante_con_respondio_se_rechaza(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert_error(a3("actividad", "mensaje", str(juan), "--entrante", "--respondio"), "respondió")

"""`a3 actividad …` and `a3 nota add`: what an advisor logs after talking with a client."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

SUGERENCIA = "a3 cliente temperatura {id} frío"


def _ultima(a3: A3, cliente: int) -> dict:
    return a3("actividad", "list", str(cliente), "--json").json()["actividades"][0]


# ---------------------------------------------------------------- llamada


@pytest.mark.ambos_motores
def test_actividad_llamada_confirma_y_da_el_proximo_contacto(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "llamada", str(juan), "--resultado", "contestó-interesado")
    assert res.code == 0, res.err
    assert res.out.strip() == f"Llamada registrada para Juan Pérez (id {juan}). Próximo contacto: en 7 días."


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("escrito", "guardado"),
    [
        ("CONTESTO-INTERESADO", "contestó-interesado"),
        ("contesto llamar despues", "contestó-llamar-después"),
        ("No-Contestó", "no-contestó"),
        ("dejé mensaje", "dejé-mensaje"),
        ("deje_mensaje", "dejé-mensaje"),
    ],
)
def test_actividad_llamada_resultado_sin_importar_acentos_ni_mayusculas(
    a3: A3, alta: Alta, escrito: str, guardado: str
) -> None:
    juan = alta("Juan Pérez")
    assert a3("actividad", "llamada", str(juan), "-r", escrito).code == 0
    assert _ultima(a3, juan)["resultado"] == guardado


def test_actividad_llamada_guarda_duracion_nota_y_fecha(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3(
        "actividad",
        "llamada",
        "perez",
        "-r",
        "contestó-interesado",
        "--duracion",
        "8",
        "--nota",
        "Quiere ver casas el sábado",
        "--fecha",
        "2026-11-20 16:30",
    )
    assert res.code == 0, res.err
    actividad = _ultima(a3, juan)
    assert actividad["tipo"] == "llamada"
    assert actividad["duracion_min"] == 8
    assert actividad["nota"] == "Quiere ver casas el sábado"
    assert actividad["fecha"] == con_zona("2026-11-20T16:30:00")


def test_actividad_llamada_futura_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("actividad", "llamada", str(juan), "-r", "no-contesto", "--fecha", "mañana"), "futura")
    assert volcado(db) == antes


def test_tercera_llamada_sin_respuesta_en_14_dias_sugiere_frio_con_el_comando(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--primer-contacto", "2026-11-01")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-12")
    a3("actividad", "llamada", str(juan), "-r", "dejé-mensaje", "--fecha", "2026-11-18")
    res = a3("actividad", "llamada", str(juan), "-r", "no-contestó")
    assert res.code == 0, res.err
    assert "Sugerencia" in res.out
    assert "3 llamadas sin respuesta" in res.out
    assert SUGERENCIA.format(id=juan) in res.out


def test_segunda_llamada_sin_respuesta_no_sugiere_frio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-18")
    res = a3("actividad", "llamada", str(juan), "-r", "no-contestó")
    assert res.code == 0, res.err
    assert "Sugerencia" not in res.out
    assert "frío" not in res.out


def test_llamadas_sin_respuesta_fuera_de_14_dias_no_sugieren_frio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--primer-contacto", "2026-10-01")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-01")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-05")
    res = a3("actividad", "llamada", str(juan), "-r", "no-contestó")
    assert "Sugerencia" not in res.out


def test_llamada_contestada_en_medio_reinicia_la_cuenta_para_frio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--primer-contacto", "2026-11-01")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-12")
    a3("actividad", "llamada", str(juan), "-r", "contestó-llamar-después", "--fecha", "2026-11-15")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-18")
    res = a3("actividad", "llamada", str(juan), "-r", "no-contestó")
    assert "Sugerencia" not in res.out


def test_sugerencia_de_frio_se_sigue_y_el_cliente_queda_frio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--primer-contacto", "2026-11-01")
    for fecha in ("2026-11-12", "2026-11-18", "2026-11-22"):
        a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", fecha)
    comando = SUGERENCIA.format(id=juan).split()[1:]
    assert a3(*comando).code == 0
    assert a3("cliente", "show", str(juan), "--json").json()["temperatura"] == "frío"


# ---------------------------------------------------------------- reunion, mensaje, email


def test_actividad_reunion_guarda_resultado_lugar_y_siguientes_pasos(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3(
        "actividad",
        "reunion",
        str(juan),
        "--resultado",
        "LO PENSARA",
        "--lugar",
        "sala de ventas",
        "--siguientes-pasos",
        "Enviar corrida financiera",
    )
    assert res.code == 0, res.err
    assert res.out.startswith("Reunión registrada para Juan Pérez")
    actividad = _ultima(a3, juan)
    assert actividad["tipo"] == "reunión"
    assert actividad["resultado"] == "lo-pensará"
    assert actividad["lugar"] == "sala de ventas"
    assert actividad["siguientes_pasos"] == "Enviar corrida financiera"


def test_actividad_reunion_registra_las_propiedades_mostradas(a3: A3, alta: Alta, db) -> None:
    from datetime import datetime

    from a3tui.models import Propiedad
    from a3tui.store import open_store

    juan = alta("Juan Pérez")
    store = open_store(str(db))
    with store.session() as session:
        session.add(Propiedad(clave="CUM-101", desarrollo="Cumbres Elite", creado=datetime(2026, 11, 1)))
        session.add(Propiedad(clave="CUM-102", desarrollo="Cumbres Elite", creado=datetime(2026, 11, 1)))
    store.dispose()
    res = a3("actividad", "reunion", str(juan), "-r", "muy-interesado", "--propiedades", "cum-101, CUM-102")
    assert res.code == 0, res.err
    assert _ultima(a3, juan)["propiedades"] == ["CUM-101", "CUM-102"]


def test_actividad_reunion_con_propiedad_inexistente_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    res = a3("actividad", "reunion", str(juan), "-r", "muy-interesado", "--propiedades", "NO-EXISTE")
    assert_error(res, "NO-EXISTE")
    assert volcado(db) == antes


def test_actividad_reunion_lugar_desconocido_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("actividad", "reunion", str(juan), "-r", "muy-interesado", "--lugar", "cafetería"), "cafetería")
    assert volcado(db) == antes


def test_actividad_mensaje_guarda_contenido_y_que_no_respondio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "mensaje", str(juan), "--contenido", "Le envié 3 opciones en Cumbres", "--no-respondio")
    assert res.code == 0, res.err
    actividad = _ultima(a3, juan)
    assert actividad["tipo"] == "mensaje"
    assert actividad["contenido"] == "Le envié 3 opciones en Cumbres"
    assert actividad["respondio"] is False


def test_actividad_email_guarda_asunto_y_que_respondio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "email", str(juan), "--asunto", "Cotización casa modelo Roble", "--respondio")
    assert res.code == 0, res.err
    actividad = _ultima(a3, juan)
    assert actividad["tipo"] == "email"
    assert actividad["asunto"] == "Cotización casa modelo Roble"
    assert actividad["respondio"] is True


def test_actividad_mueve_la_ultima_actividad_del_cliente(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("actividad", "mensaje", str(juan), "--contenido", "Hola", "--fecha", "2026-11-21 09:15")
    ficha = a3("cliente", "show", str(juan), "--json").json()
    assert ficha["ultima_actividad"] == con_zona("2026-11-21T09:15:00")
    assert ficha["proximo_contacto"] == "2026-11-28"


# ---------------------------------------------------------------- actividad list


def test_actividad_list_lo_mas_reciente_primero(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-20")
    a3("actividad", "email", str(juan), "--asunto", "Cotización", "--fecha", "2026-11-22")
    res = a3("actividad", "list", str(juan))
    assert res.code == 0, res.err
    lineas = res.out.splitlines()
    assert lineas[0] == f"Historial de Juan Pérez (id {juan})"
    assert "2026-11-22" in lineas[1]
    assert "Cotización" in lineas[1]
    assert "2026-11-20" in lineas[2]
    assert "no contestó" in lineas[2]  # the result as words, not its slug


def test_actividad_list_sin_actividades_lo_dice(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert "(sin actividades)" in a3("actividad", "list", str(juan)).out


def test_actividad_list_json_claves_en_espanol_y_fechas_iso(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-20 08:05")
    doc = a3("actividad", "list", str(juan), "--json").json()
    assert doc["cliente"] == {"id": juan, "nombre": "Juan Pérez"}
    (actividad,) = doc["actividades"]
    assert {"id", "tipo", "fecha", "resultado", "duracion_min", "nota"} <= set(actividad)
    assert actividad["fecha"] == con_zona("2026-11-20T08:05:00")


# ---------------------------------------------------------------- nota add


def test_nota_add_confirma_y_queda_en_la_ficha(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("nota", "add", "perez", "Prefiere casas de 2 plantas")
    assert res.code == 0, res.err
    assert res.out.strip() == "Nota 1 agregada a Juan Pérez."
    notas = a3("cliente", "show", str(juan), "--json").json()["notas"]
    assert [n["texto"] for n in notas] == ["Prefiere casas de 2 plantas"]
    assert notas[0]["creado"] == con_zona("2026-11-23T10:00:00")


def test_nota_add_vacia_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("nota", "add", str(juan), "   "))
    assert volcado(db) == antes


def test_sin_sugerencia_de_frio_si_ya_es_frio(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--temperatura", "frío", "--primer-contacto", "2026-11-01")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-12")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "2026-11-18")
    assert "Sugerencia" not in a3("actividad", "llamada", str(juan), "-r", "no-contestó").out


def test_actividad_llamada_fecha_ayer_queda_al_mediodia(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("actividad", "llamada", str(juan), "-r", "no-contestó", "--fecha", "ayer")
    assert _ultima(a3, juan)["fecha"] == con_zona("2026-11-22T12:00:00")


# ---------------------------------------------------------------- the follow-up task's hour


def test_seguimiento_con_hora(a3: A3, alta: Alta) -> None:
    """Issue 28, point 10: the app's follow-up task takes an hour; the command too."""
    juan = alta("Juan Pérez")
    res = a3(
        "actividad", "llamada", str(juan), "-r", "contestó-llamar-después",
        "--seguimiento", "Llamar a Juan", "--vence", "viernes", "--hora", "10:30",
    )  # fmt: skip
    assert res.code == 0, res.err
    assert "Tarea 1 creada: Llamar a Juan (vence 2026-11-27 10:30)." in res.out
    [tarea] = a3("tarea", "list", "--json").json()["tareas"]
    assert (tarea["vence"], tarea["hora"]) == ("2026-11-27", "10:30")


def test_seguimiento_con_la_hora_en_vence(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("actividad", "mensaje", str(juan), "-c", "Hola", "--seguimiento", "Llamarle", "--vence", "viernes 9:15")
    assert res.code == 0, res.err
    [tarea] = a3("tarea", "list", "--json").json()["tareas"]
    assert (tarea["vence"], tarea["hora"]) == ("2026-11-27", "09:15")


@pytest.mark.parametrize(
    ("opciones", "fragmento"),
    [
        (("--hora", "10:30"), "--seguimiento"),
        (("--seguimiento", "Llamarle", "--vence", "viernes", "--hora", "25:00"), "25:00"),
        (("--seguimiento", "Llamarle", "--vence", "viernes 9:00", "--hora", "10:00"), "dos horas"),
    ],
    ids=["hora-sin-seguimiento", "hora-invalida", "dos-horas"],
)
def test_hora_de_seguimiento_mala_no_registra_nada(
    a3: A3, alta: Alta, db, opciones: tuple[str, ...], fragmento: str
) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("actividad", "llamada", str(juan), "-r", "no-contesto", *opciones), fragmento)
    assert volcado(db) == antes

"""The advisor's day in the services (issue 13): inbound contacts, appointments (a meeting
scheduled for later) and the messages waiting for the client's answer."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from a3tui import domain, services
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Tarea
from a3tui.services import actividades, clientes, tareas

HOY = date(2026, 11, 23)  # a Monday
VIERNES = date(2026, 11, 27)


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"], primer_contacto=date(2026, 11, 1))


def _hace(ctx, dias: int) -> datetime:
    return ctx.ahora - timedelta(days=dias)


# ---------------------------------------------------------------- inbound


@pytest.mark.ambos_motores
def test_llamada_entrante_no_necesita_resultado_y_es_un_contacto(ctx, juan):
    registro = actividades.llamada(ctx, juan, None, entrante=True)
    assert registro.actividad.entrante is True
    assert registro.actividad.resultado is None
    assert juan.ultima_actividad == ctx.ahora
    assert actividades.resumen(registro.actividad) == "Llamada: entrante"


def test_llamada_entrante_no_puede_ser_sin_respuesta(ctx, juan):
    with pytest.raises(DatoInvalido, match="entrante no puede ser «no-contestó»"):
        actividades.llamada(ctx, juan, "no contesto", entrante=True)
    assert actividades.count(ctx, juan) == 0


def test_llamada_saliente_sigue_pidiendo_resultado(ctx, juan):
    with pytest.raises(DatoInvalido, match="resultado de la llamada"):
        actividades.llamada(ctx, juan, None)


def test_una_llamada_entrante_corta_la_racha_sin_respuesta(ctx, juan):
    actividades.llamada(ctx, juan, "no-contestó", fecha=_hace(ctx, 3))
    actividades.llamada(ctx, juan, "no-contestó", fecha=_hace(ctx, 2))
    actividades.llamada(ctx, juan, None, entrante=True, fecha=_hace(ctx, 1))
    registro = actividades.llamada(ctx, juan, "no-contestó")
    assert registro.llamadas_sin_respuesta == 1
    assert not registro.sugerir_frio


def test_mensaje_del_cliente_no_lleva_respondio(ctx, juan):
    with pytest.raises(DatoInvalido, match="no lleva «respondió»"):
        actividades.mensaje(ctx, juan, contenido="Hola", entrante=True, respondio=False)
    registro = actividades.mensaje(ctx, juan, contenido="¿Tienen casas en Cumbres?", entrante=True)
    assert actividades.resumen(registro.actividad) == "Mensaje: del cliente · ¿Tienen casas en Cumbres?"


# ---------------------------------------------------------------- appointments


def test_reunion_futura_se_agenda_como_cita(ctx, juan):
    cuando = datetime.combine(VIERNES, time(10, 0))
    cita = actividades.reunion_o_cita(ctx, juan, None, lugar="videollamada", nota="Revisar planos", fecha=cuando)
    assert isinstance(cita, Tarea)
    assert cita.cita is True
    assert cita.lugar == domain.LugarReunion.VIDEOLLAMADA
    assert (cita.vence, cita.hora) == (VIERNES, time(10, 0))
    assert cita.descripcion == "Reunión con Juan Pérez (videollamada): Revisar planos"
    assert cita.recordatorio is True
    assert actividades.count(ctx, juan) == 0  # nothing happened yet: no contact logged
    assert [f.tarea.id for f in tareas.list_(ctx, "proximas")] == [cita.id]


def test_reunion_futura_no_tiene_resultado_todavia(ctx, juan):
    cuando = datetime.combine(VIERNES, time(10, 0))
    with pytest.raises(DatoInvalido, match="se agenda como cita"):
        actividades.reunion_o_cita(ctx, juan, "muy-interesado", fecha=cuando)
    assert tareas.count(ctx, "todas") == 0


def test_reunion_pasada_sin_resultado_pide_resultado(ctx, juan):
    with pytest.raises(DatoInvalido, match="Indica el resultado de la reunión"):
        actividades.reunion_o_cita(ctx, juan, None, fecha=_hace(ctx, 1))


def test_cita_en_el_pasado_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="ya pasó"):
        tareas.agendar_cita(ctx, juan, _hace(ctx, 1))


def test_registrar_la_reunion_cierra_la_cita_de_ese_dia_o_antes(ctx, juan):
    hoy_tarde = tareas.agendar_cita(ctx, juan, ctx.ahora.replace(hour=17))
    viernes = tareas.agendar_cita(ctx, juan, datetime.combine(VIERNES, time(10, 0)))
    otra = clientes.add(ctx, "Otra Persona", telefonos=["8111111111"])
    de_otra = tareas.agendar_cita(ctx, otra, ctx.ahora.replace(hour=12))
    registro = actividades.reunion(ctx, juan, "lo-pensará")
    assert [c.id for c in registro.citas_cerradas] == [hoy_tarde.id]
    assert not viernes.hecha
    assert not de_otra.hecha


def test_una_tarea_comun_no_se_cierra_con_la_reunion(ctx, juan):
    comun = tareas.add(ctx, "Enviar cotización", HOY, cliente=juan)
    registro = actividades.reunion(ctx, juan, "muy-interesado")
    assert registro.citas_cerradas == ()
    assert not comun.hecha


def test_videollamada_es_un_lugar(ctx, juan):
    registro = actividades.reunion(ctx, juan, "muy-interesado", lugar="videollamada")
    assert "en videollamada" in actividades.resumen(registro.actividad)


# ---------------------------------------------------------------- pending replies


def test_pendientes_de_respuesta_el_mas_antiguo_primero(ctx, juan):
    ana = clientes.add(ctx, "Ana Ruiz", telefonos=["8122222222"])
    reciente = actividades.mensaje(ctx, juan, contenido="Opciones", respondio=False, fecha=_hace(ctx, 1)).actividad
    antiguo = actividades.email(ctx, ana, asunto="Cotización", respondio=False, fecha=_hace(ctx, 4)).actividad
    actividades.mensaje(ctx, juan, contenido="Folleto", respondio=True, fecha=_hace(ctx, 5))
    actividades.mensaje(ctx, juan, contenido="Sin saber", fecha=_hace(ctx, 2))  # respondió unknown
    filas = actividades.pendientes_de_respuesta(ctx)
    assert [f.actividad.id for f in filas] == [antiguo.id, reciente.id]
    assert [f.dias for f in filas] == [4, 1]
    assert filas[0].cliente == "Ana Ruiz"
    assert actividades.count_pendientes_de_respuesta(ctx) == 2


@pytest.mark.parametrize(
    "respuesta",
    [
        lambda ctx, c: actividades.llamada(ctx, c, "contestó-interesado"),
        lambda ctx, c: actividades.llamada(ctx, c, None, entrante=True),
        lambda ctx, c: actividades.mensaje(ctx, c, contenido="Sí me interesa", entrante=True),
        lambda ctx, c: actividades.reunion(ctx, c, "muy-interesado"),
        lambda ctx, c: actividades.email(ctx, c, asunto="Re: opciones", respondio=True),
    ],
    ids=["llamada-contestada", "llamada-entrante", "mensaje-del-cliente", "reunion", "email-respondido"],
)
def test_sale_de_pendientes_cuando_el_cliente_responde_despues(ctx, juan, respuesta):
    actividades.mensaje(ctx, juan, contenido="Opciones", respondio=False, fecha=_hace(ctx, 2))
    respuesta(ctx, juan)
    assert actividades.pendientes_de_respuesta(ctx) == []


def test_una_llamada_sin_respuesta_no_saca_de_pendientes(ctx, juan):
    actividades.mensaje(ctx, juan, contenido="Opciones", respondio=False, fecha=_hace(ctx, 2))
    actividades.llamada(ctx, juan, "no-contestó")
    assert len(actividades.pendientes_de_respuesta(ctx)) == 1


def test_pendientes_solo_de_la_cartera_y_no_cancelados(ctx, ctx_luis, juan):
    actividades.mensaje(ctx, juan, contenido="Opciones", respondio=False, fecha=_hace(ctx, 2))
    assert actividades.pendientes_de_respuesta(ctx_luis) == []
    clientes.cambiar_etapa(ctx, juan, "cancelado", "Ya compró")
    assert actividades.pendientes_de_respuesta(ctx) == []


def test_marcar_respondido(ctx, ctx_luis, juan):
    enviado = actividades.mensaje(ctx, juan, contenido="Opciones", respondio=False).actividad
    assert enviado.id is not None
    with pytest.raises(NoEncontrado):
        actividades.marcar_respondido(ctx_luis, enviado.id)
    actividades.marcar_respondido(ctx, enviado.id)
    assert enviado.respondio is True
    assert actividades.pendientes_de_respuesta(ctx) == []
    with pytest.raises(DatoInvalido, match="ya estaba marcada"):
        actividades.marcar_respondido(ctx, enviado.id)
    llamada = actividades.llamada(ctx, juan, "no-contestó").actividad
    assert llamada.id is not None
    with pytest.raises(DatoInvalido, match="no es un mensaje ni un email"):
        actividades.marcar_respondido(ctx, llamada.id)
    with pytest.raises(NoEncontrado):
        actividades.marcar_respondido(ctx, 10**9)


# ---------------------------------------------------------------- weekdays as typed


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("viernes", VIERNES),
        ("vie", VIERNES),
        ("v", VIERNES),
        ("V", VIERNES),
        ("ma", date(2026, 11, 24)),
        ("mi", date(2026, 11, 25)),
        ("miérc", date(2026, 11, 25)),
        ("j", date(2026, 11, 26)),
        ("l", date(2026, 11, 30)),  # today is Monday: the next one
        ("sáb", date(2026, 11, 28)),
        ("d", date(2026, 11, 29)),
    ],
)
def test_dia_de_la_semana_por_su_inicio(texto, esperado):
    assert domain.parse_fecha(texto, HOY) == esperado


@pytest.mark.parametrize("texto", ["m", "x", "vier3"])
def test_inicio_ambiguo_o_desconocido_no_se_adivina(texto):
    with pytest.raises(DatoInvalido, match="no se entiende"):
        domain.parse_fecha(texto, HOY)


def test_contexto_de_otro_dia_ve_la_cita_como_de_hoy(store, juan, ctx):
    cita = tareas.agendar_cita(ctx, juan, datetime.combine(VIERNES, time(10, 0)))
    ctx.session.commit()
    with store.session() as session:
        viernes = services.contexto(session, "ana", datetime.combine(VIERNES, time(9, 0)))
        assert [f.tarea.id for f in tareas.list_(viernes, "hoy")] == [cita.id]


def test_pendientes_solo_de_los_ultimos_30_dias(ctx, juan):
    actividades.mensaje(ctx, juan, contenido="Viejo", respondio=False, fecha=_hace(ctx, 31))
    reciente = actividades.mensaje(ctx, juan, contenido="Reciente", respondio=False, fecha=_hace(ctx, 29)).actividad
    assert [f.actividad.id for f in actividades.pendientes_de_respuesta(ctx)] == [reciente.id]
    assert actividades.count_pendientes_de_respuesta(ctx) == 1
    assert actividades.count_pendientes_de_respuesta(ctx, hasta=1) == 1

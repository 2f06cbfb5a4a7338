"""Activities: logging contacts, the next-contact date they set, and the frío suggestion."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import select

from a3tui import services
from a3tui.domain import LugarReunion
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Propiedad, PropiedadMostrada, Tarea
from a3tui.services import actividades, clientes, historial, reportes

from .ayuda import volcado

HOY = date(2026, 11, 23)


@pytest.fixture
def ana(ctx):
    """A tibio prospect first contacted on 1 November, never called since."""
    return clientes.add(ctx, "Ana García", telefonos=["8123456789"], primer_contacto=date(2026, 11, 1))


def _propiedad(ctx, clave: str) -> Propiedad:
    prop = Propiedad(clave=clave, desarrollo="Valle Alto", creado=ctx.ahora)
    ctx.session.add(prop)
    ctx.session.flush()
    return prop


def _sin_respuesta(ctx, cliente, *fechas: datetime):
    registro = None
    for fecha in fechas:
        registro = actividades.llamada(ctx, cliente, "no-contestó", fecha=fecha)
    return registro


# ---------------------------------------------------------------- next contact after each kind


def _registrar(ctx, cliente, tipo: str, fecha: datetime | None = None):
    if tipo == "llamada":
        return actividades.llamada(ctx, cliente, "contestó-interesado", fecha=fecha)
    if tipo == "reunión":
        return actividades.reunion(ctx, cliente, "lo-pensará", lugar="oficina", fecha=fecha)
    if tipo == "mensaje":
        return actividades.mensaje(ctx, cliente, contenido="¿Le llamo mañana?", fecha=fecha)
    return actividades.email(ctx, cliente, asunto="Cotización", fecha=fecha)


TIPOS = ["llamada", "reunión", "mensaje", "email"]


@pytest.mark.ambos_motores
@pytest.mark.parametrize("tipo", TIPOS)
def test_actividad_mueve_el_proximo_contacto_segun_la_cadencia(ctx, ana, tipo):
    _registrar(ctx, ana, tipo)
    assert ana.ultima_actividad == ctx.ahora
    assert ana.proximo_contacto == HOY + timedelta(days=7)


@pytest.mark.parametrize("tipo", TIPOS)
def test_actividad_queda_con_su_tipo_en_el_historial(ctx, ana, tipo):
    _registrar(ctx, ana, tipo)
    [entrada] = actividades.list_(ctx, ana)
    assert entrada.actividad.tipo == tipo
    assert entrada.actividad.asesor_id == ctx.asesor.id


@pytest.mark.parametrize(("temperatura", "dias"), [("caliente", 3), ("tibio", 7), ("frío", 21)])
def test_proximo_contacto_de_prospecto_tras_llamada_segun_temperatura(ctx, temperatura, dias):
    cliente = clientes.add(ctx, "Beto Ruiz", temperatura=temperatura, primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, cliente, "contestó-llamar-después")
    assert cliente.proximo_contacto == HOY + timedelta(days=dias)


@pytest.mark.parametrize(("etapa", "dias"), [("apartado", 2), ("escriturado", 7), ("entregado", 30)])
def test_proximo_contacto_tras_llamada_segun_etapa(ctx, etapa, dias):
    cliente = clientes.add(ctx, "Beto Ruiz", etapa=etapa, primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, cliente, "contestó-interesado")
    assert cliente.proximo_contacto == HOY + timedelta(days=dias)


def test_actividad_de_cancelado_no_le_pone_proximo_contacto(ctx, ana):
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="se mudó")
    actividades.llamada(ctx, ana, "contestó-interesado")
    assert ana.proximo_contacto is None


def test_actividad_con_fecha_pasada_cuenta_desde_esa_fecha(ctx, ana):
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 10, 16, 0))
    assert ana.ultima_actividad == datetime(2026, 11, 10, 16, 0)
    assert ana.proximo_contacto == date(2026, 11, 17)


def test_actividad_anterior_a_la_ultima_no_la_retrasa(ctx, ana):
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 20, 9, 0))
    actividades.mensaje(ctx, ana, contenido="olvidé registrarlo", fecha=datetime(2026, 11, 12, 9, 0))
    assert ana.ultima_actividad == datetime(2026, 11, 20, 9, 0)
    assert ana.proximo_contacto == date(2026, 11, 27)


def test_actividad_futura_es_invalida(ctx, ana):
    with pytest.raises(DatoInvalido, match="futura"):
        actividades.llamada(ctx, ana, "contestó-interesado", fecha=ctx.ahora + timedelta(hours=1))
    assert actividades.list_(ctx, ana) == []


def test_actividad_unos_minutos_adelante_se_acepta(ctx, ana):
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=ctx.ahora + timedelta(minutes=3))
    assert len(actividades.list_(ctx, ana)) == 1


@pytest.mark.ambos_motores
def test_actividad_futura_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.add(ctx, "Ana García")
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        actividades.mensaje(ctx, clientes.resolve(ctx, "ana"), fecha=ahora + timedelta(days=1))
    assert volcado(store) == antes


def test_entrada_de_sistema_no_mueve_el_proximo_contacto(ctx, ana):
    antes = ana.proximo_contacto
    from a3tui.domain import EventoSistema

    historial.sistema(ctx, ana, EventoSistema.TRANSFERENCIA, "de ana a luis")
    assert ana.ultima_actividad is None
    assert ana.proximo_contacto == antes


def test_recalcular_seguimiento_ignora_entradas_de_sistema(ctx, ana):
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 20, 9, 0))
    clientes.cambiar_temperatura(ctx, ana, "caliente")
    ana.ultima_actividad = None
    ana.proximo_contacto = None
    assert clientes.recalcular_seguimiento(ctx) == 1
    assert ana.ultima_actividad == datetime(2026, 11, 20, 9, 0)
    assert ana.proximo_contacto == date(2026, 11, 23)


# ---------------------------------------------------------------- validation of each kind


@pytest.mark.ambos_motores
def test_resultado_de_llamada_sin_acentos(ctx, ana):
    registro = actividades.llamada(ctx, ana, "CONTESTO-LLAMAR-DESPUES")
    assert registro.actividad.resultado == "contestó-llamar-después"


def test_resultado_de_llamada_desconocido_es_invalido(ctx, ana):
    with pytest.raises(DatoInvalido, match="resultado"):
        actividades.llamada(ctx, ana, "ocupado")
    assert actividades.list_(ctx, ana) == []


@pytest.mark.parametrize("duracion", [-1, 601])
def test_duracion_fuera_de_rango_es_invalida(ctx, ana, duracion):
    with pytest.raises(DatoInvalido, match="duración"):
        actividades.llamada(ctx, ana, "contestó-interesado", duracion_min=duracion)


def test_llamada_guarda_duracion_y_nota(ctx, ana):
    registro = actividades.llamada(ctx, ana, "contestó-interesado", duracion_min=12, nota="  Quiere 3 recámaras ")
    assert registro.actividad.duracion_min == 12
    assert registro.actividad.nota == "Quiere 3 recámaras"


def test_reunion_con_propiedades_las_registra_como_mostradas_en_persona(ctx, ana):
    a1 = _propiedad(ctx, "VA-101")
    b2 = _propiedad(ctx, "VA-202")
    registro = actividades.reunion(
        ctx,
        ana,
        "muy-interesado",
        lugar="propiedad",
        propiedades=["va-101", "VA-202", " "],
        siguientes_pasos="Enviar corrida financiera",
    )
    assert registro.actividad.lugar == "propiedad"
    assert registro.actividad.detalle is None  # the properties shown are PropiedadMostrada rows
    [entrada] = actividades.list_(ctx, ana)
    assert entrada.propiedades == ("VA-101", "VA-202")
    assert "propiedades: VA-101, VA-202" in entrada.resumen
    mostradas = ctx.session.exec(select(PropiedadMostrada).order_by(PropiedadMostrada.id)).all()
    assert [(m.propiedad_id, m.medio, m.actividad_id) for m in mostradas] == [
        (a1.id, "en persona", registro.actividad.id),
        (b2.id, "en persona", registro.actividad.id),
    ]


def test_reunion_con_propiedad_inexistente_no_guarda_nada(ctx, ana):
    _propiedad(ctx, "VA-101")
    with pytest.raises(NoEncontrado, match="ZZ-999"):
        actividades.reunion(ctx, ana, "muy-interesado", propiedades=["VA-101", "ZZ-999"])
    assert actividades.list_(ctx, ana) == []
    assert ctx.session.exec(select(PropiedadMostrada)).all() == []
    assert ana.ultima_actividad is None


# ---------------------------------------------------------------- citas: the properties to show


def _viernes(ctx) -> datetime:
    return datetime.combine(HOY + timedelta(days=4), time(10, 0))


@pytest.mark.ambos_motores
def test_cita_guarda_las_propiedades_por_mostrar(ctx, ana):
    _propiedad(ctx, "VA-101")
    _propiedad(ctx, "VA-202")
    cita = actividades.reunion_o_cita(
        ctx, ana, None, lugar="sala de ventas", propiedades=["va-202", "VA-101", "va-202"], fecha=_viernes(ctx)
    )
    assert isinstance(cita, Tarea)
    assert cita.cita
    assert cita.propiedades == "VA-202, VA-101"
    assert cita.descripcion == "Reunión con Ana García (sala de ventas) para mostrar VA-202, VA-101"
    # Nothing was shown yet: no activity, no property shown.
    assert actividades.list_(ctx, ana) == []
    assert ctx.session.exec(select(PropiedadMostrada)).all() == []
    por_registrar = actividades.cita_por_registrar(ctx, cita.id)
    assert por_registrar == actividades.CitaPorRegistrar(cita.id, LugarReunion.SALA_DE_VENTAS, ("VA-202", "VA-101"))


def test_cita_con_una_propiedad_que_no_existe_no_se_agenda(ctx, ana):
    _propiedad(ctx, "VA-101")
    with pytest.raises(NoEncontrado, match="ZZ-999") as error:
        actividades.reunion_o_cita(ctx, ana, None, propiedades=["VA-101", "ZZ-999"], fecha=_viernes(ctx))
    assert error.value.campo == "propiedades"
    assert ctx.session.exec(select(Tarea)).all() == []


def test_cita_todavia_sin_resultado_ni_seguimiento_nombra_el_campo(ctx, ana):
    with pytest.raises(DatoInvalido, match="se agenda como cita") as error:
        actividades.reunion_o_cita(ctx, ana, "muy-interesado", fecha=_viernes(ctx))
    assert error.value.campo == "resultado"
    seguimiento = actividades.Seguimiento("Llamar", HOY + timedelta(days=5))
    with pytest.raises(DatoInvalido, match="se agenda como cita") as error:
        actividades.reunion_o_cita(ctx, ana, None, fecha=_viernes(ctx), seguimiento=seguimiento)
    assert error.value.campo == "seguimiento"


def test_una_tarea_que_no_es_cita_no_da_reunion_por_registrar(ctx, ana):
    from a3tui.services import tareas

    tarea = tareas.add(ctx, "Llamar a Ana", HOY, cliente=ana)
    assert actividades.cita_por_registrar(ctx, tarea.id) is None
    cita = actividades.reunion_o_cita(ctx, ana, None, fecha=_viernes(ctx))
    assert isinstance(cita, Tarea)
    assert actividades.cita_por_registrar(ctx, cita.id) == actividades.CitaPorRegistrar(cita.id, None, ())
    tareas.done(ctx, cita.id)
    assert actividades.cita_por_registrar(ctx, cita.id) is None  # done: nothing left to log from it


def test_cita_de_otro_asesor_no_se_ve(ctx, ctx_luis, ana):
    cita = actividades.reunion_o_cita(ctx, ana, None, fecha=_viernes(ctx))
    assert isinstance(cita, Tarea)
    with pytest.raises(NoEncontrado):
        actividades.cita_por_registrar(ctx_luis, cita.id)


@pytest.mark.parametrize(
    ("llamar", "campo"),
    [
        (lambda ctx, c: actividades.llamada(ctx, c, None), "resultado"),
        (lambda ctx, c: actividades.llamada(ctx, c, "no-contestó", duracion_min=900), "duracion"),
        (lambda ctx, c: actividades.llamada(ctx, c, "no-contestó", fecha=ctx.ahora + timedelta(days=1)), "fecha"),
        (lambda ctx, c: actividades.reunion(ctx, c, "lo-pensará", lugar="café"), "lugar"),
        (lambda ctx, c: actividades.reunion_o_cita(ctx, c, None), "resultado"),
        (
            lambda ctx, c: actividades.llamada(
                ctx, c, "no-contestó", seguimiento=actividades.Seguimiento(" ", HOY + timedelta(days=1))
            ),
            "seguimiento",
        ),
        (lambda ctx, c: actividades.mensaje(ctx, c, contenido="Hola", entrante=True, respondio=True), "respondio"),
    ],
    ids=["sin-resultado", "duracion", "futura", "lugar", "reunion-sin-resultado", "tarea-vacia", "respondio"],
)
def test_cada_error_nombra_su_campo(ctx, ana, llamar, campo):
    """The form puts the cursor on the field the error is about (A3Error.campo)."""
    with pytest.raises(DatoInvalido) as error:
        llamar(ctx, ana)
    assert error.value.campo == campo


def test_lugar_de_reunion_desconocido_es_invalido(ctx, ana):
    with pytest.raises(DatoInvalido, match="lugar"):
        actividades.reunion(ctx, ana, "lo-pensará", lugar="café")


@pytest.mark.ambos_motores
def test_resultado_de_reunion_sin_acentos(ctx, ana):
    assert actividades.reunion(ctx, ana, "no le gusto").actividad.resultado == "no-le-gustó"


def test_mensaje_guarda_contenido_y_si_respondio(ctx, ana):
    registro = actividades.mensaje(ctx, ana, contenido="Hola, ¿cómo va?", respondio=True)
    assert (registro.actividad.contenido, registro.actividad.respondio) == ("Hola, ¿cómo va?", True)


def test_email_guarda_asunto_y_contenido(ctx, ana):
    registro = actividades.email(ctx, ana, asunto="Cotización", contenido="Adjunto", respondio=False)
    assert (registro.actividad.asunto, registro.actividad.respondio) == ("Cotización", False)


# ---------------------------------------------------------------- history


def test_historial_del_mas_reciente_al_mas_antiguo(ctx, ana):
    actividades.llamada(ctx, ana, "no-contestó", fecha=datetime(2026, 11, 20, 9, 0))
    actividades.mensaje(ctx, ana, contenido="hola", fecha=datetime(2026, 11, 22, 9, 0))
    actividades.email(ctx, ana, asunto="Cotización", fecha=datetime(2026, 11, 21, 9, 0))
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="se mudó")
    assert [e.actividad.tipo for e in actividades.list_(ctx, ana)] == ["sistema", "mensaje", "email", "llamada"]


@pytest.mark.ambos_motores
def test_historial_se_pagina(ctx, ana):
    for dia in range(10, 15):
        actividades.llamada(ctx, ana, "no-contestó", fecha=datetime(2026, 11, dia, 9, 0))
    pagina = actividades.list_(ctx, ana, limit=2, offset=1)
    assert [e.actividad.fecha.day for e in pagina] == [13, 12]


def test_historial_de_un_cliente_no_incluye_otros(ctx, ana):
    beto = clientes.add(ctx, "Beto Ruiz")
    actividades.llamada(ctx, beto, "contestó-interesado")
    assert actividades.list_(ctx, ana) == []


def test_resumen_de_llamada(ctx, ana):
    registro = actividades.llamada(ctx, ana, "contestó-interesado", duracion_min=5, nota="Visita el sábado")
    assert actividades.resumen(registro.actividad) == "Llamada: contestó, interesado · 5 min · Visita el sábado"


def test_resumen_de_cambio_de_etapa(ctx, ana):
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="se mudó")
    [entrada] = actividades.list_(ctx, ana)
    assert entrada.resumen == "Cambio de etapa: prospecto → cancelado (motivo: se mudó)"


def test_resumen_de_mensaje_sin_respuesta(ctx, ana):
    registro = actividades.mensaje(ctx, ana, contenido="¿Sigue interesada?", respondio=False)
    assert actividades.resumen(registro.actividad) == "Mensaje: ¿Sigue interesada? · no respondió"


# ---------------------------------------------------------------- three unanswered calls


def test_tres_llamadas_sin_respuesta_en_14_dias_sugieren_frio(ctx, ana):
    registro = _sin_respuesta(
        ctx, ana, datetime(2026, 11, 12, 9, 0), datetime(2026, 11, 18, 9, 0), datetime(2026, 11, 23, 9, 0)
    )
    assert registro.llamadas_sin_respuesta == 3
    assert registro.sugerir_frio is True


def test_dejar_mensaje_cuenta_como_llamada_sin_respuesta(ctx, ana):
    actividades.llamada(ctx, ana, "no-contestó", fecha=datetime(2026, 11, 20, 9, 0))
    actividades.llamada(ctx, ana, "dejé-mensaje", fecha=datetime(2026, 11, 21, 9, 0))
    registro = actividades.llamada(ctx, ana, "deje mensaje", fecha=datetime(2026, 11, 22, 9, 0))
    assert registro.sugerir_frio is True


def test_dos_llamadas_sin_respuesta_no_sugieren_frio(ctx, ana):
    registro = _sin_respuesta(ctx, ana, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 22, 9, 0))
    assert registro.llamadas_sin_respuesta == 2
    assert registro.sugerir_frio is False


def test_llamada_contestada_en_medio_reinicia_la_cuenta(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 16, 9, 0), datetime(2026, 11, 17, 9, 0))
    actividades.llamada(ctx, ana, "contestó-llamar-después", fecha=datetime(2026, 11, 18, 9, 0))
    registro = _sin_respuesta(ctx, ana, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 22, 9, 0))
    assert registro.llamadas_sin_respuesta == 2
    assert registro.sugerir_frio is False


def test_reunion_en_medio_reinicia_la_cuenta(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 16, 9, 0), datetime(2026, 11, 17, 9, 0))
    actividades.reunion(ctx, ana, "lo-pensará", fecha=datetime(2026, 11, 18, 9, 0))
    assert _sin_respuesta(ctx, ana, datetime(2026, 11, 22, 9, 0)).sugerir_frio is False


def test_mensaje_respondido_en_medio_reinicia_la_cuenta(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 16, 9, 0), datetime(2026, 11, 17, 9, 0))
    actividades.mensaje(ctx, ana, contenido="¿Cuándo le llamo?", respondio=True, fecha=datetime(2026, 11, 18, 9, 0))
    assert _sin_respuesta(ctx, ana, datetime(2026, 11, 22, 9, 0)).sugerir_frio is False


def test_mensaje_sin_respuesta_en_medio_no_reinicia_la_cuenta(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 16, 9, 0), datetime(2026, 11, 17, 9, 0))
    actividades.mensaje(ctx, ana, contenido="¿Cuándo le llamo?", respondio=False, fecha=datetime(2026, 11, 18, 9, 0))
    assert _sin_respuesta(ctx, ana, datetime(2026, 11, 22, 9, 0)).sugerir_frio is True


def test_llamadas_de_hace_mas_de_14_dias_no_cuentan(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 5, 9, 0), datetime(2026, 11, 8, 9, 0))
    registro = _sin_respuesta(ctx, ana, datetime(2026, 11, 23, 9, 0))
    assert registro.llamadas_sin_respuesta == 1
    assert registro.sugerir_frio is False


def test_no_se_sugiere_frio_a_quien_ya_es_frio(ctx):
    beto = clientes.add(ctx, "Beto Ruiz", temperatura="frío", primer_contacto=date(2026, 11, 1))
    registro = _sin_respuesta(
        ctx, beto, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 22, 9, 0)
    )
    assert registro.llamadas_sin_respuesta == 3
    assert registro.sugerir_frio is False


def test_no_se_sugiere_frio_a_un_cliente_apartado(ctx):
    beto = clientes.add(ctx, "Beto Ruiz", etapa="apartado", primer_contacto=date(2026, 11, 1))
    registro = _sin_respuesta(
        ctx, beto, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 22, 9, 0)
    )
    assert registro.sugerir_frio is False


def test_llamada_contestada_no_sugiere_frio(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, 9, 0))
    registro = actividades.llamada(ctx, ana, "contestó-interesado")
    assert registro.sugerir_frio is False
    assert registro.llamadas_sin_respuesta == 0


def test_llamadas_sin_respuesta_de_otro_cliente_no_cuentan(ctx, ana):
    beto = clientes.add(ctx, "Beto Ruiz")
    _sin_respuesta(ctx, beto, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, 9, 0))
    assert _sin_respuesta(ctx, ana, datetime(2026, 11, 22, 9, 0)).llamadas_sin_respuesta == 1


def test_sugerencia_de_frio_no_cambia_la_temperatura_sola(ctx, ana):
    _sin_respuesta(ctx, ana, datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 21, 9, 0), datetime(2026, 11, 22, 9, 0))
    assert ana.temperatura == "tibio"


# ---------------------------------------------------------------- this week


def test_actividades_de_la_semana_cuentan_desde_el_lunes(ctx, ana):
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 23, 0, 0))
    actividades.mensaje(ctx, ana, contenido="hola", fecha=datetime(2026, 11, 23, 9, 0))
    actividades.email(ctx, ana, asunto="fin de semana", fecha=datetime(2026, 11, 22, 23, 59))
    assert _de_la_semana(ctx) == 2


def test_entradas_de_sistema_no_cuentan_como_actividades_de_la_semana(ctx, ana):
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="se mudó")
    assert _de_la_semana(ctx) == 0


def test_actividades_de_otro_asesor_no_cuentan_en_mi_semana(ctx, ctx_luis):
    beto = clientes.add(ctx_luis, "Beto Ruiz")
    actividades.llamada(ctx_luis, beto, "contestó-interesado")
    assert _de_la_semana(ctx) == 0


def _de_la_semana(ctx) -> int:
    """The KPI's activities of this week (Monday to now)."""
    semana = reportes.Periodo.semana(ctx.hoy)
    return reportes.actividades_entre(ctx, semana.inicio, semana.fin)

"""Whom to call now (`siguiente`), and the rule it leans on: an unanswered attempt is not a contact."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from a3tui import services
from a3tui.domain import Alerta
from a3tui.services import Contexto, actividades, clientes, siguiente, tareas

HOY = date(2026, 11, 23)
AYER = datetime(2026, 11, 22, 9, 0)


def _vencido(ctx: Contexto, nombre: str = "Ana García", **campos: object):
    """A tibio prospect last contacted on 10 November: contact due on the 17th, overdue 6 days."""
    cliente = clientes.add(ctx, nombre, primer_contacto=date(2026, 11, 1), **campos)  # type: ignore[arg-type]
    actividades.llamada(ctx, cliente, "contestó-interesado", fecha=datetime(2026, 11, 10, 9, 0))
    assert cliente.proximo_contacto == date(2026, 11, 17)
    return cliente


# ---------------------------------------------------------------- an unanswered attempt is not a contact


@pytest.mark.ambos_motores
def test_llamada_sin_respuesta_deja_al_cliente_vencido(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó")
    assert ana.proximo_contacto == date(2026, 11, 17)
    assert clientes.ficha(ctx, ana).alerta == Alerta.ROJO


def test_dejar_mensaje_deja_al_cliente_vencido(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "dejé-mensaje")
    assert ana.proximo_contacto == date(2026, 11, 17)


def test_cliente_vencido_sigue_en_la_lista_de_vencidos_tras_no_contestar(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó")
    vencidos = clientes.list_(ctx, clientes.Filtro(alertas=(Alerta.ROJO,)))
    assert [f.id for f in vencidos] == [ana.id]


def test_intento_sin_respuesta_de_un_cliente_al_dia_lo_reintenta_manana(ctx: Contexto) -> None:
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=AYER)
    assert ana.proximo_contacto == date(2026, 11, 29)
    actividades.llamada(ctx, ana, "no-contestó")
    assert ana.proximo_contacto == HOY + timedelta(days=1)


def test_intento_sin_respuesta_si_cuenta_como_ultima_actividad(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó")
    assert ana.ultima_actividad == ctx.ahora


def test_contacto_despues_de_intentos_mueve_el_proximo_contacto_segun_la_cadencia(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó", fecha=AYER)
    actividades.llamada(ctx, ana, "contestó-interesado")
    assert ana.proximo_contacto == HOY + timedelta(days=7)


def test_mensaje_cuenta_como_contacto(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.mensaje(ctx, ana, contenido="¿Le llamo mañana?", respondio=False)
    assert ana.proximo_contacto == HOY + timedelta(days=7)


def test_cambio_de_temperatura_tras_un_intento_no_olvida_el_intento(ctx: Contexto) -> None:
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=AYER)
    actividades.llamada(ctx, ana, "no-contestó")
    clientes.cambiar_temperatura(ctx, ana, "frío")
    assert ana.proximo_contacto == HOY + timedelta(days=1)


def test_recalcular_seguimiento_respeta_los_intentos_sin_respuesta(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó")
    ana.proximo_contacto = None
    assert clientes.recalcular_seguimiento(ctx) == 1
    assert ana.ultima_actividad == ctx.ahora
    assert ana.proximo_contacto == date(2026, 11, 17)


def test_tres_intentos_siguen_sugiriendo_frio(ctx: Contexto) -> None:
    ana = _vencido(ctx)
    actividades.llamada(ctx, ana, "no-contestó", fecha=datetime(2026, 11, 20, 9, 0))
    actividades.llamada(ctx, ana, "dejé-mensaje", fecha=AYER)
    registro = actividades.llamada(ctx, ana, "no-contestó")
    assert (registro.llamadas_sin_respuesta, registro.sugerir_frio) == (3, True)
    assert ana.proximo_contacto == date(2026, 11, 17)


# ---------------------------------------------------------------- whom to call now: the order

CADENCIA = {"apartado": 2, "caliente": 3, "escriturado": 7, "tibio": 7, "frío": 21, "entregado": 30}


def _debido(ctx: Contexto, nombre: str, vencido: int, clase: str = "tibio", telefono: str | None = None):
    """A client of ``clase`` (a stage, or a prospect's temperature) whose contact is ``vencido``
    days overdue (0: due today, -1: tomorrow), last contacted by an answered call."""
    contacto = HOY - timedelta(days=vencido + CADENCIA[clase])
    campos = {"temperatura": clase} if clase in ("caliente", "tibio", "frío") else {"etapa": clase}
    cliente = clientes.add(
        ctx,
        nombre,
        telefonos=[telefono] if telefono else None,
        primer_contacto=contacto - timedelta(days=1),
        **campos,  # type: ignore[arg-type]
    )
    actividades.llamada(ctx, cliente, "contestó-interesado", fecha=datetime.combine(contacto, datetime.min.time()))
    assert cliente.proximo_contacto == HOY - timedelta(days=vencido)
    return cliente


def _nombres(ctx: Contexto, n: int = 10) -> list[str]:
    return [c.nombre for c in siguiente.siguiente(ctx, n)]


def test_apartado_vencido_antes_que_caliente_vencido_antes_que_tibio(ctx: Contexto) -> None:
    _debido(ctx, "Tibio", 3, "tibio")
    _debido(ctx, "Caliente", 3, "caliente")
    _debido(ctx, "Apartado", 3, "apartado")
    assert _nombres(ctx) == ["Apartado", "Caliente", "Tibio"]


def test_la_clase_pesa_mas_que_los_dias_vencido(ctx: Contexto) -> None:
    _debido(ctx, "Tibio muy vencido", 40, "tibio")
    _debido(ctx, "Caliente de hoy", 0, "caliente")
    assert _nombres(ctx) == ["Caliente de hoy", "Tibio muy vencido"]


@pytest.mark.ambos_motores
def test_orden_de_las_clases(ctx: Contexto) -> None:
    for clase in ("entregado", "frío", "tibio", "escriturado", "caliente", "apartado"):
        _debido(ctx, clase.capitalize(), 2, clase)
    assert _nombres(ctx) == ["Apartado", "Caliente", "Escriturado", "Tibio", "Frío", "Entregado"]


def test_dentro_de_la_clase_primero_el_mas_vencido(ctx: Contexto) -> None:
    _debido(ctx, "Dos días", 2)
    _debido(ctx, "Nueve días", 9)
    _debido(ctx, "Cinco días", 5)
    assert _nombres(ctx) == ["Nueve días", "Cinco días", "Dos días"]


def test_vencidos_y_de_hoy_antes_que_los_de_manana(ctx: Contexto) -> None:
    _debido(ctx, "Apartado de mañana", -1, "apartado")
    _debido(ctx, "Frío de hoy", 0, "frío")
    assert _nombres(ctx) == ["Frío de hoy", "Apartado de mañana"]


def test_cliente_no_debido_no_aparece(ctx: Contexto) -> None:
    _debido(ctx, "En cinco días", -5, "tibio")
    _debido(ctx, "Pasado mañana", -2, "escriturado")
    assert _nombres(ctx) == []


def test_cliente_de_otro_asesor_no_aparece(ctx: Contexto, ctx_luis: Contexto) -> None:
    _debido(ctx_luis, "De Luis", 5, "apartado")
    _debido(ctx, "Mío", 1)
    assert _nombres(ctx) == ["Mío"]
    assert _nombres(ctx_luis) == ["De Luis"]


def test_cancelado_no_aparece(ctx: Contexto) -> None:
    cliente = _debido(ctx, "Cancelado", 5, "caliente")
    clientes.cambiar_etapa(ctx, cliente, "cancelado", motivo="compró en otro lado")
    assert _nombres(ctx) == []


def test_n_limita_a_los_primeros(ctx: Contexto) -> None:
    for dias in range(1, 6):
        _debido(ctx, f"Vencido {dias}", dias)
    assert _nombres(ctx, 3) == ["Vencido 5", "Vencido 4", "Vencido 3"]
    assert _nombres(ctx, 0) == []


def test_intentos_sin_respuesta_adelantan_a_un_cliente_igual_de_vencido(ctx: Contexto) -> None:
    _debido(ctx, "Sin intentos", 3)
    con = _debido(ctx, "Con intentos", 3)
    actividades.llamada(ctx, con, "no-contestó", fecha=AYER - timedelta(days=1))
    actividades.llamada(ctx, con, "dejé-mensaje", fecha=AYER)
    assert con.proximo_contacto == HOY - timedelta(days=3)
    assert _nombres(ctx) == ["Con intentos", "Sin intentos"]
    assert siguiente.siguiente(ctx)[0].intentos == 2


def test_intentos_de_antes_del_ultimo_contacto_no_cuentan(ctx: Contexto) -> None:
    cliente = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, cliente, "no-contestó", fecha=datetime(2026, 11, 8, 9, 0))
    actividades.llamada(ctx, cliente, "contestó-interesado", fecha=datetime(2026, 11, 10, 9, 0))
    [candidato] = siguiente.siguiente(ctx)
    assert candidato.intentos == 0
    assert candidato.razon == "tibio · contacto vencido hace 6 días"


def test_tareas_abiertas_adelantan_a_un_cliente_igual_de_vencido(ctx: Contexto) -> None:
    _debido(ctx, "Sin tareas", 3)
    con = _debido(ctx, "Con tareas", 3)
    tareas.add(ctx, "Enviar cotización", HOY - timedelta(days=1), cliente=con)
    tareas.add(ctx, "Llamar", HOY + timedelta(days=2), cliente=con)
    hecha = tareas.add(ctx, "Ya hecha", HOY, cliente=con)
    tareas.done(ctx, hecha.id or 0)
    assert _nombres(ctx) == ["Con tareas", "Sin tareas"]
    assert siguiente.siguiente(ctx)[0].tareas == 2


def test_tareas_e_intentos_adelantan_a_uno_pocos_dias_menos_vencido(ctx: Contexto) -> None:
    _debido(ctx, "Cinco días", 5)
    con = _debido(ctx, "Tres días", 3)
    for dias in (1, 2, 3):
        tareas.add(ctx, f"Pendiente {dias}", HOY + timedelta(days=dias), cliente=con)
    actividades.llamada(ctx, con, "no-contestó", fecha=AYER)
    actividades.llamada(ctx, con, "no-contestó", fecha=AYER - timedelta(days=1))
    # With n=1 too: the first by date (Cinco días) must not hide the one the extras lift.
    assert _nombres(ctx, 1) == ["Tres días"]
    assert _nombres(ctx) == ["Tres días", "Cinco días"]


def test_tareas_e_intentos_no_saltan_de_clase(ctx: Contexto) -> None:
    _debido(ctx, "Caliente", 1, "caliente")
    tibio = _debido(ctx, "Tibio", 1)
    for dias in (1, 2, 3):
        tareas.add(ctx, f"Pendiente {dias}", HOY, cliente=tibio)
        actividades.llamada(ctx, tibio, "no-contestó", fecha=AYER - timedelta(days=dias))
    assert _nombres(ctx) == ["Caliente", "Tibio"]


def test_cliente_trabajado_hoy_se_reintenta_manana(ctx: Contexto) -> None:
    ana = _debido(ctx, "Ana García", 3)
    actividades.llamada(ctx, ana, "no-contestó")
    assert _nombres(ctx) == []
    manana = services.contexto(ctx.session, "ana", ctx.ahora + timedelta(days=1))
    [candidato] = siguiente.siguiente(manana)
    assert (candidato.nombre, candidato.intentos, candidato.dias_vencido) == ("Ana García", 1, 4)


def test_nunca_contactado_lo_dice(ctx: Contexto) -> None:
    clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=10))
    [candidato] = siguiente.siguiente(ctx)
    assert candidato.dias_sin_contacto is None
    assert candidato.razon == "tibio · contacto vencido hace 3 días · nunca contactado"


# ---------------------------------------------------------------- what each row carries


def test_razon_de_un_apartado_vencido_con_tareas(ctx: Contexto) -> None:
    cliente = _debido(ctx, "Ana García", 3, "apartado")
    tareas.add(ctx, "Pedir INE", HOY, cliente=cliente)
    tareas.add(ctx, "Enviar corrida", HOY, cliente=cliente)
    [candidato] = siguiente.siguiente(ctx)
    assert candidato.razon == "apartado · contacto vencido hace 3 días · 2 tareas"


def test_razon_de_un_caliente_con_intentos_sin_respuesta(ctx: Contexto) -> None:
    cliente = _debido(ctx, "Ana García", 6, "caliente")
    actividades.llamada(ctx, cliente, "no-contestó", fecha=AYER - timedelta(days=1))
    actividades.llamada(ctx, cliente, "dejé-mensaje", fecha=AYER)
    [candidato] = siguiente.siguiente(ctx)
    assert candidato.razon == "caliente · sin contacto hace 9 días · 2 intentos sin respuesta"


def test_razon_de_hoy_y_de_manana(ctx: Contexto) -> None:
    _debido(ctx, "Hoy", 0, "escriturado")
    _debido(ctx, "Mañana", -1, "entregado")
    assert [c.razon for c in siguiente.siguiente(ctx)] == [
        "escriturado · contacto para hoy",
        "entregado · contacto para mañana",
    ]


def test_fila_con_los_datos_de_la_lista(ctx: Contexto) -> None:
    cliente = _debido(ctx, "Ana García", 2, "caliente", telefono="81 2345 6789")
    [candidato] = siguiente.siguiente(ctx)
    assert candidato.id == cliente.id
    assert candidato.telefono == "8123456789"
    assert (candidato.etapa, candidato.temperatura) == ("prospecto", "caliente")
    assert candidato.proximo_contacto == HOY - timedelta(days=2)
    assert candidato.alerta == Alerta.ROJO
    assert (candidato.dias_vencido, candidato.dias_sin_contacto) == (2, 5)
    assert candidato.puntaje == siguiente.PUNTOS_DEBIDO + 5 * siguiente.PUNTOS_CLASE + 2 * 10 + 5


def test_coordinador_ve_la_cartera_que_elige(ctx: Contexto, ctx_luis: Contexto, ctx_coordinadora: Contexto) -> None:
    from a3tui.services import asesores

    _debido(ctx_luis, "De Luis", 5, "apartado")
    _debido(ctx, "De Ana", 1)
    assert _nombres(asesores.ver(ctx_coordinadora, "plaza")) == ["De Luis", "De Ana"]
    assert _nombres(asesores.ver(ctx_coordinadora, "ana")) == ["De Ana"]


# ---------------------------------------------------------------- the date the client asked for


def test_la_fecha_que_pidio_el_cliente_es_su_proximo_contacto(ctx):
    """Issue 28: after «contestó, llamar después» + Friday the client was still due by the
    cadence (in 3 days, and in «Llamar ahora» before Friday). The pending task's date wins;
    once it is done, the cadence applies again."""
    from a3tui import domain
    from a3tui.services.actividades import Seguimiento

    juan = clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
    viernes = ctx.hoy + timedelta(days=(4 - ctx.hoy.weekday()) % 7 or 7)
    registro = actividades.llamada(
        ctx, juan, "contestó-llamar-después", seguimiento=Seguimiento("Llamarle el viernes", viernes)
    )
    assert juan.proximo_contacto == viernes
    for antes in (2, 1):  # Wednesday: nobody to call; Thursday: due tomorrow, not today
        dia = services.contexto(ctx.session, "ana", datetime.combine(viernes - timedelta(days=antes), ctx.ahora.time()))
        razones = [c.razon for c in siguiente.siguiente(dia, 10) if c.id == juan.id]
        assert razones == ([] if antes == 2 else razones)
        assert not any("hoy" in r for r in razones)
    assert registro.tarea is not None
    tareas.done(ctx, registro.tarea.id)
    assert juan.proximo_contacto == domain.proximo_contacto(
        juan.etapa, juan.temperatura, registro.actividad.fecha, juan.primer_contacto, ctx.cadencia
    )

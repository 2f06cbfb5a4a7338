"""What a coordinator sees of their plaza (services.equipo): one row per active advisor
with clients, contact activities this week and this month, overdue follow-ups, cold
prospects and reservations this month; and the plaza's pipeline (clients per stage, why
they cancel, prospects stuck since their first contact). Only a coordinator sees the team,
and only their own plaza."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from a3tui import services
from a3tui.domain import Etapa
from a3tui.errors import DatoInvalido, SinPermiso
from a3tui.services import actividades, asesores, clientes, equipo, fusion, transferencias

from .ayuda import apartar, volcado

HOY = date(2026, 11, 23)  # a Monday: the week starts today at 00:00


def _en(ctx, login: str, momento: datetime | None = None):
    return services.contexto(ctx.session, login, momento or ctx.ahora)


def _filas(ctx, **opciones) -> dict[str, equipo.FilaEquipo]:
    return {f.asesor.login: f for f in equipo.equipo(ctx, **opciones)}


def _columna(ctx, campo: str, **opciones) -> dict[str, int]:
    return {login: getattr(f, campo) for login, f in _filas(ctx, **opciones).items()}


@pytest.fixture(autouse=True)
def _nombres(store):
    """Full names for the office (carla coordinates plaza General; ana and luis sell there)."""
    with store.session() as session:
        for login, nombre in (("carla", "Carla Ríos"), ("ana", "Ana Torres"), ("luis", "Luis Treviño")):
            asesores.update(session, asesores.get(session, login), nombre=nombre)


@pytest.fixture
def oficina(ctx, ctx_luis, ctx_coordinadora) -> dict[str, object]:
    """The plaza at Monday 23 November 2026, 10:00.

    Ana: Juan Pérez (first contact 1 Oct, last call 20 Oct: overdue, cold, stuck), Rosa
    Díaz (first contact 20 Nov, caliente; a message on Sunday 22 at 23:30 and a call today:
    one activity this week, two this month), Pedro Gómez (cancelled today: only a system
    entry). Luis: María López (first contact 2 Nov, a call today, reserved today). Monterrey:
    Marta coordinates, Pepe has an old, untouched prospect."""
    ana, luis, carla = ctx, ctx_luis, ctx_coordinadora
    juan = clientes.add(ana, "Juan Pérez", telefonos=["8123456789"], primer_contacto=date(2026, 10, 1))
    actividades.llamada(ana, juan, "contestó-interesado", fecha=datetime(2026, 10, 20, 12, 0))
    rosa = clientes.add(ana, "Rosa Díaz", temperatura="caliente", primer_contacto=date(2026, 11, 20))
    actividades.mensaje(ana, rosa, contenido="Hola", respondio=True, fecha=datetime(2026, 11, 22, 23, 30))
    actividades.llamada(ana, rosa, "contestó-interesado", fecha=datetime(2026, 11, 23, 9, 0))
    pedro = clientes.add(ana, "Pedro Gómez")
    clientes.cambiar_etapa(ana, pedro, "cancelado", "Compró con otra desarrolladora")
    maria = clientes.add(luis, "María López", primer_contacto=date(2026, 11, 2))
    actividades.llamada(luis, maria, "contestó-interesado", fecha=datetime(2026, 11, 23, 9, 30))
    apartar(luis, maria)
    asesores.add(carla, "pepe", nombre="Pepe Salas", plaza="Monterrey")
    marta = asesores.add(carla, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
    pepe = _en(ana, "pepe")
    lejano = clientes.add(pepe, "Lucía Garza", primer_contacto=date(2026, 9, 1))
    actividades.llamada(pepe, lejano, "contestó-interesado", fecha=datetime(2026, 11, 23, 8, 0))
    return {"juan": juan, "rosa": rosa, "pedro": pedro, "maria": maria, "lejano": lejano, "marta": marta}


# ---------------------------------------------------------------- who is in the table


@pytest.mark.ambos_motores
def test_una_fila_por_asesor_activo_de_la_plaza_en_orden_de_nombre(ctx_coordinadora, oficina):
    filas = equipo.equipo(ctx_coordinadora)
    assert [(f.asesor.login, f.asesor.nombre) for f in filas] == [
        ("ana", "Ana Torres"),
        ("carla", "Carla Ríos"),
        ("luis", "Luis Treviño"),
    ]


@pytest.mark.ambos_motores
def test_la_coordinadora_de_otra_plaza_ve_solo_la_suya(ctx_coordinadora, oficina):
    marta = _en(ctx_coordinadora, "marta")
    filas = equipo.equipo(marta)
    assert [f.asesor.login for f in filas] == ["marta", "pepe"]
    assert [(f.clientes, f.actividades_semana, f.frios) for f in filas] == [(0, 0, 0), (1, 1, 0)]


@pytest.mark.ambos_motores
def test_un_asesor_de_baja_ya_no_aparece(ctx_coordinadora):
    asesores.add(ctx_coordinadora, "tomas", nombre="Tomás Ruiz")
    assert "tomas" in _filas(ctx_coordinadora)
    asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "tomas"))
    assert list(_filas(ctx_coordinadora)) == ["ana", "carla", "luis"]


@pytest.mark.ambos_motores
def test_un_asesor_que_se_cambia_de_plaza_sale_de_la_tabla_con_sus_clientes(ctx_coordinadora, oficina):
    # Saltillo has no coordinator yet: Carla opens it (Monterrey is Marta's: services/asesores.a_cargo).
    asesores.edit(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"), plaza="Saltillo")
    assert list(_filas(ctx_coordinadora)) == ["ana", "carla"]
    assert equipo.embudo(asesores.ver(ctx_coordinadora, "plaza")).por_etapa[Etapa.APARTADO] == 0
    asesores.add(ctx_coordinadora, "sara", nombre="Sara Lee", plaza="Saltillo", rol="coordinador")
    sara = _en(ctx_coordinadora, "sara")
    assert _columna(sara, "clientes") == {"luis": 1, "sara": 0}
    assert equipo.embudo(asesores.ver(sara, "plaza")).por_etapa[Etapa.APARTADO] == 1


@pytest.mark.ambos_motores
def test_la_suplencia_de_hoy_dice_quien_cubre(ctx_coordinadora, oficina):
    ana = asesores.get(ctx_coordinadora.session, "ana")
    luis = asesores.get(ctx_coordinadora.session, "luis")
    asesores.add_suplencia(ctx_coordinadora, ana, luis, HOY - timedelta(days=2), HOY + timedelta(days=5), "vacaciones")
    asesores.add_suplencia(ctx_coordinadora, luis, ana, HOY + timedelta(days=10), HOY + timedelta(days=12))
    assert _columna(ctx_coordinadora, "cubierto_por") == {"ana": ("luis",), "carla": (), "luis": ()}


# ---------------------------------------------------------------- the counts


@pytest.mark.ambos_motores
def test_clientes_por_asesor(ctx_coordinadora, oficina):
    # Cancelled clients are still the advisor's clients; Monterrey's are not counted.
    assert _columna(ctx_coordinadora, "clientes") == {"ana": 3, "carla": 0, "luis": 1}


@pytest.mark.ambos_motores
def test_un_cliente_fusionado_deja_de_contar(ctx, ctx_coordinadora, oficina):
    otro = clientes.add(ctx, "Juan Peres", telefonos=["8123456789"], forzar=True)
    assert _columna(ctx_coordinadora, "clientes")["ana"] == 4
    fusion.fusionar(ctx_coordinadora, oficina["juan"], otro)
    assert _columna(ctx_coordinadora, "clientes")["ana"] == 3


@pytest.mark.ambos_motores
def test_un_cliente_transferido_cuenta_para_quien_lo_recibe(ctx_coordinadora, oficina):
    luis = asesores.get(ctx_coordinadora.session, "luis")
    transferencias.transferir(ctx_coordinadora, oficina["juan"], luis, "Luis atiende esa zona")
    assert _columna(ctx_coordinadora, "clientes") == {"ana": 2, "carla": 0, "luis": 2}
    assert _columna(ctx_coordinadora, "vencidos") == {"ana": 0, "carla": 0, "luis": 1}
    assert _columna(ctx_coordinadora, "frios") == {"ana": 0, "carla": 0, "luis": 1}


@pytest.mark.ambos_motores
def test_actividades_de_contacto_de_la_semana_y_del_mes(ctx_coordinadora, oficina):
    # Ana: the call today (week and month), Sunday's message (month only), October's call
    # (neither) and the cancellation (a system entry: never). Luis: today's call; the
    # reservation is a system entry. The coordinator's transfer-free week is empty.
    filas = _filas(ctx_coordinadora)
    assert {login: (f.actividades_semana, f.actividades_mes) for login, f in filas.items()} == {
        "ana": (1, 2),
        "carla": (0, 0),
        "luis": (1, 1),
    }


@pytest.mark.ambos_motores
def test_la_actividad_cuenta_para_quien_la_hizo_aunque_el_cliente_sea_de_otro(ctx_coordinadora, oficina):
    ana = asesores.get(ctx_coordinadora.session, "ana")
    luis = asesores.get(ctx_coordinadora.session, "luis")
    asesores.add_suplencia(ctx_coordinadora, ana, luis, HOY, HOY + timedelta(days=3))
    suplente = _en(ctx_coordinadora, "luis")
    actividades.llamada(suplente, clientes.get(suplente, oficina["juan"].id), "contestó-interesado")
    filas = _filas(ctx_coordinadora)
    assert (filas["luis"].actividades_semana, filas["ana"].actividades_semana) == (2, 1)
    # Juan is still Ana's: her overdue and cold counts drop with Luis's call.
    assert (filas["ana"].clientes, filas["ana"].vencidos, filas["ana"].frios) == (3, 0, 0)


@pytest.mark.ambos_motores
def test_tiempo_de_respuesta_del_mes_por_asesor(ctx, ctx_luis, ctx_coordinadora, oficina):
    """Issue 28 point 5: how fast each advisor's clients who wrote were answered this
    month, and who still waits (services.reportes.tiempo_de_respuesta, by the clients'
    advisor)."""
    # Rosa wrote at 8:00 and Ana called her at 9:00; María wrote after Luis's 9:30 call.
    actividades.mensaje(ctx, oficina["rosa"], contenido="¿Precio?", entrante=True, fecha=datetime(2026, 11, 23, 8, 0))
    actividades.email(ctx_luis, oficina["maria"], entrante=True, asunto="Dudas", fecha=datetime(2026, 11, 23, 9, 40))
    filas = _filas(ctx_coordinadora)
    assert {login: (f.respuesta_mes.horas, f.respuesta_mes.sin_responder) for login, f in filas.items()} == {
        "ana": ((1.0,), 0),
        "carla": ((), 0),
        "luis": ((), 1),
    }
    assert (filas["ana"].respuesta_mes.mediana, filas["luis"].respuesta_mes.mediana) == (1.0, None)


@pytest.mark.ambos_motores
def test_la_semana_empieza_el_lunes(ctx, oficina):
    # On Wednesday 25, Monday's calls are still this week's, and Sunday's message is not.
    miercoles = _en(ctx, "carla", datetime(2026, 11, 25, 18, 0))
    assert _columna(miercoles, "actividades_semana") == {"ana": 1, "carla": 0, "luis": 1}


@pytest.mark.ambos_motores
def test_el_mes_empieza_el_dia_primero(ctx, oficina):
    # On 1 December nothing of November is this month's.
    diciembre = _en(ctx, "carla", datetime(2026, 12, 1, 9, 0))
    assert _columna(diciembre, "actividades_mes") == {"ana": 0, "carla": 0, "luis": 0}
    assert _columna(diciembre, "apartados_mes") == {"ana": 0, "carla": 0, "luis": 0}


@pytest.mark.ambos_motores
def test_seguimientos_vencidos(ctx_coordinadora, oficina):
    # Juan was due on 27 Oct (last call 20 Oct + 7 days); Rosa is due on the 26th (caliente,
    # 3 days from today's call); María (apartado, 2 days) on the 25th; Pedro is cancelled.
    assert _columna(ctx_coordinadora, "vencidos") == {"ana": 1, "carla": 0, "luis": 0}


@pytest.mark.ambos_motores
def test_vence_hoy_no_es_vencido(ctx, ctx_coordinadora):
    # First contact on the 16th, tibio: due today (yellow), not overdue (red).
    clientes.add(ctx, "Hoy Toca", primer_contacto=date(2026, 11, 16))
    clientes.add(ctx, "Ayer Tocaba", primer_contacto=date(2026, 11, 15))
    assert _columna(ctx_coordinadora, "vencidos")["ana"] == 1


@pytest.mark.ambos_motores
def test_prospectos_frios_con_los_dias_elegidos(ctx_coordinadora, oficina):
    # Juan's last activity was 34 days ago; Rosa's today; María reserved; Pedro cancelled.
    assert _columna(ctx_coordinadora, "frios") == {"ana": 1, "carla": 0, "luis": 0}
    assert _columna(ctx_coordinadora, "frios", dias_frio=34)["ana"] == 1
    assert _columna(ctx_coordinadora, "frios", dias_frio=35)["ana"] == 0


@pytest.mark.ambos_motores
def test_frio_por_omision_son_siete_dias_de_calendario(ctx, ctx_coordinadora):
    # Monday 16 at any hour is 7 days before Monday 23; Tuesday 17 is not.
    hace_siete = clientes.add(ctx, "Siete Días", primer_contacto=date(2026, 11, 10))
    actividades.llamada(ctx, hace_siete, "contestó-interesado", fecha=datetime(2026, 11, 16, 23, 59))
    hace_seis = clientes.add(ctx, "Seis Días", primer_contacto=date(2026, 11, 10))
    actividades.llamada(ctx, hace_seis, "contestó-interesado", fecha=datetime(2026, 11, 17, 0, 0))
    assert _columna(ctx_coordinadora, "frios")["ana"] == 1


@pytest.mark.ambos_motores
def test_apartados_del_mes(ctx, ctx_coordinadora, oficina):
    # María reserved today; an October reservation is not this month's.
    viejo = clientes.add(ctx, "Octavio Ruiz", primer_contacto=date(2026, 10, 1))
    octubre = _en(ctx, "ana", datetime(2026, 10, 15, 12, 0))
    apartar(octubre, clientes.get(octubre, viejo.id), "VA-200")
    assert _columna(ctx_coordinadora, "apartados_mes") == {"ana": 0, "carla": 0, "luis": 1}


@pytest.mark.ambos_motores
def test_los_numeros_de_la_tabla_no_cambian_la_base(store, ahora, oficina, ctx):
    ctx.session.commit()
    antes = volcado(store)
    with store.session() as session:
        equipo.equipo(services.contexto(session, "carla", ahora))
        equipo.embudo(asesores.ver(services.contexto(session, "carla", ahora), "plaza"))
    assert volcado(store) == antes


# ---------------------------------------------------------------- who may see it


@pytest.mark.ambos_motores
def test_un_asesor_no_ve_el_trabajo_del_equipo(ctx, oficina):
    with pytest.raises(SinPermiso, match=r"^Solo un coordinador puede ver el trabajo del equipo\.$"):
        equipo.equipo(ctx)


@pytest.mark.ambos_motores
def test_un_asesor_no_ve_el_embudo_de_la_plaza(ctx, oficina):
    with pytest.raises(SinPermiso, match="Solo un coordinador puede ver los clientes de toda la plaza"):
        equipo.embudo(asesores.ver(ctx, "plaza"))


@pytest.mark.ambos_motores
def test_el_embudo_de_un_asesor_es_el_de_su_cartera(ctx, ctx_luis, oficina):
    propio = equipo.embudo(ctx)
    assert propio.por_etapa == {
        Etapa.PROSPECTO: 2,
        Etapa.APARTADO: 0,
        Etapa.ESCRITURADO: 0,
        Etapa.ENTREGADO: 0,
        Etapa.CANCELADO: 1,
    }
    assert propio.cancelaciones == [("Compró con otra desarrolladora", 1)]
    assert propio.estancados == 1
    assert equipo.embudo(ctx_luis).por_etapa[Etapa.APARTADO] == 1


@pytest.mark.ambos_motores
def test_el_suplente_ve_en_su_embudo_a_los_clientes_que_cubre(ctx, ctx_coordinadora, oficina):
    ana = asesores.get(ctx_coordinadora.session, "ana")
    luis = asesores.get(ctx_coordinadora.session, "luis")
    asesores.add_suplencia(ctx_coordinadora, ana, luis, HOY, HOY + timedelta(days=3))
    suplente = _en(ctx, "luis")
    assert sum(equipo.embudo(suplente).por_etapa.values()) == 4


# ---------------------------------------------------------------- the pipeline


@pytest.mark.ambos_motores
def test_el_embudo_de_la_plaza_cuenta_por_etapa(ctx_coordinadora, oficina):
    embudo = equipo.embudo(asesores.ver(ctx_coordinadora, "plaza"))
    assert embudo.por_etapa == {
        Etapa.PROSPECTO: 2,
        Etapa.APARTADO: 1,
        Etapa.ESCRITURADO: 0,
        Etapa.ENTREGADO: 0,
        Etapa.CANCELADO: 1,
    }
    assert list(embudo.por_etapa) == list(Etapa)  # every stage, in the pipeline's order
    assert embudo.dias_estancado == equipo.DIAS_ESTANCADO == 30


@pytest.mark.ambos_motores
def test_el_embudo_no_cuenta_otra_plaza_ni_fusionados(ctx, ctx_coordinadora, oficina):
    otro = clientes.add(ctx, "Juan Peres", telefonos=["8123456789"], forzar=True)
    assert sum(equipo.embudo(asesores.ver(ctx_coordinadora, "plaza")).por_etapa.values()) == 5
    fusion.fusionar(ctx_coordinadora, oficina["juan"], otro)
    assert sum(equipo.embudo(asesores.ver(ctx_coordinadora, "plaza")).por_etapa.values()) == 4
    marta = _en(ctx, "marta")
    assert equipo.embudo(asesores.ver(marta, "plaza")).por_etapa[Etapa.PROSPECTO] == 1


@pytest.mark.ambos_motores
def test_el_embudo_de_la_coordinadora_cuadra_con_la_tabla(ctx_coordinadora, oficina):
    filas = equipo.equipo(ctx_coordinadora)
    embudo = equipo.embudo(asesores.ver(ctx_coordinadora, "plaza"))
    assert sum(f.clientes for f in filas) == sum(embudo.por_etapa.values()) == 4


@pytest.mark.ambos_motores
def test_motivos_de_cancelacion_agrupados_sin_acentos_ni_mayusculas(ctx, ctx_luis, oficina):
    for nombre, motivo in (
        ("Laura Ruiz", "  compro con otra DESARROLLADORA "),
        ("Mario Soto", "No le dieron crédito"),
        ("Ana Sosa", "no le dieron credito"),
        ("Eva Luna", "Compró con otra desarrolladora"),
        ("Raúl Paz", "Se mudó de ciudad"),
    ):
        clientes.cambiar_etapa(ctx_luis, clientes.add(ctx_luis, nombre), "cancelado", motivo)
    carla = _en(ctx, "carla")
    embudo = equipo.embudo(asesores.ver(carla, "plaza"))
    assert embudo.por_etapa[Etapa.CANCELADO] == 6
    # Most frequent first; each reason spelled as one of the advisors wrote it.
    assert [n for _m, n in embudo.cancelaciones] == [3, 2, 1]
    motivos = [m for m, _n in embudo.cancelaciones]
    assert motivos[0] in ("compro con otra DESARROLLADORA", "Compró con otra desarrolladora")
    assert motivos[1] in ("No le dieron crédito", "no le dieron credito")
    assert motivos[2] == "Se mudó de ciudad"


@pytest.mark.ambos_motores
def test_a_lo_mas_diez_motivos_y_los_empates_en_orden_alfabetico(ctx, oficina):
    for i in range(12):
        clientes.cambiar_etapa(ctx, clientes.add(ctx, f"Cliente {chr(65 + i)}"), "cancelado", f"Motivo {chr(76 - i)}")
    cancelaciones = equipo.embudo(asesores.ver(_en(ctx, "carla"), "plaza")).cancelaciones
    assert len(cancelaciones) == 10
    # «Compró con otra desarrolladora» and «Motivo A»…«Motivo L» once each: alphabetical.
    assert [m for m, _n in cancelaciones] == [
        "Compró con otra desarrolladora",
        *(f"Motivo {letra}" for letra in "ABCDEFGHI"),
    ]
    assert {n for _m, n in cancelaciones} == {1}


@pytest.mark.ambos_motores
def test_un_cliente_reactivado_ya_no_cuenta_su_motivo(ctx, oficina):
    clientes.cambiar_etapa(ctx, oficina["pedro"], "prospecto")
    embudo = equipo.embudo(ctx)
    assert embudo.cancelaciones == []
    assert embudo.por_etapa[Etapa.CANCELADO] == 0
    assert embudo.por_etapa[Etapa.PROSPECTO] == 3


@pytest.mark.ambos_motores
def test_prospectos_estancados_desde_su_primer_contacto(ctx, ctx_coordinadora, oficina):
    # Juan (1 Oct) is stuck; 30 days ago exactly (24 Oct) is stuck, 29 days ago is not;
    # María reserved (first contact 2 Nov) and Pedro cancelled never are.
    clientes.add(ctx, "Treinta Días", primer_contacto=date(2026, 10, 24))
    clientes.add(ctx, "Veintinueve Días", primer_contacto=date(2026, 10, 25))
    plaza = asesores.ver(ctx_coordinadora, "plaza")
    assert equipo.embudo(plaza).estancados == 2
    assert equipo.embudo(plaza, dias_estancado=29).estancados == 3
    assert equipo.embudo(plaza, dias_estancado=54).estancados == 0
    assert equipo.embudo(plaza, dias_estancado=53).estancados == 1


@pytest.mark.ambos_motores
@pytest.mark.parametrize("dias", [0, -1, 36_501])
def test_dias_de_estancado_fuera_de_rango(ctx_coordinadora, oficina, dias):
    with pytest.raises(DatoInvalido, match=r"^Los días deben estar entre 1 y 36,500\.$"):
        equipo.embudo(asesores.ver(ctx_coordinadora, "plaza"), dias_estancado=dias)


# ---------------------------------------------------------------- defects


@pytest.mark.ambos_motores
def test_el_orden_de_nombres_no_depende_de_acentos_ni_mayusculas(ctx_coordinadora):
    for login, nombre in (("alvaro", "Álvaro Ruiz"), ("oscar", "Óscar Vela"), ("zoe", "Zoe Díaz"), ("beto", "beto")):
        asesores.add(ctx_coordinadora, login, nombre=nombre)
    nombres = [f.asesor.nombre for f in equipo.equipo(ctx_coordinadora)]
    assert nombres == ["Álvaro Ruiz", "Ana Torres", "beto", "Carla Ríos", "Luis Treviño", "Óscar Vela", "Zoe Díaz"]


@pytest.mark.ambos_motores
def test_la_tabla_y_el_embudo_cuentan_los_mismos_clientes_aunque_se_edite_la_plaza(ctx, ctx_coordinadora, oficina):
    clientes.edit(ctx, oficina["rosa"], plaza="Monterrey")
    filas = equipo.equipo(ctx_coordinadora)
    embudo = equipo.embudo(asesores.ver(ctx_coordinadora, "plaza"))
    assert sum(f.clientes for f in filas) == sum(embudo.por_etapa.values())


@pytest.mark.ambos_motores
def test_volver_a_apartar_este_mes_cuenta_como_apartado_del_mes(ctx, ctx_coordinadora):
    from a3tui.services import apartados

    octubre = _en(ctx, "ana", datetime(2026, 10, 15, 12, 0))
    cliente = clientes.add(octubre, "Octavio Ruiz", primer_contacto=date(2026, 10, 1))
    primero = apartar(octubre, cliente, "VA-200")
    apartados.cancelar(octubre, primero, "Se quedó sin enganche")
    clientes.cambiar_etapa(octubre, cliente, "prospecto")
    apartar(ctx, clientes.get(ctx, cliente.id), "VA-201")
    assert clientes.get(ctx, cliente.id).etapa == Etapa.APARTADO
    assert _columna(ctx_coordinadora, "apartados_mes")["ana"] == 1

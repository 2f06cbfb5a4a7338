"""Transfers of a client to another advisor: an advisor's request waits for a coordinator,
a coordinator's takes effect at once; on approval the client, their open tasks and their
follow-up move; the history names both advisors; every refusal writes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from a3tui import services
from a3tui.domain import EstadoTransferencia, EventoSistema, TipoActividad
from a3tui.errors import ClienteNoEncontrado, DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Asesor, Cliente, Tarea, Transferencia
from a3tui.services import actividades, agenda, asesores, clientes, documentos, notas, tareas, transferencias

from .ayuda import volcado

HOY = date(2026, 11, 23)


def _en(ctx, login: str):
    return services.contexto(ctx.session, login, ctx.ahora)


def _asesor(ctx, login: str):
    return asesores.get(ctx.session, login)


def _historia_de_transferencias(ctx, cliente) -> list[str]:
    return [
        e.actividad.detalle or ""
        for e in actividades.list_(ctx, cliente)
        if e.actividad.tipo == TipoActividad.SISTEMA and e.actividad.evento == EventoSistema.TRANSFERENCIA
    ]


@pytest.fixture(autouse=True)
def _nombres(store, ahora):
    """Give the office's advisors full names, so messages can be told apart from logins."""
    with store.session() as session:
        for login, nombre in (("carla", "Carla Ríos"), ("ana", "Ana Torres"), ("luis", "Luis Treviño")):
            asesores.update(session, asesores.get(session, login), nombre=nombre)


@pytest.fixture
def juan(ctx):
    """A client of «ana» with a follow-up overdue since Friday, two open tasks, a done one,
    a note and a document."""
    cliente = clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"], primer_contacto=date(2026, 11, 13))
    tareas.add(ctx, "Enviar cotización", date(2026, 11, 24), cliente=cliente)
    tareas.add(ctx, "Llamar para confirmar cita", date(2026, 11, 20), cliente=cliente)
    hecha = tareas.add(ctx, "Primera llamada", date(2026, 11, 14), cliente=cliente)
    tareas.done(ctx, hecha.id)
    notas.add(ctx, cliente, "Busca casa de 3 recámaras")
    documentos.add(ctx, cliente, "ine.pdf", b"%PDF-1.4 ine de juan", "pdf", "ine")
    return cliente


def _tareas_por_asesor(ctx, cliente) -> dict[str, str]:
    nombres = {a.id: a.login for a in ctx.session.exec(select(Asesor)).all()}
    filas = ctx.session.exec(select(Tarea).where(Tarea.cliente_id == cliente.id)).all()
    return {t.descripcion: nombres[t.asesor_id] for t in filas}


# ---------------------------------------------------------------- requests and immediate transfers


@pytest.mark.ambos_motores
def test_la_transferencia_de_un_asesor_es_una_solicitud(ctx, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "Vive en Saltillo, Luis atiende esa zona")
    assert t.estado == EstadoTransferencia.SOLICITADA
    assert (t.de_asesor_id, t.a_asesor_id, t.solicitada_por_id) == (
        ctx.asesor_id,
        _asesor(ctx, "luis").id,
        ctx.asesor_id,
    )
    assert t.motivo == "Vive en Saltillo, Luis atiende esa zona"
    assert t.solicitada_en == ctx.ahora
    assert t.resuelta_por_id is None
    assert juan.asesor_id == ctx.asesor_id


def test_la_solicitud_deja_las_tareas_con_el_asesor(ctx, juan):
    transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    assert set(_tareas_por_asesor(ctx, juan).values()) == {"ana"}


def test_la_solicitud_queda_en_la_historia_del_cliente(ctx, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    assert _historia_de_transferencias(ctx, juan) == [f"solicitada a Luis Treviño (transferencia {t.id}): zona"]


def test_la_transferencia_de_la_coordinadora_es_inmediata(ctx_coordinadora, ctx_luis):
    maria = clientes.add(ctx_luis, "María López")
    t = transferencias.transferir(ctx_coordinadora, maria, _asesor(ctx_luis, "ana"), "Luis tiene demasiados")
    assert t.estado == EstadoTransferencia.APROBADA
    assert t.solicitada_por_id == t.resuelta_por_id == ctx_coordinadora.asesor_id
    assert t.resuelta_en == ctx_coordinadora.ahora
    assert maria.asesor_id == _asesor(ctx_luis, "ana").id
    assert _historia_de_transferencias(ctx_coordinadora, maria) == [
        f"de Luis Treviño a Ana Torres (transferencia {t.id}): Luis tiene demasiados"
    ]


def test_el_motivo_se_guarda_limpio(ctx, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "  se mudó  ")
    assert t.motivo == "se mudó"


# ---------------------------------------------------------------- approving


@pytest.fixture
def aprobada(ctx, ctx_coordinadora, juan):
    """Ana asked to give Juan to Luis, and Carla approved it."""
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "Vive en Saltillo")
    return transferencias.aprobar(ctx_coordinadora, t)


def test_aprobar_mueve_el_cliente_al_nuevo_asesor(juan, aprobada, ctx_luis):
    assert juan.asesor_id == ctx_luis.asesor_id
    assert aprobada.estado == EstadoTransferencia.APROBADA
    assert aprobada.resuelta_por_id == _asesor(ctx_luis, "carla").id
    assert aprobada.resuelta_en == datetime(2026, 11, 23, 10, 0)
    assert aprobada.solicitada_por_id == _asesor(ctx_luis, "ana").id


def test_aprobar_mueve_las_tareas_abiertas_no_las_hechas(juan, aprobada, ctx):
    assert _tareas_por_asesor(ctx, juan) == {
        "Enviar cotización": "luis",
        "Llamar para confirmar cita": "luis",
        "Primera llamada": "ana",
    }


def test_aprobar_no_mueve_tareas_del_asesor_con_otros_clientes(ctx, ctx_coordinadora, juan):
    rosa = clientes.add(ctx, "Rosa Díaz")
    tareas.add(ctx, "Visita a Rosa", HOY, cliente=rosa)
    tareas.add(ctx, "Junta de oficina", HOY)
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.aprobar(ctx_coordinadora, t)
    mias = {f.tarea.descripcion for f in tareas.list_(_en(ctx, "ana"), "pendientes")}
    assert mias == {"Visita a Rosa", "Junta de oficina"}


def test_tras_aprobar_el_seguimiento_es_del_nuevo_asesor(ctx, juan, aprobada):
    assert juan.proximo_contacto == date(2026, 11, 20)  # overdue, as it was
    luis, ana = _en(ctx, "luis"), _en(ctx, "ana")
    assert [f.id for f in agenda.hoy(luis).contactos_vencidos.filas] == [juan.id]
    assert {f.tarea.descripcion for f in agenda.hoy(luis).tareas_vencidas.filas} == {"Llamar para confirmar cita"}
    assert agenda.hoy(ana).contactos_vencidos.filas == []
    assert agenda.hoy(ana).tareas_vencidas.filas == []


@pytest.mark.ambos_motores
def test_tras_aprobar_el_asesor_anterior_ya_no_ve_al_cliente(ctx, juan, aprobada):
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(_en(ctx, "ana"), juan.id)
    assert clientes.get(_en(ctx, "luis"), juan.id).id == juan.id


def test_historia_notas_y_documentos_se_quedan_con_el_cliente(ctx, juan, aprobada):
    luis = _en(ctx, "luis")
    assert [n.texto for n in notas.list_(luis, juan)] == ["Busca casa de 3 recámaras"]
    assert [d.nombre_archivo for d in documentos.list_(luis, juan)] == ["ine.pdf"]
    assert any("INE agregado" in (e.actividad.detalle or "") for e in actividades.list_(luis, juan))


def test_la_historia_nombra_a_los_dos_asesores(ctx, juan, aprobada):
    assert _historia_de_transferencias(ctx, juan) == [
        f"de Ana Torres a Luis Treviño; 2 tareas pendientes (transferencia {aprobada.id}): Vive en Saltillo",
        f"solicitada a Luis Treviño (transferencia {aprobada.id}): Vive en Saltillo",
    ]


def test_la_historia_dice_una_tarea_en_singular(ctx, ctx_coordinadora):
    rosa = clientes.add(ctx, "Rosa Díaz")
    tareas.add(ctx, "Visita", HOY, cliente=rosa)
    t = transferencias.transferir(ctx_coordinadora, rosa, _asesor(ctx, "luis"), "zona")
    assert _historia_de_transferencias(ctx, rosa) == [
        f"de Ana Torres a Luis Treviño; 1 tarea pendiente (transferencia {t.id}): zona"
    ]


def test_el_cliente_toma_la_plaza_del_nuevo_asesor(ctx, ctx_coordinadora):
    rosa = clientes.add(ctx, "Rosa Díaz", plaza="Saltillo")
    transferencias.transferir(ctx_coordinadora, rosa, _asesor(ctx, "luis"), "zona")
    assert rosa.plaza == "General"


def test_tras_aprobar_se_puede_pedir_otra_transferencia(ctx, juan, aprobada):
    luis = _en(ctx, "luis")
    otra = transferencias.transferir(luis, juan, _asesor(ctx, "ana"), "Regresa con Ana")
    assert otra.estado == EstadoTransferencia.SOLICITADA


# ---------------------------------------------------------------- rejecting


def test_rechazar_deja_al_cliente_donde_estaba_con_el_motivo(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.rechazar(ctx_coordinadora, t, "  El cliente prefiere seguir con Ana ")
    assert t.estado == EstadoTransferencia.RECHAZADA
    assert t.motivo_rechazo == "El cliente prefiere seguir con Ana"
    assert t.resuelta_por_id == ctx_coordinadora.asesor_id
    assert t.resuelta_en == ctx_coordinadora.ahora
    assert juan.asesor_id == ctx.asesor_id
    assert set(_tareas_por_asesor(ctx, juan).values()) == {"ana"}


def test_el_rechazo_queda_en_la_historia(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.rechazar(ctx_coordinadora, t, "prefiere a Ana")
    assert (
        _historia_de_transferencias(ctx, juan)[0] == f"rechazada por Carla Ríos (transferencia {t.id}): prefiere a Ana"
    )


def test_tras_un_rechazo_se_puede_pedir_de_nuevo(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.rechazar(ctx_coordinadora, t, "no")
    assert transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "otra vez").estado == "solicitada"


def test_rechazar_sin_motivo_se_rechaza(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    with pytest.raises(DatoInvalido, match="Para rechazar la transferencia de un cliente indica el motivo") as error:
        transferencias.rechazar(ctx_coordinadora, t, "  ")
    assert "--motivo" in error.value.mensaje_cli
    assert t.estado == EstadoTransferencia.SOLICITADA


@pytest.mark.ambos_motores
def test_una_transferencia_resuelta_no_se_vuelve_a_resolver(ctx_coordinadora, aprobada):
    with pytest.raises(DatoInvalido, match=f"La transferencia {aprobada.id} ya está aprobada"):
        transferencias.aprobar(ctx_coordinadora, aprobada)
    with pytest.raises(DatoInvalido, match="ya está aprobada"):
        transferencias.rechazar(ctx_coordinadora, aprobada, "tarde")


def test_una_rechazada_no_se_aprueba(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.rechazar(ctx_coordinadora, t, "no")
    with pytest.raises(DatoInvalido, match="ya está rechazada"):
        transferencias.aprobar(ctx_coordinadora, t)
    assert juan.asesor_id == ctx.asesor_id


def test_asesor_no_aprueba_ni_rechaza(ctx, ctx_luis, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    with pytest.raises(SinPermiso, match="Solo un coordinador puede aprobar una transferencia"):
        transferencias.aprobar(ctx_luis, t)
    with pytest.raises(SinPermiso, match="Solo un coordinador puede rechazar una transferencia"):
        transferencias.rechazar(ctx_luis, t, "no la quiero")
    assert t.estado == EstadoTransferencia.SOLICITADA


def test_aprobar_hacia_un_asesor_dado_de_baja_se_rechaza(ctx, ctx_coordinadora):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas")
    rosa = clientes.add(ctx, "Rosa Díaz")
    t = transferencias.transferir(ctx, rosa, _asesor(ctx, "pepe"), "zona")
    asesores.baja(ctx_coordinadora, _asesor(ctx, "pepe"))
    with pytest.raises(
        DatoInvalido, match=f"El asesor destino de la transferencia {t.id} está dado de baja; recházala"
    ):
        transferencias.aprobar(ctx_coordinadora, t)
    assert rosa.asesor_id == ctx.asesor_id


def test_aprobar_cuando_el_cliente_ya_cambio_de_asesor_se_rechaza(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    juan.asesor_id = ctx_coordinadora.asesor_id  # moved by other means while the request waited
    ctx.session.add(juan)
    ctx.session.flush()
    with pytest.raises(DatoInvalido, match="ya cambió de asesor desde que se pidió"):
        transferencias.aprobar(ctx_coordinadora, t)
    assert juan.asesor_id == ctx_coordinadora.asesor_id


# ---------------------------------------------------------------- refusals of a request


def test_transferir_sin_motivo_se_rechaza(ctx, juan):
    for motivo in ("", "   ", None):
        with pytest.raises(DatoInvalido, match=r"^Para transferir un cliente indica el motivo\.$") as error:
            transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), motivo)
        assert error.value.mensaje_cli == "Para transferir un cliente indica el motivo; escríbelo con --motivo."


def test_transferir_a_si_mismo_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match=r"^Juan Pérez ya es cliente de Ana Torres\.$"):
        transferencias.transferir(ctx, juan, ctx.asesor, "zona")


def test_coordinadora_no_transfiere_al_asesor_que_ya_lo_tiene(ctx_coordinadora, juan):
    with pytest.raises(DatoInvalido, match="ya es cliente de Ana Torres"):
        transferencias.transferir(ctx_coordinadora, juan, _asesor(ctx_coordinadora, "ana"), "zona")


def test_transferir_a_un_asesor_dado_de_baja_se_rechaza(ctx, ctx_coordinadora, juan):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas")
    asesores.baja(ctx_coordinadora, _asesor(ctx, "pepe"))
    with pytest.raises(DatoInvalido, match=r"Pepe Salas \(pepe\) está dado de baja; elige otro asesor\."):
        transferencias.transferir(ctx, juan, _asesor(ctx, "pepe"), "zona")


def test_transferir_a_un_asesor_desconocido_se_rechaza(ctx):
    with pytest.raises(NoEncontrado, match="No existe el asesor «luiz»; ¿quisiste decir luis"):
        asesores.buscar(ctx, "luiz")
    with pytest.raises(NoEncontrado, match="No existe el asesor «zzzz»"):
        asesores.buscar(ctx, "zzzz")


@pytest.mark.ambos_motores
def test_el_destino_se_busca_por_nombre_sin_acentos(ctx):
    assert asesores.buscar(ctx, "luis trevino").login == "luis"
    assert asesores.buscar(ctx, "LUIS").login == "luis"


def test_con_una_solicitud_pendiente_no_se_pide_otra(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    with pytest.raises(DatoInvalido, match=f"Juan Pérez ya tiene la transferencia {t.id} esperando") as error:
        transferencias.transferir(ctx, juan, _asesor(ctx, "carla"), "mejor a Carla")
    assert f"a3 transferencia aprobar {t.id}" in error.value.mensaje_cli
    with pytest.raises(DatoInvalido, match="esperando a un coordinador"):
        transferencias.transferir(ctx_coordinadora, juan, _asesor(ctx, "carla"), "me lo quedo")
    assert juan.asesor_id == ctx.asesor_id


def test_el_suplente_no_transfiere_los_clientes_que_cubre(ctx, ctx_coordinadora, juan):
    asesores.add_suplencia(ctx_coordinadora, ctx.asesor, _asesor(ctx, "luis"), HOY, HOY)
    luis = _en(ctx, "luis")
    assert clientes.get(luis, juan.id).id == juan.id  # he sees and works it…
    with pytest.raises(SinPermiso, match=r"^Solo puedes pedir la transferencia de tus propios clientes\.$"):
        transferencias.transferir(luis, juan, luis.asesor, "me lo quedo")  # …but can't take it


def test_asesor_no_transfiere_un_cliente_de_otro(ctx, ctx_luis):
    maria = clientes.add(ctx_luis, "María López")
    with pytest.raises(SinPermiso, match="tus propios clientes"):
        transferencias.transferir(_en(ctx, "ana"), maria, _asesor(ctx, "carla"), "zona")


def test_coordinadora_no_transfiere_a_otra_plaza(ctx_coordinadora, juan):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas", plaza="Monterrey")
    with pytest.raises(SinPermiso, match=r"Pepe Salas es de la plaza Monterrey; solo transfieres dentro de General\."):
        transferencias.transferir(ctx_coordinadora, juan, _asesor(ctx_coordinadora, "pepe"), "zona")
    assert juan.asesor_id == _asesor(ctx_coordinadora, "ana").id


def test_coordinadora_de_otra_plaza_no_alcanza_al_cliente(ctx_coordinadora, juan):
    asesores.add(ctx_coordinadora, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
    marta = _en(ctx_coordinadora, "marta")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(marta, juan.id)
    with pytest.raises(SinPermiso, match="Luis Treviño es de la plaza General; solo transfieres dentro de Monterrey"):
        transferencias.transferir(marta, juan, _asesor(marta, "luis"), "zona")


@pytest.mark.ambos_motores
def test_coordinadora_de_otra_plaza_no_ve_ni_aprueba_la_solicitud(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    asesores.add(ctx_coordinadora, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
    marta = _en(ctx_coordinadora, "marta")
    with pytest.raises(NoEncontrado, match=f"No existe la transferencia {t.id}"):
        transferencias.get(marta, t.id)
    assert transferencias.list_(marta) == []


def test_coordinadora_no_aprueba_una_transferencia_a_otra_plaza(ctx, ctx_coordinadora, juan):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas", plaza="Monterrey")
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "pepe"), "se mudó a Monterrey")
    with pytest.raises(SinPermiso):
        transferencias.aprobar(_en(ctx, "carla"), t)


def test_la_transferencia_que_ve_la_coordinadora_la_puede_abrir(ctx, ctx_coordinadora, juan):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas", plaza="Monterrey")
    transferencias.transferir(ctx, juan, _asesor(ctx, "pepe"), "se mudó a Monterrey")
    asesores.add(ctx_coordinadora, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
    marta = _en(ctx, "marta")
    for fila in transferencias.list_(marta):
        transferencias.get(marta, fila.transferencia.id)


# ---------------------------------------------------------------- nothing written on a refusal


def _preparar(store, ahora) -> None:
    """Committed: Ana's client Juan (1) with a task, Luis's client María (2), Pepe (de baja),
    and a pending request to give Juan to Luis (transferencia 1)."""
    with store.session() as session:
        ana = services.contexto(session, "ana", ahora)
        juan = clientes.add(ana, "Juan Pérez")
        tareas.add(ana, "Llamar", HOY, cliente=juan)
        luis = services.contexto(session, "luis", ahora)
        clientes.add(luis, "María López")
    with store.session() as session:
        carla = services.contexto(session, "carla", ahora)
        pepe = asesores.add(carla, "pepe", nombre="Pepe Salas")
        asesores.baja(carla, pepe)
    with store.session() as session:
        ana = services.contexto(session, "ana", ahora)
        transferencias.transferir(ana, clientes.get(ana, 1), asesores.get(session, "luis"), "zona")


CASOS = {
    "sin motivo": (
        "luis",
        lambda c: transferencias.transferir(c, clientes.get(c, 2), asesores.get(c.session, "ana"), " "),
    ),
    "a si mismo": ("luis", lambda c: transferencias.transferir(c, clientes.get(c, 2), c.asesor, "zona")),
    "a uno de baja": (
        "luis",
        lambda c: transferencias.transferir(c, clientes.get(c, 2), asesores.get(c.session, "pepe"), "zona"),
    ),
    "a un desconocido": ("luis", lambda c: asesores.buscar(c, "nadie")),
    "con una pendiente": (
        "carla",
        lambda c: transferencias.transferir(c, clientes.get(c, 1), asesores.get(c.session, "carla"), "zona"),
    ),
    "de otro asesor": (
        "ana",
        lambda c: transferencias.transferir(c, c.session.get(Cliente, 2), c.asesor, "zona"),
    ),
    "aprobar un asesor": ("luis", lambda c: transferencias.aprobar(c, transferencias.get(c, 1))),
    "rechazar sin motivo": ("carla", lambda c: transferencias.rechazar(c, transferencias.get(c, 1), "")),
    "aprobar inexistente": ("carla", lambda c: transferencias.aprobar(c, transferencias.get(c, 99))),
}


@pytest.mark.parametrize("caso", CASOS)
def test_una_negativa_no_escribe_nada(store, ahora, caso):
    _preparar(store, ahora)
    login, accion = CASOS[caso]
    antes = volcado(store)
    # The refusal is caught inside the session, which then commits: a service that wrote
    # anything before refusing would leave it in the database.
    with store.session() as session:
        ctx = services.contexto(session, login, ahora)
        with pytest.raises((DatoInvalido, SinPermiso, NoEncontrado)):
            accion(ctx)
    assert volcado(store) == antes


def test_aprobar_escribe_en_la_base(store, ahora):
    """The counterpart of the refusals: the same setup, approved, does change the database."""
    _preparar(store, ahora)
    antes = volcado(store)
    with store.session() as session:
        carla = services.contexto(session, "carla", ahora)
        transferencias.aprobar(carla, transferencias.get(carla, 1))
    assert volcado(store) != antes
    with store.session() as session:
        assert session.get(Transferencia, 1).estado == EstadoTransferencia.APROBADA


# ---------------------------------------------------------------- who sees which transfers


@pytest.fixture
def oficina_con_transferencias(ctx, ctx_coordinadora, juan):
    """Pepe (General) joins; Ana asks to give Juan to Luis (pending); Carla gave Rosa, Luis's,
    to Ana (done)."""
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas")
    pendiente = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    rosa = clientes.add(_en(ctx, "luis"), "Rosa Díaz")
    hecha = transferencias.transferir(_en(ctx, "carla"), rosa, _asesor(ctx, "ana"), "Luis sale de viaje")
    return pendiente, hecha


def test_la_coordinadora_ve_todas_las_de_su_plaza_la_mas_nueva_primero(ctx, oficina_con_transferencias):
    pendiente, hecha = oficina_con_transferencias
    filas = transferencias.list_(_en(ctx, "carla"))
    assert [f.transferencia.id for f in filas] == [hecha.id, pendiente.id]
    assert (filas[1].cliente, filas[1].de, filas[1].a, filas[1].solicitada_por) == (
        "Juan Pérez",
        "Ana Torres",
        "Luis Treviño",
        "Ana Torres",
    )
    assert filas[0].resuelta_por == "Carla Ríos"
    assert filas[1].resuelta_por is None


def test_pendientes_son_solo_las_que_esperan(ctx, oficina_con_transferencias):
    pendiente, _ = oficina_con_transferencias
    carla = _en(ctx, "carla")
    assert [f.transferencia.id for f in transferencias.list_(carla, pendientes=True)] == [pendiente.id]
    assert transferencias.count_pendientes(carla) == 1
    assert transferencias.count_pendientes(_en(ctx, "ana")) == 0


def test_cada_asesor_ve_las_suyas(ctx, oficina_con_transferencias):
    pendiente, hecha = oficina_con_transferencias
    assert {f.transferencia.id for f in transferencias.list_(_en(ctx, "ana"))} == {pendiente.id, hecha.id}
    assert {f.transferencia.id for f in transferencias.list_(_en(ctx, "luis"))} == {pendiente.id, hecha.id}
    assert transferencias.list_(_en(ctx, "pepe")) == []


@pytest.mark.ambos_motores
def test_un_asesor_ajeno_no_abre_la_transferencia(ctx, oficina_con_transferencias):
    pendiente, _ = oficina_con_transferencias
    with pytest.raises(NoEncontrado, match=f"No existe la transferencia {pendiente.id}"):
        transferencias.get(_en(ctx, "pepe"), pendiente.id)
    assert transferencias.get(_en(ctx, "luis"), pendiente.id).id == pendiente.id


@pytest.mark.parametrize("transferencia_id", [0, -3, 10**12])
def test_transferencia_con_id_imposible_no_existe(ctx_coordinadora, transferencia_id):
    with pytest.raises(NoEncontrado, match="No existe la transferencia"):
        transferencias.get(ctx_coordinadora, transferencia_id)


# ---------------------------------------------------------------- undoing an approval


def test_deshacer_la_aprobacion_regresa_al_cliente_y_sus_tareas(ctx, ctx_coordinadora, juan, aprobada):
    from datetime import timedelta

    luis = services.contexto(ctx.session, "luis", ctx.ahora + timedelta(minutes=2))
    nueva = tareas.add(luis, "Presentarse con Juan", date(2026, 11, 25), cliente=juan)
    t = transferencias.deshacer(ctx_coordinadora, aprobada)
    assert juan.asesor_id == ctx.asesor_id
    assert (t.estado, t.resuelta_por_id, t.resuelta_en) == (EstadoTransferencia.SOLICITADA, None, None)
    # What moved with Juan comes back; what Luis added since stays his.
    assert _tareas_por_asesor(ctx, juan) == {
        "Enviar cotización": "ana",
        "Llamar para confirmar cita": "ana",
        "Primera llamada": "ana",
        "Presentarse con Juan": "luis",
    }
    assert nueva.asesor_id == luis.asesor_id
    assert "Carla Ríos deshizo la aprobación" in _historia_de_transferencias(ctx, juan)[0]


def test_deshecha_la_solicitud_espera_y_se_puede_rechazar(ctx, ctx_coordinadora, juan, aprobada):
    transferencias.deshacer(ctx_coordinadora, aprobada)
    t = transferencias.rechazar(ctx_coordinadora, aprobada, "Me equivoqué de fila")
    assert (t.estado, t.motivo_rechazo) == (EstadoTransferencia.RECHAZADA, "Me equivoqué de fila")
    assert juan.asesor_id == ctx.asesor_id


def test_pasados_diez_minutos_no_se_deshace(ctx, ctx_coordinadora, juan, aprobada):
    from datetime import timedelta

    despues = services.contexto(ctx.session, "carla", ctx.ahora + timedelta(minutes=10, seconds=1))
    with pytest.raises(DatoInvalido, match="hace más de 10 minutos; para regresar al cliente, pide otra"):
        transferencias.deshacer(despues, aprobada)
    assert juan.asesor_id == _asesor(ctx, "luis").id


def test_solo_quien_aprobo_deshace(ctx, juan, aprobada):
    with pytest.raises(SinPermiso, match="coordinador"):
        transferencias.deshacer(_en(ctx, "ana"), aprobada)
    otra = asesores.add(_en(ctx, "carla"), "marta", nombre="Marta", rol="coordinador")
    assert otra.login == "marta"
    with pytest.raises(SinPermiso, match=f"Solo quien aprobó la transferencia {aprobada.id} puede deshacerla"):
        transferencias.deshacer(_en(ctx, "marta"), aprobada)


def test_una_rechazada_no_se_deshace(ctx, ctx_coordinadora, juan):
    t = transferencias.transferir(ctx, juan, _asesor(ctx, "luis"), "zona")
    transferencias.rechazar(ctx_coordinadora, t, "no")
    with pytest.raises(DatoInvalido, match="no está aprobada"):
        transferencias.deshacer(ctx_coordinadora, t)

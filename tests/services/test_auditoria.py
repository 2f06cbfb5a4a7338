"""The audit: every change writes one row (who, when, what, the fields before → after) in
the same transaction; a refusal writes none; a cadence recompute is one row, not one per
client; the database itself refuses to update or delete a row; and who reads which rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from a3tui import services
from a3tui.errors import A3Error, DatoInvalido, Duplicado, SinPermiso
from a3tui.models import Auditoria, Cliente
from a3tui.services import (
    actividades,
    ajustes,
    apartados,
    asesores,
    auditoria,
    clientes,
    documentos,
    fusion,
    notas,
    tareas,
    transferencias,
)

from .ayuda import apartar

AHORA = datetime(2026, 11, 23, 10, 0)
HOY = AHORA.date()


def _hacer(store, login: str, accion: Callable[[Any], Any], momento: datetime = AHORA) -> Any:
    """Run ``accion(ctx)`` as ``login`` in its own committed session (as one command does)."""
    with store.session() as session:
        return accion(services.contexto(session, login, momento))


def _filas(store, desde_id: int = 0) -> list[Auditoria]:
    with store.session() as session:
        return list(session.exec(select(Auditoria).where(Auditoria.id > desde_id).order_by(Auditoria.id)).all())


def _ultimo_id(store) -> int:
    with store.session() as session:
        return int(session.exec(select(func.coalesce(func.max(Auditoria.id), 0))).one())


def _nuevas(store, login: str, accion: Callable[[Any], Any], momento: datetime = AHORA) -> list[Auditoria]:
    """The audit rows written by one action."""
    antes = _ultimo_id(store)
    _hacer(store, login, accion, momento)
    return _filas(store, antes)


def _de(filas: list[Auditoria], entidad: str, accion: str | None = None) -> list[Auditoria]:
    return [f for f in filas if f.entidad == entidad and (accion is None or f.accion == accion)]


def _detalle(fila: Auditoria) -> dict[str, Any]:
    return json.loads(fila.detalle or "{}")


def _id(store, login: str) -> int:
    with store.session() as session:
        return asesores.get(session, login).id


@pytest.fixture
def juan(store) -> int:
    """Ana's client Juan Pérez (id 1), added without phones."""
    return _hacer(store, "ana", lambda c: clientes.add(c, "Juan Pérez").id)


# ---------------------------------------------------------------- clients


@pytest.mark.ambos_motores
def test_alta_de_cliente_escribe_una_fila_con_quien_cuando_y_que(store):
    momento = datetime(2026, 11, 23, 11, 30)
    [fila] = _nuevas(store, "ana", lambda c: clientes.add(c, "Juan Pérez", email="juan@correo.com"), momento)
    assert (fila.accion, fila.entidad, fila.entidad_id, fila.cliente_id) == ("alta", "cliente", 1, 1)
    assert fila.asesor_id == _id(store, "ana")
    assert fila.fecha == momento
    detalle = _detalle(fila)
    assert detalle["nombre"] == [None, "Juan Pérez"]
    assert detalle["email"] == [None, "juan@correo.com"]
    assert detalle["etapa"] == [None, "prospecto"]
    assert "actualizado" not in detalle
    assert "nombre_orden" not in detalle


def test_alta_de_cliente_con_telefono_escribe_una_sola_fila(store):
    filas = _nuevas(store, "ana", lambda c: clientes.add(c, "Juan Pérez", telefonos=["8123456789"]))
    [fila] = _de(filas, "cliente")
    assert _detalle(fila)["telefonos"] == [None, "8123456789"]


def test_los_telefonos_de_un_cliente_quedan_en_la_auditoria(store):
    filas = _nuevas(store, "ana", lambda c: clientes.add(c, "Juan Pérez", telefonos=["8123456789"]))
    assert [_detalle(f)["telefonos"] for f in filas if "telefonos" in _detalle(f)] == [[None, "8123456789"]]


def test_editar_un_cliente_guarda_solo_los_campos_que_cambiaron(store, juan):
    [fila] = _nuevas(
        store, "ana", lambda c: clientes.edit(c, clientes.get(c, juan), email="juan@correo.com", direccion="Calle 1")
    )
    assert (fila.accion, fila.entidad, fila.entidad_id, fila.cliente_id) == ("cambio", "cliente", juan, juan)
    assert _detalle(fila) == {"email": [None, "juan@correo.com"], "direccion": [None, "Calle 1"]}


def test_editar_guarda_el_valor_de_antes(store, juan):
    _hacer(store, "ana", lambda c: clientes.edit(c, clientes.get(c, juan), email="juan@correo.com"))
    [fila] = _nuevas(store, "ana", lambda c: clientes.edit(c, clientes.get(c, juan), email="jp@otro.com"))
    assert _detalle(fila) == {"email": ["juan@correo.com", "jp@otro.com"]}


@pytest.mark.ambos_motores
def test_una_edicion_que_no_cambia_nada_no_escribe_filas(store, juan):
    assert _nuevas(store, "ana", lambda c: clientes.edit(c, clientes.get(c, juan), nombre="Juan Pérez")) == []


def test_cambio_de_etapa_guarda_la_etapa_antes_y_despues(store, juan):
    filas = _nuevas(
        store, "ana", lambda c: clientes.cambiar_etapa(c, clientes.get(c, juan), "cancelado", "Compró en otro lado")
    )
    cambios = {k: v for f in _de(filas, "cliente", "cambio") for k, v in _detalle(f).items()}
    assert cambios["etapa"] == ["prospecto", "cancelado"]
    assert cambios["motivo_cancelacion"] == [None, "Compró en otro lado"]
    assert cambios["proximo_contacto"] == ["2026-11-30", None]
    [entrada] = _de(filas, "actividad", "alta")
    assert _detalle(entrada)["tipo"] == [None, "sistema"]


def test_cambio_de_etapa_escribe_una_sola_fila_del_cliente(store, juan):
    filas = _nuevas(store, "ana", lambda c: clientes.cambiar_etapa(c, clientes.get(c, juan), "cancelado", "caro"))
    [fila] = _de(filas, "cliente")
    assert set(_detalle(fila)) == {"etapa", "motivo_cancelacion", "proximo_contacto"}


# ---------------------------------------------------------------- activities, notes, tasks


def test_actividad_escribe_una_fila_con_su_asesor(store, juan):
    filas = _nuevas(
        store, "ana", lambda c: actividades.llamada(c, clientes.get(c, juan), "contestó-interesado", duracion_min=5)
    )
    [fila] = _de(filas, "actividad")
    assert (fila.accion, fila.cliente_id, fila.asesor_id) == ("alta", juan, _id(store, "ana"))
    detalle = _detalle(fila)
    assert detalle["tipo"] == [None, "llamada"]
    assert detalle["resultado"] == [None, "contestó-interesado"]
    assert detalle["duracion_min"] == [None, 5]
    assert detalle["asesor_id"] == [None, _id(store, "ana")]


def test_la_actividad_del_suplente_queda_a_su_nombre(store, juan):
    _hacer(
        store, "carla",
        lambda c: asesores.add_suplencia(c, asesores.get(c.session, "ana"), asesores.get(c.session, "luis"), HOY, HOY),
    )  # fmt: skip
    filas = _nuevas(store, "luis", lambda c: actividades.mensaje(c, clientes.get(c, juan), contenido="Hola"))
    [fila] = _de(filas, "actividad")
    assert fila.asesor_id == _id(store, "luis")
    assert _detalle(fila)["asesor_id"] == [None, _id(store, "luis")]


def test_nota_escribe_una_fila(store, juan):
    [fila] = _nuevas(store, "ana", lambda c: notas.add(c, clientes.get(c, juan), "Quiere 3 recámaras"))
    assert (fila.accion, fila.entidad, fila.cliente_id) == ("alta", "nota", juan)
    assert _detalle(fila)["texto"] == [None, "Quiere 3 recámaras"]


def test_tarea_nueva_y_hecha_escriben_una_fila_cada_una(store, juan):
    [alta] = _nuevas(store, "ana", lambda c: tareas.add(c, "Llamar", date(2026, 11, 25), cliente=clientes.get(c, juan)))
    assert (alta.accion, alta.entidad, alta.cliente_id) == ("alta", "tarea", juan)
    assert _detalle(alta)["descripcion"] == [None, "Llamar"]
    [hecha] = _nuevas(store, "ana", lambda c: tareas.done(c, alta.entidad_id))
    assert (hecha.accion, hecha.entidad, hecha.entidad_id) == ("cambio", "tarea", alta.entidad_id)
    assert _detalle(hecha) == {"hecha": [False, True], "hecha_en": [None, "2026-11-23T10:00:00"]}


def test_tarea_sin_cliente_no_pertenece_a_ningun_cliente(store):
    [fila] = _nuevas(store, "ana", lambda c: tareas.add(c, "Junta", HOY))
    assert fila.cliente_id is None


# ---------------------------------------------------------------- the sale: reservations and documents


def test_apartado_escribe_una_fila_del_apartado(store, juan):
    filas = _nuevas(store, "ana", lambda c: apartar(c, clientes.get(c, juan), monto=20_000))
    [fila] = _de(filas, "apartado")
    assert (fila.accion, fila.cliente_id) == ("alta", juan)
    assert _detalle(fila)["monto_centavos"] == [None, 2_000_000]
    assert _detalle(fila)["estado"] == [None, "activo"]
    cambios = {k: v for f in _de(filas, "cliente", "cambio") for k, v in _detalle(f).items()}
    assert cambios["etapa"] == ["prospecto", "apartado"]


def test_cancelar_un_apartado_guarda_el_estado_y_el_motivo(store, juan):
    _hacer(store, "ana", lambda c: apartar(c, clientes.get(c, juan)))
    filas = _nuevas(
        store, "ana", lambda c: apartados.cancelar(c, clientes.apartado_activo(c, clientes.get(c, juan)), "Sin crédito")
    )
    [fila] = _de(filas, "apartado")
    assert _detalle(fila) == {
        "estado": ["activo", "cancelado"],
        "motivo_cancelacion": [None, "Sin crédito"],
    }


def test_documento_agregado_y_borrado_escriben_una_fila_cada_uno(store, juan):
    filas = _nuevas(
        store, "ana", lambda c: documentos.add(c, clientes.get(c, juan), "ine.pdf", b"%PDF-1.4 ine", "pdf", "ine")
    )
    [alta] = _de(filas, "documento")
    assert (alta.accion, alta.cliente_id) == ("alta", juan)
    assert _detalle(alta)["nombre_archivo"] == [None, "ine.pdf"]
    assert not _de(filas, "documento_archivo")
    assert "%PDF" not in (alta.detalle or "")  # the bytes are not copied into the audit
    filas = _nuevas(store, "ana", lambda c: documentos.borrar(c, documentos.get(c, alta.entidad_id)))
    [baja] = _de(filas, "documento")
    assert (baja.accion, baja.entidad_id, baja.cliente_id) == ("baja", alta.entidad_id, juan)
    assert _detalle(baja)["nombre_archivo"] == ["ine.pdf", None]


# ---------------------------------------------------------------- transfers and merges


def test_solicitud_de_transferencia_escribe_una_fila(store, juan):
    filas = _nuevas(
        store, "ana",
        lambda c: transferencias.transferir(c, clientes.get(c, juan), asesores.get(c.session, "luis"), "zona"),
    )  # fmt: skip
    [fila] = _de(filas, "transferencia")
    assert (fila.accion, fila.cliente_id) == ("alta", juan)
    assert _detalle(fila)["motivo"] == [None, "zona"]
    assert _detalle(fila)["estado"] == [None, "solicitada"]


def test_aprobar_una_transferencia_la_registra_con_los_dos_asesores(store, juan):
    t = _hacer(
        store, "ana",
        lambda c: transferencias.transferir(c, clientes.get(c, juan), asesores.get(c.session, "luis"), "zona").id,
    )  # fmt: skip
    filas = _nuevas(store, "carla", lambda c: transferencias.aprobar(c, transferencias.get(c, t)))
    [cambio] = _de(filas, "transferencia")
    assert _detalle(cambio)["estado"] == ["solicitada", "aprobada"]
    assert cambio.asesor_id == _id(store, "carla")
    [movida] = [f for f in filas if f.accion == "transferencia"]
    assert (movida.entidad, movida.entidad_id, movida.cliente_id) == ("cliente", juan, juan)
    assert _detalle(movida)["asesor"] == ["ana", "luis"]
    assert _detalle(movida)["motivo"] == [None, "zona"]


def test_rechazar_una_transferencia_escribe_una_fila_con_el_motivo(store, juan):
    t = _hacer(
        store, "ana",
        lambda c: transferencias.transferir(c, clientes.get(c, juan), asesores.get(c.session, "luis"), "zona").id,
    )  # fmt: skip
    filas = _nuevas(store, "carla", lambda c: transferencias.rechazar(c, transferencias.get(c, t), "No"))
    [fila] = _de(filas, "transferencia")
    assert _detalle(fila)["estado"] == ["solicitada", "rechazada"]
    assert _detalle(fila)["motivo_rechazo"] == [None, "No"]
    assert not _de(filas, "cliente")


def test_la_fusion_escribe_una_fila_que_dice_que_se_unio(store, juan):
    otro = _hacer(store, "ana", lambda c: notas.add(c, clientes.add(c, "Juan Perez", forzar=True), "nota").cliente_id)
    filas = _nuevas(store, "carla", lambda c: fusion.fusionar(c, clientes.get(c, juan), clientes.get(c, otro)))
    [fila] = [f for f in filas if f.accion == "fusión"]
    assert (fila.entidad, fila.entidad_id, fila.cliente_id) == ("cliente", juan, juan)
    assert _detalle(fila)["fusionado"] == [None, otro]
    assert _detalle(fila)["notas"] == [None, 1]
    [marcado] = [f for f in _de(filas, "cliente", "cambio") if f.entidad_id == otro]
    assert _detalle(marcado) == {"fusionado_en_id": [None, juan]}
    [movida] = _de(filas, "nota")
    assert _detalle(movida) == {"cliente_id": [otro, juan]}


# ---------------------------------------------------------------- advisors, suplencias, settings


def test_alta_y_cambio_de_asesor(store):
    [alta] = _nuevas(store, "carla", lambda c: asesores.add(c, "pepe", nombre="Pepe Salas"))
    assert (alta.accion, alta.entidad, alta.cliente_id) == ("alta", "asesor", None)
    assert _detalle(alta)["login"] == [None, "pepe"]
    [cambio] = _nuevas(
        store,
        "carla",
        lambda c: asesores.edit(c, asesores.get(c.session, "pepe"), plaza="Monterrey", nombre="Pepe Salas"),
    )
    assert (cambio.accion, cambio.entidad_id) == ("cambio", alta.entidad_id)
    assert _detalle(cambio) == {"plaza": ["General", "Monterrey"]}
    [baja] = _nuevas(store, "carla", lambda c: asesores.baja(c, asesores.get(c.session, "pepe")))
    assert _detalle(baja) == {"activo": [True, False]}


def test_suplencia_nombrada_y_quitada(store):
    [alta] = _nuevas(
        store, "carla",
        lambda c: asesores.add_suplencia(
            c, asesores.get(c.session, "ana"), asesores.get(c.session, "luis"), date(2026, 11, 20), date(2026, 11, 30)
        ),
    )  # fmt: skip
    assert (alta.accion, alta.entidad) == ("alta", "suplencia")
    assert _detalle(alta)["hasta"] == [None, "2026-11-30"]
    [fin] = _nuevas(store, "carla", lambda c: asesores.quitar_suplencia(c, alta.entidad_id))
    assert _detalle(fin) == {"hasta": ["2026-11-30", "2026-11-22"]}


def test_quitar_una_suplencia_futura_queda_como_baja(store):
    s = _hacer(
        store, "carla",
        lambda c: asesores.add_suplencia(
            c, asesores.get(c.session, "ana"), asesores.get(c.session, "luis"), date(2026, 12, 1), date(2026, 12, 5)
        ).id,
    )  # fmt: skip
    [fila] = _nuevas(store, "carla", lambda c: asesores.quitar_suplencia(c, s))
    assert (fila.accion, fila.entidad, fila.entidad_id) == ("baja", "suplencia", s)
    assert _detalle(fila)["desde"] == ["2026-12-01", None]


def _cadencia(ctx) -> None:
    ajustes.guardar_cadencia(ctx, "prospecto/tibio", 3)
    clientes.recalcular_seguimiento(ctx)


def test_ajuste_de_cadencia_es_una_fila_y_no_una_por_cliente(store):
    def tres_clientes(ctx) -> None:
        for nombre in ("Juan Pérez", "Rosa Díaz", "María López"):
            clientes.add(ctx, nombre)

    _hacer(store, "ana", tres_clientes)
    filas = _nuevas(store, "carla", _cadencia)
    assert [(f.accion, f.entidad) for f in filas] == [("alta", "ajuste")]
    assert _detalle(filas[0]) == {"clave": [None, "cadencia.prospecto/tibio"], "valor": [None, "3"]}
    with store.session() as session:
        fechas = {c.proximo_contacto for c in session.exec(select(Cliente)).all()}
    assert fechas == {date(2026, 11, 26)}  # the dates did move


def test_cambiar_la_cadencia_otra_vez_guarda_antes_y_despues(store):
    _hacer(store, "carla", _cadencia)
    [fila] = _nuevas(store, "carla", lambda c: ajustes.guardar_cadencia(c, "prospecto/tibio", 5))
    assert (fila.accion, _detalle(fila)) == ("cambio", {"valor": ["3", "5"]})


def test_tras_el_recalculo_los_cambios_vuelven_a_auditarse(store, juan):
    def cadencia_y_edicion(ctx) -> None:
        _cadencia(ctx)
        clientes.cambiar_temperatura(ctx, clientes.get(ctx, juan), "frío")

    filas = _nuevas(store, "carla", cadencia_y_edicion)
    cambios = {k: v for f in _de(filas, "cliente", "cambio") for k, v in _detalle(f).items()}
    assert cambios["temperatura"] == ["tibio", "frío"]
    # Moved by the recompute (not audited) to the 26th, then by the change of temperature.
    assert cambios["proximo_contacto"] == ["2026-11-26", "2026-12-14"]


# ---------------------------------------------------------------- refusals write nothing


NEGATIVAS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "asesor agrega asesor": ("luis", lambda c: asesores.add(c, "pepe", nombre="Pepe")),
    "teléfono repetido": ("ana", lambda c: clientes.add(c, "Otro Juan", telefonos=["8123456789"])),
    "transferencia sin motivo": (
        "ana",
        lambda c: transferencias.transferir(c, clientes.get(c, 1), asesores.get(c.session, "luis"), ""),
    ),
    "fusión de un asesor": ("ana", lambda c: fusion.fusionar(c, clientes.get(c, 1), clientes.get(c, 2))),
    "cadencia de un asesor": ("ana", lambda c: ajustes.guardar_cadencia(c, "apartado", 2)),
    "nota vacía": ("ana", lambda c: notas.add(c, clientes.get(c, 1), "  ")),
    "etapa imposible": ("ana", lambda c: clientes.cambiar_etapa(c, clientes.get(c, 1), "escriturado")),
    "suplencia al revés": (
        "carla",
        lambda c: asesores.add_suplencia(
            c, asesores.get(c.session, "ana"), asesores.get(c.session, "luis"), HOY, date(2026, 11, 1)
        ),
    ),
}


@pytest.mark.parametrize("caso", NEGATIVAS)
def test_una_accion_rechazada_no_escribe_auditoria(store, caso):
    def dos_clientes(ctx) -> None:
        clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
        clientes.add(ctx, "Juan Perez", forzar=True)

    _hacer(store, "ana", dos_clientes)
    login, accion = NEGATIVAS[caso]
    antes = _ultimo_id(store)
    with store.session() as session:
        ctx = services.contexto(session, login, AHORA)
        with pytest.raises((DatoInvalido, SinPermiso, Duplicado)):
            accion(ctx)
    assert _ultimo_id(store) == antes


@pytest.mark.ambos_motores
def test_una_accion_que_falla_a_medias_no_deja_auditoria(store, juan):
    """A failure after some rows were flushed rolls them back with their audit rows."""
    antes = _ultimo_id(store)
    with pytest.raises(A3Error), store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        notas.add(ctx, clientes.get(ctx, juan), "Primera nota")
        raise DatoInvalido("Algo salió mal después.")
    assert _ultimo_id(store) == antes


# ---------------------------------------------------------------- append-only


@pytest.mark.ambos_motores
def test_la_base_no_deja_cambiar_una_fila_de_auditoria(store, juan):
    """Below the services, in the database's own SQL (SQLite triggers; on PostgreSQL a trigger function)."""
    with store.engine.connect() as con, pytest.raises(IntegrityError, match="solo admite altas"):
        con.exec_driver_sql("UPDATE auditoria SET detalle = 'nada' WHERE id = 1")


@pytest.mark.ambos_motores
def test_la_base_no_deja_borrar_filas_de_auditoria(store, juan):
    with store.engine.connect() as con, pytest.raises(IntegrityError, match="solo admite altas"):
        con.exec_driver_sql("DELETE FROM auditoria")
    assert len(_filas(store)) > 0


@pytest.mark.ambos_motores
def test_la_base_no_deja_vaciar_la_auditoria(store, juan):
    sentencia = "DELETE FROM auditoria" if store.motor == "sqlite" else "TRUNCATE auditoria"
    with store.engine.connect() as con, pytest.raises(IntegrityError, match="solo admite altas"):
        con.exec_driver_sql(sentencia)
    assert len(_filas(store)) > 0


@pytest.mark.ambos_motores
def test_tampoco_se_cambia_por_el_orm(store, juan):
    with store.engine.connect() as con:
        with pytest.raises(IntegrityError, match="solo admite altas"):
            con.execute(update(Auditoria).values(asesor_id=None))
        con.rollback()
        with pytest.raises(IntegrityError, match="solo admite altas"):
            con.execute(delete(Auditoria).where(Auditoria.cliente_id == juan))


@pytest.mark.ambos_motores
def test_si_deja_agregar_filas(store):
    with store.engine.begin() as con:
        con.exec_driver_sql(
            "INSERT INTO auditoria (fecha, accion, entidad) VALUES ('2026-11-23 10:00:00', 'alta', 'x')"
        )
    assert _filas(store)[-1].entidad == "x"


# ---------------------------------------------------------------- reading the audit


@pytest.fixture
def oficina(store) -> dict[str, int]:
    """Ana's Juan (with a note by her), Luis's María (with a note by him), Carla adding Pepe,
    and Carla's note on Ana's Juan."""
    juan = _hacer(store, "ana", lambda c: notas.add(c, clientes.add(c, "Juan Pérez"), "de Ana").cliente_id)
    maria = _hacer(store, "luis", lambda c: notas.add(c, clientes.add(c, "María López"), "de Luis").cliente_id)
    _hacer(store, "carla", lambda c: asesores.add(c, "pepe", nombre="Pepe"))
    _hacer(store, "carla", lambda c: notas.add(c, clientes.get(c, juan), "de Carla"), datetime(2026, 11, 24, 9, 0))
    return {"juan": juan, "maria": maria}


def _leer(store, login: str, **opciones) -> list[auditoria.FilaAuditoria]:
    return _hacer(store, login, lambda c: auditoria.list_(c, **opciones), datetime(2026, 11, 24, 12, 0))


def test_el_asesor_ve_sus_actos_y_los_de_sus_clientes(store, oficina):
    filas = _leer(store, "ana")
    assert {f.auditoria.cliente_id for f in filas} == {oficina["juan"]}
    assert {f.asesor for f in filas} == {"ana", "carla"}  # Carla's note on Ana's client is Ana's to read
    assert not [f for f in filas if f.auditoria.entidad == "asesor"]


@pytest.mark.ambos_motores
def test_el_asesor_no_ve_lo_de_otro_asesor(store, oficina):
    filas = _leer(store, "luis")
    assert {f.auditoria.cliente_id for f in filas} == {oficina["maria"]}
    assert {f.asesor for f in filas} == {"luis"}


def test_la_coordinadora_ve_todo(store, oficina):
    filas = _leer(store, "carla")
    assert len(filas) == len(_filas(store))
    assert {f.auditoria.entidad for f in filas} >= {"asesor", "cliente", "nota"}


@pytest.mark.ambos_motores
def test_lo_mas_reciente_primero_y_desde_una_fecha(store, oficina):
    filas = _leer(store, "carla")
    assert [f.auditoria.id for f in filas] == sorted((f.auditoria.id for f in filas), reverse=True)
    [fila] = _leer(store, "carla", desde=date(2026, 11, 24))
    assert _detalle(fila.auditoria)["texto"] == [None, "de Carla"]
    assert len(_leer(store, "carla", limit=2)) == 2
    assert [f.auditoria.id for f in _leer(store, "carla", offset=1, limit=1)] == [filas[1].auditoria.id]


def test_las_filas_de_un_cliente(store, oficina):
    filas = _hacer(store, "ana", lambda c: auditoria.list_(c, cliente=clientes.get(c, oficina["juan"])))
    assert {f.auditoria.cliente_id for f in filas} == {oficina["juan"]}
    assert [f.auditoria.entidad for f in filas] == ["nota", "nota", "cliente"]


def test_las_filas_de_un_cliente_incluyen_las_de_los_registros_fusionados(store, juan):
    otro = _hacer(
        store, "ana", lambda c: notas.add(c, clientes.add(c, "Juan Perez", forzar=True), "del duplicado").cliente_id
    )
    _hacer(store, "carla", lambda c: fusion.fusionar(c, clientes.get(c, juan), clientes.get(c, otro)))
    filas = _hacer(store, "ana", lambda c: auditoria.list_(c, cliente=clientes.get(c, juan)))
    assert {f.auditoria.cliente_id for f in filas} == {juan, otro}
    altas = [f for f in filas if f.auditoria.accion == "alta" and f.auditoria.entidad == "cliente"]
    assert {f.auditoria.entidad_id for f in altas} == {juan, otro}


def test_el_resumen_se_lee_con_antes_y_despues(store, juan):
    _hacer(store, "ana", lambda c: clientes.edit(c, clientes.get(c, juan), email="juan@correo.com"))
    [fila] = _leer(store, "ana", limit=1)
    assert fila.resumen == f"cambio de cliente {juan}: email — → juan@correo.com"
    assert fila.asesor == "ana"


def test_el_resumen_nombra_a_los_asesores_en_lugar_de_sus_ids(store, juan):
    _hacer(
        store, "carla",
        lambda c: transferencias.transferir(c, clientes.get(c, juan), asesores.get(c.session, "luis"), "zona"),
    )  # fmt: skip
    filas = _leer(store, "carla")
    [cambio] = [f for f in filas if f.auditoria.entidad == "cliente" and f.auditoria.accion == "cambio"]
    assert cambio.resumen == f"cambio de cliente {juan}: asesor ana → luis"


def test_el_resumen_de_una_alta_no_lleva_flechas(store):
    _hacer(store, "carla", lambda c: asesores.add(c, "pepe", nombre="Pepe"))
    [fila] = _leer(store, "carla", limit=1)
    assert fila.resumen.startswith("alta de asesor 4: nombre Pepe; login pepe; rol asesor; plaza General")
    assert "→" not in fila.resumen


def test_el_resumen_dice_si_y_no_en_lugar_de_true_y_false(store, juan):
    _hacer(store, "carla", lambda c: asesores.baja(c, asesores.get(c.session, "luis")))
    [fila] = _leer(store, "carla", limit=1)
    assert fila.resumen.endswith("activo sí → no")


@pytest.mark.ambos_motores
def test_un_savepoint_deshecho_no_borra_las_filas_de_la_accion(store):
    """A savepoint rolled back inside an action (a race lost and retried) keeps the rows the
    action had queued: the client added before it is still audited at commit."""
    antes = _ultimo_id(store)

    def accion(c):
        clientes.add(c, "Juan Pérez")
        try:
            with c.session.begin_nested():
                c.session.execute(update(Cliente).values(email="x@y.com"))
                raise IntegrityError("simulada", {}, Exception())
        except IntegrityError:
            pass

    _hacer(store, "ana", accion)
    altas = [f for f in _filas(store, antes) if f.entidad == "cliente" and f.accion == "alta"]
    assert len(altas) == 1

"""A new client is built once (services.altas): the rules of its first stage, the row it
gets, and how its audit «alta» is written by ``clientes.add`` and by the import. That the
import and the demo store what ``clientes.add`` stores is checked in test_intercambio.py
and test_demo.py."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlmodel import select

from a3tui import services
from a3tui.domain import CADENCIA_DEFAULT, Etapa, Temperatura
from a3tui.errors import DatoInvalido
from a3tui.models import Auditoria, Cliente
from a3tui.services import altas, clientes, intercambio, notas
from a3tui.services.intercambio import Contacto, Lectura

AHORA = datetime(2026, 11, 23, 10, 0)
HOY = AHORA.date()


def _nuevo(**valores: object) -> altas.ClienteNuevo:
    datos: dict[str, object] = {
        "nombre": "José Pérez",
        "asesor_id": 1,
        "plaza": "General",
        "etapa": Etapa.PROSPECTO,
        "temperatura": Temperatura.TIBIO,
        "primer_contacto": HOY,
        "creado": AHORA,
        "cadencia": dict(CADENCIA_DEFAULT),
    }
    datos.update(valores)
    return altas.cliente_nuevo(**datos)


def test_la_fila_tiene_cada_columna_del_cliente_en_su_orden() -> None:
    """The audit lists the fields in the row's order, and a Core insert needs them all: a
    column added to the table must be added to the builder."""
    columnas = [c.name for c in Cliente.__table__.columns if c.name != "id"]
    assert list(_nuevo().fila) == columnas


def test_la_fila_deriva_el_nombre_de_orden_el_indice_y_el_seguimiento() -> None:
    nuevo = _nuevo(numeros=["8123456789"], email="jose@correo.mx", temperatura=Temperatura.CALIENTE)
    assert nuevo.fila["nombre_orden"] == "jose perez"
    assert nuevo.fila["proximo_contacto"] == date(2026, 11, 26)
    assert nuevo.fila["actualizado"] == AHORA
    assert nuevo.telefonos(7) == [{"cliente_id": 7, "numero": "8123456789", "orden": 0}]
    terminos = [t["termino"] for t in nuevo.terminos(7)]
    assert {"jose", "perez", "jose@correo.mx", "6789"} <= set(terminos)
    assert terminos == sorted(terminos)
    assert nuevo.auditado()["telefonos"] == [None, "8123456789"]
    assert "nombre_orden" not in nuevo.auditado()


def test_la_fecha_del_apartado_es_la_del_primer_contacto_pasado_el_prospecto() -> None:
    inicio = date(2026, 10, 1)
    assert _nuevo(etapa=Etapa.APARTADO, temperatura=None, primer_contacto=inicio).fila["fecha_apartado"] == inicio
    assert _nuevo(primer_contacto=inicio).fila["fecha_apartado"] is None
    assert _nuevo(etapa=Etapa.CANCELADO, temperatura=None).fila["fecha_apartado"] is None
    antes = date(2026, 9, 1)
    dado = _nuevo(etapa=Etapa.ESCRITURADO, temperatura=None, primer_contacto=inicio, fecha_apartado=antes)
    assert dado.fila["fecha_apartado"] == antes


def test_reglas_de_la_etapa_y_la_temperatura_de_un_cliente_nuevo() -> None:
    with pytest.raises(DatoInvalido, match="no puede empezar cancelado"):
        altas.etapa_inicial(Etapa.CANCELADO)
    assert altas.etapa_inicial(Etapa.APARTADO) == Etapa.APARTADO
    assert altas.temperatura_inicial(Etapa.PROSPECTO, None) == Temperatura.TIBIO
    assert altas.temperatura_inicial(Etapa.APARTADO, None) is None
    with pytest.raises(DatoInvalido, match="solo aplica a prospectos"):
        altas.temperatura_inicial(Etapa.APARTADO, Temperatura.FRIO)
    assert altas.temperatura_inicial(Etapa.APARTADO, Temperatura.FRIO, cualquier_etapa=True) == Temperatura.FRIO


def _altas_de(store, cliente_id: int) -> list[dict[str, list[object]]]:
    with store.session() as session:
        filas = session.exec(
            select(Auditoria).where(Auditoria.cliente_id == cliente_id, Auditoria.entidad == "cliente")
        ).all()
        return [json.loads(f.detalle or "{}") for f in filas]


@pytest.mark.ambos_motores
def test_el_alta_de_cliente_add_junta_los_cambios_de_la_misma_accion(store) -> None:
    """As the ORM's hook did: a client added and changed in one transaction is one «alta»
    with the final values."""
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        cliente = clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
        clientes.edit(ctx, cliente, email="juan@correo.mx")
        cliente_id = cliente.id
    [alta] = _altas_de(store, cliente_id)
    assert alta["email"] == [None, "juan@correo.mx"]
    assert alta["telefonos"] == [None, "8123456789"]


@pytest.mark.ambos_motores
def test_el_alta_importada_es_la_de_cliente_add(store) -> None:
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        con_add = clientes.add(ctx, "Rosa Díaz", telefonos=["8123456789"], email="rosa@correo.mx").id
        contacto = Contacto(2, "Rosa Díaz", telefonos=(("8123456789", "telefono"),), emails=("rosa@correo.mx",))
        [importado] = intercambio.importar_contactos(ctx, Lectura([contacto]), forzar=True).ids
    assert _altas_de(store, importado) == _altas_de(store, con_add)


@pytest.mark.ambos_motores
def test_la_primera_nota_de_un_cliente_es_como_la_de_notas_add(store) -> None:
    """clientes.add writes its note through altas.insertar: the same row and audit as
    notas.add leaves."""
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        con_nota = clientes.add(ctx, "Rosa Díaz", nota="  Quiere jardín\ny cochera  ").id
        despues = clientes.add(ctx, "Juan Pérez")
        notas.add(ctx, despues, "  Quiere jardín\ny cochera  ")
        despues_id = despues.id
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        [primera] = notas.list_(ctx, clientes.get(ctx, con_nota))
        [otra] = notas.list_(ctx, clientes.get(ctx, despues_id))
        assert (primera.texto, primera.asesor_id, primera.creado) == (otra.texto, otra.asesor_id, otra.creado)
        auditadas = {
            f.cliente_id: json.loads(f.detalle or "{}")
            for f in session.exec(select(Auditoria).where(Auditoria.entidad == "nota")).all()
        }
    assert auditadas[con_nota] == {**auditadas[despues_id], "cliente_id": [None, con_nota]}

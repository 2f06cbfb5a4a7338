"""Advisors, the context of an action (who, when), and per-database settings such as the cadence."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from a3tui import services
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Asesor
from a3tui.services import actividades, ajustes, asesores, clientes

HOY = date(2026, 11, 23)


# ---------------------------------------------------------------- advisors


@pytest.mark.ambos_motores
def test_el_asesor_agregado_por_la_coordinadora_actua_con_su_login(ctx):
    assert ctx.asesor.login == "ana"
    assert ctx.asesor.rol == "asesor"
    assert ctx.asesor.plaza == "General"
    assert ctx.asesor.creado == datetime(2026, 1, 5, 9, 0)


def test_asesor_existente_no_se_duplica(ctx):
    otra_vez = services.contexto(ctx.session, "ana", ctx.ahora)
    assert otra_vez.asesor.id == ctx.asesor.id
    assert len(ctx.session.exec(select(Asesor).where(Asesor.login == "ana")).all()) == 1


@pytest.mark.ambos_motores
def test_buscar_asesor_inexistente(ctx):
    with pytest.raises(NoEncontrado, match="nadie"):
        asesores.get(ctx.session, "nadie")


@pytest.mark.ambos_motores
def test_cambiar_rol_acepta_mayusculas(ctx):
    asesores.update(ctx.session, ctx.asesor, rol="Coordinador")
    assert ctx.asesor.rol == "coordinador"
    assert ctx.es_coordinador


def test_rol_desconocido_es_invalido(ctx):
    with pytest.raises(DatoInvalido, match="rol"):
        asesores.update(ctx.session, ctx.asesor, rol="gerente")


def test_asesor_sin_nombre_es_invalido(ctx):
    with pytest.raises(DatoInvalido):
        asesores.update(ctx.session, ctx.asesor, nombre="  ")


def test_plaza_vacia_es_invalida(ctx):
    with pytest.raises(DatoInvalido):
        asesores.update(ctx.session, ctx.asesor, plaza="")


def test_cambiar_nombre_y_plaza(ctx):
    asesores.update(ctx.session, ctx.asesor, nombre=" Ana Torres ", plaza=" Monterrey ")
    assert (ctx.asesor.nombre, ctx.asesor.plaza) == ("Ana Torres", "Monterrey")
    assert asesores.get(ctx.session, "ana").plaza == "Monterrey"


def test_asesor_no_es_coordinador_por_omision(ctx):
    assert not ctx.es_coordinador


# ---------------------------------------------------------------- context from the environment


def test_reloj_fijo_desde_a3_ahora():
    assert services.ahora() == datetime(2026, 11, 23, 10, 0)


def test_asesor_actual_desde_a3_asesor():
    assert services.login_actual() == "ana"


def test_contexto_sin_argumentos_usa_el_entorno(store):
    with store.session() as session:
        ctx = services.contexto(session)
        assert ctx.asesor.login == "ana"
        assert ctx.ahora == datetime(2026, 11, 23, 10, 0)
        assert ctx.hoy == HOY


def test_a3_ahora_cambia_el_dia_de_hoy(store, monkeypatch):
    monkeypatch.setenv("A3_AHORA", "2027-01-05T08:30:00")
    with store.session() as session:
        assert services.contexto(session).hoy == date(2027, 1, 5)


# ---------------------------------------------------------------- cadence settings


def test_un_asesor_no_cambia_la_cadencia_de_la_base(ctx):
    from a3tui.errors import SinPermiso

    with pytest.raises(SinPermiso, match="Solo un coordinador"):
        ajustes.guardar_cadencia(ctx, "apartado", 4)
    assert ajustes.cadencia(ctx.session) == {}


def test_sin_ajustes_la_cadencia_es_la_de_fabrica(ctx):
    assert ajustes.cadencia(ctx.session) == {}
    assert ctx.cadencia["prospecto/tibio"] == 7


def test_cadencia_guardada_se_lee(ctx, ctx_coordinadora):
    ajustes.guardar_cadencia(ctx_coordinadora, "apartado", 4)
    ajustes.guardar_cadencia(ctx_coordinadora, "prospecto/caliente", 2)
    assert ajustes.cadencia(ctx.session) == {"apartado": 4, "prospecto/caliente": 2}


def test_cadencia_guardada_se_puede_cambiar(ctx, ctx_coordinadora):
    ajustes.guardar_cadencia(ctx_coordinadora, "apartado", 4)
    ajustes.guardar_cadencia(ctx_coordinadora, "apartado", 5)
    assert ajustes.cadencia(ctx.session) == {"apartado": 5}


def test_cadencia_de_etapa_sin_seguimiento_es_invalida(ctx, ctx_coordinadora):
    with pytest.raises(DatoInvalido, match="cancelado"):
        ajustes.guardar_cadencia(ctx_coordinadora, "cancelado", 5)


def test_cadencia_de_prospecto_sin_temperatura_es_invalida(ctx, ctx_coordinadora):
    with pytest.raises(DatoInvalido):
        ajustes.guardar_cadencia(ctx_coordinadora, "prospecto", 5)


@pytest.mark.parametrize("dias", [0, -3, 366])
def test_cadencia_fuera_de_rango_es_invalida(ctx, ctx_coordinadora, dias):
    with pytest.raises(DatoInvalido, match="entre 1 y 365"):
        ajustes.guardar_cadencia(ctx_coordinadora, "apartado", dias)


def test_cadencia_configurada_se_aplica_a_clientes_nuevos(ctx, ctx_coordinadora):
    ajustes.guardar_cadencia(ctx_coordinadora, "prospecto/tibio", 10)
    nuevo_ctx = services.contexto(ctx.session, "ana", ctx.ahora)
    assert clientes.add(nuevo_ctx, "Ana García").proximo_contacto == HOY + timedelta(days=10)


def test_cadencia_configurada_se_aplica_tras_una_actividad(ctx, ctx_coordinadora):
    ana = clientes.add(ctx, "Ana García", etapa="apartado", primer_contacto=date(2026, 11, 1))
    ajustes.guardar_cadencia(ctx_coordinadora, "apartado", 1)
    nuevo_ctx = services.contexto(ctx.session, "ana", ctx.ahora)
    actividades.llamada(nuevo_ctx, ana, "contestó-interesado")
    assert ana.proximo_contacto == HOY + timedelta(days=1)


def test_recalcular_tras_cambiar_cadencia_mueve_las_fechas(ctx, ctx_coordinadora):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 20))
    ajustes.guardar_cadencia(ctx_coordinadora, "prospecto/tibio", 14)
    nuevo_ctx = services.contexto(ctx.session, "ana", ctx.ahora)
    clientes.recalcular_seguimiento(nuevo_ctx)
    assert ana.proximo_contacto == date(2026, 12, 4)


def test_recalcular_en_el_mismo_contexto_usa_la_cadencia_nueva(ctx, ctx_coordinadora):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 20))
    ajustes.guardar_cadencia(ctx_coordinadora, "prospecto/tibio", 14)
    clientes.recalcular_seguimiento(ctx)
    assert ana.proximo_contacto == date(2026, 12, 4)


def test_cadencia_se_guarda_en_la_base(store, ahora):
    with store.session() as session:
        ajustes.guardar_cadencia(services.contexto(session, "carla", ahora), "entregado", 60)
    with store.session() as session:
        assert services.contexto(session, "ana", ahora).cadencia["entregado"] == 60


@pytest.mark.ambos_motores
def test_cadencia_acepta_la_etapa_sin_acentos_ni_mayusculas(ctx, ctx_coordinadora):
    assert ajustes.guardar_cadencia(ctx_coordinadora, "Prospecto/FRIO", 30) == "prospecto/frío"
    assert ctx.cadencia["prospecto/frío"] == 30

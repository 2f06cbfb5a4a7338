"""Today's agenda (what to do first) and the advisor's four KPIs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from a3tui.domain import Alerta
from a3tui.services import actividades, agenda, clientes, reportes, tareas

from .ayuda import apartar

HOY = date(2026, 11, 23)


def _nombres(seccion) -> list[str]:
    return [f.nombre for f in seccion.filas]


def _tareas(seccion) -> list[str]:
    return [f.tarea.descripcion for f in seccion.filas]


@pytest.fixture
def dia(ctx):
    """A Monday with overdue and due tasks, red, yellow, green and cold clients."""
    tareas.add(ctx, "vencida el viernes", date(2026, 11, 20))
    tareas.add(ctx, "vencida el miércoles", date(2026, 11, 18))
    tareas.add(ctx, "hoy sin hora", HOY)
    tareas.add(ctx, "hoy a las 9", HOY, hora=time(9, 0))
    tareas.add(ctx, "mañana", HOY + timedelta(days=1))
    hecha = tareas.add(ctx, "vencida pero hecha", date(2026, 11, 19))
    tareas.done(ctx, hecha.id)

    # Never contacted since 1 Nov: overdue since 8 Nov, and cold too.
    clientes.add(ctx, "Rojo y frío", primer_contacto=date(2026, 11, 1))
    reciente = clientes.add(ctx, "Rojo reciente", temperatura="caliente", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, reciente, "contestó-interesado", fecha=datetime(2026, 11, 19, 9, 0))  # due 22 Nov
    amarillo = clientes.add(ctx, "Amarillo mañana", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, amarillo, "contestó-interesado", fecha=datetime(2026, 11, 17, 12, 0))  # due 24 Nov
    amarillo_frio = clientes.add(ctx, "Amarillo y frío", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, amarillo_frio, "contestó-interesado", fecha=datetime(2026, 11, 16, 9, 0))  # due 23 Nov
    frio = clientes.add(ctx, "Solo frío", temperatura="frío", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, frio, "contestó-interesado", fecha=datetime(2026, 11, 10, 9, 0))  # due 1 Dec: green
    clientes.add(ctx, "Verde", primer_contacto=HOY)
    cancelado = clientes.add(ctx, "Cancelado", primer_contacto=date(2026, 10, 1))
    clientes.cambiar_etapa(ctx, cancelado, "cancelado", motivo="compró en otro lado")
    return ctx


@pytest.mark.ambos_motores
def test_secciones_en_orden_de_trabajo(dia):
    del_dia = agenda.hoy(dia)
    titulos = [s.titulo for s in (*del_dia.secciones_de_tareas, *del_dia.secciones_de_clientes)]
    assert titulos == [
        "Tareas vencidas",
        "Tareas de hoy",
        "Seguimiento vencido",
        "Contactar hoy o mañana",
        "Fríos con seguimiento al día",
    ]


def test_tareas_vencidas_de_la_mas_antigua_a_la_mas_reciente(dia):
    assert _tareas(agenda.hoy(dia).tareas_vencidas) == ["vencida el miércoles", "vencida el viernes"]


def test_tareas_de_hoy_por_hora(dia):
    assert _tareas(agenda.hoy(dia).tareas_hoy) == ["hoy a las 9", "hoy sin hora"]


def test_seguimiento_vencido_del_mas_atrasado_al_menos(dia):
    assert _nombres(agenda.hoy(dia).contactos_vencidos) == ["Rojo y frío", "Rojo reciente"]


def test_seguimiento_vencido_es_rojo(dia):
    assert {f.alerta for f in agenda.hoy(dia).contactos_vencidos.filas} == {Alerta.ROJO}


@pytest.mark.ambos_motores
def test_contactar_hoy_o_manana_en_orden_de_fecha(dia):
    assert _nombres(agenda.hoy(dia).contactos_hoy) == ["Amarillo y frío", "Amarillo mañana"]


def test_cliente_rojo_y_frio_aparece_solo_en_seguimiento_vencido(dia):
    hoy = agenda.hoy(dia)
    assert "Rojo y frío" in _nombres(hoy.contactos_vencidos)
    assert "Rojo y frío" not in _nombres(hoy.frios)


def test_cliente_amarillo_y_frio_aparece_solo_en_contactar_hoy(dia):
    hoy = agenda.hoy(dia)
    assert "Amarillo y frío" in _nombres(hoy.contactos_hoy)
    assert "Amarillo y frío" not in _nombres(hoy.frios)


def test_clientes_frios_que_no_aparecen_antes(dia):
    assert _nombres(agenda.hoy(dia).frios) == ["Solo frío"]


def test_ningun_cliente_aparece_dos_veces(dia):
    hoy = agenda.hoy(dia)
    ids = [f.id for s in hoy.secciones_de_clientes for f in s.filas]
    assert len(ids) == len(set(ids))


def test_agenda_no_incluye_clientes_al_dia_ni_cancelados(dia):
    hoy = agenda.hoy(dia)
    nombres = {n for s in hoy.secciones_de_clientes for n in _nombres(s)}
    assert "Verde" not in nombres
    assert "Cancelado" not in nombres


def test_totales_de_secciones_sin_limite(dia):
    hoy = agenda.hoy(dia)
    assert (hoy.tareas_vencidas.total, hoy.tareas_hoy.total) == (2, 2)
    assert (hoy.contactos_vencidos.total, hoy.contactos_hoy.total) == (2, 2)


def test_total_de_frios_cuenta_solo_los_que_muestra(dia):
    frios = agenda.hoy(dia).frios
    assert frios.total == len(frios.filas)


def test_agenda_con_limite_muestra_menos_pero_cuenta_todos(dia):
    hoy = agenda.hoy(dia, limite=1)
    assert _tareas(hoy.tareas_vencidas) == ["vencida el miércoles"]
    assert hoy.tareas_vencidas.total == 2
    assert _nombres(hoy.contactos_vencidos) == ["Rojo y frío"]
    assert hoy.contactos_vencidos.total == 2


def test_dias_de_frio_de_la_agenda_son_configurables(dia):
    assert _nombres(agenda.hoy(dia, dias_frio=30).frios) == []


def test_agenda_de_otro_asesor_esta_vacia(dia, ctx_luis):
    hoy = agenda.hoy(ctx_luis)
    assert all(s.filas == [] and s.total == 0 for s in (*hoy.secciones_de_tareas, *hoy.secciones_de_clientes))


def test_agenda_vacia(ctx):
    vacia = agenda.hoy(ctx)
    assert all(s.filas == [] and s.total == 0 for s in (*vacia.secciones_de_tareas, *vacia.secciones_de_clientes))


# ---------------------------------------------------------------- KPIs


@pytest.fixture
def kpis_conocidos(ctx, ctx_luis):
    """Four clients of «ana»: two reached apartado (after 20 and 0 days), one cold, two activities this week."""
    uno = clientes.add(ctx, "Uno", primer_contacto=date(2026, 11, 3))
    actividades.reunion(ctx, uno, "muy-interesado", fecha=datetime(2026, 11, 23, 9, 30))
    apartar(ctx, uno)  # 20 days after first contact; system entries do not count
    clientes.add(ctx, "Dos", etapa="apartado", primer_contacto=date(2026, 11, 13))  # 0 days
    clientes.add(ctx, "Tres", primer_contacto=date(2026, 11, 1))  # cold: never contacted
    cuatro = clientes.add(ctx, "Cuatro", primer_contacto=date(2026, 11, 20))
    actividades.llamada(ctx, cuatro, "contestó-interesado", fecha=datetime(2026, 11, 23, 9, 0))
    actividades.mensaje(ctx, cuatro, contenido="domingo", fecha=datetime(2026, 11, 22, 18, 0))  # last week
    beto = clientes.add(ctx_luis, "Beto de Luis", primer_contacto=date(2026, 10, 1))  # another advisor's
    actividades.llamada(ctx_luis, beto, "contestó-interesado")
    return {k.nombre: k for k in reportes.kpis(ctx)}


def test_kpi_tasa_de_conversion(kpis_conocidos):
    kpi = kpis_conocidos["Tasa de conversión"]
    assert kpi.valor == pytest.approx(50.0)
    assert kpi.cumple is True
    assert kpi.meta == "> 30%"


def test_kpi_dias_a_apartado(kpis_conocidos):
    kpi = kpis_conocidos["Días a apartado"]
    assert kpi.valor == pytest.approx(10.0)
    assert kpi.cumple is True


def test_kpi_actividades_de_la_semana(kpis_conocidos):
    kpi = kpis_conocidos["Actividades esta semana"]
    assert kpi.valor == 2
    # On a Monday the week has barely begun: under its target, it is «en curso», not failed.
    assert kpi.en_curso
    assert kpi.cumple is None


def test_kpi_clientes_frios(kpis_conocidos):
    kpi = kpis_conocidos["Clientes fríos"]
    assert kpi.valor == 1
    assert kpi.cumple is True


@pytest.mark.ambos_motores
def test_kpis_en_orden_de_la_especificacion(ctx):
    assert [k.nombre for k in reportes.kpis(ctx)] == [
        "Tasa de conversión",
        "Días a apartado",
        "Actividades esta semana",
        "Clientes fríos",
    ]


def test_kpis_sin_clientes_no_inventan_valores(ctx):
    kpis = {k.nombre: k for k in reportes.kpis(ctx)}
    assert kpis["Tasa de conversión"].valor is None
    assert kpis["Días a apartado"].valor is None
    assert kpis["Actividades esta semana"].valor == 0
    assert kpis["Clientes fríos"].valor == 0


def test_kpi_cinco_clientes_frios_no_cumple(ctx):
    for i in range(5):
        clientes.add(ctx, f"Olvidado {i}", primer_contacto=date(2026, 10, 1))
    kpi = {k.nombre: k for k in reportes.kpis(ctx)}["Clientes fríos"]
    assert (kpi.valor, kpi.cumple) == (5, False)


def test_kpi_frios_usa_los_dias_configurados(ctx):
    clientes.add(ctx, "Ana", primer_contacto=date(2026, 11, 10))
    assert {k.nombre: k for k in reportes.kpis(ctx, dias_frio=30)}["Clientes fríos"].valor == 0


def test_los_frios_de_la_agenda_son_los_del_kpi_sin_los_ya_listados(dia):
    """One definition of «frío»: the KPI and the list's filter count the same clients; the
    agenda's section lists those whose follow-up is on track (the rest are listed above)."""
    del_dia = agenda.hoy(dia, limite=1000)
    todos = {f.id for f in clientes.list_(dia, clientes.Filtro(frios=True), limit=1000)}
    kpi = {k.nombre: k for k in reportes.kpis(dia)}["Clientes fríos"]
    assert kpi.valor == len(todos)
    arriba = {f.id for s in (del_dia.contactos_vencidos, del_dia.contactos_hoy) for f in s.filas}
    assert {f.id for f in del_dia.frios.filas} == todos - arriba

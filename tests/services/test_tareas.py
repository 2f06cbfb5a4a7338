"""Tasks: creation, views (hoy, vencidas, próximas, hechas), order, done/reopen, scope."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from a3tui import services
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.services import clientes, tareas

HOY = date(2026, 11, 23)


def _descripciones(ctx, vista: str, **kwargs) -> list[str]:
    return [f.tarea.descripcion for f in tareas.list_(ctx, vista, **kwargs)]


@pytest.fixture
def agenda_de_tareas(ctx):
    """One task in each view: overdue, today, tomorrow, in 7 days, in 8 days, and one done."""
    tareas.add(ctx, "vencida", HOY - timedelta(days=3))
    tareas.add(ctx, "de hoy", HOY)
    tareas.add(ctx, "de mañana", HOY + timedelta(days=1))
    tareas.add(ctx, "en 7 días", HOY + timedelta(days=7))
    tareas.add(ctx, "en 8 días", HOY + timedelta(days=8))
    hecha = tareas.add(ctx, "hecha", HOY)
    tareas.done(ctx, hecha.id)


# ---------------------------------------------------------------- add


@pytest.mark.ambos_motores
def test_tarea_nueva_esta_pendiente_con_prioridad_media_y_recordatorio(ctx):
    tarea = tareas.add(ctx, "  Llamar   a Ana ", HOY)
    assert tarea.descripcion == "Llamar a Ana"
    assert tarea.hecha is False
    assert tarea.prioridad == "media"
    assert tarea.recordatorio is True
    assert tarea.asesor_id == ctx.asesor.id
    assert tarea.cliente_id is None


def test_tarea_con_cliente_muestra_su_nombre(ctx):
    ana = clientes.add(ctx, "Ana García")
    tareas.add(ctx, "Enviar cotización", HOY, cliente=ana)
    [fila] = tareas.list_(ctx, "hoy")
    assert fila.cliente == "Ana García"
    assert fila.tarea.cliente_id == ana.id


def test_tarea_sin_cliente_no_muestra_nombre(ctx):
    tareas.add(ctx, "Junta de plaza", HOY)
    [fila] = tareas.list_(ctx, "hoy")
    assert fila.cliente is None


def test_tarea_sin_descripcion_es_invalida(ctx):
    with pytest.raises(DatoInvalido, match="descripción"):
        tareas.add(ctx, "   ", HOY)


@pytest.mark.ambos_motores
def test_prioridad_se_acepta_en_mayusculas(ctx):
    assert tareas.add(ctx, "Firmar", HOY, prioridad="ALTA").prioridad == "alta"


def test_prioridad_desconocida_es_invalida(ctx):
    with pytest.raises(DatoInvalido, match="prioridad"):
        tareas.add(ctx, "Firmar", HOY, prioridad="urgente")


def test_tarea_guarda_hora_y_recordatorio(ctx):
    tarea = tareas.add(ctx, "Visita", HOY, hora=time(16, 30), recordatorio=False)
    assert (tarea.hora, tarea.recordatorio) == (time(16, 30), False)


# ---------------------------------------------------------------- views


def test_vista_hoy_muestra_solo_las_pendientes_de_hoy(ctx, agenda_de_tareas):
    assert _descripciones(ctx, "hoy") == ["de hoy"]


def test_vista_vencidas_muestra_las_pendientes_de_dias_pasados(ctx, agenda_de_tareas):
    assert _descripciones(ctx, "vencidas") == ["vencida"]


def test_vista_proximas_muestra_los_siguientes_7_dias_sin_hoy(ctx, agenda_de_tareas):
    assert _descripciones(ctx, "proximas") == ["de mañana", "en 7 días"]


def test_vista_hechas_muestra_solo_las_hechas(ctx, agenda_de_tareas):
    assert _descripciones(ctx, "hechas") == ["hecha"]


def test_vista_pendientes_muestra_todas_las_no_hechas_por_fecha(ctx, agenda_de_tareas):
    assert _descripciones(ctx, "pendientes") == ["vencida", "de hoy", "de mañana", "en 7 días", "en 8 días"]


def test_vista_todas_incluye_las_hechas(ctx, agenda_de_tareas):
    assert sorted(_descripciones(ctx, "todas")) == sorted(
        ["vencida", "de hoy", "hecha", "de mañana", "en 7 días", "en 8 días"]
    )


def test_vista_por_omision_es_pendientes(ctx, agenda_de_tareas):
    assert [f.tarea.descripcion for f in tareas.list_(ctx)] == _descripciones(ctx, "pendientes")


def test_vista_desconocida_es_invalida(ctx):
    with pytest.raises(DatoInvalido, match="vista"):
        tareas.list_(ctx, "mañana")


def test_tareas_del_mismo_dia_por_hora_y_sin_hora_al_final(ctx):
    tareas.add(ctx, "sin hora", HOY, prioridad="alta")
    tareas.add(ctx, "16:00", HOY, hora=time(16, 0))
    tareas.add(ctx, "09:00", HOY, hora=time(9, 0), prioridad="baja")
    assert _descripciones(ctx, "hoy") == ["09:00", "16:00", "sin hora"]


def test_tareas_a_la_misma_hora_por_prioridad(ctx):
    tareas.add(ctx, "baja", HOY, prioridad="baja")
    tareas.add(ctx, "media", HOY)
    tareas.add(ctx, "alta", HOY, prioridad="alta")
    assert _descripciones(ctx, "hoy") == ["alta", "media", "baja"]


def test_tareas_hechas_de_la_mas_reciente_a_la_mas_antigua(ctx):
    primera = tareas.add(ctx, "primera", HOY)
    segunda = tareas.add(ctx, "segunda", HOY)
    tareas.done(ctx, primera.id)
    mas_tarde = services.contexto(ctx.session, "ana", ctx.ahora + timedelta(hours=2))
    tareas.done(mas_tarde, segunda.id)
    assert _descripciones(ctx, "hechas") == ["segunda", "primera"]


def test_tareas_de_un_cliente(ctx):
    ana = clientes.add(ctx, "Ana García")
    beto = clientes.add(ctx, "Beto Ruiz")
    tareas.add(ctx, "de Ana", HOY, cliente=ana)
    tareas.add(ctx, "de Beto", HOY, cliente=beto)
    tareas.add(ctx, "sin cliente", HOY)
    assert _descripciones(ctx, "pendientes", cliente=ana) == ["de Ana"]


def test_lista_de_tareas_respeta_el_limite(ctx):
    for i in range(5):
        tareas.add(ctx, f"tarea {i}", HOY)
    assert len(tareas.list_(ctx, "hoy", limit=3)) == 3


# ---------------------------------------------------------------- done / reopen


def test_marcar_hecha_guarda_cuando(ctx):
    tarea = tareas.add(ctx, "Llamar", HOY)
    tareas.done(ctx, tarea.id)
    assert tarea.hecha is True
    assert tarea.hecha_en == ctx.ahora


def test_marcar_hecha_dos_veces_es_invalido(ctx):
    tarea = tareas.add(ctx, "Llamar", HOY)
    tareas.done(ctx, tarea.id)
    with pytest.raises(DatoInvalido, match="ya estaba hecha"):
        tareas.done(ctx, tarea.id)


def test_marcar_hecha_una_tarea_inexistente(ctx):
    with pytest.raises(NoEncontrado):
        tareas.done(ctx, 999)


def test_reabrir_una_tarea_la_vuelve_pendiente(ctx):
    tarea = tareas.add(ctx, "Llamar", HOY)
    tareas.done(ctx, tarea.id)
    tareas.reopen(ctx, tarea.id)
    assert tarea.hecha is False
    assert tarea.hecha_en is None
    assert _descripciones(ctx, "hoy") == ["Llamar"]


def test_tarea_hecha_sale_de_vencidas(ctx):
    tarea = tareas.add(ctx, "Llamar", HOY - timedelta(days=2))
    tareas.done(ctx, tarea.id)
    assert _descripciones(ctx, "vencidas") == []


# ---------------------------------------------------------------- scope


@pytest.mark.ambos_motores
def test_otro_asesor_no_ve_mis_tareas(ctx, ctx_luis):
    tareas.add(ctx, "mía", HOY)
    tareas.add(ctx_luis, "de luis", HOY)
    assert _descripciones(ctx, "hoy") == ["mía"]
    assert _descripciones(ctx_luis, "hoy") == ["de luis"]


def test_otro_asesor_no_puede_marcar_mi_tarea(ctx, ctx_luis):
    tarea = tareas.add(ctx, "mía", HOY)
    with pytest.raises(NoEncontrado):
        tareas.done(ctx_luis, tarea.id)
    assert tarea.hecha is False


def test_otro_asesor_no_abre_mi_tarea(ctx, ctx_luis):
    tarea = tareas.add(ctx, "mía", HOY)
    with pytest.raises(NoEncontrado):
        tareas.get(ctx_luis, tarea.id)


def test_contar_tareas_coincide_con_la_vista(ctx):
    for i in range(4):
        tareas.add(ctx, f"Vencida {i}", ctx.hoy - timedelta(days=i + 1))
    tareas.add(ctx, "De hoy", ctx.hoy)
    assert tareas.count(ctx, "vencidas") == len(tareas.list_(ctx, "vencidas")) == 4
    assert tareas.count(ctx, "hoy") == 1
    assert tareas.count(ctx, "pendientes") == 5

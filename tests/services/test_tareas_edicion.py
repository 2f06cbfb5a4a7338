"""Tasks that change after they are written: edit, postpone, delete, and the reminders due now."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from a3tui.domain import Etapa, Prioridad, Temperatura, parse_valor
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.services import clientes, tareas

# The tests' clock is Monday 2026-11-23 10:00.
HOY = date(2026, 11, 23)
MANANA = HOY + timedelta(days=1)


# ---------------------------------------------------------------- edit


@pytest.mark.ambos_motores
def test_editar_cambia_solo_los_campos_indicados(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY, hora=time(9, 0), prioridad="baja")
    tareas.edit(ctx, tarea.id, descripcion="  Llamar a Ana   García ", prioridad="ALTA")
    assert (tarea.descripcion, tarea.prioridad) == ("Llamar a Ana García", Prioridad.ALTA)
    assert (tarea.vence, tarea.hora, tarea.recordatorio) == (HOY, time(9, 0), True)


def test_editar_fecha_hora_y_recordatorio(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    tareas.edit(ctx, tarea.id, vence=MANANA, hora=time(16, 30), recordatorio=False)
    assert (tarea.vence, tarea.hora, tarea.recordatorio) == (MANANA, time(16, 30), False)


def test_editar_con_hora_none_quita_la_hora(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY, hora=time(9, 0))
    tareas.edit(ctx, tarea.id, hora=None)
    assert tarea.hora is None


def test_editar_liga_la_tarea_a_un_cliente_y_la_desliga(ctx):
    ana = clientes.add(ctx, "Ana García")
    tarea = tareas.add(ctx, "Enviar cotización", HOY)
    tareas.edit(ctx, tarea.id, cliente=ana)
    assert tareas.fila(ctx, tarea).cliente == "Ana García"
    tareas.edit(ctx, tarea.id, cliente=None)
    assert tarea.cliente_id is None
    assert tareas.fila(ctx, tarea).cliente is None


@pytest.mark.ambos_motores
def test_editar_sin_descripcion_es_invalido_y_no_cambia_nada(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY, prioridad="baja")
    with pytest.raises(DatoInvalido, match="descripción"):
        tareas.edit(ctx, tarea.id, descripcion="   ", prioridad="alta")
    assert (tarea.descripcion, tarea.prioridad) == ("Llamar a Ana", Prioridad.BAJA)


def test_editar_con_prioridad_desconocida_no_cambia_la_descripcion(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    with pytest.raises(DatoInvalido, match="La prioridad no puede ser «urgente»"):
        tareas.edit(ctx, tarea.id, descripcion="Otra cosa", prioridad="urgente")
    assert tarea.descripcion == "Llamar a Ana"


def test_otro_asesor_no_puede_editar_mi_tarea(ctx, ctx_luis):
    tarea = tareas.add(ctx, "mía", HOY)
    with pytest.raises(NoEncontrado, match=f"No existe la tarea {tarea.id}"):
        tareas.edit(ctx_luis, tarea.id, descripcion="de luis")
    assert tarea.descripcion == "mía"


def test_la_coordinadora_edita_una_tarea_de_su_plaza(ctx, ctx_coordinadora):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    tareas.edit(ctx_coordinadora, tarea.id, prioridad="alta")
    assert tarea.prioridad == Prioridad.ALTA


# ---------------------------------------------------------------- posponer


def test_posponer_a_manana_conserva_la_hora(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY, hora=time(9, 0))
    tareas.posponer(ctx, tarea.id, MANANA)
    assert (tarea.vence, tarea.hora) == (MANANA, time(9, 0))


def test_posponer_con_otra_hora_o_sin_hora(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY, hora=time(9, 0))
    tareas.posponer(ctx, tarea.id, MANANA, hora=time(17, 0))
    assert tarea.hora == time(17, 0)
    tareas.posponer(ctx, tarea.id, MANANA + timedelta(days=1), hora=None)
    assert tarea.hora is None


def test_posponer_una_vencida_a_hoy_la_saca_de_vencidas(ctx):
    tarea = tareas.add(ctx, "Enviar cotización", HOY - timedelta(days=3))
    tareas.posponer(ctx, tarea.id, HOY)
    assert [f.tarea.id for f in tareas.list_(ctx, "vencidas")] == []
    assert [f.tarea.id for f in tareas.list_(ctx, "hoy")] == [tarea.id]


def test_posponer_sin_fecha_la_pasa_al_dia_siguiente_de_cuando_vence(ctx):
    """Issue 28: posponer moved a task due in 4 days to tomorrow (earlier)."""
    lejana = tareas.add(ctx, "Llamar a Ana", HOY + timedelta(days=4))
    vencida = tareas.add(ctx, "Llamar a Beto", HOY - timedelta(days=2))
    tareas.posponer(ctx, lejana.id)
    tareas.posponer(ctx, vencida.id)
    assert lejana.vence == HOY + timedelta(days=5)
    assert vencida.vence == MANANA


def test_posponer_nunca_adelanta_una_tarea(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY + timedelta(days=4))
    with pytest.raises(DatoInvalido, match="Posponer no adelanta una tarea"):
        tareas.posponer(ctx, tarea.id, MANANA)
    assert tarea.vence == HOY + timedelta(days=4)
    tareas.edit(ctx, tarea.id, vence=MANANA)  # editing it does
    assert tarea.vence == MANANA


def test_posponer_a_un_dia_que_ya_paso_es_invalido(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    with pytest.raises(DatoInvalido, match="ya pasó"):
        tareas.posponer(ctx, tarea.id, HOY - timedelta(days=1))
    assert tarea.vence == HOY


def test_posponer_al_mismo_dia_es_invalido(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", MANANA)
    with pytest.raises(DatoInvalido, match="ya vence el 2026-11-24"):
        tareas.posponer(ctx, tarea.id, MANANA)


def test_posponer_una_tarea_hecha_pide_reabrirla(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    tareas.done(ctx, tarea.id)
    with pytest.raises(DatoInvalido, match="reábrela"):
        tareas.posponer(ctx, tarea.id, MANANA)
    assert tarea.vence == HOY


def test_otro_asesor_no_puede_posponer_mi_tarea(ctx, ctx_luis):
    tarea = tareas.add(ctx, "mía", HOY)
    with pytest.raises(NoEncontrado):
        tareas.posponer(ctx_luis, tarea.id, MANANA)
    assert tarea.vence == HOY


# ---------------------------------------------------------------- borrar


def test_borrar_quita_la_tarea_de_todas_las_vistas(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    borrada = tareas.borrar(ctx, tarea.id)
    assert borrada.descripcion == "Llamar a Ana"
    assert tareas.list_(ctx, "todas") == []
    with pytest.raises(NoEncontrado):
        tareas.get(ctx, tarea.id)


def test_borrar_una_tarea_hecha(ctx):
    tarea = tareas.add(ctx, "Llamar a Ana", HOY)
    tareas.done(ctx, tarea.id)
    tareas.borrar(ctx, tarea.id)
    assert tareas.count(ctx, "todas") == 0


def test_otro_asesor_no_puede_borrar_mi_tarea(ctx, ctx_luis):
    tarea = tareas.add(ctx, "mía", HOY)
    with pytest.raises(NoEncontrado):
        tareas.borrar(ctx_luis, tarea.id)
    assert tareas.count(ctx, "todas") == 1


# ---------------------------------------------------------------- recordatorios


def _recordatorios(ctx, ahora: datetime | None = None) -> list[str]:
    return [f.tarea.descripcion for f in tareas.recordatorios(ctx, ahora)]


@pytest.fixture
def dia_con_avisos(ctx):
    """Tasks around 10:00 of today: which have a reminder due, and which not (yet)."""
    tareas.add(ctx, "vencida hace 3 días", HOY - timedelta(days=3), hora=time(18, 0))
    tareas.add(ctx, "hoy sin hora", HOY)
    tareas.add(ctx, "hoy a las 9", HOY, hora=time(9, 0))
    tareas.add(ctx, "hoy a las 10", HOY, hora=time(10, 0))
    tareas.add(ctx, "hoy a las 10:01", HOY, hora=time(10, 1))
    tareas.add(ctx, "mañana", MANANA)
    tareas.add(ctx, "vencida sin recordatorio", HOY - timedelta(days=1), recordatorio=False)
    hecha = tareas.add(ctx, "vencida y hecha", HOY - timedelta(days=1))
    tareas.done(ctx, hecha.id)


def test_recordatorios_son_las_pendientes_con_aviso_cuyo_momento_llego(ctx, dia_con_avisos):
    assert _recordatorios(ctx) == ["vencida hace 3 días", "hoy a las 9", "hoy a las 10", "hoy sin hora"]


def test_recordatorios_mas_tarde_incluyen_las_de_una_hora_ya_pasada(ctx, dia_con_avisos):
    assert "hoy a las 10:01" in _recordatorios(ctx, datetime(2026, 11, 23, 10, 1))
    assert "mañana" not in _recordatorios(ctx, datetime(2026, 11, 23, 23, 59))


def test_contar_recordatorios_coincide_con_la_lista(ctx, dia_con_avisos):
    assert tareas.cuantos_recordatorios(ctx) == len(tareas.recordatorios(ctx)) == 4
    assert tareas.cuantos_recordatorios(ctx, datetime(2026, 11, 24, 8, 0)) == 6


def test_recordatorios_marcan_las_vencidas(ctx, dia_con_avisos):
    estados = {f.tarea.descripcion: f.estado.value for f in tareas.recordatorios(ctx)}
    assert estados["vencida hace 3 días"] == "vencida"
    assert estados["hoy sin hora"] == "hoy"


def test_posponer_o_marcar_hecha_apaga_el_recordatorio(ctx):
    una = tareas.add(ctx, "una", HOY)
    otra = tareas.add(ctx, "otra", HOY)
    tareas.posponer(ctx, una.id, MANANA)
    tareas.done(ctx, otra.id)
    assert _recordatorios(ctx) == []


def test_los_recordatorios_de_otro_asesor_no_son_mios(ctx, ctx_luis):
    tareas.add(ctx_luis, "de luis", HOY)
    assert _recordatorios(ctx) == []
    assert _recordatorios(ctx_luis) == ["de luis"]


# ---------------------------------------------------------------- issue 13, «Seen wrong»


@pytest.mark.parametrize(
    ("cls", "campo", "texto"),
    [(Etapa, "La etapa", "vendido"), (Temperatura, "La temperatura", "helado"), (Prioridad, "La prioridad", "x")],
)
def test_el_mensaje_de_un_valor_desconocido_no_dice_no_es_valido(cls, campo, texto):
    # «La etapa «vendido» no es válido» disagreed with feminine labels; the sentence has no adjective to agree.
    with pytest.raises(DatoInvalido) as error:
        parse_valor(cls, texto, campo)
    assert str(error.value).startswith(f"{campo} no puede ser «{texto}»; usa una de estas opciones: ")
    assert "válid" not in str(error.value)

"""Service cases (issue 30 point 1): a folio that is unique and never reused, the states
abierto → en proceso → resuelto → cerrado (reopenable), the SLA of each kind from the
office's settings and its alert, a responsible advisor a coordinator reassigns within her
plaza, the client's history and the audit of every step, and the client's visibility."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import col, select

from a3tui import domain, services
from a3tui.domain import Alerta, EstadoCaso, EventoSistema
from a3tui.errors import DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Actividad, Auditoria, Caso
from a3tui.services import ajustes, asesores, casos, clientes, fusion, propiedades

AHORA = datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])


def _en(ctx, dias: float, login: str | None = None):
    """The same session as ``ctx``, ``dias`` later (and as ``login``, if given)."""
    return services.contexto(ctx.session, login or ctx.asesor.login, ctx.ahora + timedelta(days=dias))


def _historial(ctx, cliente) -> list[str]:
    filas = ctx.session.exec(
        select(Actividad.detalle)
        .where(col(Actividad.cliente_id) == cliente.id, col(Actividad.evento) == EventoSistema.CASO)
        .order_by(col(Actividad.id))
    ).all()
    return list(filas)


# ---------------------------------------------------------------- the folio


@pytest.mark.ambos_motores
def test_abrir_da_un_folio_con_el_anio_y_un_numero_que_no_se_repite(ctx, juan):
    primero = casos.abrir(ctx, juan, "queja", "Gotera en la recámara")
    segundo = casos.abrir(ctx, juan, "consulta", "¿Cuándo pasa el predial?")
    assert casos.folio(primero) == f"C-2026-{primero.id:04d}"
    assert casos.folio(segundo) == f"C-2026-{segundo.id:04d}"
    assert casos.folio(primero) != casos.folio(segundo)
    assert primero.asesor_id == juan.asesor_id
    assert primero.estado is EstadoCaso.ABIERTO


@pytest.mark.ambos_motores
def test_un_caso_se_encuentra_por_folio_o_numero_y_el_anio_debe_ser_el_suyo(ctx, juan):
    caso = casos.abrir(ctx, juan, "queja", "Gotera")
    assert casos.get(ctx, casos.folio(caso)).id == caso.id
    assert casos.get(ctx, f"c-2026-{caso.id}").id == caso.id
    assert casos.get(ctx, str(caso.id)).id == caso.id
    with pytest.raises(NoEncontrado, match=f"No existe el caso C-2025-{caso.id:04d}"):
        casos.get(ctx, f"C-2025-{caso.id:04d}")
    with pytest.raises(DatoInvalido, match="no es un folio de caso"):
        casos.get(ctx, "gotera")


def test_un_folio_no_se_reusa_aunque_se_borre_el_ultimo_caso(ctx, juan, store):
    """SQLite gives a deleted row's id again without AUTOINCREMENT (migration 0018 uses it)."""
    caso = casos.abrir(ctx, juan, "queja", "Gotera")
    folio = casos.folio(caso)
    ctx.session.commit()
    with store.engine.begin() as con:
        con.exec_driver_sql("DELETE FROM caso")
    nuevo = casos.abrir(ctx, juan, "queja", "Otra gotera")
    assert casos.folio(nuevo) != folio


# ---------------------------------------------------------------- SLA and alert


@pytest.mark.ambos_motores
def test_el_plazo_sale_del_tipo_y_la_oficina_lo_cambia(ctx, ctx_coordinadora, juan):
    assert ajustes.sla(ctx.session) == domain.SLA_DEFAULT
    queja = casos.abrir(ctx, juan, "queja", "Gotera")
    assert queja.vence == ctx.ahora + timedelta(days=2)
    assert ajustes.guardar_sla(ctx_coordinadora, "GARANTIA", 9) == "garantía"
    garantia = casos.abrir(ctx, juan, "garantia", "Falla el calentador")
    assert garantia.vence == ctx.ahora + timedelta(days=9)
    assert queja.vence == ctx.ahora + timedelta(days=2)  # open cases keep theirs


@pytest.mark.ambos_motores
def test_solo_un_coordinador_cambia_el_plazo_y_dentro_de_limites(ctx, ctx_coordinadora):
    with pytest.raises(SinPermiso, match="Solo un coordinador"):
        ajustes.guardar_sla(ctx, "queja", 3)
    with pytest.raises(DatoInvalido, match="entre 1 y 365"):
        ajustes.guardar_sla(ctx_coordinadora, "queja", 0)
    with pytest.raises(DatoInvalido, match="El tipo de caso no puede ser «otro»"):
        ajustes.guardar_sla(ctx_coordinadora, "otro", 3)


@pytest.mark.ambos_motores
def test_la_alerta_es_la_de_los_contactos_y_la_lista_de_vencidos(ctx, juan):
    caso = casos.abrir(ctx, juan, "queja", "Gotera")  # vence en 2 días
    assert casos.alerta(ctx, caso) == Alerta.VERDE
    assert casos.alerta(_en(ctx, 1), caso) == Alerta.AMARILLO
    assert casos.alerta(_en(ctx, 2), caso) == Alerta.AMARILLO
    assert casos.alerta(_en(ctx, 2.01), caso) == Alerta.ROJO
    vencidos = casos.FiltroCasos(estado="vencidos")
    assert casos.list_(_en(ctx, 1.9), vencidos) == []
    assert [f.folio for f in casos.list_(_en(ctx, 3), vencidos)] == [casos.folio(caso)]
    assert casos.count(_en(ctx, 3), vencidos) == 1
    casos.resolver(ctx, caso, "Se selló")
    assert casos.alerta(_en(ctx, 3), caso) is None
    assert casos.list_(_en(ctx, 3), vencidos) == []


@pytest.mark.ambos_motores
def test_la_lista_de_abiertos_va_por_urgencia_y_pagina(ctx, juan):
    sugerencia = casos.abrir(ctx, juan, "sugerencia", "Más áreas verdes")  # 10 días
    queja = casos.abrir(ctx, juan, "queja", "Gotera")  # 2 días
    cerrado = casos.abrir(ctx, juan, "consulta", "Predial")
    casos.cerrar(ctx, casos.resolver(ctx, cerrado, "Se le explicó"))
    abiertos = casos.FiltroCasos()
    assert [f.id for f in casos.list_(ctx, abiertos)] == [queja.id, sugerencia.id]
    assert [f.id for f in casos.list_(ctx, abiertos, offset=1, limit=1)] == [sugerencia.id]
    assert casos.count(ctx, abiertos) == 2
    todos = casos.FiltroCasos(estado="todos", cliente_id=juan.id)
    assert [f.id for f in casos.list_(ctx, todos)] == [cerrado.id, queja.id, sugerencia.id]
    with pytest.raises(DatoInvalido, match="El filtro de casos"):
        casos.list_(ctx, casos.FiltroCasos(estado="raros"))


# ---------------------------------------------------------------- states


@pytest.mark.ambos_motores
def test_los_estados_siguen_su_orden_y_cada_paso_va_al_historial(ctx, juan):
    caso = casos.abrir(ctx, juan, "garantía", "Falla el calentador")
    folio = casos.folio(caso)
    with pytest.raises(DatoInvalido, match=f"El caso {folio} está abierto; resuélvelo antes de cerrarlo"):
        casos.cerrar(ctx, caso)
    with pytest.raises(DatoInvalido, match="solo se reabre un caso resuelto o cerrado"):
        casos.reabrir(ctx, caso, "x")
    casos.poner_en_proceso(ctx, caso)
    with pytest.raises(DatoInvalido, match="ya está en proceso"):
        casos.poner_en_proceso(ctx, caso)
    casos.agregar_nota(ctx, caso, "El técnico va el jueves")
    with pytest.raises(DatoInvalido, match="La resolución no puede estar vacía"):
        casos.resolver(ctx, caso, "  ")
    casos.resolver(_en(ctx, 1), caso, "Se cambió el calentador")
    assert caso.estado is EstadoCaso.RESUELTO
    assert caso.resuelto == ctx.ahora + timedelta(days=1)
    assert casos.dentro_de_sla(caso) is True
    casos.cerrar(ctx, caso)
    with pytest.raises(DatoInvalido, match="El motivo no puede estar vacía"):
        casos.reabrir(ctx, caso, "")
    reabierto = casos.reabrir(_en(ctx, 10), caso, "Volvió a fallar")
    assert reabierto.estado is EstadoCaso.ABIERTO
    assert (reabierto.resuelto, reabierto.cerrado, reabierto.resolucion) == (None, None, None)
    assert reabierto.reaperturas == 1
    assert reabierto.vence == ctx.ahora + timedelta(days=15)
    assert _historial(ctx, juan) == [
        f"{folio} abierto (garantía, prioridad normal): Falla el calentador",
        f"{folio} en proceso",
        f"{folio} nota: El técnico va el jueves",
        f"{folio} resuelto: Se cambió el calentador",
        f"{folio} cerrado",
        f"{folio} reabierto: Volvió a fallar",
    ]
    assert [n.texto for n in casos.notas(ctx, caso)] == ["El técnico va el jueves"]


@pytest.mark.ambos_motores
def test_cada_paso_queda_en_la_auditoria(ctx, juan, store):
    caso = casos.abrir(ctx, juan, "queja", "Gotera", prioridad="alta")
    casos.agregar_nota(ctx, caso, "Se revisa el lunes")
    casos.resolver(ctx, caso, "Se selló")
    ctx.session.commit()
    with store.session() as session:
        filas = session.exec(
            select(Auditoria).where(col(Auditoria.entidad).in_(["caso", "caso_nota"])).order_by(col(Auditoria.id))
        ).all()
    assert [(f.accion, f.entidad, f.cliente_id) for f in filas] == [
        ("alta", "caso", juan.id),
        ("alta", "caso_nota", juan.id),
    ]
    assert '"prioridad": [null, "alta"]' in (filas[0].detalle or "")
    # The whole transaction is one «alta» with the final state; a later step is a «cambio».
    assert '"estado": [null, "resuelto"]' in (filas[0].detalle or "")
    ctx2 = services.contexto(ctx.session, "ana", ctx.ahora)
    casos.cerrar(ctx2, casos.get(ctx2, caso.id))
    ctx2.session.commit()
    with store.session() as session:
        ultima = session.exec(select(Auditoria).order_by(col(Auditoria.id).desc())).first()
    assert ultima is not None
    assert (ultima.accion, ultima.entidad, ultima.entidad_id) == ("cambio", "caso", caso.id)
    assert '"estado": ["resuelto", "cerrado"]' in (ultima.detalle or "")


@pytest.mark.ambos_motores
def test_un_caso_puede_nombrar_la_propiedad(ctx, juan):
    casa = propiedades.add(ctx, "CUM-A-12", desarrollo="Cumbres")
    caso = casos.abrir(ctx, juan, "garantia", "Humedad en muros", propiedad=casa)
    assert caso.propiedad_id == casa.id
    assert casos.fila(ctx, caso).propiedad == "CUM-A-12"
    assert _historial(ctx, juan)[-1].endswith("(garantía, prioridad normal, CUM-A-12): Humedad en muros")


@pytest.mark.ambos_motores
def test_entradas_invalidas_se_rechazan_en_una_frase(ctx, juan):
    with pytest.raises(DatoInvalido, match="El tipo de caso no puede ser «reclamo»"):
        casos.abrir(ctx, juan, "reclamo", "x")
    with pytest.raises(DatoInvalido, match="La prioridad del caso no puede ser «urgente»"):
        casos.abrir(ctx, juan, "queja", "x", prioridad="urgente")
    with pytest.raises(DatoInvalido, match="La descripción del caso no puede estar vacía"):
        casos.abrir(ctx, juan, "queja", " ")
    with pytest.raises(DatoInvalido, match="caracteres de control"):
        casos.abrir(ctx, juan, "queja", "Gotera\x1b[31m")
    assert ctx.session.exec(select(Caso)).all() == []


# ---------------------------------------------------------------- who sees and who attends


@pytest.mark.ambos_motores
def test_un_caso_se_ve_solo_si_se_ve_a_su_cliente(ctx, ctx_luis, ctx_coordinadora, juan):
    caso = casos.abrir(ctx, juan, "queja", "Gotera")
    with pytest.raises(NoEncontrado, match=f"No existe el caso {casos.folio(caso)}"):
        casos.get(ctx_luis, casos.folio(caso))
    assert casos.list_(ctx_luis, casos.FiltroCasos(estado="todos")) == []
    assert casos.count(ctx_luis, casos.FiltroCasos(estado="todos")) == 0
    with pytest.raises(NoEncontrado):
        casos.abrir(ctx_luis, juan, "queja", "Intruso")
    # The plaza's coordinator sees it.
    assert casos.get(ctx_coordinadora, caso.id).id == caso.id
    assert [f.id for f in casos.list_(ctx_coordinadora, casos.FiltroCasos())] == [caso.id]


@pytest.mark.ambos_motores
def test_la_coordinadora_reasigna_dentro_de_su_plaza_a_quien_ve_al_cliente(ctx, ctx_luis, ctx_coordinadora, juan):
    caso = casos.abrir(ctx, juan, "queja", "Gotera")
    with pytest.raises(SinPermiso, match="Solo un coordinador puede reasignar un caso"):
        casos.reasignar(ctx, caso, "luis")
    with pytest.raises(DatoInvalido, match="luis no atiende a Juan Pérez; transfiere primero el cliente"):
        casos.reasignar(ctx_coordinadora, caso, "luis")
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe", plaza="Monterrey")
    with pytest.raises(SinPermiso, match="Pepe es de la plaza Monterrey"):
        casos.reasignar(ctx_coordinadora, caso, "pepe")
    casos.reasignar(ctx_coordinadora, caso, "carla")
    assert caso.asesor_id == ctx_coordinadora.asesor_id
    with pytest.raises(DatoInvalido, match="ya está a cargo de"):
        casos.reasignar(ctx_coordinadora, caso, "carla")
    # Luis, once he covers Ana (a suplencia), sees Juan and may be given the case.
    asesores.add_suplencia(ctx_coordinadora, ctx.asesor, ctx_luis.asesor, ctx.hoy, ctx.hoy + timedelta(days=3))
    casos.reasignar(ctx_coordinadora, caso, "luis")
    assert caso.asesor_id == ctx_luis.asesor_id
    assert _historial(ctx, juan)[-1] == f"{casos.folio(caso)} asignado a luis"


@pytest.mark.ambos_motores
def test_los_casos_de_un_cliente_fusionado_pasan_al_que_queda(ctx, ctx_coordinadora, juan):
    otro = clientes.add(ctx, "Juan Perez Garza", telefonos=["8111111111"])
    caso = casos.abrir(ctx, otro, "queja", "Gotera")
    casos.agregar_nota(ctx, caso, "Nota")
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert casos.get(ctx, caso.id).cliente_id == juan.id
    assert [f.id for f in casos.abiertos_de(ctx, juan)] == [caso.id]


# ---------------------------------------------------------------- what the reports read


@pytest.mark.ambos_motores
def test_el_resumen_cuenta_por_tipo_y_estado_y_mide_el_plazo(ctx, juan):
    rapido = casos.abrir(ctx, juan, "queja", "Gotera")
    casos.resolver(_en(ctx, 1), rapido, "Listo")  # 24 h, within 2 days
    tarde = casos.abrir(ctx, juan, "consulta", "Predial")
    casos.resolver(_en(ctx, 3), tarde, "Listo")  # 72 h, past 2 days
    casos.abrir(ctx, juan, "queja", "Ruido")
    casos.abrir(_en(ctx, -40), juan, "queja", "Fuera del periodo")
    resumen = casos.resumen(ctx, ctx.ahora - timedelta(days=1), ctx.ahora + timedelta(days=1))
    assert resumen.total == 3
    assert resumen.por_tipo == {"queja": 2, "consulta": 1}
    assert resumen.por_estado == {"resuelto": 2, "abierto": 1}
    assert (resumen.resueltos, resumen.dentro_de_sla) == (2, 1)
    assert resumen.porcentaje_en_sla == 50.0
    assert resumen.mediana_horas == 48.0
    assert casos.horas_de_resolucion(rapido) == 24.0
    assert casos.dentro_de_sla(tarde) is False


@pytest.mark.ambos_motores
def test_el_expediente_trae_los_casos_del_cliente_abiertos_o_no(ctx, juan):
    """The ficha's Casos tab (issue 30 point 7) reads them with the client's record."""
    from a3tui.services import expediente

    otro = clientes.add(ctx, "Rosa Elena Cárdenas", telefonos=["8110001122"])
    resuelto = casos.abrir(ctx, juan, "queja", "Gotera")
    casos.resolver(ctx, resuelto, "Se selló")
    abierto = casos.abrir(_en(ctx, 1), juan, "consulta", "Predial")
    casos.abrir(ctx, otro, "queja", "De otra clienta")
    datos = expediente.get(_en(ctx, 1), juan)
    assert [f.id for f in datos.casos] == [abierto.id, resuelto.id]  # newest first
    assert [f.estado for f in datos.casos] == [EstadoCaso.ABIERTO, EstadoCaso.RESUELTO]
    assert datos.casos[1].alerta is None

"""Duplicate clients: finding likely pairs (same phone, same e-mail, similar names) and
merging one into another with nothing lost — every related row is counted before and after."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from a3tui import services
from a3tui.domain import EstadoApartado, Etapa, EventoSistema, Origen
from a3tui.errors import ClienteNoEncontrado, DatoInvalido, SinPermiso
from a3tui.models import Cliente, Documento, DocumentoArchivo, PasoEtapa
from a3tui.services import (
    actividades,
    apartados,
    asesores,
    clientes,
    documentos,
    envios,
    etapas,
    fusion,
    notas,
    propiedades,
    tareas,
    transferencias,
)

from .ayuda import apartar, volcado

HOY = date(2026, 11, 23)
INE = b"%PDF-1.4 la misma INE escaneada"


def _en(ctx, login: str):
    return services.contexto(ctx.session, login, ctx.ahora)


# ---------------------------------------------------------------- finding duplicates


def _pares(ctx) -> dict[frozenset[str], tuple[int, str]]:
    return {frozenset((p.a.nombre, p.b.nombre)): (p.puntaje, p.razon) for p in fusion.duplicados(ctx)}


@pytest.mark.ambos_motores
def test_mismo_telefono_es_un_duplicado_seguro(ctx):
    clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])
    clientes.add(ctx, "Juanito Ramírez", telefonos=["5512345678", "+52 81 2345 6789"], forzar=True)
    assert _pares(ctx) == {frozenset({"Juan Pérez", "Juanito Ramírez"}): (100, "mismo teléfono 81 2345 6789")}


@pytest.mark.ambos_motores
def test_mismo_email_sin_importar_mayusculas(ctx):
    clientes.add(ctx, "Juan Pérez", email="Juan.Perez@Correo.com")
    clientes.add(ctx, "Ing. Rodrigo Salas", email="juan.perez@correo.COM", forzar=True)
    assert _pares(ctx) == {frozenset({"Juan Pérez", "Ing. Rodrigo Salas"}): (100, "mismo email juan.perez@correo.com")}


@pytest.mark.ambos_motores
def test_nombres_parecidos_con_errores_y_sin_acentos(ctx):
    clientes.add(ctx, "José Pérez Núñez")
    clientes.add(ctx, "Jose Peres Nunez")
    [(puntaje, razon)] = _pares(ctx).values()
    assert puntaje == 94
    assert razon == "nombres parecidos (94%)"


@pytest.mark.ambos_motores
def test_el_mismo_nombre_con_otros_acentos_es_mismo_nombre(ctx):
    clientes.add(ctx, "María López")
    clientes.add(ctx, "MARIA LOPEZ", forzar=True)
    assert _pares(ctx) == {frozenset({"María López", "MARIA LOPEZ"}): (100, "mismo nombre")}


@pytest.mark.ambos_motores
def test_nombres_en_otro_orden_son_el_mismo(ctx):
    clientes.add(ctx, "Pérez García Juan")
    clientes.add(ctx, "Juan Pérez García")
    assert list(_pares(ctx).values()) == [(100, "mismo nombre")]


@pytest.mark.ambos_motores
def test_nombres_distintos_no_son_duplicados(ctx):
    for nombre in ("Juan Pérez", "Juana Pérez Garza", "Julio Pérez", "Rosa Díaz", "Roberto Gómez", "Rosa Gómez"):
        clientes.add(ctx, nombre)
    assert fusion.duplicados(ctx) == []


@pytest.mark.ambos_motores
def test_los_duplicados_mas_seguros_van_primero(ctx):
    clientes.add(ctx, "José Pérez Núñez")
    clientes.add(ctx, "Jose Peres Nunez")
    clientes.add(ctx, "Rosa Díaz", telefonos=["3312345678"])
    clientes.add(ctx, "Rosa Elena Díaz", telefonos=["3312345678"], forzar=True)
    assert [p.puntaje for p in fusion.duplicados(ctx)] == [100, 94]
    assert len(fusion.duplicados(ctx, limite=1)) == 1


def test_un_par_con_telefono_y_nombre_sale_una_vez_con_la_razon_mas_fuerte(ctx):
    clientes.add(ctx, "Jose Peres Nunez", telefonos=["8123456789"])
    clientes.add(ctx, "José Pérez Núñez", telefonos=["8123456789"], forzar=True)
    [par] = fusion.duplicados(ctx)
    assert (par.puntaje, par.razon) == (100, "mismo teléfono 81 2345 6789")


@pytest.mark.ambos_motores
def test_duplicados_solo_entre_los_clientes_de_la_lista(ctx, ctx_luis, ctx_coordinadora):
    clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
    clientes.add(ctx_luis, "Juan Perez", telefonos=["8123456789"], forzar=True)
    assert fusion.duplicados(_en(ctx, "ana")) == []
    assert fusion.duplicados(_en(ctx, "luis")) == []
    [par] = fusion.duplicados(asesores.ver(_en(ctx, "carla"), "plaza"))
    assert {par.a.nombre, par.b.nombre} == {"Juan Pérez", "Juan Perez"}


@pytest.mark.ambos_motores
def test_un_registro_fusionado_ya_no_es_duplicado(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
    otro = clientes.add(ctx, "Juan Perez", telefonos=["8123456789"], forzar=True)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert fusion.duplicados(ctx) == []


def test_un_error_en_las_primeras_letras_del_apellido_tambien_se_encuentra(ctx):
    clientes.add(ctx, "Rosa Díaz")
    clientes.add(ctx, "Rosa Dias")
    assert len(fusion.duplicados(ctx)) == 1


@pytest.mark.ambos_motores
def test_dos_clientes_con_el_mismo_nombre_de_una_palabra_son_duplicados(ctx):
    clientes.add(ctx, "Lupita")
    clientes.add(ctx, "Lupita", forzar=True)
    assert [(p.puntaje, p.razon) for p in fusion.duplicados(ctx)] == [(100, "mismo nombre")]


# ---------------------------------------------------------------- a rich pair to merge


@pytest.fixture
def par(ctx, ctx_coordinadora):
    """Two records of Juan Pérez, each with every kind of related row.

    The survivor (ana's) has a call, a note, an open task, the INE and the «mostrar» step.
    The other (first luis's, given to ana by Carla) has calls, a meeting showing CUM-A-12, a
    property shared by WhatsApp, notes, an open and a done task, the same INE and a proof of
    address, a cancelled reservation, the «mostrar» and «cita» steps, a second phone, an
    address, and a client he referred (Rosa).
    """
    ana = _en(ctx, "ana")
    juan = clientes.add(ana, "Juan Pérez", telefonos=["8123456789"], email="juan@correo.com", origen="redes sociales")
    actividades.llamada(ana, juan, "contestó-interesado", fecha=datetime(2026, 11, 18, 9, 0))
    notas.add(ana, juan, "Quiere 3 recámaras")
    tareas.add(ana, "Mandar cotización", date(2026, 11, 25), cliente=juan)
    documentos.add(ana, juan, "ine.pdf", INE, "pdf", "ine")
    etapas.marcar(ana, juan, "mostrar")

    luis = _en(ctx, "luis")
    otro = clientes.add(
        luis, "Juan Perez", telefonos=["8123456789", "5512345678"], email="jperez@trabajo.com",
        direccion="Calle Encino 301, García", forzar=True,
    )  # fmt: skip
    propiedades.add(luis, "CUM-A-12", desarrollo="Cumbres", precio_centavos=125_000_000)
    actividades.llamada(luis, otro, "no-contestó", fecha=datetime(2026, 11, 10, 9, 0))
    actividades.reunion(luis, otro, "muy-interesado", propiedades=["CUM-A-12"], fecha=datetime(2026, 11, 20, 17, 0))
    envios.compartir(luis, propiedades.get(luis, "CUM-A-12"), otro, "whatsapp")
    notas.add(luis, otro, "Trabaja en García")
    notas.add(luis, otro, "Prefiere WhatsApp")
    tareas.add(luis, "Segunda visita", date(2026, 11, 26), cliente=otro)
    hecha = tareas.add(luis, "Primera visita", date(2026, 11, 20), cliente=otro)
    tareas.done(luis, hecha.id)
    documentos.add(luis, otro, "ine-copia.pdf", INE, "pdf", "ine")
    documentos.add(
        luis, otro, "luz.pdf", b"%PDF-1.4 recibo de luz", "pdf", "comprobante-domicilio", fecha_documento=HOY
    )
    etapas.marcar(luis, otro, "mostrar")
    etapas.marcar(luis, otro, "cita")
    apartado = apartar(luis, otro, "VA-101")
    apartados.cancelar(luis, apartado, "No le dieron el crédito")
    clientes.cambiar_etapa(luis, otro, "prospecto")
    clientes.add(luis, "Rosa Díaz", referido_por=str(otro.id))
    transferencias.transferir(_en(ctx, "carla"), otro, ana.asesor, "Ana ya lo atiende")
    return juan, otro


# Tables whose rows belong to a client, and the column that says which.
RELACIONADAS = {
    "actividad": "cliente_id",
    "nota": "cliente_id",
    "tarea": "cliente_id",
    "documento": "cliente_id",
    "apartado": "cliente_id",
    "propiedad_mostrada": "cliente_id",
    "paso_etapa": "cliente_id",
    "transferencia": "cliente_id",
    "telefono": "cliente_id",
    "cliente": "referido_por_id",
}


def _filas(ctx, tabla: str, columna: str, cliente_id: int) -> int:
    return int(
        ctx.session.execute(text(f"SELECT count(*) FROM {tabla} WHERE {columna} = :id"), {"id": cliente_id}).scalar()
    )


def _totales(ctx) -> dict[str, int]:
    tablas = [*RELACIONADAS, "documento_archivo", "cliente"]
    return {t: int(ctx.session.execute(text(f"SELECT count(*) FROM {t}")).scalar()) for t in tablas}


def _conteo(ctx, juan, otro) -> dict[str, tuple[int, int]]:
    ctx.session.flush()
    return {t: (_filas(ctx, t, c, juan.id), _filas(ctx, t, c, otro.id)) for t, c in RELACIONADAS.items()}


def test_el_par_tiene_de_todo_antes_de_fusionar(ctx, par):
    """The fixture really holds rows of every kind on the other record (else the count
    below would prove nothing)."""
    juan, otro = par
    conteo = _conteo(ctx, juan, otro)
    assert all(n > 0 for _, n in conteo.values()), conteo
    assert conteo["documento"] == (1, 2)
    assert conteo["paso_etapa"] == (1, 2)


def test_la_fusion_no_pierde_ninguna_fila(ctx, ctx_coordinadora, par):
    juan, otro = par
    antes = _conteo(ctx, juan, otro)
    totales = _totales(ctx)
    archivos = {d.id: ctx.session.get(DocumentoArchivo, d.id).datos for d in ctx.session.exec(select(Documento))}
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    despues = _conteo(ctx, juan, otro)

    # Everything moves to the survivor…
    for tabla in ("nota", "tarea", "apartado", "propiedad_mostrada", "transferencia"):
        assert despues[tabla] == (antes[tabla][0] + antes[tabla][1], 0), tabla
    # …plus the merge's own line in the history;
    assert despues["actividad"] == (antes["actividad"][0] + antes["actividad"][1] + 1, 0)
    # the identical INE and the step both had stay on the merged record;
    assert despues["documento"] == (antes["documento"][0] + 1, 1)
    assert despues["paso_etapa"] == (antes["paso_etapa"][0] + 1, 1)
    # the survivor gains the phone it lacked (the merged record keeps its own);
    assert despues["telefono"] == (2, antes["telefono"][1])
    # the clients the other referred now point to the survivor.
    assert despues["cliente"] == (antes["cliente"][1], 0)
    # Nothing deleted anywhere: every table has as many rows (plus the new phone and line).
    assert _totales(ctx) == {**totales, "telefono": totales["telefono"] + 1, "actividad": totales["actividad"] + 1}
    for documento_id, datos in archivos.items():
        assert ctx.session.get(DocumentoArchivo, documento_id).datos == datos


def test_la_fusion_deja_el_documento_identico_con_el_registro_fusionado(ctx, par):
    juan, otro = par
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    ctx.session.flush()
    de_juan = sorted(d.nombre_archivo for d in documentos.list_(ctx, juan))
    assert de_juan == ["ine.pdf", "luz.pdf"]
    quedan = ctx.session.exec(select(Documento).where(Documento.cliente_id == otro.id)).all()
    assert [d.nombre_archivo for d in quedan] == ["ine-copia.pdf"]


def test_la_fusion_conserva_el_paso_marcado_de_quien_queda(ctx, par):
    juan, otro = par
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    ctx.session.flush()
    pasos = ctx.session.exec(select(PasoEtapa).where(PasoEtapa.cliente_id == juan.id)).all()
    assert {(p.clave, p.asesor_id) for p in pasos} == {
        ("mostrar", juan.asesor_id),
        ("cita", asesores.get(ctx.session, "luis").id),
    }


def test_la_fusion_agrega_los_telefonos_y_datos_que_faltaban(ctx, par):
    juan, otro = par
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    assert clientes.telefonos_de(ctx, juan) == ["8123456789", "5512345678"]
    assert juan.direccion == "Calle Encino 301, García"  # the survivor had none
    assert juan.email == "juan@correo.com"  # the survivor's value wins
    assert juan.origen == Origen.REDES_SOCIALES


def test_el_referido_ahora_apunta_al_que_queda(ctx, par):
    juan, otro = par
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    rosa = ctx.session.exec(select(Cliente).where(Cliente.nombre == "Rosa Díaz")).one()
    assert rosa.referido_por_id == juan.id


def test_la_fusion_toma_la_fecha_mas_antigua_y_la_actividad_mas_reciente(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez", primer_contacto=date(2026, 11, 15))
    otro = clientes.add(ctx, "Juan Perez", primer_contacto=date(2026, 10, 1), forzar=True)
    actividades.llamada(ctx, otro, "contestó-interesado", fecha=datetime(2026, 11, 22, 9, 0))
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert juan.primer_contacto == date(2026, 10, 1)
    assert juan.ultima_actividad == datetime(2026, 11, 22, 9, 0)


def test_el_plan_dice_que_pasa_y_que_difiere(ctx, par):
    juan, otro = par
    plan = fusion.plan(_en(ctx, "carla"), juan, otro)
    assert plan.mover == {
        "actividades": _filas(ctx, "actividad", "cliente_id", otro.id),
        "notas": 2,
        "tareas": 2,
        "documentos": 1,
        "apartados": 1,
        "propiedades": 2,
        "pasos": 1,
        "transferencias": 1,
        "referidos": 1,
    }
    assert plan.documentos_repetidos == 1
    assert plan.telefonos_nuevos == ["5512345678"]
    assert plan.diferencias == {
        "nombre": ("Juan Pérez", "Juan Perez"),
        "email": ("juan@correo.com", "jperez@trabajo.com"),
    }
    assert "2 notas" in plan.lineas_mover
    assert "1 cliente referido" in plan.lineas_mover
    assert "teléfonos 55 1234 5678" in plan.lineas_mover


def test_el_plan_sin_nada_que_mover_lo_dice_en_una_frase(ctx, par):
    juan, otro = par
    plan = fusion.Plan(juan, otro)
    assert plan.que_pasa == (
        "Al que queda no pasa nada más: el otro registro no tiene actividades, notas, tareas ni documentos."
    )
    assert fusion.Plan(juan, otro, mover={"notas": 2}).que_pasa == "Pasan al que queda: 2 notas."


@pytest.mark.ambos_motores
def test_el_plan_no_cambia_nada(ctx, par):
    juan, otro = par
    antes = _conteo(ctx, juan, otro)
    fusion.plan(_en(ctx, "carla"), juan, otro)
    assert _conteo(ctx, juan, otro) == antes
    assert otro.fusionado_en_id is None


def test_los_campos_que_difieren_se_informan_y_gana_quien_queda(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez", email="juan@correo.com", origen="redes sociales", direccion="Calle 1")
    otro = clientes.add(ctx, "Juan Peres", email="jp@otro.com", origen="referido", direccion="Calle 2")
    plan = fusion.fusionar(ctx_coordinadora, juan, otro)
    assert plan.diferencias == {
        "nombre": ("Juan Pérez", "Juan Peres"),
        "email": ("juan@correo.com", "jp@otro.com"),
        "direccion": ("Calle 1", "Calle 2"),
        "origen": ("redes sociales", "referido"),
    }
    assert (juan.nombre, juan.email, juan.direccion, juan.origen) == (
        "Juan Pérez",
        "juan@correo.com",
        "Calle 1",
        Origen.REDES_SOCIALES,
    )


def test_tomar_campos_del_otro(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez", email="juan@correo.com", direccion="Calle 1")
    otro = clientes.add(ctx, "Juan Pérez Garza", email="jp@otro.com", direccion="Calle 2")
    fusion.fusionar(ctx_coordinadora, juan, otro, ("nombre", "email"))
    assert (juan.nombre, juan.nombre_orden, juan.email, juan.direccion) == (
        "Juan Pérez Garza",
        "juan perez garza",
        "jp@otro.com",
        "Calle 1",
    )
    assert clientes.resolve(ctx, "garza").id == juan.id


def test_tomar_un_campo_vacio_del_otro_no_borra_el_propio(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez", email="juan@correo.com")
    otro = clientes.add(ctx, "Juan Peres")
    fusion.fusionar(ctx_coordinadora, juan, otro, ("email",))
    assert juan.email == "juan@correo.com"


@pytest.mark.parametrize("campo", ["etapa", "asesor_id", "plaza", "telefono", "fusionado_en_id"])
def test_no_se_pueden_tomar_campos_que_no_se_eligen(ctx, ctx_coordinadora, campo):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Peres")
    with pytest.raises(DatoInvalido, match=f"No se puede tomar «{campo}» del otro registro; se pueden tomar: nombre,"):
        fusion.fusionar(ctx_coordinadora, juan, otro, (campo,))
    assert otro.fusionado_en_id is None


# ---------------------------------------------------------------- the merged record afterwards


def test_el_registro_fusionado_se_conserva_apuntando_al_que_queda(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", telefonos=["5512345678"], forzar=True)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    ctx.session.expire_all()
    guardado = ctx.session.get(Cliente, otro.id)
    assert guardado is not None
    assert guardado.fusionado_en_id == juan.id
    assert guardado.nombre == "Juan Perez"


def test_el_id_del_fusionado_lleva_al_que_queda(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert clientes.get(ctx, otro.id).id == juan.id
    assert clientes.resolve(ctx, str(otro.id)).id == juan.id


def test_una_cadena_de_fusiones_lleva_al_ultimo(ctx, ctx_coordinadora):
    a = clientes.add(ctx, "Juan Pérez")
    b = clientes.add(ctx, "Juan Perez", forzar=True)
    c = clientes.add(ctx, "Juan Peres")
    fusion.fusionar(ctx_coordinadora, b, c)
    fusion.fusionar(ctx_coordinadora, a, b)
    assert clientes.get(ctx, c.id).id == a.id


@pytest.mark.ambos_motores
def test_el_id_del_fusionado_no_lleva_a_un_cliente_ajeno(ctx, ctx_luis, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    with pytest.raises(ClienteNoEncontrado, match=f"No existe el cliente con id {otro.id}"):
        clientes.get(_en(ctx, "luis"), otro.id)


def test_el_fusionado_desaparece_de_listas_y_busquedas(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez Garza", telefonos=["5512345678"])
    fusion.fusionar(ctx_coordinadora, juan, otro)
    ana = _en(ctx, "ana")
    assert [f.id for f in clientes.list_(ana, clientes.Filtro())] == [juan.id]
    assert [f.id for f in clientes.list_(ana, clientes.Filtro(buscar="perez"))] == [juan.id]
    assert clientes.list_(ana, clientes.Filtro(buscar="garza")) == []
    assert clientes.resolve(ana, "5512345678").id == juan.id  # the phone moved with it
    assert clientes.count(ana, clientes.Filtro()) == 1
    assert [f.id for f in clientes.list_(asesores.ver(_en(ctx, "carla"), "plaza"), clientes.Filtro())] == [juan.id]


def test_la_historia_del_que_queda_dice_que_se_le_unio(ctx, par):
    juan, otro = par
    fusion.fusionar(_en(ctx, "carla"), juan, otro)
    [linea] = [e.actividad.detalle for e in actividades.list_(ctx, juan) if e.actividad.evento == EventoSistema.FUSION]
    assert linea.startswith(f"se le unió el cliente {otro.id} Juan Perez (")
    assert "2 notas; 2 tareas; 1 documento; 1 apartado; 2 propiedades mostradas; 1 paso marcado" in linea
    assert "teléfonos 55 1234 5678" in linea


def test_el_apartado_del_fusionado_pasa_con_su_propiedad(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    apartado = apartar(ctx, otro)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert apartado.cliente_id == juan.id
    assert clientes.apartado_activo(ctx, juan).id == apartado.id


def test_quien_recibe_un_apartado_activo_queda_en_apartado(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    apartar(ctx, otro)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert clientes.apartado_activo(ctx, juan) is not None
    assert juan.etapa == Etapa.APARTADO
    assert juan.fecha_apartado == HOY


# ---------------------------------------------------------------- refusals


def test_asesor_no_puede_fusionar(ctx):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    with pytest.raises(SinPermiso, match=r"^Solo un coordinador puede fusionar clientes\.$"):
        fusion.fusionar(ctx, juan, otro)
    with pytest.raises(SinPermiso):
        fusion.plan(ctx, juan, otro)
    assert otro.fusionado_en_id is None


def test_un_cliente_no_se_fusiona_consigo_mismo(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    with pytest.raises(DatoInvalido, match=r"^No se puede fusionar un cliente consigo mismo\.$"):
        fusion.fusionar(ctx_coordinadora, juan, juan)
    assert juan.fusionado_en_id is None


def test_un_registro_ya_fusionado_no_se_vuelve_a_fusionar(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    tercero = clientes.add(ctx, "Juan Peres")
    fusion.fusionar(ctx_coordinadora, juan, otro)
    for a, b in ((tercero, otro), (otro, tercero)):
        with pytest.raises(DatoInvalido, match=f"El cliente {otro.id} ya se fusionó en el {juan.id}"):
            fusion.fusionar(ctx_coordinadora, a, b)
    assert tercero.fusionado_en_id is None


def test_dos_apartados_activos_no_se_fusionan(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    apartar(ctx, juan, "VA-101")
    apartar(ctx, otro, "VA-102")
    with pytest.raises(DatoInvalido, match="Los dos clientes tienen un apartado activo; cancela uno"):
        fusion.fusionar(ctx_coordinadora, juan, otro)


def test_un_apartado_cancelado_no_impide_fusionar(ctx, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    apartar(ctx, juan, "VA-101")
    cancelado = apartar(ctx, otro, "VA-102")
    apartados.cancelar(ctx, cancelado, "se arrepintió")
    fusion.fusionar(ctx_coordinadora, juan, otro)
    estados = sorted(a.apartado.estado.value for a in apartados.list_(ctx, cliente=juan))
    assert estados == [EstadoApartado.ACTIVO.value, EstadoApartado.CANCELADO.value]


@pytest.mark.parametrize("quien", ["sobreviviente", "otro"])
def test_una_transferencia_pendiente_impide_fusionar(ctx, ctx_coordinadora, quien):
    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    pedido = juan if quien == "sobreviviente" else otro
    t = transferencias.transferir(ctx, pedido, asesores.get(ctx.session, "luis"), "zona")
    with pytest.raises(DatoInvalido, match=f"tiene la transferencia {t.id} pendiente; resuélvela antes de fusionar"):
        fusion.fusionar(ctx_coordinadora, juan, otro)


def _preparar(store, ahora) -> None:
    """Committed: Juan (1) and his duplicate (2) of Ana, Rosa (3) with a live reservation,
    her duplicate (4) with another, and María (5) waiting for a transfer."""
    with store.session() as session:
        ana = services.contexto(session, "ana", ahora)
        clientes.add(ana, "Juan Pérez", telefonos=["8123456789"])
        otro = clientes.add(ana, "Juan Perez", telefonos=["8123456789", "5512345678"], forzar=True)
        notas.add(ana, otro, "una nota")
        apartar(ana, clientes.add(ana, "Rosa Díaz"), "VA-101")
        apartar(ana, clientes.add(ana, "Rosa Dias"), "VA-102")
        maria = clientes.add(ana, "María López")
        transferencias.transferir(ana, maria, asesores.get(session, "luis"), "zona")


NEGATIVAS = {
    "asesor": ("ana", 1, 2, ()),
    "consigo mismo": ("carla", 1, 1, ()),
    "dos apartados": ("carla", 3, 4, ()),
    "transferencia pendiente": ("carla", 1, 5, ()),
    "campo que no se toma": ("carla", 1, 2, ("etapa",)),
}


@pytest.mark.parametrize("caso", NEGATIVAS)
def test_una_fusion_rechazada_no_escribe_nada(store, ahora, caso):
    _preparar(store, ahora)
    login, a, b, tomar = NEGATIVAS[caso]
    antes = volcado(store)
    with store.session() as session:
        ctx = services.contexto(session, login, ahora)
        with pytest.raises((DatoInvalido, SinPermiso)):
            fusion.fusionar(ctx, session.get(Cliente, a), session.get(Cliente, b), tomar)
    assert volcado(store) == antes


def test_una_fusion_ya_hecha_no_se_repite_ni_escribe(store, ahora):
    _preparar(store, ahora)
    with store.session() as session:
        fusion.fusionar(services.contexto(session, "carla", ahora), session.get(Cliente, 1), session.get(Cliente, 2))
    antes = volcado(store)
    with store.session() as session:
        ctx = services.contexto(session, "carla", ahora)
        with pytest.raises(DatoInvalido, match="ya se fusionó"):
            fusion.fusionar(ctx, session.get(Cliente, 1), session.get(Cliente, 2))
    assert volcado(store) == antes
    with store.session() as session:
        assert session.exec(select(func.count()).select_from(Cliente).where(Cliente.fusionado_en_id == 1)).one() == 1

"""Reservations: a client reserves a property, and the sale moves on to escriturado and
entregado (the escritura gated on the documents on file), or the reservation is cancelled
and the property is free again."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from a3tui import domain, services
from a3tui.domain import EstadoApartado, EstadoPropiedad, Etapa, EventoSistema, TipoActividad
from a3tui.errors import DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Apartado, Propiedad
from a3tui.services import actividades, apartados, clientes, documentos, envios, propiedades

from .ayuda import documentos_completos, volcado

HOY = date(2026, 11, 23)
CURP = "BOXW310820HNERXN09"
RFC = "GODE561231GR8"


def _casa(ctx, clave: str = "CUM-A-12", precio: int = 1_250_000) -> Propiedad:
    return propiedades.add(ctx, clave, desarrollo="Cumbres", modelo="Roble", precio_centavos=precio * 100)


def _sistema(ctx, cliente) -> list[str]:
    return [e.actividad.detalle or "" for e in actividades.list_(ctx, cliente) if e.actividad.tipo == "sistema"]


def _ine(ctx, cliente) -> None:
    documentos.add(ctx, cliente, "ine.pdf", b"%PDF-1.4 ine de " + cliente.nombre.encode(), "pdf", "ine")


def _comprobante(ctx, cliente, fecha: date | None) -> None:
    datos = b"\x89PNG\r\n\x1a\n luz " + str(fecha).encode()
    documentos.add(ctx, cliente, "luz.png", datos, "png", "comprobante-domicilio", fecha_documento=fecha)


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])


@pytest.fixture
def casa(ctx):
    return _casa(ctx)


@pytest.fixture
def apartado(ctx, juan, casa):
    """Juan reserved CUM-A-12 with $25,000 on 20 November."""
    return apartados.crear(ctx, juan, casa, 2_500_000, fecha=date(2026, 11, 20))


def _en_sesion(store, ahora, accion):
    """Run ``accion(ctx)`` in its own committed session (as one command would)."""
    with store.session() as session:
        return accion(services.contexto(session, "ana", ahora))


def _juan_con_apartado(store, ahora) -> None:
    def preparar(ctx):
        apartados.crear(ctx, clientes.add(ctx, "Juan Pérez"), _casa(ctx), 2_500_000)

    _en_sesion(store, ahora, preparar)


# ---------------------------------------------------------------- crear


@pytest.mark.ambos_motores
def test_apartar_deja_la_propiedad_apartada(casa, apartado):
    assert casa.estado == EstadoPropiedad.APARTADA


def test_apartar_lleva_al_cliente_a_apartado(juan, apartado):
    assert juan.etapa == Etapa.APARTADO
    assert juan.fecha_apartado == HOY


def test_apartado_nuevo_queda_activo_con_su_monto_y_fecha(apartado, juan, casa):
    assert apartado.estado == EstadoApartado.ACTIVO
    assert (apartado.cliente_id, apartado.propiedad_id) == (juan.id, casa.id)
    assert apartado.monto_centavos == 2_500_000
    assert apartado.fecha == date(2026, 11, 20)


def test_apartado_sin_fecha_es_de_hoy(ctx, juan, casa):
    assert apartados.crear(ctx, juan, casa, 2_500_000).fecha == HOY


def test_apartar_escribe_una_sola_entrada_de_sistema(ctx, juan, apartado):
    [entrada] = actividades.list_(ctx, juan)
    assert entrada.actividad.tipo == TipoActividad.SISTEMA
    assert entrada.actividad.evento == EventoSistema.CAMBIO_ETAPA
    assert entrada.actividad.detalle == f"prospecto → apartado: CUM-A-12 por $25,000 (apartado {apartado.id})"


def test_apartar_no_cuenta_como_contacto(juan, apartado):
    assert juan.ultima_actividad is None


def test_apartado_con_fecha_futura_se_rechaza(ctx, juan, casa):
    with pytest.raises(DatoInvalido, match="futura"):
        apartados.crear(ctx, juan, casa, 2_500_000, fecha=date(2026, 11, 24))
    assert casa.estado == EstadoPropiedad.DISPONIBLE


def test_apartar_una_propiedad_apartada_se_rechaza_nombrando_al_cliente(ctx, apartado, casa):
    rosa = clientes.add(ctx, "Rosa Díaz")
    with pytest.raises(DatoInvalido, match=r"CUM-A-12 está apartada por Juan Pérez \(apartado \d+\)"):
        apartados.crear(ctx, rosa, casa, 1_000_000)
    assert rosa.etapa == Etapa.PROSPECTO


def test_apartar_una_propiedad_vendida_se_rechaza_nombrando_al_cliente(ctx, juan, apartado, casa):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    with pytest.raises(DatoInvalido, match="CUM-A-12 está vendida") as error:
        apartados.crear(ctx, clientes.add(ctx, "Rosa Díaz"), casa, 1_000_000)
    assert "Juan Pérez" in error.value.mensaje


def test_apartar_una_propiedad_vendida_dice_a_quien_se_vendio(ctx, juan, apartado, casa):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    with pytest.raises(DatoInvalido, match="CUM-A-12 está vendida a Juan Pérez"):
        apartados.crear(ctx, clientes.add(ctx, "Rosa Díaz"), casa, 1_000_000)


def test_apartar_para_un_cliente_cancelado_se_rechaza_y_dice_como_reactivarlo(ctx, juan, casa):
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="se mudó")
    with pytest.raises(DatoInvalido, match="cancelado") as error:
        apartados.crear(ctx, juan, casa, 2_500_000)
    assert f"a3 cliente etapa {juan.id} prospecto" in error.value.mensaje
    assert casa.estado == EstadoPropiedad.DISPONIBLE


def test_apartar_una_segunda_propiedad_para_el_mismo_cliente_se_rechaza(ctx, juan, apartado):
    otra = _casa(ctx, "CUM-A-14")
    with pytest.raises(DatoInvalido, match=f"ya tiene el apartado {apartado.id} activo"):
        apartados.crear(ctx, juan, otra, 2_500_000)
    assert otra.estado == EstadoPropiedad.DISPONIBLE


def test_apartar_para_un_cliente_escriturado_se_rechaza(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    with pytest.raises(DatoInvalido, match="ya está escriturado"):
        apartados.crear(ctx, juan, _casa(ctx, "CUM-A-14"), 2_500_000)


@pytest.mark.parametrize("centavos", [0, 99, -2_500_000], ids=["cero", "centavos", "negativo"])
def test_monto_de_apartado_cero_o_negativo_se_rechaza(ctx, juan, casa, centavos):
    with pytest.raises(DatoInvalido, match=r"El monto del apartado debe estar entre \$1 y \$1,250,000"):
        apartados.crear(ctx, juan, casa, centavos)


def test_monto_de_apartado_mayor_que_el_precio_se_rechaza(ctx, juan, casa):
    with pytest.raises(DatoInvalido, match=r"\$1,250,000"):
        apartados.crear(ctx, juan, casa, 125_000_001)


def test_monto_de_apartado_igual_al_precio_se_acepta(ctx, juan, casa):
    assert apartados.crear(ctx, juan, casa, 125_000_000).monto_centavos == 125_000_000


def test_monto_absurdo_para_una_propiedad_sin_precio_se_rechaza(ctx, juan):
    sin_precio = propiedades.add(ctx, "LOTE-9", desarrollo="Cumbres")
    with pytest.raises(DatoInvalido, match=r"\$50,000,000"):
        apartados.crear(ctx, juan, sin_precio, (domain.MONTO_MAXIMO + 1) * 100)


@pytest.mark.ambos_motores
def test_apartado_rechazado_no_cambia_nada_en_la_base(store, ahora):
    _juan_con_apartado(store, ahora)
    _en_sesion(store, ahora, lambda ctx: clientes.add(ctx, "Rosa Díaz"))
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        apartados.crear(ctx, clientes.resolve(ctx, "rosa"), propiedades.get(ctx, "CUM-A-12"), 1_000_000)
    assert volcado(store) == antes


# ---------------------------------------------------------------- one live reservation per property


def _apartado_directo(ctx, cliente, propiedad) -> Apartado:
    """A live reservation written straight to the table, past every check of the service."""
    return Apartado(
        cliente_id=cliente.id,
        propiedad_id=propiedad.id,
        asesor_id=ctx.asesor_id,
        fecha=HOY,
        monto_centavos=100_000,
        creado=ctx.ahora,
        actualizado=ctx.ahora,
    )


def test_la_base_no_admite_dos_apartados_activos_de_una_propiedad(ctx, apartado, casa):
    rosa = clientes.add(ctx, "Rosa Díaz")
    ctx.session.add(_apartado_directo(ctx, rosa, casa))
    with pytest.raises(IntegrityError):
        ctx.session.flush()
    ctx.session.rollback()


def test_la_base_admite_otro_apartado_de_una_propiedad_cuyo_apartado_se_cancelo(ctx, apartado, casa):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    rosa = clientes.add(ctx, "Rosa Díaz")
    ctx.session.add(_apartado_directo(ctx, rosa, casa))
    ctx.session.flush()
    activos = ctx.session.exec(
        select(Apartado).where(Apartado.propiedad_id == casa.id, Apartado.estado == EstadoApartado.ACTIVO)
    )
    assert len(activos.all()) == 1


# ---------------------------------------------------------------- get and list


def test_apartado_de_un_cliente_de_otro_asesor_no_se_encuentra(ctx_luis, apartado):
    with pytest.raises(NoEncontrado, match=f"No existe el apartado {apartado.id}"):
        apartados.get(ctx_luis, apartado.id)


def test_apartado_inexistente_no_se_encuentra(ctx):
    with pytest.raises(NoEncontrado, match="No existe el apartado 99"):
        apartados.get(ctx, 99)


def test_lista_de_apartados_filtra_por_estado(ctx, apartado):
    rosa = clientes.add(ctx, "Rosa Díaz")
    otro = apartados.crear(ctx, rosa, _casa(ctx, "CUM-A-14"), 1_000_000)
    apartados.cancelar(ctx, otro, "cambió de ciudad")
    assert [f.id for f in apartados.list_(ctx, estado=EstadoApartado.ACTIVO)] == [apartado.id]
    assert [f.id for f in apartados.list_(ctx, estado=EstadoApartado.CANCELADO)] == [otro.id]


def test_lista_de_apartados_solo_trae_los_de_mis_clientes(ctx, ctx_luis, apartado):
    beto = clientes.add(ctx_luis, "Beto Ruiz")
    apartados.crear(ctx_luis, beto, _casa(ctx, "CUM-A-14"), 1_000_000)
    assert [f.cliente for f in apartados.list_(ctx)] == ["Juan Pérez"]


def test_fila_de_apartado_nombra_cliente_y_propiedad(ctx, apartado):
    fila = apartados.fila(ctx, apartado)
    assert (fila.cliente, fila.propiedad, fila.precio_centavos) == (
        "Juan Pérez",
        "CUM-A-12 · Cumbres Roble",
        125_000_000,
    )


# ---------------------------------------------------------------- cancelar


def test_cancelar_el_apartado_libera_la_propiedad(ctx, apartado, casa):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    assert casa.estado == EstadoPropiedad.DISPONIBLE


def test_cancelar_conserva_el_apartado_como_anterior_con_su_motivo(ctx, juan, apartado):
    apartados.cancelar(ctx, apartado, "  no le dieron   el crédito ")
    assert apartado.estado == EstadoApartado.CANCELADO
    assert apartado.motivo_cancelacion == "no le dieron el crédito"
    assert [f.id for f in apartados.list_(ctx, cliente=juan)] == [apartado.id]


def test_cancelar_el_apartado_cancela_al_cliente_con_el_mismo_motivo(ctx, juan, apartado):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    assert juan.etapa == Etapa.CANCELADO
    assert juan.motivo_cancelacion == f"apartado {apartado.id} cancelado: no le dieron el crédito"
    assert juan.proximo_contacto is None


def test_cancelar_el_apartado_escribe_una_entrada_en_el_historial(ctx, juan, apartado):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    assert _sistema(ctx, juan)[0] == (
        f"apartado → cancelado (motivo: apartado {apartado.id} cancelado: no le dieron el crédito)"
    )


def test_propiedad_liberada_se_puede_apartar_para_otro_cliente(ctx, apartado, casa):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    rosa = clientes.add(ctx, "Rosa Díaz")
    apartados.crear(ctx, rosa, casa, 1_000_000)
    assert casa.estado == EstadoPropiedad.APARTADA
    assert rosa.etapa == Etapa.APARTADO


def test_cancelar_sin_motivo_se_rechaza_sin_cambiar_nada(store, ahora):
    _juan_con_apartado(store, ahora)
    antes = volcado(store)
    with pytest.raises(DatoInvalido, match="motivo") as error, store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        [fila] = apartados.list_(ctx)
        apartados.cancelar(ctx, fila.apartado, "   ")
    assert "--motivo" in error.value.mensaje_cli
    assert volcado(store) == antes


def test_cancelar_un_apartado_ya_cancelado_se_rechaza(ctx, apartado):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    with pytest.raises(DatoInvalido, match="está cancelado; solo se cancela uno activo"):
        apartados.cancelar(ctx, apartado, "otra vez")


def test_cancelar_al_cliente_cancela_su_apartado_activo(ctx, juan, apartado, casa):
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="compró en otro lado")
    assert apartado.estado == EstadoApartado.CANCELADO
    assert apartado.motivo_cancelacion == "compró en otro lado"
    assert casa.estado == EstadoPropiedad.DISPONIBLE
    assert juan.etapa == Etapa.CANCELADO


def test_cancelar_al_cliente_deja_una_sola_entrada_de_cancelacion(ctx, juan, apartado):
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="compró en otro lado")
    assert [d for d in _sistema(ctx, juan) if "cancelado" in d] == [
        f"apartado → cancelado (motivo: apartado {apartado.id} cancelado: compró en otro lado)"
    ]


def test_cancelar_al_cliente_sin_motivo_no_toca_su_apartado(ctx, juan, apartado, casa):
    with pytest.raises(DatoInvalido, match="motivo"):
        clientes.cambiar_etapa(ctx, juan, "cancelado")
    assert apartado.estado == EstadoApartado.ACTIVO
    assert casa.estado == EstadoPropiedad.APARTADA


def test_cliente_reactivado_puede_volver_a_apartar(ctx, juan, apartado, casa):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    clientes.cambiar_etapa(ctx, juan, "prospecto")
    nuevo = apartados.crear(ctx, juan, casa, 3_000_000)
    assert nuevo.estado == EstadoApartado.ACTIVO
    assert juan.etapa == Etapa.APARTADO


# ---------------------------------------------------------------- escriturar: the gate


def test_escriturar_con_documentos_completos_vende_la_propiedad(ctx, juan, apartado, casa):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    assert casa.estado == EstadoPropiedad.VENDIDA
    assert apartado.estado == EstadoApartado.ESCRITURADO
    assert apartado.fecha_escritura == HOY


def test_escriturar_lleva_al_cliente_a_escriturado(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    assert juan.etapa == Etapa.ESCRITURADO
    assert _sistema(ctx, juan)[0] == "apartado → escriturado: CUM-A-12"


def test_escriturar_sin_documentos_se_rechaza_con_la_lista_de_lo_que_falta(ctx, apartado):
    with pytest.raises(DatoInvalido) as error:
        apartados.escriturar(ctx, apartado)
    mensaje = error.value.mensaje
    assert mensaje.startswith(f"No se puede escriturar el apartado {apartado.id}: falta INE; comprobante de domicilio")
    assert "a3 documento add" in error.value.mensaje_cli
    assert apartado.estado == EstadoApartado.ACTIVO


def test_escriturar_sin_ine_dice_que_solo_falta_la_ine(ctx, juan, apartado):
    _comprobante(ctx, juan, HOY)
    with pytest.raises(DatoInvalido, match=r"falta INE\.") as error:
        apartados.escriturar(ctx, apartado)
    assert "comprobante" not in error.value.mensaje


def test_escriturar_sin_comprobante_dice_que_falta_el_comprobante(ctx, juan, apartado):
    _ine(ctx, juan)
    with pytest.raises(DatoInvalido, match="falta comprobante de domicilio de los últimos 3 meses"):
        apartados.escriturar(ctx, apartado)


def test_comprobante_de_hace_exactamente_tres_meses_es_vigente(ctx, juan, apartado):
    _ine(ctx, juan)
    _comprobante(ctx, juan, date(2026, 8, 23))
    assert apartados.faltantes(ctx, juan) == []
    apartados.escriturar(ctx, apartado)
    assert apartado.estado == EstadoApartado.ESCRITURADO


def test_comprobante_de_tres_meses_y_un_dia_ya_no_es_vigente(ctx, juan, apartado):
    _ine(ctx, juan)
    _comprobante(ctx, juan, date(2026, 8, 22))
    with pytest.raises(DatoInvalido, match="comprobante de domicilio"):
        apartados.escriturar(ctx, apartado)


def test_comprobante_sin_fecha_no_cuenta(ctx, juan):
    _ine(ctx, juan)
    _comprobante(ctx, juan, None)
    assert apartados.faltantes(ctx, juan) == ["comprobante de domicilio de los últimos 3 meses (con su fecha)"]


def test_comprobante_a_fin_de_un_mes_corto_vale_hasta_el_ultimo_dia_de_ese_mes(store):
    def faltantes(ctx, fecha):
        cliente = clientes.add(ctx, f"Cliente {fecha}")
        _ine(ctx, cliente)
        _comprobante(ctx, cliente, fecha)
        return apartados.faltantes(ctx, cliente)

    with store.session() as session:
        ctx = services.contexto(session, "ana", datetime(2026, 5, 31, 10, 0))
        assert faltantes(ctx, date(2026, 2, 28)) == []
        assert faltantes(ctx, date(2026, 2, 27)) != []


def test_otro_tipo_de_documento_no_cuenta_como_comprobante(ctx, juan):
    _ine(ctx, juan)
    documentos.add(ctx, juan, "nomina.pdf", b"%PDF nomina", "pdf", "comprobante-ingresos", fecha_documento=HOY)
    assert len(apartados.faltantes(ctx, juan)) == 1


@pytest.mark.ambos_motores
def test_escriturar_rechazado_no_cambia_nada_en_la_base(store, ahora):
    _juan_con_apartado(store, ahora)
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        [fila] = apartados.list_(ctx)
        apartados.escriturar(ctx, fila.apartado)
    assert volcado(store) == antes


def test_requisitos_sin_curp_ni_rfc_son_ine_y_comprobante(ctx, juan):
    assert [r.texto for r in apartados.requisitos(ctx, juan)] == [
        "INE",
        "comprobante de domicilio de los últimos 3 meses (con su fecha)",
    ]


def test_curp_y_rfc_validos_cuentan_como_requisitos_cumplidos(ctx):
    juan = clientes.add(ctx, "Juan Pérez", curp=CURP.lower(), rfc=RFC)
    assert juan.curp == CURP
    requisitos = {r.texto: r.cumplido for r in apartados.requisitos(ctx, juan)}
    assert requisitos["CURP válida"] is True
    assert requisitos["RFC válido"] is True


def test_escriturar_con_curp_y_rfc_validos_se_acepta(ctx, casa):
    juan = clientes.add(ctx, "Juan Pérez", curp=CURP, rfc=RFC)
    apartado = apartados.crear(ctx, juan, casa, 2_500_000)
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    assert juan.etapa == Etapa.ESCRITURADO


@pytest.mark.parametrize(
    "curp", ["BOXW310820HNERXN08", "BOXW310820HNERXM09", "BOXW311320HNERXN09", "BOXW310820HNERXN0"]
)
def test_curp_con_un_caracter_cambiado_se_rechaza(ctx, curp):
    with pytest.raises(DatoInvalido, match=f"La CURP «{curp}» no es válida"):
        clientes.add(ctx, "Juan Pérez", curp=curp)


@pytest.mark.parametrize("rfc", ["GODE561231GR9", "GODE561231GRA", "GODE561331GR8", "GODE561231GR"])
def test_rfc_con_un_caracter_cambiado_se_rechaza(ctx, rfc):
    with pytest.raises(DatoInvalido, match=f"El RFC «{rfc}» no es válido"):
        clientes.add(ctx, "Juan Pérez", rfc=rfc)


@pytest.mark.ambos_motores
def test_editar_con_curp_invalida_no_cambia_nada_en_la_base(store, ahora):
    _en_sesion(store, ahora, lambda ctx: clientes.add(ctx, "Juan Pérez", curp=CURP))
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.edit(ctx, clientes.resolve(ctx, "juan"), direccion="Roble 12", curp="BOXW310820HNERXN08")
    assert volcado(store) == antes


def test_el_ejemplo_del_mensaje_de_curp_es_una_curp_valida():
    with pytest.raises(DatoInvalido) as error:
        domain.check_curp("X")
    ejemplo = error.value.mensaje.split("p. ej. ")[1].rstrip(").")
    assert domain.check_curp(ejemplo) == ejemplo


def test_curp_invalida_guardada_antes_bloquea_la_escritura(ctx, juan, apartado):
    juan.curp = "BOXW310820HNERXN08"  # a record from before CURPs were checked
    documentos_completos(ctx, juan)
    with pytest.raises(DatoInvalido, match=r"falta CURP válida\."):
        apartados.escriturar(ctx, apartado)


def test_rfc_invalido_guardado_antes_bloquea_la_escritura(ctx, juan, apartado):
    juan.rfc = "GODE561231GR9"
    documentos_completos(ctx, juan)
    with pytest.raises(DatoInvalido, match=r"falta RFC válido\."):
        apartados.escriturar(ctx, apartado)


def test_escriturar_un_apartado_cancelado_se_rechaza(ctx, juan, apartado):
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    documentos_completos(ctx, juan)
    with pytest.raises(DatoInvalido, match="solo se escritura uno activo"):
        apartados.escriturar(ctx, apartado)


def test_escriturar_con_fecha_anterior_al_apartado_se_rechaza(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    with pytest.raises(DatoInvalido, match="entre la del apartado y hoy"):
        apartados.escriturar(ctx, apartado, fecha=date(2026, 11, 19))


def test_escriturar_con_fecha_pasada_la_guarda(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado, fecha=date(2026, 11, 21))
    assert apartado.fecha_escritura == date(2026, 11, 21)


# ---------------------------------------------------------------- the coordinator's override


@pytest.fixture
def de_carla(ctx_coordinadora, apartado):
    """The reservation as the coordinator «carla» sees it."""
    return apartados.get(ctx_coordinadora, apartado.id)


def test_coordinador_escritura_con_documentos_faltantes_dando_un_motivo(ctx_coordinadora, de_carla, casa, juan):
    apartados.escriturar(ctx_coordinadora, de_carla, excepcion="INE en trámite, autorizado por dirección")
    assert de_carla.estado == EstadoApartado.ESCRITURADO
    assert casa.estado == EstadoPropiedad.VENDIDA
    assert juan.etapa == Etapa.ESCRITURADO


def test_la_excepcion_del_coordinador_queda_registrada(ctx_coordinadora, de_carla, juan):
    apartados.escriturar(ctx_coordinadora, de_carla, excepcion="INE en trámite")
    assert de_carla.motivo_excepcion == "INE en trámite"
    detalle = _sistema(ctx_coordinadora, juan)[0]
    assert detalle.startswith("apartado → escriturado: CUM-A-12 (sin INE; comprobante de domicilio")
    assert detalle.endswith("excepción de carla: INE en trámite)")


def test_coordinador_sin_motivo_tambien_necesita_los_documentos(ctx_coordinadora, de_carla):
    with pytest.raises(DatoInvalido, match="falta INE"):
        apartados.escriturar(ctx_coordinadora, de_carla, excepcion="  ")
    assert de_carla.estado == EstadoApartado.ACTIVO


def test_excepcion_de_un_asesor_es_sin_permiso(ctx, apartado, casa):
    with pytest.raises(SinPermiso, match="Solo un coordinador"):
        apartados.escriturar(ctx, apartado, excepcion="el cliente tiene prisa")
    assert apartado.estado == EstadoApartado.ACTIVO
    assert casa.estado == EstadoPropiedad.APARTADA


def test_excepcion_de_un_asesor_sin_nada_faltante_no_hace_falta(ctx, juan, apartado):
    """With every document on file there is nothing to override: the escritura goes through
    and no exception is recorded."""
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado, excepcion="por si acaso")
    assert apartado.estado == EstadoApartado.ESCRITURADO
    assert apartado.motivo_excepcion is None


@pytest.mark.ambos_motores
def test_excepcion_de_un_asesor_no_cambia_nada_en_la_base(store, ahora):
    _juan_con_apartado(store, ahora)
    antes = volcado(store)
    with pytest.raises(SinPermiso), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        [fila] = apartados.list_(ctx)
        apartados.escriturar(ctx, fila.apartado, excepcion="el cliente tiene prisa")
    assert volcado(store) == antes


def test_sin_faltantes_la_excepcion_del_coordinador_no_se_guarda(ctx, ctx_coordinadora, juan, de_carla):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx_coordinadora, de_carla, excepcion="por si acaso")
    assert de_carla.motivo_excepcion is None


# ---------------------------------------------------------------- entregar


def test_entregar_lleva_apartado_y_cliente_a_entregado(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    apartados.entregar(ctx, apartado)
    assert apartado.estado == EstadoApartado.ENTREGADO
    assert apartado.fecha_entrega == HOY
    assert juan.etapa == Etapa.ENTREGADO
    assert _sistema(ctx, juan)[0] == "escriturado → entregado: CUM-A-12"


def test_entregar_deja_la_propiedad_vendida(ctx, juan, apartado, casa):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    apartados.entregar(ctx, apartado)
    assert casa.estado == EstadoPropiedad.VENDIDA


def test_entregar_antes_de_escriturar_se_rechaza(ctx, juan, apartado):
    with pytest.raises(DatoInvalido, match="se entrega después de escriturar"):
        apartados.entregar(ctx, apartado)
    assert juan.etapa == Etapa.APARTADO


def test_entregar_con_fecha_anterior_a_la_escritura_se_rechaza(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado, fecha=date(2026, 11, 22))
    with pytest.raises(DatoInvalido, match="entre la de escritura y hoy"):
        apartados.entregar(ctx, apartado, fecha=date(2026, 11, 21))


def test_cancelar_un_apartado_escriturado_se_rechaza(ctx, juan, apartado):
    documentos_completos(ctx, juan)
    apartados.escriturar(ctx, apartado)
    with pytest.raises(DatoInvalido, match="solo se cancela uno activo"):
        apartados.cancelar(ctx, apartado, "se arrepintió")


def test_a_mano_no_se_pasa_a_apartado_y_se_dice_como(ctx, juan):
    with pytest.raises(DatoInvalido, match="registrar su apartado") as error:
        clientes.cambiar_etapa(ctx, juan, "apartado")
    assert f"a3 apartado crear {juan.id} --propiedad CLAVE --monto N" in error.value.mensaje_cli
    assert ctx.session.exec(select(Apartado)).all() == []


# ---------------------------------------------------------------- other advisors' clients


@pytest.fixture
def ctx_luis(ctx):
    """«luis», another advisor of the same plaza, in the same session as «ana»."""
    return services.contexto(ctx.session, "luis", ctx.ahora)


def test_la_propiedad_apartada_por_otro_asesor_no_dice_el_nombre_de_su_cliente(ctx, ctx_luis, apartado, casa):
    rosa = clientes.add(ctx_luis, "Rosa Díaz")
    with pytest.raises(DatoInvalido) as error:
        apartados.crear(ctx_luis, rosa, casa, 1_000_000)
    assert "Juan Pérez" not in error.value.mensaje
    assert f"está apartada por un cliente de ana (apartado {apartado.id})" in error.value.mensaje


def test_la_ficha_de_la_propiedad_no_muestra_clientes_de_otro_asesor(ctx, ctx_luis, ctx_coordinadora, apartado, casa):
    envios.compartir(ctx, casa, clientes.get(ctx, apartado.cliente_id), "persona")
    ajena = propiedades.detalle(ctx_luis, casa)
    assert [a.cliente for a in ajena.apartados] == ["un cliente de ana"]
    assert [m.cliente for m in ajena.mostrada] == ["un cliente de ana"]
    assert [a.cliente for a in propiedades.detalle(ctx, casa).apartados] == ["Juan Pérez"]
    # The plaza's coordinator sees the plaza's clients.
    assert [a.cliente for a in propiedades.detalle(ctx_coordinadora, casa).apartados] == ["Juan Pérez"]

"""Reservations (apartados): a client reserves a property, and the sale moves on from there
to escriturado and entregado; or the reservation is cancelled and the property is free again.

The client's stage follows its reservation: these functions are how a client enters
apartado, escriturado and entregado (``clientes.cambiar_etapa`` refuses those moves by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_
from sqlalchemy import select as sql_select
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import EstadoApartado, EstadoPropiedad, Etapa, EventoSistema, TipoDocumento
from a3tui.errors import DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Apartado, Cliente, Documento, Propiedad
from a3tui.services import Contexto, alcance, clientes, historial, propiedades


@dataclass(frozen=True)
class FilaApartado:
    """One reservation with its client and property, for lists."""

    apartado: Apartado
    cliente: str
    propiedad: str
    precio_centavos: int | None

    @property
    def id(self) -> int:
        return self.apartado.id or 0


def _fila(ctx: Contexto, apartado: Apartado) -> FilaApartado:
    cliente = ctx.session.get(Cliente, apartado.cliente_id)
    propiedad = ctx.session.get(Propiedad, apartado.propiedad_id)
    assert cliente is not None
    assert propiedad is not None
    etiqueta = domain.etiqueta_propiedad(propiedad.clave, propiedad.desarrollo, propiedad.modelo)
    return FilaApartado(apartado, cliente.nombre, etiqueta, propiedad.precio_centavos)


def get(ctx: Contexto, apartado_id: int) -> Apartado:
    """A reservation of a client the advisor may see; raises NoEncontrado."""
    apartado = ctx.session.get(Apartado, apartado_id) if domain.id_valido(apartado_id) else None
    if apartado is None:
        raise NoEncontrado(f"No existe el apartado {apartado_id}.")
    try:
        clientes.get(ctx, apartado.cliente_id)
    except NoEncontrado:
        raise NoEncontrado(f"No existe el apartado {apartado_id}.") from None
    return apartado


def fila(ctx: Contexto, apartado: Apartado) -> FilaApartado:
    return _fila(ctx, apartado)


def _donde(ctx: Contexto, estado: EstadoApartado | None, cliente: Cliente | None) -> ColumnElement[bool]:
    donde = alcance.scope(ctx) if cliente is not None else alcance.cartera(ctx)
    condiciones = [donde]
    if estado is not None:
        condiciones.append(col(Apartado.estado) == estado)
    if cliente is not None:
        condiciones.append(col(Apartado.cliente_id) == cliente.id)
    return and_(*condiciones)


def list_(
    ctx: Contexto,
    *,
    estado: EstadoApartado | None = None,
    cliente: Cliente | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[FilaApartado]:
    """Reservations of the lists' portfolio (or of one client), newest first: one page of
    ``limit`` from ``offset``, each with its client and property read in the same query."""
    query = (
        sql_select(
            Apartado, col(Cliente.nombre), col(Propiedad.clave), col(Propiedad.desarrollo), col(Propiedad.modelo),
            col(Propiedad.precio_centavos),
        )
        .join(Cliente, col(Apartado.cliente_id) == Cliente.id)
        .join(Propiedad, col(Apartado.propiedad_id) == Propiedad.id)
        .where(_donde(ctx, estado, cliente))
        .order_by(col(Apartado.fecha).desc(), col(Apartado.id).desc())
        .offset(max(0, offset))
        .limit(max(0, limit))
    )  # fmt: skip
    return [
        FilaApartado(apartado, nombre, domain.etiqueta_propiedad(clave, desarrollo, modelo), precio)
        for apartado, nombre, clave, desarrollo, modelo, precio in ctx.session.execute(query).all()
    ]


def count(ctx: Contexto, *, estado: EstadoApartado | None = None) -> int:
    """How many reservations of the lists' portfolio there are (in ``estado``)."""
    return int(
        ctx.session.exec(
            select(func.count())
            .select_from(Apartado)
            .join(Cliente, col(Apartado.cliente_id) == Cliente.id)
            .where(_donde(ctx, estado, None))
        ).one()
    )


# ---------------------------------------------------------------- the sale's steps


def crear(
    ctx: Contexto, cliente: Cliente, propiedad: Propiedad, monto_centavos: int, *, fecha: date | None = None
) -> Apartado:
    """Reserve ``propiedad`` for ``cliente``: the property becomes apartada, the client
    moves to apartado (one system entry), the reservation is activo.

    Raises DatoInvalido for a cancelled client, a client who already has a live
    reservation, a property already reserved or sold (naming who holds it), or an amount
    that is not between $1 and the property's price.
    """
    if cliente.etapa == Etapa.CANCELADO:
        raise DatoInvalido(
            f"{cliente.nombre} está cancelado; reactívalo como prospecto (a3 cliente etapa {cliente.id} prospecto) "
            "antes de registrar un apartado."
        )
    if cliente.etapa in (Etapa.ESCRITURADO, Etapa.ENTREGADO):
        raise DatoInvalido(f"{cliente.nombre} ya está {cliente.etapa.value}; su compra ya pasó del apartado.")
    vivo = clientes.apartado_activo(ctx, cliente)
    if vivo is not None:
        raise DatoInvalido(
            f"{cliente.nombre} ya tiene el apartado {vivo.id} activo; cancélalo antes de apartar otra propiedad."
        )
    if propiedad.estado != EstadoPropiedad.DISPONIBLE:
        raise DatoInvalido(f"La propiedad {propiedad.clave} está {propiedad.estado.value}{_quien(ctx, propiedad)}.")
    tope = propiedad.precio_centavos or domain.MONTO_MAXIMO * 100
    if not 100 <= monto_centavos <= tope:
        raise DatoInvalido(f"El monto del apartado debe estar entre $1 y {domain.format_dinero(tope)}.")
    dia = fecha or ctx.hoy
    if dia > ctx.hoy:
        raise DatoInvalido("La fecha del apartado no puede ser futura.")
    assert cliente.id is not None
    assert propiedad.id is not None
    apartado = Apartado(
        cliente_id=cliente.id,
        propiedad_id=propiedad.id,
        asesor_id=ctx.asesor_id,
        fecha=dia,
        monto_centavos=monto_centavos,
        creado=ctx.ahora,
        actualizado=ctx.ahora,
    )
    ctx.session.add(apartado)
    propiedad.estado = EstadoPropiedad.APARTADA
    propiedad.actualizado = ctx.ahora
    ctx.session.add(propiedad)
    ctx.session.flush()
    detalle = f"{propiedad.clave} por {domain.format_dinero(monto_centavos)} (apartado {apartado.id})"
    if cliente.etapa == Etapa.PROSPECTO:
        clientes.cambiar_etapa_de_la_venta(ctx, cliente, Etapa.APARTADO, f"prospecto → apartado: {detalle}")
    else:  # already apartado (a record from before reservations were kept)
        historial.sistema(ctx, cliente, EventoSistema.APARTADO, detalle)
    return apartado


def _quien(ctx: Contexto, propiedad: Propiedad) -> str:
    """« por Juan Pérez (apartado 7)» / « a Juan Pérez …»: who reserved a property
    or whom it was sold to, if a client holds it (another advisor's client is named by the advisor)."""
    tiene = ctx.session.exec(
        select(Apartado, Cliente)
        .join(Cliente, col(Apartado.cliente_id) == Cliente.id)
        .where(col(Apartado.propiedad_id) == propiedad.id, col(Apartado.estado) != EstadoApartado.CANCELADO)
        .order_by(col(Apartado.id).desc())
    ).first()
    if tiene is None:
        return ""
    apartado, cliente = tiene
    preposicion = "por" if propiedad.estado == EstadoPropiedad.APARTADA else "a"  # apartada por, vendida a
    return f" {preposicion} {clientes.nombre_visible(ctx, cliente)} (apartado {apartado.id})"


def cancelar(ctx: Contexto, apartado: Apartado, motivo: str) -> Apartado:
    """Cancel a live reservation: the property is available again, the reservation stays
    as a previous one with its motivo, and the client is cancelled with the same motivo.

    Raises DatoInvalido without a motivo, or for a reservation that is not live.
    """
    razon = domain.texto(motivo, "El motivo")
    if not razon:
        raise DatoInvalido("Para cancelar un apartado indica el motivo.", pista_cli="escríbelo con --motivo.")
    if apartado.estado != EstadoApartado.ACTIVO:
        raise DatoInvalido(f"El apartado {apartado.id} está {apartado.estado.value}; solo se cancela uno activo.")
    cliente = clientes.get(ctx, apartado.cliente_id)
    propiedad = propiedades.get_id(ctx, apartado.propiedad_id)
    clientes.cancelar_apartado(ctx, cliente, apartado, propiedad, razon)
    return apartado


@dataclass(frozen=True)
class Requisito:
    """Something the escritura needs, and whether the client has it."""

    texto: str
    cumplido: bool


def requisitos(ctx: Contexto, cliente: Cliente) -> list[Requisito]:
    """What the escritura asks for (our rule, beyond the seed): an INE, a proof of address
    dated within the last three months, and a CURP and an RFC that are well-formed when given."""
    documentos = ctx.session.exec(
        select(col(Documento.tipo), col(Documento.fecha_documento)).where(col(Documento.cliente_id) == cliente.id)
    ).all()
    tiene_ine = any(tipo == TipoDocumento.INE for tipo, _fecha in documentos)
    comprobante = any(
        tipo == TipoDocumento.COMPROBANTE_DOMICILIO and domain.comprobante_vigente(fecha, ctx.hoy)
        for tipo, fecha in documentos
    )
    lista = [
        Requisito("INE", tiene_ine),
        Requisito(
            f"comprobante de domicilio de los últimos {domain.VIGENCIA_COMPROBANTE_MESES} meses (con su fecha)",
            comprobante,
        ),
    ]
    for nombre, valor, revisar in (("CURP", cliente.curp, domain.check_curp), ("RFC", cliente.rfc, domain.check_rfc)):
        if valor:
            try:
                revisar(valor)
                bien = True
            except DatoInvalido:
                bien = False
            lista.append(Requisito(f"{nombre} válida" if nombre == "CURP" else f"{nombre} válido", bien))
    return lista


def faltantes(ctx: Contexto, cliente: Cliente) -> list[str]:
    """What the client still lacks for the escritura (empty: nothing)."""
    return [r.texto for r in requisitos(ctx, cliente) if not r.cumplido]


def escriturar(
    ctx: Contexto, apartado: Apartado, *, fecha: date | None = None, excepcion: str | None = None
) -> Apartado:
    """The client signed the deeds: reservation and client escriturado, property vendida.

    Refused while a document is missing (DatoInvalido listing what is missing), unless a
    coordinator gives ``excepcion`` (its reason is recorded in the history); an advisor
    giving one gets SinPermiso.
    """
    if apartado.estado != EstadoApartado.ACTIVO:
        raise DatoInvalido(f"El apartado {apartado.id} está {apartado.estado.value}; solo se escritura uno activo.")
    cliente = clientes.get(ctx, apartado.cliente_id)
    motivo = domain.texto(excepcion, "El motivo de la excepción")
    falta = faltantes(ctx, cliente)
    if falta and not motivo:
        raise DatoInvalido(
            f"No se puede escriturar el apartado {apartado.id}: falta {'; '.join(falta)}.",
            pista_cli="agrégalos con a3 documento add, o un coordinador puede usar --excepcion MOTIVO.",
        )
    if falta and motivo and not ctx.es_coordinador:
        raise SinPermiso("Solo un coordinador puede escriturar con documentos faltantes.")
    dia = fecha or ctx.hoy
    if dia > ctx.hoy or dia < apartado.fecha:
        raise DatoInvalido("La fecha de escritura debe estar entre la del apartado y hoy.")
    propiedad = propiedades.get_id(ctx, apartado.propiedad_id)
    apartado.estado = EstadoApartado.ESCRITURADO
    apartado.fecha_escritura = dia
    apartado.motivo_excepcion = motivo if falta else None
    apartado.actualizado = ctx.ahora
    propiedad.estado = EstadoPropiedad.VENDIDA
    propiedad.actualizado = ctx.ahora
    ctx.session.add_all([apartado, propiedad])
    ctx.session.flush()
    detalle = f"apartado → escriturado: {propiedad.clave}"
    if falta and motivo:
        detalle += f" (sin {'; '.join(falta)}; excepción de {ctx.asesor.nombre}: {motivo})"
    clientes.cambiar_etapa_de_la_venta(ctx, cliente, Etapa.ESCRITURADO, detalle)
    return apartado


def entregar(ctx: Contexto, apartado: Apartado, *, fecha: date | None = None) -> Apartado:
    """The client received the property: reservation and client entregado."""
    if apartado.estado != EstadoApartado.ESCRITURADO:
        raise DatoInvalido(f"El apartado {apartado.id} está {apartado.estado.value}; se entrega después de escriturar.")
    cliente = clientes.get(ctx, apartado.cliente_id)
    dia = fecha or ctx.hoy
    if dia > ctx.hoy or (apartado.fecha_escritura and dia < apartado.fecha_escritura):
        raise DatoInvalido("La fecha de entrega debe estar entre la de escritura y hoy.")
    propiedad = propiedades.get_id(ctx, apartado.propiedad_id)
    apartado.estado = EstadoApartado.ENTREGADO
    apartado.fecha_entrega = dia
    apartado.actualizado = ctx.ahora
    ctx.session.add(apartado)
    ctx.session.flush()
    clientes.cambiar_etapa_de_la_venta(ctx, cliente, Etapa.ENTREGADO, f"escriturado → entregado: {propiedad.clave}")
    return apartado

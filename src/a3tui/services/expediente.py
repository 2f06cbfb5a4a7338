"""A client's whole record (expediente): data, history, notes, tasks, reservations,
documents and properties shown, read in one transaction. The ficha of the app and
`a3 cliente show` both show it.

Apartados, documentos and propiedades mostradas are read here because no other service
lists them per client yet; the rows are small dataclasses, never Textual or Rich objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import EstadoApartado, MedioEnvio, TipoDocumento
from a3tui.models import Apartado, Cliente, Documento, Nota, Propiedad, PropiedadMostrada
from a3tui.services import Contexto, actividades, clientes, notas, tareas

# The ficha shows the newest entries; older history stays in `a3 actividad list`.
LIMITE_HISTORIAL = 200


@dataclass(frozen=True)
class FilaApartado:
    id: int
    fecha: date
    propiedad: str
    monto_centavos: int
    estado: EstadoApartado
    motivo_cancelacion: str | None


@dataclass(frozen=True)
class FilaDocumento:
    id: int
    tipo: TipoDocumento
    nombre_archivo: str
    subido: datetime
    tamano: int


@dataclass(frozen=True)
class FilaPropiedadMostrada:
    fecha: datetime
    propiedad: str
    precio_centavos: int | None
    medio: MedioEnvio


@dataclass(frozen=True)
class Expediente:
    """Everything the ficha shows of one client."""

    ficha: clientes.Ficha
    historial: list[actividades.Entrada]
    total_historial: int
    notas: list[Nota]
    tareas: list[tareas.FilaTarea]
    apartados: list[FilaApartado]
    documentos: list[FilaDocumento]
    propiedades: list[FilaPropiedadMostrada]


def apartados(ctx: Contexto, cliente: Cliente) -> list[FilaApartado]:
    """The client's reservations, newest first."""
    rows = ctx.session.exec(
        select(Apartado, Propiedad)
        .join(Propiedad, col(Apartado.propiedad_id) == Propiedad.id)
        .where(col(Apartado.cliente_id) == cliente.id)
        .order_by(col(Apartado.fecha).desc(), col(Apartado.id).desc())
    ).all()
    return [
        FilaApartado(
            id=a.id or 0,
            fecha=a.fecha,
            propiedad=domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo),
            monto_centavos=a.monto_centavos,
            estado=a.estado,
            motivo_cancelacion=a.motivo_cancelacion,
        )
        for a, p in rows
    ]


def documentos(ctx: Contexto, cliente: Cliente) -> list[FilaDocumento]:
    """The client's stored documents, newest first."""
    rows = ctx.session.exec(
        select(Documento)
        .where(col(Documento.cliente_id) == cliente.id)
        .order_by(col(Documento.subido).desc(), col(Documento.id).desc())
    ).all()
    return [FilaDocumento(d.id or 0, d.tipo, d.nombre_archivo, d.subido, d.tamano) for d in rows]


def propiedades_mostradas(ctx: Contexto, cliente: Cliente) -> list[FilaPropiedadMostrada]:
    """Properties shown or sent to the client, newest first."""
    rows = ctx.session.exec(
        select(PropiedadMostrada, Propiedad)
        .join(Propiedad, col(PropiedadMostrada.propiedad_id) == Propiedad.id)
        .where(col(PropiedadMostrada.cliente_id) == cliente.id)
        .order_by(col(PropiedadMostrada.fecha).desc(), col(PropiedadMostrada.id).desc())
    ).all()
    return [
        FilaPropiedadMostrada(
            m.fecha, domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo), p.precio_centavos, m.medio
        )
        for m, p in rows
    ]


def get(
    ctx: Contexto,
    cliente: Cliente | int,
    *,
    limite_historial: int | None = LIMITE_HISTORIAL,
    vista_tareas: str = "todas",
) -> Expediente:
    """The whole record of a client (its id or the record); raises ClienteNoEncontrado.

    ``limite_historial`` keeps the newest entries (None: all of them).
    """
    if isinstance(cliente, int):
        cliente = clientes.get(ctx, cliente)
    return Expediente(
        ficha=clientes.ficha(ctx, cliente),
        historial=actividades.list_(ctx, cliente, limit=limite_historial),
        total_historial=actividades.count(ctx, cliente),
        notas=notas.list_(ctx, cliente),
        tareas=tareas.list_(ctx, vista_tareas, cliente=cliente),
        apartados=apartados(ctx, cliente),
        documentos=documentos(ctx, cliente),
        propiedades=propiedades_mostradas(ctx, cliente),
    )

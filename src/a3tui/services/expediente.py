"""A client's whole record (expediente) for the full-screen ficha: data, history, notes,
tasks, reservations, documents and properties shown, read in one transaction.

Apartados, documentos and propiedades mostradas are read here because no other service
lists them per client yet; the rows are small dataclasses, never Textual or Rich objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, func, select

from a3tui.models import Actividad, Apartado, Cliente, Documento, Propiedad, PropiedadMostrada
from a3tui.services import Contexto, actividades, clientes, notas, tareas

# The ficha shows the newest entries; older history stays in `a3 actividad list`.
LIMITE_HISTORIAL = 200


@dataclass(frozen=True)
class FilaApartado:
    id: int
    fecha: date
    propiedad: str
    monto_centavos: int
    estado: str
    motivo_cancelacion: str | None


@dataclass(frozen=True)
class FilaDocumento:
    id: int
    tipo: str
    nombre_archivo: str
    subido: datetime
    tamano: int


@dataclass(frozen=True)
class FilaPropiedadMostrada:
    fecha: datetime
    clave: str
    desarrollo: str
    modelo: str | None
    precio_centavos: int | None
    medio: str


@dataclass(frozen=True)
class Expediente:
    """Everything the ficha shows of one client."""

    ficha: clientes.Ficha
    historial: list[Actividad]
    total_historial: int
    notas: list
    tareas: list[tareas.FilaTarea]
    apartados: list[FilaApartado]
    documentos: list[FilaDocumento]
    propiedades: list[FilaPropiedadMostrada]


def _propiedad(clave: str, desarrollo: str, modelo: str | None) -> str:
    return f"{clave} · {desarrollo}" + (f" {modelo}" if modelo else "")


def apartados(ctx: Contexto, cliente: Cliente) -> list[FilaApartado]:
    """The client's reservations, newest first."""
    rows = ctx.session.exec(
        select(Apartado, Propiedad.clave, Propiedad.desarrollo, Propiedad.modelo)
        .join(Propiedad, col(Apartado.propiedad_id) == Propiedad.id)
        .where(Apartado.cliente_id == cliente.id)
        .order_by(col(Apartado.fecha).desc(), col(Apartado.id).desc())
    ).all()
    return [
        FilaApartado(
            id=a.id or 0,
            fecha=a.fecha,
            propiedad=_propiedad(clave, desarrollo, modelo),
            monto_centavos=a.monto_centavos,
            estado=a.estado,
            motivo_cancelacion=a.motivo_cancelacion,
        )
        for a, clave, desarrollo, modelo in rows
    ]


def documentos(ctx: Contexto, cliente: Cliente) -> list[FilaDocumento]:
    """The client's stored documents, newest first."""
    rows = ctx.session.exec(
        select(Documento)
        .where(Documento.cliente_id == cliente.id)
        .order_by(col(Documento.subido).desc(), col(Documento.id).desc())
    ).all()
    return [FilaDocumento(d.id or 0, d.tipo, d.nombre_archivo, d.subido, d.tamano) for d in rows]


def propiedades_mostradas(ctx: Contexto, cliente: Cliente) -> list[FilaPropiedadMostrada]:
    """Properties shown or sent to the client, newest first."""
    rows = ctx.session.exec(
        select(PropiedadMostrada, Propiedad)
        .join(Propiedad, col(PropiedadMostrada.propiedad_id) == Propiedad.id)
        .where(PropiedadMostrada.cliente_id == cliente.id)
        .order_by(col(PropiedadMostrada.fecha).desc(), col(PropiedadMostrada.id).desc())
    ).all()
    return [
        FilaPropiedadMostrada(m.fecha, p.clave, p.desarrollo, p.modelo, p.precio_centavos, m.medio) for m, p in rows
    ]


def cargar(ctx: Contexto, cliente_id: int, *, limite_historial: int = LIMITE_HISTORIAL) -> Expediente:
    """The whole record of client ``cliente_id``; raises ClienteNoEncontrado."""
    cliente = clientes.get(ctx, cliente_id)
    total = ctx.session.exec(select(func.count()).where(Actividad.cliente_id == cliente.id)).one()
    return Expediente(
        ficha=clientes.ficha(ctx, cliente),
        historial=actividades.list_(ctx, cliente, limit=limite_historial),
        total_historial=total,
        notas=notas.list_(ctx, cliente),
        tareas=tareas.list_(ctx, "todas", cliente=cliente),
        apartados=apartados(ctx, cliente),
        documentos=documentos(ctx, cliente),
        propiedades=propiedades_mostradas(ctx, cliente),
    )

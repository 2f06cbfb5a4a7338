"""A client's whole record (expediente): data, history, notes, tasks, reservations,
documents, properties shown and the checklist of the stage, read in one transaction. The
ficha of the app and `a3 cliente show` both show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import MedioEnvio
from a3tui.models import Cliente, Nota, Propiedad, PropiedadMostrada, Transferencia
from a3tui.services import (
    Contexto,
    actividades,
    apartados,
    auditoria,
    casos,
    clientes,
    documentos,
    etapas,
    notas,
    tareas,
    transferencias,
)
from a3tui.services.actividades import Entrada
from a3tui.services.apartados import FilaApartado, Requisito
from a3tui.services.auditoria import FilaAuditoria
from a3tui.services.casos import FilaCaso, FiltroCasos
from a3tui.services.clientes import Ficha
from a3tui.services.documentos import FilaDocumento
from a3tui.services.etapas import Paso
from a3tui.services.tareas import FilaTarea

# The ficha shows the newest entries; older history stays in `a3 actividad list`.
LIMITE_HISTORIAL = 200
# The ficha's «Cambios» shows the newest; the whole audit is in `a3 auditoria REF`.
LIMITE_CAMBIOS = 100
# The ficha's «Casos» shows the newest service cases; all of them: `a3 caso list --todos --cliente`.
LIMITE_CASOS = 100


@dataclass(frozen=True)
class FilaPropiedadMostrada:
    fecha: datetime
    clave: str
    propiedad: str
    precio_centavos: int | None
    medio: MedioEnvio


@dataclass(frozen=True)
class Expediente:
    """Everything the ficha shows of one client."""

    ficha: Ficha
    historial: list[Entrada]
    total_historial: int
    notas: list[Nota]
    tareas: list[FilaTarea]
    apartados: list[FilaApartado]
    apartado: FilaApartado | None
    documentos: list[FilaDocumento]
    requisitos: list[Requisito]
    propiedades: list[FilaPropiedadMostrada]
    pasos: list[Paso]
    # The newest audit rows of the client (the ficha's «Cambios»), and the pending transfer.
    cambios: list[FilaAuditoria] = field(default_factory=list)
    transferencia: Transferencia | None = None
    # The client's service cases, newest first (the ficha's «Casos»).
    casos: list[FilaCaso] = field(default_factory=list)

    @property
    def faltantes(self) -> list[str]:
        """What the client still lacks for the escritura."""
        return [r.texto for r in self.requisitos if not r.cumplido]


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
            m.fecha, p.clave, domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo), p.precio_centavos, m.medio
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
    lista_apartados = apartados.list_(ctx, cliente=cliente)
    vigente = next((a for a in lista_apartados if a.apartado.estado != domain.EstadoApartado.CANCELADO), None)
    return Expediente(
        ficha=clientes.ficha(ctx, cliente),
        historial=actividades.list_(ctx, cliente, limit=limite_historial),
        total_historial=actividades.count(ctx, cliente),
        notas=notas.list_(ctx, cliente),
        tareas=tareas.list_(ctx, vista_tareas, cliente=cliente),
        apartados=lista_apartados,
        apartado=vigente,
        documentos=documentos.list_(ctx, cliente),
        requisitos=apartados.requisitos(ctx, cliente),
        propiedades=propiedades_mostradas(ctx, cliente),
        pasos=etapas.pasos(ctx, cliente),
        cambios=auditoria.list_(ctx, cliente=cliente, limit=LIMITE_CAMBIOS),
        transferencia=transferencias.pendiente(ctx, cliente),
        casos=casos.list_(ctx, FiltroCasos(estado="todos", cliente_id=cliente.id), limit=LIMITE_CASOS),
    )

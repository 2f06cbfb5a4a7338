"""Transfers of a client to another advisor (seed: «Transferir un Cliente a Otro Asesor»:
the motivo is required and the coordinator generally approves).

An advisor's transfer is a request that waits in the coordinators' queue; a coordinator's
takes effect at once. When it takes effect the client, their open tasks and their
follow-up move to the new advisor; history, notes and documents stay with the client, and
the history says who moved it, from whom, to whom and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import false
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import EstadoTransferencia, EventoSistema
from a3tui.errors import DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Asesor, Cliente, Tarea, Transferencia
from a3tui.services import Contexto, asesores, auditoria, historial


def _motivo(texto: str | None, que: str = "transferir") -> str:
    motivo = domain.texto(texto, "El motivo")
    if not motivo:
        raise DatoInvalido(f"Para {que} un cliente indica el motivo.", pista_cli="escríbelo con --motivo.")
    return motivo


def pendiente(ctx: Contexto, cliente: Cliente) -> Transferencia | None:
    """The client's transfer waiting for a coordinator, if any."""
    return ctx.session.exec(
        select(Transferencia).where(
            col(Transferencia.cliente_id) == cliente.id, col(Transferencia.estado) == EstadoTransferencia.SOLICITADA
        )
    ).first()


def transferir(ctx: Contexto, cliente: Cliente, destino: Asesor, motivo: str) -> Transferencia:
    """Move ``cliente`` to ``destino``: at once for a coordinator, as a request otherwise.

    Refused without a motivo, to the advisor who already has the client, to an advisor
    given de baja, while another request for the client waits, or (an advisor) for a client
    they only see as suplente — the titular's coordinator decides those.
    """
    razon = _motivo(motivo)
    if not destino.activo:
        raise DatoInvalido(f"{destino.nombre} ({destino.login}) está dado de baja; elige otro asesor.")
    if destino.id == cliente.asesor_id:
        raise DatoInvalido(f"{cliente.nombre} ya es cliente de {destino.nombre}.")
    if not ctx.es_coordinador and cliente.asesor_id != ctx.asesor_id:
        raise SinPermiso("Solo puedes pedir la transferencia de tus propios clientes.")
    if ctx.es_coordinador and destino.plaza != ctx.asesor.plaza:
        raise SinPermiso(
            f"{destino.nombre} es de la plaza {destino.plaza}; solo transfieres dentro de {ctx.asesor.plaza}."
        )
    espera = pendiente(ctx, cliente)
    if espera is not None:
        raise DatoInvalido(
            f"{cliente.nombre} ya tiene la transferencia {espera.id} esperando a un coordinador.",
            pista_cli=f"un coordinador la resuelve con a3 transferencia aprobar {espera.id} o rechazar.",
        )
    assert cliente.id is not None
    assert destino.id is not None
    transferencia = Transferencia(
        cliente_id=cliente.id,
        de_asesor_id=cliente.asesor_id,
        a_asesor_id=destino.id,
        motivo=razon,
        solicitada_por_id=ctx.asesor_id,
        solicitada_en=ctx.ahora,
    )
    ctx.session.add(transferencia)
    ctx.session.flush()
    if ctx.es_coordinador:
        _aplicar(ctx, transferencia, cliente)
    else:
        historial.sistema(
            ctx, cliente, EventoSistema.TRANSFERENCIA,
            f"solicitada a {destino.nombre} (transferencia {transferencia.id}): {razon}",
        )  # fmt: skip
    return transferencia


def get(ctx: Contexto, transferencia_id: int) -> Transferencia:
    """A transfer the advisor may see: a coordinator's plaza, or one of the advisor's own
    (requested by them, from them or to them)."""
    t = ctx.session.get(Transferencia, transferencia_id) if domain.id_valido(transferencia_id) else None
    if t is None or not _visible(ctx, t):
        raise NoEncontrado(f"No existe la transferencia {transferencia_id}.")
    return t


def _visible(ctx: Contexto, t: Transferencia) -> bool:
    if ctx.asesor_id in (t.de_asesor_id, t.a_asesor_id, t.solicitada_por_id):
        return True
    if not ctx.es_coordinador:
        return False
    # The plaza the client leaves, and the plaza that receives it.
    plazas = ctx.session.exec(select(Asesor.plaza).where(col(Asesor.id).in_((t.de_asesor_id, t.a_asesor_id)))).all()
    return ctx.asesor.plaza in plazas


def aprobar(ctx: Contexto, transferencia: Transferencia) -> Transferencia:
    """A coordinator of the receiving plaza approves a request: it takes effect now."""
    asesores.requiere_coordinador(ctx, "aprobar una transferencia")
    _por_resolver(transferencia)
    cliente = ctx.session.get(Cliente, transferencia.cliente_id)
    destino = ctx.session.get(Asesor, transferencia.a_asesor_id)
    if cliente is None or cliente.fusionado_en_id is not None:
        raise DatoInvalido(f"El cliente de la transferencia {transferencia.id} ya no existe (se fusionó); recházala.")
    if destino is None or not destino.activo:
        raise DatoInvalido(f"El asesor destino de la transferencia {transferencia.id} está dado de baja; recházala.")
    if destino.plaza != ctx.asesor.plaza:
        # The plaza that receives the client decides (as a coordinator transfers only
        # within her own plaza); the plaza it leaves may still turn it down.
        raise SinPermiso(
            f"La transferencia {transferencia.id} es a la plaza {destino.plaza}; la aprueba su coordinador "
            "(tú puedes rechazarla)."
        )
    if cliente.asesor_id != transferencia.de_asesor_id:
        raise DatoInvalido(
            f"{cliente.nombre} ya cambió de asesor desde que se pidió la transferencia {transferencia.id}; recházala."
        )
    _aplicar(ctx, transferencia, cliente)
    return transferencia


def rechazar(ctx: Contexto, transferencia: Transferencia, motivo: str) -> Transferencia:
    """A coordinator turns a request down, saying why; the client stays where it was."""
    asesores.requiere_coordinador(ctx, "rechazar una transferencia")
    razon = _motivo(motivo, "rechazar la transferencia de")
    _por_resolver(transferencia)
    transferencia.estado = EstadoTransferencia.RECHAZADA
    transferencia.motivo_rechazo = razon
    transferencia.resuelta_por_id = ctx.asesor_id
    transferencia.resuelta_en = ctx.ahora
    ctx.session.add(transferencia)
    ctx.session.flush()
    cliente = ctx.session.get(Cliente, transferencia.cliente_id)
    if cliente is not None:
        historial.sistema(
            ctx, cliente, EventoSistema.TRANSFERENCIA,
            f"rechazada por {ctx.asesor.nombre} (transferencia {transferencia.id}): {razon}",
        )  # fmt: skip
    return transferencia


# How long the coordinator who approved a transfer may take it back (a slip of the key,
# the wrong row): afterwards the client has a new advisor, and going back is a new request.
MINUTOS_PARA_DESHACER = 10


def deshacer(ctx: Contexto, transferencia: Transferencia) -> Transferencia:
    """The coordinator who approved a transfer within her plaza takes it back within
    MINUTOS_PARA_DESHACER: the client and the open tasks that moved with it return to the
    advisor they left, and the request waits for a decision again."""
    asesores.requiere_coordinador(ctx, "deshacer una transferencia")
    t_id = transferencia.id
    if transferencia.estado != EstadoTransferencia.APROBADA:
        raise DatoInvalido(f"La transferencia {t_id} no está aprobada; no hay aprobación que deshacer.")
    if transferencia.resuelta_por_id != ctx.asesor_id:
        raise SinPermiso(f"Solo quien aprobó la transferencia {t_id} puede deshacerla.")
    aprobada_en = transferencia.resuelta_en
    if aprobada_en is None or ctx.ahora - aprobada_en > timedelta(minutes=MINUTOS_PARA_DESHACER):
        raise DatoInvalido(
            f"La transferencia {t_id} se aprobó hace más de {MINUTOS_PARA_DESHACER} minutos; para regresar "
            "al cliente, pide otra transferencia."
        )
    cliente = ctx.session.get(Cliente, transferencia.cliente_id)
    origen = ctx.session.get(Asesor, transferencia.de_asesor_id)
    destino = ctx.session.get(Asesor, transferencia.a_asesor_id)
    if cliente is None or origen is None or destino is None or cliente.asesor_id != destino.id:
        raise DatoInvalido(f"El cliente de la transferencia {t_id} ya cambió otra vez; no se puede deshacer.")
    if not origen.activo:
        raise DatoInvalido(f"{origen.nombre} ya está dado de baja; el cliente no puede regresar con él.")
    if origen.plaza != destino.plaza:
        # The approving coordinator decides for her own plaza only (and in team mode the
        # database lets her write only her plaza's clients): going back is the other
        # plaza's request.
        raise DatoInvalido(
            f"La transferencia {t_id} llevó a {cliente.nombre} a la plaza {destino.plaza}; para regresarlo a "
            f"{origen.plaza}, pide la transferencia de vuelta."
        )
    # The open tasks that moved with the client come back; those added since stay.
    movidas = _mover(ctx, cliente, destino, origen, creadas_hasta=aprobada_en)
    transferencia.estado = EstadoTransferencia.SOLICITADA
    transferencia.resuelta_por_id = None
    transferencia.resuelta_en = None
    ctx.session.add(transferencia)
    ctx.session.flush()
    historial.sistema(
        ctx, cliente, EventoSistema.TRANSFERENCIA,
        f"{ctx.asesor.nombre} deshizo la aprobación (transferencia {t_id}): regresa con {origen.nombre}; "
        "la solicitud espera otra vez",
    )  # fmt: skip
    auditoria.registrar(
        ctx, "transferencia deshecha", "cliente", cliente.id, cliente_id=cliente.id,
        detalle={"asesor": [destino.login, origen.login], "tareas": [None, len(movidas)]},
    )  # fmt: skip
    return transferencia


def _por_resolver(t: Transferencia) -> None:
    if t.estado != EstadoTransferencia.SOLICITADA:
        raise DatoInvalido(f"La transferencia {t.id} ya está {t.estado.value}.")


def _mover(
    ctx: Contexto, cliente: Cliente, de: Asesor, a: Asesor, *, creadas_hasta: datetime | None = None
) -> list[Tarea]:
    """Give ``cliente`` (and its plaza) to ``a``, with the open tasks of it that ``de`` holds
    (only those created by ``creadas_hasta``, when given); returns the tasks moved."""
    cliente.asesor_id = a.id or cliente.asesor_id
    cliente.plaza = a.plaza
    cliente.actualizado = ctx.ahora
    ctx.session.add(cliente)
    condiciones = [col(Tarea.cliente_id) == cliente.id, col(Tarea.hecha) == false(), col(Tarea.asesor_id) == de.id]
    if creadas_hasta is not None:
        condiciones.append(col(Tarea.creado) <= creadas_hasta)
    tareas = list(ctx.session.exec(select(Tarea).where(*condiciones)).all())
    for tarea in tareas:
        tarea.asesor_id = a.id or tarea.asesor_id
        ctx.session.add(tarea)
    return tareas


def _aplicar(ctx: Contexto, t: Transferencia, cliente: Cliente) -> None:
    """The move itself: the client, their open tasks (and so their follow-up) go to the new
    advisor; the history names both advisors and the motivo."""
    destino = ctx.session.get(Asesor, t.a_asesor_id)
    origen = ctx.session.get(Asesor, t.de_asesor_id)
    assert destino is not None
    assert origen is not None
    abiertas = _mover(ctx, cliente, origen, destino)
    t.estado = EstadoTransferencia.APROBADA
    t.resuelta_por_id = ctx.asesor_id
    t.resuelta_en = ctx.ahora
    ctx.session.add(t)
    ctx.session.flush()
    n = len(abiertas)
    tareas_txt = f"; {n} tarea{'s' if n != 1 else ''} pendiente{'s' if n != 1 else ''}" if n else ""
    historial.sistema(
        ctx, cliente, EventoSistema.TRANSFERENCIA,
        f"de {origen.nombre} a {destino.nombre}{tareas_txt} (transferencia {t.id}): {t.motivo}",
    )  # fmt: skip
    auditoria.registrar(
        ctx, "transferencia", "cliente", cliente.id, cliente_id=cliente.id,
        detalle={"asesor": [origen.login, destino.login], "motivo": [None, t.motivo], "tareas": [None, len(abiertas)]},
    )  # fmt: skip


@dataclass(frozen=True)
class FilaTransferencia:
    transferencia: Transferencia
    cliente: str
    de: str
    a: str
    solicitada_por: str
    resuelta_por: str | None


def list_(ctx: Contexto, *, pendientes: bool = False, limit: int = 200) -> list[FilaTransferencia]:
    """Transfers the advisor may see (a coordinator: their plaza's), newest first; only
    those waiting with ``pendientes`` (a coordinator's queue)."""
    query = select(Transferencia)
    if pendientes:
        query = query.where(col(Transferencia.estado) == EstadoTransferencia.SOLICITADA)
    if ctx.es_coordinador:
        de_la_plaza = select(Asesor.id).where(col(Asesor.plaza) == ctx.asesor.plaza)
        query = query.where(
            col(Transferencia.de_asesor_id).in_(de_la_plaza) | col(Transferencia.a_asesor_id).in_(de_la_plaza)
        )
    else:
        yo = ctx.asesor_id
        query = query.where(
            (col(Transferencia.de_asesor_id) == yo)
            | (col(Transferencia.a_asesor_id) == yo)
            | (col(Transferencia.solicitada_por_id) == yo)
        )
    query = query.order_by(col(Transferencia.solicitada_en).desc(), col(Transferencia.id).desc()).limit(limit)
    return _filas(ctx, list(ctx.session.exec(query).all()))


def fila(ctx: Contexto, transferencia: Transferencia) -> FilaTransferencia:
    """One transfer as the lists show it (client and advisors by name)."""
    return _filas(ctx, [transferencia])[0]


def _filas(ctx: Contexto, filas: list[Transferencia]) -> list[FilaTransferencia]:
    ids_asesores = {i for t in filas for i in (t.de_asesor_id, t.a_asesor_id, t.solicitada_por_id, t.resuelta_por_id)}
    nombres = {a.id: a.nombre for a in ctx.session.exec(select(Asesor).where(col(Asesor.id).in_(ids_asesores))).all()}
    ids = {t.cliente_id for t in filas}
    clientes_por_id = {c.id: c for c in ctx.session.exec(select(Cliente).where(col(Cliente.id).in_(ids))).all()}
    resultado = []
    for t in filas:
        # Everyone who sees a transfer is part of it (or coordinates it): they know the client.
        c = clientes_por_id.get(t.cliente_id)
        nombre = c.nombre if c is not None else f"cliente {t.cliente_id}"
        resultado.append(
            FilaTransferencia(
                t, nombre, nombres.get(t.de_asesor_id, "?"), nombres.get(t.a_asesor_id, "?"),
                nombres.get(t.solicitada_por_id, "?"),
                nombres.get(t.resuelta_por_id) if t.resuelta_por_id else None,
            )
        )  # fmt: skip
    return resultado


def count_pendientes(ctx: Contexto) -> int:
    """Requests waiting in the coordinator's queue (0 for an advisor)."""
    if not ctx.es_coordinador:
        return 0
    return len(list_(ctx, pendientes=True, limit=domain.LIMITE_MAXIMO))

"""Tasks: things the advisor promised to do, optionally tied to a client."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, false, or_, true
from sqlmodel import col, func, select
from sqlmodel.sql._expression_select_cls import SelectBase

from a3tui import domain
from a3tui.domain import EstadoTarea, LugarReunion, Prioridad, TareaCalendario, parse_valor
from a3tui.errors import DatoInvalido, NoEncontrado, en_campo
from a3tui.models import Actividad, Asesor, Cliente, Propiedad, Tarea
from a3tui.services import Contexto, auditoria, clientes

VISTAS = ("pendientes", "hoy", "vencidas", "proximas", "hechas", "todas")
# Upcoming = due in the next 7 days after today.
DIAS_PROXIMAS = 7

Q = TypeVar("Q", bound="SelectBase[*tuple[Any, ...]]")


@dataclass(frozen=True)
class FilaTarea:
    """A task, the name of its client (if any) and where it stands today."""

    tarea: Tarea
    cliente: str | None
    estado: EstadoTarea


def add(
    ctx: Contexto,
    descripcion: str,
    vence: date,
    *,
    hora: time | None = None,
    cliente: Cliente | None = None,
    prioridad: str | None = None,
    recordatorio: bool = True,
    sigue_a: Actividad | None = None,
) -> Tarea:
    """Create a pending task (``sigue_a``: the activity it follows up, whose date the client
    agreed to); raises DatoInvalido for an empty description or unknown prioridad."""
    texto = _descripcion(descripcion)
    prio = parse_valor(Prioridad, prioridad, "La prioridad") if prioridad else Prioridad.MEDIA
    tarea = Tarea(
        descripcion=texto,
        vence=vence,
        hora=hora,
        prioridad=prio,
        recordatorio=recordatorio,
        cliente_id=cliente.id if cliente else None,
        asesor_id=ctx.asesor_id,
        creado=ctx.ahora,
        actividad_id=sigue_a.id if sigue_a is not None else None,
    )
    ctx.session.add(tarea)
    ctx.session.flush()
    _seguimiento(ctx, tarea.cliente_id)
    return tarea


def agendar_cita(
    ctx: Contexto,
    cliente: Cliente,
    cuando: datetime,
    *,
    lugar: str | None = None,
    nota: str | None = None,
    propiedades: Sequence[Propiedad] = (),
) -> Tarea:
    """Schedule a meeting with the client (the seed's «citas agendadas»): a task due at
    ``cuando`` with its place and the ``propiedades`` to show there, that reminds like any
    task and appears in the agenda and Mis tareas; logging the meeting closes it.

    Raises DatoInvalido when ``cuando`` has already passed (log the meeting instead) or
    the place is unknown.
    """
    if cuando < ctx.ahora:
        raise DatoInvalido(
            f"La cita del {cuando:%Y-%m-%d %H:%M} ya pasó; para una reunión que ya tuviste registra la reunión.",
            campo="fecha",
        )
    with en_campo("lugar"):
        lugar_v = parse_valor(LugarReunion, lugar, "El lugar") if lugar else None
    with en_campo("nota"):
        detalle = domain.texto(nota, "La nota")
    claves = list(dict.fromkeys(p.clave for p in propiedades))
    descripcion = f"Reunión con {cliente.nombre}" + (f" ({lugar_v.value})" if lugar_v else "")
    if claves:
        descripcion += f" para mostrar {', '.join(claves)}"
    if detalle:
        descripcion = f"{descripcion}: {detalle}"
    tarea = add(
        ctx, descripcion[:500], cuando.date(), hora=cuando.time().replace(second=0, microsecond=0), cliente=cliente
    )
    tarea.cita = True
    tarea.lugar = lugar_v
    tarea.propiedades = ", ".join(claves) or None
    ctx.session.add(tarea)
    ctx.session.flush()
    return tarea


def cerrar_citas(ctx: Contexto, cliente: Cliente, hasta: date) -> list[Tarea]:
    """Mark done the client's pending appointments due on or before ``hasta`` (the meeting
    they were for has been logged); returns them."""
    citas = list(
        ctx.session.exec(
            select(Tarea).where(
                col(Tarea.cliente_id) == cliente.id,
                col(Tarea.cita) == true(),
                col(Tarea.hecha) == false(),
                col(Tarea.vence) <= hasta,
            )
        ).all()
    )
    for cita in citas:
        if _puede(ctx, cita):
            cita.hecha = True
            cita.hecha_en = ctx.ahora
            ctx.session.add(cita)
    ctx.session.flush()
    if citas:
        _seguimiento(ctx, cliente.id)
    return [c for c in citas if c.hecha]


def _seguimiento(ctx: Contexto, *clientes_ids: int | None) -> None:
    """A client's pending tasks set their next contact (``domain.proximo_contacto``): after
    a task of theirs changes, compute it again."""
    for cliente_id in dict.fromkeys(clientes_ids):
        if cliente_id is None:
            continue
        cliente = ctx.session.get(Cliente, cliente_id)
        if cliente is not None:
            clientes.refrescar_seguimiento(ctx, cliente)


def _descripcion(descripcion: str) -> str:
    texto = domain.texto(descripcion, "La descripción de la tarea")
    if not texto:
        raise DatoInvalido("La descripción de la tarea no puede estar vacía.")
    return texto


def get(ctx: Contexto, tarea_id: int) -> Tarea:
    """Task ``tarea_id`` if the advisor may work it: their own, one of an advisor they
    cover, or (a coordinator) one of their plaza's advisors; raises NoEncontrado."""
    tarea = ctx.session.get(Tarea, tarea_id) if domain.id_valido(tarea_id) else None
    if tarea is None or not _puede(ctx, tarea):
        raise NoEncontrado(f"No existe la tarea {tarea_id}.")
    return tarea


def fila(ctx: Contexto, tarea: Tarea) -> FilaTarea:
    """``tarea`` as the lists show it: with its client's name (if any) and where it stands today."""
    cliente = ctx.session.get(Cliente, tarea.cliente_id) if tarea.cliente_id is not None else None
    return FilaTarea(tarea, cliente.nombre if cliente else None, domain.estado_tarea(tarea.vence, tarea.hecha, ctx.hoy))


def _puede(ctx: Contexto, tarea: Tarea) -> bool:
    if tarea.asesor_id == ctx.asesor_id or tarea.asesor_id in ctx.cubiertos:
        return True
    if not ctx.es_coordinador:
        return False
    dueno = ctx.session.get(Asesor, tarea.asesor_id)
    return dueno is not None and dueno.plaza == ctx.asesor.plaza


def _de_la_cartera(ctx: Contexto) -> ColumnElement[bool]:
    """Tasks of the lists' portfolio: of its advisors, or of its plaza's."""
    if ctx.cartera.plaza is not None:
        return col(Tarea.asesor_id).in_(select(Asesor.id).where(col(Asesor.plaza) == ctx.cartera.plaza))
    ids = ctx.cartera.asesor_ids or (ctx.asesor_id,)
    return col(Tarea.asesor_id) == ids[0] if len(ids) == 1 else col(Tarea.asesor_id).in_(ids)


def done(ctx: Contexto, tarea_id: int) -> Tarea:
    """Mark a task done; raises NoEncontrado, or DatoInvalido if it was already done."""
    tarea = get(ctx, tarea_id)
    if tarea.hecha:
        raise DatoInvalido(f"La tarea {tarea_id} ya estaba hecha.")
    tarea.hecha = True
    tarea.hecha_en = ctx.ahora
    ctx.session.add(tarea)
    ctx.session.flush()
    _seguimiento(ctx, tarea.cliente_id)
    return tarea


def reopen(ctx: Contexto, tarea_id: int) -> Tarea:
    """Undo ``done``: the task is pending again. Raises NoEncontrado, or DatoInvalido if it
    was not done."""
    tarea = get(ctx, tarea_id)
    if not tarea.hecha:
        raise DatoInvalido(f"La tarea {tarea_id} no está hecha; no hay nada que reabrir.")
    tarea.hecha = False
    tarea.hecha_en = None
    ctx.session.add(tarea)
    ctx.session.flush()
    _seguimiento(ctx, tarea.cliente_id)
    return tarea


class SinCambio(enum.Enum):
    """The default of ``edit``'s fields: leave the field as it is (``None`` clears it)."""

    SIN_CAMBIO = enum.auto()


SIN_CAMBIO = SinCambio.SIN_CAMBIO


def edit(
    ctx: Contexto,
    tarea_id: int,
    *,
    descripcion: str | SinCambio = SIN_CAMBIO,
    vence: date | SinCambio = SIN_CAMBIO,
    hora: time | SinCambio | None = SIN_CAMBIO,
    prioridad: str | SinCambio = SIN_CAMBIO,
    recordatorio: bool | SinCambio = SIN_CAMBIO,
    cliente: Cliente | SinCambio | None = SIN_CAMBIO,
) -> Tarea:
    """Change a task's fields; a field left at ``SIN_CAMBIO`` stays as it is, and ``None``
    clears the time or the client (a task without a client is the advisor's own).

    The client, when given, is one the caller already resolved for this advisor
    (``clientes.resolve``/``get`` check that). Raises NoEncontrado, or DatoInvalido for
    an empty description or an unknown prioridad (nothing changes then).
    """
    tarea = get(ctx, tarea_id)
    antes = tarea.cliente_id
    # Every value is checked before the first one is set: a refusal leaves the task as it was.
    texto = descripcion if isinstance(descripcion, SinCambio) else _descripcion(descripcion)
    prio = prioridad if isinstance(prioridad, SinCambio) else parse_valor(Prioridad, prioridad, "La prioridad")
    if not isinstance(texto, SinCambio):
        tarea.descripcion = texto
    if not isinstance(prio, SinCambio):
        tarea.prioridad = prio
    if not isinstance(vence, SinCambio):
        tarea.vence = vence
    if not isinstance(hora, SinCambio):
        tarea.hora = hora
    if not isinstance(recordatorio, SinCambio):
        tarea.recordatorio = recordatorio
    if not isinstance(cliente, SinCambio):
        tarea.cliente_id = cliente.id if cliente is not None else None
    ctx.session.add(tarea)
    ctx.session.flush()
    _seguimiento(ctx, antes, tarea.cliente_id)
    return tarea


def posponer(
    ctx: Contexto, tarea_id: int, vence: date | None = None, *, hora: time | SinCambio | None = SIN_CAMBIO
) -> Tarea:
    """Move a pending task later: to ``vence`` (by default, the day after it falls due, or
    tomorrow for one already due) and, if given, to ``hora`` (``None`` drops the time).

    Raises NoEncontrado; DatoInvalido if the task is done (reopen it first), if ``vence``
    has already passed, is before the task falls due (posponer never moves a task earlier:
    ``edit`` does), or the task already falls due then (nothing would change).
    """
    tarea = get(ctx, tarea_id)
    if tarea.hecha:
        raise DatoInvalido(f"La tarea {tarea_id} ya está hecha; reábrela antes de posponerla.")
    if vence is None:
        vence = max(tarea.vence, ctx.hoy) + timedelta(days=1)
    if vence < ctx.hoy:
        raise DatoInvalido(
            f"No se puede posponer la tarea {tarea_id} al {vence.isoformat()}: ese día ya pasó; "
            "elige hoy o una fecha futura."
        )
    if vence < tarea.vence:
        raise DatoInvalido(
            f"Posponer no adelanta una tarea: la {tarea_id} vence el {tarea.vence.isoformat()}, después del "
            f"{vence.isoformat()}.",
            pista_cli=f"para adelantarla usa a3 tarea edit {tarea_id} --vence {vence.isoformat()}.",
        )
    nueva_hora = tarea.hora if isinstance(hora, SinCambio) else hora
    if vence == tarea.vence and nueva_hora == tarea.hora:
        raise DatoInvalido(f"La tarea {tarea_id} ya vence el {vence.isoformat()}; elige otra fecha.")
    tarea.vence = vence
    tarea.hora = nueva_hora
    ctx.session.add(tarea)
    ctx.session.flush()
    _seguimiento(ctx, tarea.cliente_id)
    return tarea


def borrar(ctx: Contexto, tarea_id: int) -> Tarea:
    """Delete a task (done or pending) for good; returns it as it was, to say what was
    deleted. The audit log keeps its fields. Raises NoEncontrado."""
    tarea = get(ctx, tarea_id)
    auditoria.borrar(ctx.session, tarea)
    _seguimiento(ctx, tarea.cliente_id)
    return tarea


def _momento_llegado(ctx: Contexto, ahora: datetime) -> ColumnElement[bool]:
    """Pending tasks with a reminder whose moment has come at ``ahora``: due before today,
    or today without a time, or today at a time already reached."""
    hoy = ahora.date()
    # One range of due dates (vence <= today), so the advisor's index is read in date order
    # and the oldest reminders come without sorting every one (an OR of two ranges did).
    return and_(
        col(Tarea.hecha) == false(),
        col(Tarea.recordatorio) == true(),
        _de_la_cartera(ctx),
        col(Tarea.vence) <= hoy,
        or_(
            col(Tarea.vence) < hoy,
            col(Tarea.hora).is_(None),
            col(Tarea.hora) <= ahora.time().replace(microsecond=0),
        ),
    )


def recordatorios(ctx: Contexto, ahora: datetime | None = None, *, limit: int = 200) -> list[FilaTarea]:
    """The reminders due at ``ahora`` (default: the context's clock): the pending tasks of
    the lists' portfolio with their reminder on whose moment has come (see
    ``_momento_llegado``), oldest first, as ``list_`` orders a day."""
    momento = ahora or ctx.ahora
    query = (
        select(Tarea, Cliente.nombre)
        .join(Cliente, col(Tarea.cliente_id) == Cliente.id, isouter=True)
        .where(_momento_llegado(ctx, momento))
        .order_by(col(Tarea.vence), col(Tarea.hora).is_(None), col(Tarea.hora), _PRIORIDAD_ORDEN, col(Tarea.id))
        .limit(limit)
    )
    return [
        FilaTarea(t, nombre, domain.estado_tarea(t.vence, t.hecha, momento.date()))
        for t, nombre in ctx.session.exec(query).all()
    ]


def cuantos_recordatorios(ctx: Contexto, ahora: datetime | None = None) -> int:
    """How many reminders ``recordatorios`` would list at ``ahora`` (without a limit)."""
    query = select(func.count()).select_from(Tarea).where(_momento_llegado(ctx, ahora or ctx.ahora))
    return int(ctx.session.exec(query).one())


_PRIORIDAD_ORDEN = case(
    (col(Tarea.prioridad) == Prioridad.ALTA, 0), (col(Tarea.prioridad) == Prioridad.MEDIA, 1), else_=2
)


def list_(
    ctx: Contexto, vista: str = "pendientes", *, cliente: Cliente | None = None, limit: int = 200
) -> list[FilaTarea]:
    """The advisor's tasks for a view: pendientes, hoy, vencidas, proximas (next 7 days), hechas, todas.

    Ordered by due date, time and priority.
    """
    query = _where(
        ctx,
        vista,
        cliente,
        select(Tarea, Cliente.nombre).join(Cliente, col(Tarea.cliente_id) == Cliente.id, isouter=True),
    )
    if vista == "hechas":
        query = query.order_by(col(Tarea.hecha_en).desc())
    else:
        query = query.order_by(
            col(Tarea.vence), col(Tarea.hora).is_(None), col(Tarea.hora), _PRIORIDAD_ORDEN, col(Tarea.id)
        )
    return [
        FilaTarea(t, nombre, domain.estado_tarea(t.vence, t.hecha, ctx.hoy))
        for t, nombre in ctx.session.exec(query.limit(limit)).all()
    ]


def count(ctx: Contexto, vista: str = "pendientes", *, cliente: Cliente | None = None) -> int:
    """How many tasks a view of ``list_`` holds."""
    return int(ctx.session.exec(_where(ctx, vista, cliente, select(func.count()).select_from(Tarea))).one())


def _where(ctx: Contexto, vista: str, cliente: Cliente | None, query: Q) -> Q:
    if vista not in VISTAS:
        raise DatoInvalido(f"La vista «{vista}» no es válida; usa una de: {', '.join(VISTAS)}.")
    if cliente is not None:
        # A client's tasks, whoever holds them (the ficha shows them all).
        query = query.where(col(Tarea.cliente_id) == cliente.id)
    else:
        query = query.where(_de_la_cartera(ctx))
    hoy = ctx.hoy
    if vista == "hechas":
        query = query.where(col(Tarea.hecha) == true())
    elif vista != "todas":
        query = query.where(col(Tarea.hecha) == false())
    if vista == "hoy":
        query = query.where(col(Tarea.vence) == hoy)
    elif vista == "vencidas":
        query = query.where(col(Tarea.vence) < hoy)
    elif vista == "proximas":
        query = query.where(col(Tarea.vence) > hoy, col(Tarea.vence) <= hoy + timedelta(days=DIAS_PROXIMAS))
    return query


def para_calendario(ctx: Contexto, *, pagina: int = 1000) -> Iterator[TareaCalendario]:
    """The tasks of the lists' portfolio for a calendar, read a page at a time: the pending
    ones, and those done or deleted in the last ``domain.DIAS_RETIRADAS`` days (so a
    calendar that imported them drops them). Each carries how many times it was changed
    and when last (from the audit log), for the calendar's SEQUENCE and LAST-MODIFIED."""
    telefono = clientes.primer_telefono()
    desde = ctx.ahora - timedelta(days=domain.DIAS_RETIRADAS)
    ultimo = 0
    while True:
        filas = ctx.session.exec(
            _where(
                ctx,
                "todas",
                None,
                select(Tarea, Cliente.nombre, telefono).join(
                    Cliente, col(Tarea.cliente_id) == Cliente.id, isouter=True
                ),
            )
            .where(or_(col(Tarea.hecha) == false(), col(Tarea.hecha_en) >= desde))
            .where(col(Tarea.id) > ultimo)
            .order_by(col(Tarea.id))
            .limit(pagina)
        ).all()
        historia = _historia(ctx, [t.id for t, _, _ in filas if t.id is not None])
        for t, nombre, numero in filas:
            assert t.id is not None
            cambios, modificada = historia.get(t.id, (0, None))
            yield TareaCalendario(
                t.id, t.creado, t.descripcion, t.vence, t.hora, t.prioridad, t.recordatorio, nombre, numero,
                estado="hecha" if t.hecha else "pendiente", cambios=cambios, modificada=modificada or t.creado,
                hecha_en=t.hecha_en,
            )  # fmt: skip
        if len(filas) < pagina:
            break
        ultimo = filas[-1][0].id or ultimo
    yield from _borradas(ctx, desde)


def _historia(ctx: Contexto, ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """For each task id: how many changes the audit log has after its creation, and the
    time of the last row."""
    from a3tui.models import Auditoria

    if not ids:
        return {}
    filas = ctx.session.exec(
        select(
            Auditoria.entidad_id,
            func.sum(case((col(Auditoria.accion) == "cambio", 1), else_=0)),
            func.max(Auditoria.fecha),
        )
        .where(col(Auditoria.entidad) == "tarea", col(Auditoria.entidad_id).in_(ids))
        .group_by(col(Auditoria.entidad_id))
    ).all()
    return {entidad_id: (int(cambios or 0), fecha) for entidad_id, cambios, fecha in filas if entidad_id is not None}


def _borradas(ctx: Contexto, desde: datetime) -> Iterator[TareaCalendario]:
    """The advisor's tasks deleted since ``desde``, as the audit log kept them. Their
    creation time (part of the calendar's UID) is the time of their «alta» row."""
    import json

    from a3tui.models import Auditoria

    bajas = ctx.session.exec(
        select(Auditoria)
        .where(col(Auditoria.entidad) == "tarea", col(Auditoria.accion) == "baja", col(Auditoria.fecha) >= desde)
        .order_by(col(Auditoria.entidad_id))
    ).all()
    for baja in bajas:
        try:
            campos = {k: v[0] for k, v in json.loads(baja.detalle or "{}").items()}
        except (ValueError, TypeError, IndexError, AttributeError):
            continue
        if campos.get("asesor_id") != ctx.asesor_id or baja.entidad_id is None or not campos.get("vence"):
            continue
        alta = ctx.session.exec(
            select(Auditoria.fecha).where(
                col(Auditoria.entidad) == "tarea",
                col(Auditoria.entidad_id) == baja.entidad_id,
                col(Auditoria.accion) == "alta",
            )
        ).first()
        if alta is None:
            continue
        cambios, _ = _historia(ctx, [baja.entidad_id]).get(baja.entidad_id, (0, baja.fecha))
        try:
            prioridad = parse_valor(Prioridad, campos.get("prioridad") or "media", "La prioridad")
            hora = time.fromisoformat(campos["hora"]) if campos.get("hora") else None
            vence = date.fromisoformat(campos["vence"])
        except (DatoInvalido, ValueError, TypeError):
            continue
        yield TareaCalendario(
            baja.entidad_id, alta, str(campos.get("descripcion") or ""), vence, hora, prioridad, False, None, None,
            estado="borrada", cambios=cambios + 1, modificada=baja.fecha,
        )  # fmt: skip

"""What a coordinator sees of their plaza (seed: «Para que tu coordinador vea tu trabajo»,
«Dónde se están atorando»): each advisor's activity, pending follow-ups and how fast their
clients who wrote are answered, and the pipeline — how many clients per stage, why they
cancel, which prospects don't move."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import Alerta, Etapa, TipoActividad
from a3tui.errors import DatoInvalido
from a3tui.models import Actividad, Apartado, Asesor, Cliente
from a3tui.services import Contexto, alcance, asesores, clientes, reportes
from a3tui.services.reportes import TiempoRespuesta

# A prospect whose first contact is this many days old and who has not reserved is «stuck».
DIAS_ESTANCADO = 30


@dataclass(frozen=True)
class FilaEquipo:
    asesor: Asesor
    clientes: int
    actividades_semana: int
    actividades_mes: int
    vencidos: int
    frios: int
    apartados_mes: int
    cubierto_por: tuple[str, ...] = ()
    # This month's response time to the advisor's clients who wrote, and who still waits
    # (services.reportes.tiempo_de_respuesta).
    respuesta_mes: TiempoRespuesta = field(default_factory=TiempoRespuesta)


@dataclass(frozen=True)
class Embudo:
    """The plaza's pipeline."""

    por_etapa: dict[Etapa, int]
    cancelaciones: list[tuple[str, int]]
    estancados: int
    dias_estancado: int


def _por_asesor(ctx: Contexto, query: object) -> dict[int, int]:
    return {int(k): int(v) for k, v in ctx.session.exec(query).all() if k is not None}  # type: ignore[call-overload]


def equipo(ctx: Contexto, *, dias_frio: int = domain.DIAS_FRIO_DEFAULT) -> list[FilaEquipo]:
    """One row per active advisor of the coordinator's plaza: clients, contact activities
    this week and this month, overdue follow-ups, cold prospects, reservations this month,
    and this month's response time to their clients who wrote (with those still waiting)."""
    asesores.requiere_coordinador(ctx, "ver el trabajo del equipo")
    plaza = ctx.asesor.plaza
    vivo = col(Cliente.fusionado_en_id).is_(None)
    # The plaza's clients (as its funnel and client list count them), by their advisor:
    # the plaza's active advisors, and anyone else who holds one of its clients.
    de_la_plaza = col(Cliente.plaza) == plaza
    con_clientes = select(Cliente.asesor_id).where(vivo, de_la_plaza).distinct()
    gente = sorted(
        ctx.session.exec(
            select(Asesor).where(((col(Asesor.plaza) == plaza) & col(Asesor.activo)) | col(Asesor.id).in_(con_clientes))
        ).all(),
        key=lambda a: (domain.fold(a.nombre), a.login),
    )
    ids = [a.id for a in gente]
    lunes = datetime.combine(ctx.hoy - timedelta(days=ctx.hoy.weekday()), datetime.min.time())
    primero = datetime.combine(ctx.hoy.replace(day=1), datetime.min.time())

    def clientes_donde(*condiciones: object) -> dict[int, int]:
        return _por_asesor(
            ctx,
            select(Cliente.asesor_id, func.count())
            .where(vivo, de_la_plaza, *condiciones)  # type: ignore[arg-type]
            .group_by(col(Cliente.asesor_id)),
        )

    def actividades_desde(desde: datetime) -> dict[int, int]:
        return _por_asesor(
            ctx,
            select(Actividad.asesor_id, func.count())
            .where(
                col(Actividad.asesor_id).in_(ids),
                col(Actividad.tipo) != TipoActividad.SISTEMA,
                col(Actividad.fecha) >= desde,
            )
            .group_by(col(Actividad.asesor_id)),
        )

    total = clientes_donde()
    semana = actividades_desde(lunes)
    mes = actividades_desde(primero)
    vencidos = clientes_donde(clientes.condicion_alerta(ctx, Alerta.ROJO))
    frios = clientes_donde(clientes.condicion_frio(ctx, dias_frio))
    # Reservations made this month (a client who reserved again counts again).
    apartados = _por_asesor(
        ctx,
        select(Cliente.asesor_id, func.count(col(Apartado.id)))
        .join(Cliente, col(Apartado.cliente_id) == col(Cliente.id))
        .where(vivo, de_la_plaza, col(Apartado.fecha) >= primero.date())
        .group_by(col(Cliente.asesor_id)),
    )
    cubre = {f.asesor.id: f.cubierto_por for f in asesores.list_(ctx)}
    respuestas = reportes.tiempos_de_respuesta(asesores.ver(ctx, "plaza"), reportes.Periodo.mes(ctx.hoy))
    return [
        FilaEquipo(
            a,
            total.get(a.id or 0, 0),
            semana.get(a.id or 0, 0),
            mes.get(a.id or 0, 0),
            vencidos.get(a.id or 0, 0),
            frios.get(a.id or 0, 0),
            apartados.get(a.id or 0, 0),
            cubre.get(a.id, ()),
            respuestas.get(a.id or 0, TiempoRespuesta()),
        )
        for a in gente
    ]


def embudo(ctx: Contexto, *, dias_estancado: int = DIAS_ESTANCADO) -> Embudo:
    """The lists' portfolio (a coordinator's plaza with ``asesores.ver(ctx, "plaza")``):
    clients per stage, the most frequent cancellation reasons, and prospects stuck for
    ``dias_estancado`` days since their first contact."""
    if not 1 <= dias_estancado <= domain.DIAS_MAXIMO:
        raise DatoInvalido(f"Los días deben estar entre 1 y {domain.DIAS_MAXIMO:,}.")
    donde = alcance.cartera(ctx)
    por_etapa = dict.fromkeys(Etapa, 0)
    for etapa, n in ctx.session.exec(
        select(Cliente.etapa, func.count()).where(donde).group_by(col(Cliente.etapa))
    ).all():
        por_etapa[Etapa(etapa)] = int(n)
    motivos: dict[str, tuple[str, int]] = {}
    for motivo, n in ctx.session.exec(
        select(Cliente.motivo_cancelacion, func.count())
        .where(donde, col(Cliente.etapa) == Etapa.CANCELADO)
        .group_by(col(Cliente.motivo_cancelacion))
    ).all():
        texto = (motivo or "sin motivo").strip()
        clave = domain.fold(texto)
        previo = motivos.get(clave)
        motivos[clave] = (previo[0] if previo else texto, (previo[1] if previo else 0) + int(n))
    cancelaciones = sorted(motivos.values(), key=lambda m: (-m[1], m[0]))[:10]
    limite = ctx.hoy - timedelta(days=dias_estancado)
    estancados = ctx.session.exec(
        select(func.count())
        .select_from(Cliente)
        .where(donde, col(Cliente.etapa) == Etapa.PROSPECTO, col(Cliente.primer_contacto) <= limite)
    ).one()
    return Embudo(por_etapa, cancelaciones, int(estancados), dias_estancado)

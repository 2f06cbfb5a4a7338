"""Reports and metrics: «Mis métricas» (the advisor's KPIs for a week or a month,
and the response time to clients who wrote, with the trend against the same stretch of
the period before) and «Reporte de mis clientes» (totals per stage, activities,
conversion, days to apartado, why clients cancel, and the client list behind the totals).

One function per figure; the CLI, the app's dashboard and Reportes screen, and the
files (CSV, Excel, PDF) all read them from here.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, DateTime, and_, exists, false, literal, literal_column, or_, true
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import Etapa, FilaReporte, Kpi, Metrica, Reporte, TipoActividad
from a3tui.errors import DatoInvalido, SinPermiso
from a3tui.models import Actividad, Asesor, Cliente, Documento
from a3tui.services import Contexto, alcance, asesores, clientes
from a3tui.services.actividades import VENTANA_POR_RESPONDER_DIAS

# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Periodo:
    """Calendar days ``desde``…``hasta`` (both included)."""

    desde: date
    hasta: date
    nombre: str = ""
    # The last day of the week or month this period is the running part of.
    fin_natural: date | None = None

    @staticmethod
    def semana(hoy: date) -> Periodo:
        """Monday to today (of the week Monday–Sunday)."""
        lunes = hoy - timedelta(days=hoy.weekday())
        return Periodo(lunes, hoy, "esta semana", lunes + timedelta(days=6))

    @staticmethod
    def mes(hoy: date) -> Periodo:
        """The 1st of the month to today."""
        siguiente = (hoy.replace(day=1) + timedelta(days=32)).replace(day=1)
        return Periodo(hoy.replace(day=1), hoy, "este mes", siguiente - timedelta(days=1))

    @property
    def en_curso(self) -> bool:
        """Whether days of the week or month are still to come."""
        return self.fin_natural is not None and self.hasta < self.fin_natural

    @property
    def texto(self) -> str:
        """«esta semana (07/12–13/12, día 1 de 7)» while it runs, «la semana pasada
        (30/11)» for one day: never a range that reads as empty («07/12–07/12»)."""
        if self.en_curso and self.fin_natural is not None:
            dia, de = (self.hasta - self.desde).days + 1, (self.fin_natural - self.desde).days + 1
            return f"{self.nombre} ({self.desde:%d/%m}–{self.fin_natural:%d/%m}, día {dia} de {de})"
        if self.desde == self.hasta:
            return f"{self.nombre} ({self.desde:%d/%m})"
        return f"{self.nombre} ({self.desde:%d/%m}–{self.hasta:%d/%m})"

    def anterior(self) -> Periodo:
        """The same stretch of the period before: Monday–Wednesday of last week for a
        week up to Wednesday, the 1st–23rd of last month for a month up to the 23rd."""
        if self.nombre == "este mes":
            inicio = (self.desde - timedelta(days=1)).replace(day=1)
            ultimo_del_mes = self.desde - timedelta(days=1)
            fin = min(inicio + (self.hasta - self.desde), ultimo_del_mes)
            return Periodo(inicio, fin, "el mes pasado")
        if self.nombre == "esta semana":
            return Periodo(self.desde - timedelta(days=7), self.hasta - timedelta(days=7), "la semana pasada")
        largo = (self.hasta - self.desde).days + 1
        return Periodo(self.desde - timedelta(days=largo), self.hasta - timedelta(days=largo), "el periodo anterior")

    @property
    def inicio(self) -> datetime:
        return datetime.combine(self.desde, time.min)

    @property
    def fin(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.hasta + timedelta(days=1), time.min)


def titulo_metricas(ctx: Contexto) -> str:
    """«Mis métricas» for the advisor's own portfolio; «Métricas · plaza General» or
    «Métricas · Luis Treviño» when a coordinator (or a suplente) looks at another."""
    if ctx.cartera.plaza is None and ctx.cartera.asesor_ids in ((), (ctx.asesor_id,)):
        return "Mis métricas"
    return f"Métricas · {ctx.cartera.titulo}"


def periodo(ctx: Contexto, nombre: str) -> Periodo:
    """``semana`` or ``mes``, ending today."""
    if nombre == "semana":
        return Periodo.semana(ctx.hoy)
    if nombre == "mes":
        return Periodo.mes(ctx.hoy)
    raise DatoInvalido(f"El periodo «{domain.imprimible(nombre)}» no es válido; usa semana o mes.")


# ---------------------------------------------------------------- the four KPIs


def _conversion(ctx: Contexto, alcance: ColumnElement[bool], corte: date) -> tuple[int, int]:
    """Clients first contacted by ``corte``, and how many of them had reserved by then."""
    total = ctx.session.exec(
        select(func.count()).select_from(Cliente).where(alcance, col(Cliente.primer_contacto) <= corte)
    ).one()
    apartaron = ctx.session.exec(
        select(func.count())
        .select_from(Cliente)
        .where(alcance, col(Cliente.primer_contacto) <= corte, col(Cliente.fecha_apartado) <= corte)
    ).one()
    return int(total), int(apartaron)


def _dias_a_apartado(ctx: Contexto, alcance: ColumnElement[bool], corte: date) -> tuple[float | None, int]:
    """Average days from first contact to apartado of the clients who reserved by ``corte``
    (only reserved clients are read: a fraction of the portfolio)."""
    pares = ctx.session.exec(
        select(col(Cliente.primer_contacto), col(Cliente.fecha_apartado)).where(
            alcance, col(Cliente.fecha_apartado).is_not(None), col(Cliente.fecha_apartado) <= corte
        )
    ).all()
    dias = [(fecha - inicio).days for inicio, fecha in pares if fecha is not None and inicio is not None]
    return (sum(dias) / len(dias) if dias else None), len(dias)


def actividades_entre(ctx: Contexto, desde: datetime, hasta: datetime) -> int:
    """Contact activities (calls, meetings, messages, e-mails; not system entries) logged
    in [desde, hasta) in the lists' portfolio: by its advisors, or with the clients of its
    plaza. The KPI «actividades por semana» counts these."""
    quien: ColumnElement[bool]
    if ctx.cartera.plaza is not None:
        quien = col(Actividad.cliente_id).in_(select(Cliente.id).where(col(Cliente.plaza) == ctx.cartera.plaza))
    else:
        quien = col(Actividad.asesor_id).in_(ctx.cartera.asesor_ids or (ctx.asesor_id,))
    return int(
        ctx.session.exec(
            select(func.count()).where(
                quien,
                col(Actividad.tipo) != TipoActividad.SISTEMA,
                col(Actividad.fecha) >= desde,
                col(Actividad.fecha) < hasta,
            )
        ).one()
    )


def actividades_por_semana(ctx: Contexto, semanas: int = 8) -> list[tuple[date, int]]:
    """Contact activities of each of the last ``semanas`` weeks (Monday, count), oldest
    first; this week's up to now. The same count as the KPI."""
    lunes = ctx.hoy - timedelta(days=ctx.hoy.weekday())
    salida = []
    for n in range(semanas - 1, -1, -1):
        inicio = lunes - timedelta(weeks=n)
        salida.append(
            (
                inicio,
                actividades_entre(
                    ctx, datetime.combine(inicio, time.min), datetime.combine(inicio + timedelta(days=7), time.min)
                ),
            )
        )
    return salida


def frios(ctx: Contexto, dias: int = domain.DIAS_FRIO_DEFAULT) -> int:
    """Cold clients now: the same count as the client list's «Fríos» filter."""
    return clientes.count(ctx, clientes.Filtro(frios=True, dias=dias))


def _frios_al(ctx: Contexto, alcance: ColumnElement[bool], corte: date, dias: int) -> int:
    """Prospects that were cold at the end of ``corte``: first contacted ``dias`` or more
    days before, with no activity in the ``dias`` days up to it (today's stage): no contact
    activity and no document handed over, as «Última actividad» counts them
    (``documentos.recibido``)."""
    ultimo = corte - timedelta(days=dias)
    ventana = (
        datetime.combine(ultimo + timedelta(days=1), time.min),
        datetime.combine(corte + timedelta(days=1), time.min),
    )
    reciente = exists().where(
        col(Actividad.cliente_id) == Cliente.id,
        col(Actividad.tipo) != TipoActividad.SISTEMA,
        col(Actividad.fecha) >= ventana[0],
        col(Actividad.fecha) < ventana[1],
    )
    documento = exists().where(
        col(Documento.cliente_id) == Cliente.id,
        col(Documento.subido) >= ventana[0],
        col(Documento.subido) < ventana[1],
    )
    return int(
        ctx.session.exec(
            select(func.count())
            .select_from(Cliente)
            .where(
                alcance,
                col(Cliente.etapa) == Etapa.PROSPECTO,
                col(Cliente.primer_contacto) <= ultimo,
                ~reciente,
                ~documento,
            )
        ).one()
    )


# ---------------------------------------------------------------- response time

_ESCRITOS = [TipoActividad.MENSAJE, TipoActividad.EMAIL]
# Before any activity: «nothing was sent before» compares as this.
_NUNCA = datetime(1900, 1, 1)


def condicion_enviado(actividad: type[Actividad] = Actividad) -> ColumnElement[bool]:
    """What answers a client who wrote: anything the advisor did with them (a call, answered
    or not, a meeting, a message, an e-mail, a property shared), not a system entry nor what
    the client sent. The rule by which the client's message stops making them due
    (``clientes.contactos_de``: nothing sent since they wrote)."""
    return and_(col(actividad.entrante) == false(), col(actividad.tipo) != TipoActividad.SISTEMA)


def condicion_escribio(actividad: type[Actividad] = Actividad) -> ColumnElement[bool]:
    """A message or e-mail the client sent (``entrante``)."""
    return and_(col(actividad.entrante) == true(), col(actividad.tipo).in_(_ESCRITOS))


@dataclass(frozen=True)
class TiempoRespuesta:
    """How long clients who wrote waited for an answer (see ``tiempo_de_respuesta``)."""

    # Each wait answered in the period, in hours, shortest first.
    horas: tuple[float, ...] = ()
    # Clients who wrote and have had nothing sent to them since, at the period's end.
    sin_responder: int = 0
    # When the client waiting longest wrote.
    esperando_desde: datetime | None = None

    @property
    def respondidos(self) -> int:
        return len(self.horas)

    @property
    def mediana(self) -> float | None:
        """The median wait in hours (None: nobody was answered in the period)."""
        return statistics.median(self.horas) if self.horas else None


def _respondidas(ctx: Contexto, desde: datetime, hasta: datetime) -> list[tuple[int, int, datetime, datetime]]:
    """(client's advisor, client, when they wrote, when they were answered) of each wait
    answered in [desde, hasta) among the lists' portfolio's clients.

    Read from the answers: each thing sent to a client in the period (the period's
    activities, ``ix_actividad_asesor_fecha``) whose latest earlier entry in the client's
    history is a message of theirs (one step back on ``ix_actividad_cliente_fecha``: most
    things sent answer nothing and stop there); for those, the first message the client
    wrote after the last thing sent to them."""
    respuesta, escrito, previo, antes = aliased(Actividad), aliased(Actividad), aliased(Actividad), aliased(Actividad)
    # The latest entry up to the answer among what counts (sent before it, or written by the
    # client; an inbound call neither waits nor answers): a message of theirs for every
    # answer, and for a few things sent that answer nothing (a message and a reply logged
    # at the same second), which the exact look-up below leaves out.
    ultimo_fue_del_cliente = (
        sql_select(col(antes.entrante))
        .where(
            col(antes.cliente_id) == col(respuesta.cliente_id),
            col(antes.tipo) != TipoActividad.SISTEMA,
            ~and_(col(antes.entrante) == true(), col(antes.tipo) == TipoActividad.LLAMADA),
            col(antes.fecha) <= col(respuesta.fecha),
            or_(col(antes.fecha) < col(respuesta.fecha), col(antes.entrante) == true()),
        )
        .correlate(respuesta)
        .order_by(col(antes.fecha).desc())
        .limit(1)
        .scalar_subquery()
    )
    enviado_antes = (
        sql_select(col(previo.fecha))
        .where(
            col(previo.cliente_id) == col(respuesta.cliente_id),
            condicion_enviado(previo),
            col(previo.fecha) < col(respuesta.fecha),
        )
        .correlate(respuesta)
        .order_by(col(previo.fecha).desc())
        .limit(1)
        .scalar_subquery()
    )
    # ORDER BY … LIMIT 1 rather than min(): SQLite 3.40's min() over an IN on the index's
    # middle column (tipo) returned a row outside the range on fecha.
    primer_escrito = (
        sql_select(col(escrito.fecha))
        .where(
            col(escrito.cliente_id) == col(respuesta.cliente_id),
            condicion_escribio(escrito),
            col(escrito.fecha) <= col(respuesta.fecha),
            col(escrito.fecha) > func.coalesce(enviado_antes, literal(_NUNCA, DateTime())),
        )
        .correlate(respuesta)
        .order_by(col(escrito.fecha))
        .limit(1)
        .scalar_subquery()
    )
    filas = ctx.session.execute(
        sql_select(col(Cliente.asesor_id), col(respuesta.cliente_id), primer_escrito, col(respuesta.fecha))
        .join(Cliente, col(Cliente.id) == col(respuesta.cliente_id))
        .where(
            alcance.cartera(ctx),
            condicion_enviado(respuesta),
            col(respuesta.fecha) >= desde,
            col(respuesta.fecha) < hasta,
            ultimo_fue_del_cliente == true(),
        )
    ).all()
    # Two things sent at the same moment answer the same wait once.
    esperas: dict[tuple[int, datetime], tuple[int, int, datetime, datetime]] = {}
    for asesor_id, cliente_id, escribio, respondio in filas:
        if escribio is not None and (cliente_id, escribio) not in esperas:
            esperas[(cliente_id, escribio)] = (asesor_id, cliente_id, escribio, respondio)
    return list(esperas.values())


def _sin_responder(ctx: Contexto, corte: datetime) -> dict[int, tuple[int, datetime]]:
    """Clients of the lists' portfolio (not cancelled) who wrote in the
    ``VENTANA_POR_RESPONDER_DIAS`` days before ``corte`` and have had nothing sent to them
    since, by their advisor: {advisor: (how many, when the one waiting longest wrote)}."""
    escrito, respuesta = aliased(Actividad), aliased(Actividad)
    contestado = (
        sql_select(col(respuesta.id))
        .where(
            col(respuesta.cliente_id) == col(escrito.cliente_id),
            condicion_enviado(respuesta),
            col(respuesta.fecha) >= col(escrito.fecha),
            col(respuesta.fecha) < corte,
        )
        .exists()
    )
    # Every message of a waiting client is unanswered, so the earliest of them all is
    # when the one waiting longest wrote.
    filas = ctx.session.execute(
        sql_select(col(Cliente.asesor_id), func.count(col(escrito.cliente_id).distinct()), func.min(escrito.fecha))
        .join(Cliente, col(Cliente.id) == col(escrito.cliente_id))
        .where(
            alcance.cartera(ctx),
            col(Cliente.etapa) != Etapa.CANCELADO,
            condicion_escribio(escrito),
            col(escrito.fecha) >= corte - timedelta(days=VENTANA_POR_RESPONDER_DIAS),
            col(escrito.fecha) < corte,
            ~contestado,
        )
        .group_by(col(Cliente.asesor_id))
    ).all()
    return {int(asesor_id): (int(n), desde) for asesor_id, n, desde in filas}


def tiempos_de_respuesta(
    ctx: Contexto, cual: Periodo | None = None, *, sin_responder: bool = True
) -> dict[int, TiempoRespuesta]:
    """``tiempo_de_respuesta`` of each advisor's clients within the lists' portfolio, by
    the clients' advisor (an advisor with no client who wrote is left out)."""
    actual = cual or Periodo.semana(ctx.hoy)
    # This period's answers up to now; the period's end for one that is over.
    corte = min(actual.fin, ctx.ahora + timedelta(seconds=1))
    horas: dict[int, list[float]] = {}
    for asesor_id, _cliente, escribio, respondio in _respondidas(ctx, actual.inicio, corte):
        horas.setdefault(asesor_id, []).append((respondio - escribio).total_seconds() / 3600)
    esperan = _sin_responder(ctx, corte) if sin_responder else {}
    return {
        asesor_id: TiempoRespuesta(
            tuple(sorted(horas.get(asesor_id, ()))),
            *esperan.get(asesor_id, (0, None)),
        )
        for asesor_id in horas.keys() | esperan.keys()
    }


def tiempo_de_respuesta(ctx: Contexto, cual: Periodo | None = None, *, sin_responder: bool = True) -> TiempoRespuesta:
    """How long the lists' portfolio's clients who wrote waited for an answer in ``cual``
    (default: this week).

    A wait starts when a client writes (a message or e-mail they sent) and ends with the
    first thing sent to them after it (``condicion_enviado``); several messages before the
    answer are one wait, from the first. The period's figure is the median of the waits
    answered within it, whenever the client wrote. A wait not answered yet has no length:
    it is counted apart (``sin_responder``, with ``sin_responder=True``: the clients waiting
    at the period's end — now for this one — who wrote in the last
    ``VENTANA_POR_RESPONDER_DIAS`` days, as «pendientes de respuesta» looks back; cancelled
    clients wait for nothing).
    """
    todos = tiempos_de_respuesta(ctx, cual, sin_responder=sin_responder).values()
    esperando = [t.esperando_desde for t in todos if t.esperando_desde is not None]
    return TiempoRespuesta(
        tuple(sorted(h for t in todos for h in t.horas)),
        sum(t.sin_responder for t in todos),
        min(esperando, default=None),
    )


def _detalle_respuesta(respuesta: TiempoRespuesta, periodo: Periodo, ahora: datetime) -> str:
    """«mediana de 4 respuestas esta semana, del mensaje del cliente a lo primero que se le
    envió; 1 sin responder (quien más espera escribió hoy)»."""
    n = respuesta.respondidos
    if n:
        texto = (
            f"mediana de {n:,} respuesta{'' if n == 1 else 's'} {periodo.nombre}, "
            "del mensaje del cliente a lo primero que se le envió"
        )
    else:
        texto = f"nadie que escribiera recibió respuesta {periodo.nombre}"
    if not respuesta.sin_responder:
        return texto + "; nadie espera respuesta"
    cuando = f" (quien más espera escribió {domain.hace(respuesta.esperando_desde, ahora)})"
    return texto + f"; {respuesta.sin_responder:,} sin responder" + (cuando if respuesta.esperando_desde else "")


def metricas(
    ctx: Contexto,
    cual: Periodo | None = None,
    *,
    dias_frio: int = domain.DIAS_FRIO_DEFAULT,
    respuesta: bool = True,
) -> list[Metrica]:
    """The four KPIs of the lists' portfolio for ``cual`` (default: this week), then the
    response time to clients who wrote (``tiempo_de_respuesta``; not with ``respuesta=False``),
    each with its value at the same point of the period before.

    Conversion and days to apartado are cumulative (every client first contacted by the
    period's end); activities are those of the period; cold clients are counted at its end;
    the response time is the median of the waits answered in the period.
    """
    actual = cual or Periodo.semana(ctx.hoy)
    antes = actual.anterior()
    donde = alcance.cartera(ctx)

    total, apartaron = _conversion(ctx, donde, actual.hasta)
    total_antes, apartaron_antes = _conversion(ctx, donde, antes.hasta)
    conversion = domain.kpi_conversion(total, apartaron)
    conversion_antes = domain.kpi_conversion(total_antes, apartaron_antes).valor

    promedio, cuantos = _dias_a_apartado(ctx, donde, actual.hasta)
    promedio_antes, _ = _dias_a_apartado(ctx, donde, antes.hasta)

    hechas = actividades_entre(ctx, actual.inicio, min(actual.fin, ctx.ahora + timedelta(seconds=1)))
    hechas_antes = actividades_entre(ctx, antes.inicio, antes.fin)
    dias_periodo = (actual.hasta - actual.desde).days + 1
    semanas = dias_periodo / 7
    actividad = domain.kpi_actividades_semana(hechas)
    if actual.nombre != "esta semana":
        # A month is judged per week (the target is > 20 a week).
        actividad = replace(
            actividad,
            nombre="Actividades por semana",
            valor=hechas / semanas,
        )
        dias_antes = (antes.hasta - antes.desde).days + 1
        hechas_antes_valor: float | None = hechas_antes / (dias_antes / 7)
    else:
        hechas_antes_valor = float(hechas_antes)
        # On a Monday the week has barely begun: short of 20 is not failing it yet.
        actividad = replace(actividad, en_curso=actual.en_curso)

    frios_ahora = frios(ctx, dias_frio)
    frios_antes = _frios_al(ctx, donde, antes.hasta, dias_frio)
    dias_texto = f"{dias_frio} día" + ("" if dias_frio == 1 else "s")
    cuatro = [
        Metrica("conversion", conversion, conversion_antes, f"{apartaron:,} de {total:,} clientes llegaron a apartar"),
        Metrica(
            "dias_apartado",
            domain.kpi_dias_apartado(promedio),
            promedio_antes,
            f"promedio de {cuantos:,} apartados, del primer contacto al apartado",
            mas_es_mejor=False,
        ),
        Metrica(
            "actividades",
            actividad,
            hechas_antes_valor,
            f"{hechas:,} llamadas, reuniones, mensajes y correos {actual.nombre}"
            + ("" if actual.nombre == "esta semana" else f" ({dias_periodo} días: {semanas:.1f} semanas)"),
        ),
        Metrica(
            "frios",
            domain.kpi_frios(frios_ahora),
            float(frios_antes),
            f"prospectos sin actividad en {dias_texto} o más",
            mas_es_mejor=False,
        ),
    ]
    if not respuesta:
        return cuatro
    ahora = tiempo_de_respuesta(ctx, actual)
    return [
        *cuatro,
        Metrica(
            "respuesta",
            domain.kpi_respuesta(ahora.mediana),
            tiempo_de_respuesta(ctx, antes, sin_responder=False).mediana,
            _detalle_respuesta(ahora, actual, ctx.ahora),
            mas_es_mejor=False,
            cifras=(("respondidos", ahora.respondidos), ("sin_responder", ahora.sin_responder)),
        ),
    ]


def kpis(ctx: Contexto, *, dias_frio: int = domain.DIAS_FRIO_DEFAULT) -> list[Kpi]:
    """The dashboard's four KPIs (this week)."""
    return [m.kpi for m in metricas(ctx, dias_frio=dias_frio, respuesta=False)]


# ---------------------------------------------------------------- «Reporte de mis clientes»


@dataclass(frozen=True)
class FiltroReporte:
    """Which clients a report covers: a stage, a plaza or an advisor (a coordinator's), and
    a range of first-contact dates (``desde``/``hasta``, both included)."""

    etapa: Etapa | None = None
    plaza: str | None = None
    asesor: str | None = None
    desde: date | None = None
    hasta: date | None = None

    def describir(self) -> str:
        partes = []
        if self.etapa is not None:
            partes.append(f"etapa {self.etapa.value}")
        if self.plaza:
            partes.append(f"plaza {self.plaza}")
        if self.asesor:
            partes.append(f"asesor {self.asesor}")
        if self.desde or self.hasta:
            partes.append(
                "primer contacto "
                + (f"desde {self.desde.isoformat()} " if self.desde else "")
                + (f"hasta {self.hasta.isoformat()}" if self.hasta else "")
            )
        return ", ".join(p.strip() for p in partes) or "sin filtros"


def revisar_filtro(filtro: FiltroReporte) -> None:
    """Raise DatoInvalido for a filter no report can follow: a plaza and an advisor at
    once, or a range of dates that ends before it starts."""
    if filtro.plaza and filtro.asesor:
        raise DatoInvalido("Elige --plaza o --asesor, no los dos.")
    if filtro.desde and filtro.hasta and filtro.desde > filtro.hasta:
        raise DatoInvalido(
            f"La fecha «desde» ({filtro.desde.isoformat()}) es posterior a «hasta» ({filtro.hasta.isoformat()}).",
            campo="hasta",
        )


def _cartera_del_reporte(ctx: Contexto, filtro: FiltroReporte) -> Contexto:
    revisar_filtro(filtro)
    if filtro.plaza:
        if domain.fold(filtro.plaza.strip()) != domain.fold(ctx.asesor.plaza):
            if not ctx.es_coordinador:
                raise SinPermiso("Solo un coordinador puede sacar el reporte de una plaza.")
            raise SinPermiso(f"Solo ves la plaza {ctx.asesor.plaza}.")
        return asesores.ver(ctx, "plaza")
    return asesores.ver(ctx, filtro.asesor)


def _condicion(ctx: Contexto, filtro: FiltroReporte) -> ColumnElement[bool]:
    condiciones = [alcance.cartera(ctx)]
    if filtro.etapa is not None:
        condiciones.append(col(Cliente.etapa) == filtro.etapa)
    if filtro.desde is not None:
        condiciones.append(col(Cliente.primer_contacto) >= filtro.desde)
    if filtro.hasta is not None:
        condiciones.append(col(Cliente.primer_contacto) <= filtro.hasta)
    return and_(*condiciones)


def reporte_clientes(ctx: Contexto, filtro: FiltroReporte | None = None, *, con_metricas: bool = True) -> Reporte:
    """«Reporte de mis clientes»: totals per stage, contact activities with these clients
    this month (and within the range), conversion prospecto → apartado, average days to
    apartado and cancellations by motivo, for the clients the filter covers; with
    ``con_metricas``, also this month's metrics (what the files and the JSON carry; a
    view that doesn't show them is spared reading the month twice over)."""
    filtro = filtro or FiltroReporte()
    ctx = _cartera_del_reporte(ctx, filtro)
    donde = _condicion(ctx, filtro)
    por_etapa = dict.fromkeys(Etapa, 0)
    for etapa, n in ctx.session.exec(
        select(col(Cliente.etapa), func.count()).where(donde).group_by(col(Cliente.etapa))
    ).all():
        por_etapa[Etapa(etapa)] = int(n)
    total = sum(por_etapa.values())
    apartaron = int(
        ctx.session.exec(
            select(func.count()).select_from(Cliente).where(donde, col(Cliente.fecha_apartado).is_not(None))
        ).one()
    )
    promedio, cuantos = _dias_a_apartado(ctx, donde, ctx.hoy)
    ids = select(Cliente.id).where(donde)

    def actividades_con(desde: datetime, hasta: datetime) -> int:
        return int(
            ctx.session.exec(
                select(func.count()).where(
                    col(Actividad.cliente_id).in_(ids),
                    col(Actividad.tipo) != TipoActividad.SISTEMA,
                    col(Actividad.fecha) >= desde,
                    col(Actividad.fecha) < hasta,
                )
            ).one()
        )

    mes = Periodo.mes(ctx.hoy)
    rango = None
    if filtro.desde or filtro.hasta:
        rango = actividades_con(
            datetime.combine(filtro.desde or date(1900, 1, 1), time.min),
            datetime.combine((filtro.hasta or ctx.hoy) + timedelta(days=1), time.min),
        )
    # One expression, written once (PostgreSQL matches GROUP BY expressions as written,
    # and three bound "" would be three different parameters).
    motivo = func.coalesce(col(Cliente.motivo_cancelacion), literal_column("''"))
    motivos = ctx.session.exec(
        select(motivo, func.count())
        .where(donde, col(Cliente.etapa) == Etapa.CANCELADO)
        .group_by(motivo)
        .order_by(func.count().desc(), motivo)
    ).all()
    titulo = ctx.cartera.titulo
    return Reporte(
        titulo="Reporte de mis clientes" if titulo == "mis clientes" else f"Reporte de clientes: {titulo}",
        cartera=titulo,
        filtros=filtro.describir(),
        generado=ctx.ahora,
        por_etapa=por_etapa,
        actividades_mes=actividades_con(mes.inicio, mes.fin),
        actividades_rango=rango,
        conversion=domain.kpi_conversion(total, apartaron),
        dias_apartado=domain.kpi_dias_apartado(promedio),
        apartados_contados=cuantos,
        cancelaciones=[(m or "sin motivo", int(n)) for m, n in motivos],
        metricas=metricas(ctx, Periodo.mes(ctx.hoy)) if con_metricas else [],
    )


def filas_reporte(ctx: Contexto, filtro: FiltroReporte | None = None, *, pagina: int = 1000) -> Iterator[FilaReporte]:
    """The clients behind a report's totals, by name, read a page at a time."""
    filtro = filtro or FiltroReporte()
    ctx = _cartera_del_reporte(ctx, filtro)
    donde = _condicion(ctx, filtro)
    nombres = dict(ctx.session.exec(select(Asesor.id, Asesor.login)).all())
    telefono = clientes.primer_telefono()
    columnas = (
        col(Cliente.id), col(Cliente.nombre), telefono, col(Cliente.email), col(Cliente.etapa),
        col(Cliente.temperatura), col(Cliente.asesor_id), col(Cliente.plaza), col(Cliente.primer_contacto),
        col(Cliente.fecha_apartado), col(Cliente.ultima_actividad), col(Cliente.proximo_contacto),
        col(Cliente.motivo_cancelacion), col(Cliente.nombre_orden), col(Cliente.direccion), col(Cliente.origen),
        col(Cliente.curp), col(Cliente.rfc),
    )  # fmt: skip
    ultimo: tuple[str, int] | None = None
    while True:
        query = sql_select(*columnas).where(donde)
        if ultimo is not None:
            query = query.where(
                or_(
                    col(Cliente.nombre_orden) > ultimo[0],
                    and_(col(Cliente.nombre_orden) == ultimo[0], col(Cliente.id) > ultimo[1]),
                )
            )
        filas = ctx.session.execute(query.order_by(col(Cliente.nombre_orden), col(Cliente.id)).limit(pagina)).all()
        for f in filas:
            yield FilaReporte(
                f[0], f[1], f[2], f[3], f[4], f[5].value if f[5] else None, str(nombres.get(f[6], "?")), f[7],
                f[8], f[9], f[10], f[11], f[12], f[14], f[15].value if f[15] else None, f[16], f[17],
            )  # fmt: skip
        if len(filas) < pagina:
            return
        ultimo = (filas[-1][13], filas[-1][0])

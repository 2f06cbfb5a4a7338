"""Whom to call now (`a3 siguiente`, «Llamar ahora» in Mis tareas): the portfolio's due
clients, ranked by how urgent they are, each with its reason in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy
from sqlalchemy import ColumnElement, and_, false, not_, or_
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import Alerta, Etapa, Temperatura, TipoActividad
from a3tui.models import Actividad, Asesor, Cliente, Tarea
from a3tui.services import Contexto, alcance, clientes

# ---------------------------------------------------------------- the formula
#
# puntaje = 100 000 if the contact is due (today or overdue; 0 if due tomorrow)
#         + 10 000 × the class (stage and temperature, CLASES)
#         + 10 per day overdue (up to TOPE_DIAS_VENCIDO)
#         + 1 per day without a contact (since added if never contacted; up to 30)
#         + 5 per unanswered attempt since the last contact (up to 3)
#         + 8 per open task (up to 3): the extras, together at most EXTRA_MAXIMO < 100.
# Each term fits under the one before, so: due before tomorrow's, then the class, then the
# days overdue; the extras only reorder clients of a class up to six days overdue apart.

CLASES: dict[str, int] = {
    "apartado": 6,
    "prospecto/caliente": 5,
    "escriturado": 4,
    "prospecto/tibio": 3,
    "prospecto/frío": 2,
    "entregado": 1,
}
PUNTOS_DEBIDO = 100_000
PUNTOS_CLASE = 10_000
PUNTOS_DIA_VENCIDO = 10
TOPE_DIAS_VENCIDO = 365
PUNTOS_DIA_SIN_CONTACTO, TOPE_DIAS_SIN_CONTACTO = 1, 30
PUNTOS_INTENTO, TOPE_INTENTOS = 5, 3
PUNTOS_TAREA, TOPE_TAREAS = 8, 3
EXTRA_MAXIMO = (
    PUNTOS_DIA_SIN_CONTACTO * TOPE_DIAS_SIN_CONTACTO + PUNTOS_INTENTO * TOPE_INTENTOS + PUNTOS_TAREA * TOPE_TAREAS
)
# How many clients beyond ``n`` one call may score: the near-tie of a huge neglected class
# is cut here (the oldest next-contact dates stay), so a call stays fast on any portfolio.
CANDIDATOS_MAXIMO = 2_000


@dataclass(frozen=True)
class Candidato:
    """A client to contact now: the row a list shows, its score, and why, in words."""

    id: int
    nombre: str
    telefono: str | None
    email: str | None
    etapa: Etapa
    temperatura: Temperatura | None
    ultima_actividad: datetime | None
    proximo_contacto: date
    alerta: Alerta | None
    asesor_id: int
    puntaje: int
    razon: str
    dias_vencido: int
    # None: never contacted (only attempts, or nothing since they were added).
    dias_sin_contacto: int | None
    intentos: int
    tareas: int


def siguiente(ctx: Contexto, n: int = 10) -> list[Candidato]:
    """The ``n`` clients of the lists' portfolio (``ctx.cartera``) to contact first, most
    urgent first (see the formula above): those whose next contact is due today or overdue,
    then those due tomorrow. Cancelled clients have no follow-up and never appear; entregado
    ones do when due, last. A client already worked today (any activity, an unanswered call
    too) is left for tomorrow: an unanswered attempt is retried the next day.

    Reads the due clients group by group (due or tomorrow, then class) in SQL, stopping at
    the group that fills the list, and scores at most ``n`` + CANDIDATOS_MAXIMO of them. Raises
    nothing; ``n`` below 1 gives an empty list.
    """
    if n < 1:
        return []
    hoy = ctx.hoy
    manana = hoy + timedelta(days=1)
    proximo = col(Cliente.proximo_contacto)
    inicio_de_hoy = datetime.combine(hoy, datetime.min.time())
    base = and_(
        alcance.cartera(ctx),
        or_(
            col(Cliente.ultima_actividad).is_(None),
            col(Cliente.ultima_actividad) < inicio_de_hoy,
            _escribio_hoy_sin_respuesta(ctx, inicio_de_hoy),
        ),
    )
    filas: list[Any] = []
    for tramo in (proximo <= hoy, proximo == manana):
        for clave in sorted(CLASES, key=CLASES.__getitem__, reverse=True):
            grupo = and_(base, tramo, _de_la_clase(clave))
            faltan = n - len(filas)
            primeras = _filas(ctx, grupo, faltan)
            if len(primeras) < faltan:
                filas.extend(primeras)
                continue
            # This group fills the list: every group before it is in, and from this one only
            # those close enough in days overdue to the last one taken for the extras to make
            # up the difference.
            dias = min(max((hoy - primeras[-1].proximo_contacto).days, 0), TOPE_DIAS_VENCIDO)
            hasta = hoy - timedelta(days=dias - EXTRA_MAXIMO // PUNTOS_DIA_VENCIDO)
            filas.extend(_filas(ctx, and_(grupo, proximo <= hasta), faltan + CANDIDATOS_MAXIMO))
            return _ordenar(ctx, filas)[:n]
    return _ordenar(ctx, filas)[:n]


def _escribio_hoy_sin_respuesta(ctx: Contexto, inicio_de_hoy: datetime) -> ColumnElement[bool]:
    """The client wrote today and nothing was sent back since: worked today, yet waiting.

    One set, read once per call (today's inbound messages of the portfolio's advisors, by
    ``ix_actividad_asesor_fecha``), not a look-up per client of the portfolio."""
    escrito, respuesta = aliased(Actividad), aliased(Actividad)
    contestado = (
        select(respuesta.id)
        .where(
            col(respuesta.cliente_id) == col(escrito.cliente_id),
            col(respuesta.fecha) > col(escrito.fecha),
            col(respuesta.entrante) == false(),
            col(respuesta.tipo) != TipoActividad.SISTEMA,
        )
        .exists()
    )
    cartera = ctx.cartera
    if cartera.plaza is not None:
        asesores = select(Asesor.id).where(col(Asesor.plaza) == cartera.plaza)
        de_la_cartera = col(escrito.asesor_id).in_(asesores)
    else:
        de_la_cartera = col(escrito.asesor_id).in_(list(cartera.asesor_ids))
    escribieron = select(escrito.cliente_id).where(
        de_la_cartera,
        col(escrito.fecha) >= inicio_de_hoy,
        col(escrito.entrante),
        col(escrito.tipo).in_([TipoActividad.MENSAJE, TipoActividad.EMAIL]),
        ~contestado,
    )
    return col(Cliente.id).in_(escribieron)


def _ordenar(ctx: Contexto, filas: list[Any]) -> list[Candidato]:
    """Score the rows read, most urgent first (ties: the oldest due date, then by name)."""
    ids = [fila[0] for fila in filas]
    contactos = clientes.contactos_de(ctx, ids)
    intentos = _intentos_seguidos(ctx, ids)
    tareas = _tareas_abiertas(ctx, ids)
    candidatos = [
        _candidato(
            ctx, fila, contactos.get(fila[0], clientes.Contactos()), intentos.get(fila[0], 0), tareas.get(fila[0], 0)
        )
        for fila in filas
    ]
    candidatos.sort(key=lambda c: (-c.puntaje, c.proximo_contacto, domain.nombre_orden(c.nombre), c.id))
    return candidatos


def clase(etapa: Etapa, temperatura: Temperatura | None) -> int:
    """How much a client's stage and temperature weigh (CLASES; 0 without follow-up)."""
    return CLASES.get(domain.clave_cadencia(etapa, temperatura) or "", 0)


def _de_la_clase(clave: str) -> ColumnElement[bool]:
    """The SQL side of ``clase``: the clients whose ``domain.clave_cadencia`` is ``clave``."""
    etapa, _, temperatura = clave.partition("/")
    if not temperatura:
        return col(Cliente.etapa) == Etapa(etapa)
    es = col(Cliente.temperatura) == Temperatura(temperatura)
    if domain.clave_cadencia(Etapa.PROSPECTO, None) == clave:
        es = or_(es, col(Cliente.temperatura).is_(None))
    return and_(col(Cliente.etapa) == Etapa.PROSPECTO, es)


def _filas(ctx: Contexto, filtro: ColumnElement[bool], limite: int) -> list[Any]:
    """Up to ``limite`` client rows of ``filtro``, the oldest due date first."""
    query = sqlalchemy.select(*clientes.columnas_de_fila(), col(Cliente.primer_contacto))
    orden = (col(Cliente.proximo_contacto), col(Cliente.id))
    return list(ctx.session.execute(query.where(filtro).order_by(*orden).limit(limite)).all())


def _intentos_seguidos(ctx: Contexto, ids: list[int]) -> dict[int, int]:
    """Unanswered calls since each client's last contact (all of them if never contacted)."""
    if not ids:
        return {}
    contacto = aliased(Actividad)
    ultimo_contacto = (
        select(func.max(contacto.fecha))
        .where(
            col(contacto.cliente_id) == Actividad.cliente_id,
            col(contacto.tipo) != TipoActividad.SISTEMA,
            not_(clientes.condicion_intento(contacto)),
        )
        .scalar_subquery()
    )
    filas = ctx.session.exec(
        select(Actividad.cliente_id, func.count())
        .where(
            col(Actividad.cliente_id).in_(ids),
            clientes.condicion_intento(),
            or_(ultimo_contacto.is_(None), col(Actividad.fecha) > ultimo_contacto),
        )
        .group_by(col(Actividad.cliente_id))
    ).all()
    return {cliente_id: int(total) for cliente_id, total in filas}


def _tareas_abiertas(ctx: Contexto, ids: list[int]) -> dict[int, int]:
    """Open tasks (pending or overdue, not done) of each client."""
    if not ids:
        return {}
    filas = ctx.session.exec(
        select(Tarea.cliente_id, func.count())
        .where(col(Tarea.cliente_id).in_(ids), col(Tarea.hecha) == false())
        .group_by(col(Tarea.cliente_id))
    ).all()
    return {cliente_id: int(total) for cliente_id, total in filas if cliente_id is not None}


def _candidato(ctx: Contexto, fila: Any, contactos: clientes.Contactos, intentos: int, abiertas: int) -> Candidato:
    cliente_id, nombre, telefono, email, etapa, temperatura, ultima, proximo, asesor_id, primer_contacto = fila
    hoy = ctx.hoy
    dias_vencido = max((hoy - proximo).days, 0)
    ultimo = contactos.ultimo_contacto
    dias_sin_contacto = (hoy - ultimo.date()).days if ultimo else None
    # Never contacted: waiting since they were added.
    esperando = dias_sin_contacto if dias_sin_contacto is not None else (hoy - primer_contacto).days
    puntaje = (
        (PUNTOS_DEBIDO if proximo <= hoy else 0)
        + PUNTOS_CLASE * clase(etapa, temperatura)
        + PUNTOS_DIA_VENCIDO * min(dias_vencido, TOPE_DIAS_VENCIDO)
        + PUNTOS_DIA_SIN_CONTACTO * min(max(esperando, 0), TOPE_DIAS_SIN_CONTACTO)
        + PUNTOS_INTENTO * min(intentos, TOPE_INTENTOS)
        + PUNTOS_TAREA * min(abiertas, TOPE_TAREAS)
    )
    return Candidato(
        id=cliente_id,
        nombre=nombre,
        telefono=telefono,
        email=email,
        etapa=etapa,
        temperatura=temperatura,
        ultima_actividad=ultima,
        proximo_contacto=proximo,
        alerta=domain.alerta(proximo, hoy),
        asesor_id=asesor_id,
        puntaje=puntaje,
        razon=razon(
            etapa,
            temperatura,
            proximo,
            hoy,
            dias_sin_contacto,
            intentos,
            abiertas,
            escribio=domain.hace(contactos.por_contestar, ctx.ahora) if contactos.por_contestar else None,
        ),
        dias_vencido=dias_vencido,
        dias_sin_contacto=dias_sin_contacto,
        intentos=intentos,
        tareas=abiertas,
    )


def _dias(n: int) -> str:
    return "1 día" if n == 1 else f"{n} días"


def razon(
    etapa: Etapa,
    temperatura: Temperatura | None,
    proximo: date,
    hoy: date,
    dias_sin_contacto: int | None,
    intentos: int,
    tareas: int,
    *,
    escribio: str | None = None,
) -> str:
    """Why a client is on the list, in words: «apartado · contacto vencido hace 3 días ·
    2 tareas», «caliente · sin contacto hace 9 días · 2 intentos sin respuesta», «te
    escribió hoy: responder · tibio · …» (``escribio``: when their unanswered message came)."""
    partes = [(domain.temperatura_vigente(etapa, temperatura) or etapa).value]
    if escribio is not None:
        partes.insert(0, f"te escribió {escribio}: responder")
    sin_contacto = "nunca contactado" if dias_sin_contacto is None else f"sin contacto hace {_dias(dias_sin_contacto)}"
    if intentos:
        # The attempts moved the due date: how long the client has gone unreached says more.
        partes.append(sin_contacto)
        partes.append(f"{intentos} {'intento' if intentos == 1 else 'intentos'} sin respuesta")
    else:
        vencido = (hoy - proximo).days
        if vencido > 0:
            partes.append(f"contacto vencido hace {_dias(vencido)}")
        else:
            partes.append("contacto para hoy" if vencido == 0 else "contacto para mañana")
        if dias_sin_contacto is None:
            partes.append(sin_contacto)
    if tareas:
        partes.append(f"{tareas} {'tarea' if tareas == 1 else 'tareas'}")
    return " · ".join(partes)

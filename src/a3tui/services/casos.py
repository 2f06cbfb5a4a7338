"""Service cases (issue 30 point 1): a client's complaint, suggestion, warranty claim,
post-sale request or question, with a folio (``C-2026-0007``), a responsible advisor, a
due time from its kind's SLA (``ajustes.sla``) and its states: abierto → en proceso →
resuelto → cerrado, reopened with a reason.

A case is visible exactly when its client is (``alcance.scope``; in team mode the row
policies of migration 0018 say the same). Every step writes a line in the client's history
(``historial.sistema``, ``EventoSistema.CASO``) and is audited (``auditoria.AUDITADAS``).
Cases are never deleted: they are closed.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import (
    ESTADOS_ABIERTOS,
    Alerta,
    EstadoCaso,
    EventoSistema,
    PrioridadCaso,
    TipoCaso,
    parse_valor,
)
from a3tui.errors import DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Asesor, Caso, CasoNota, Cliente, Propiedad
from a3tui.services import Contexto, ajustes, alcance, asesores, clientes, historial

# The longest description, resolution or note (as a client's note).
TEXTO_MAXIMO = domain.TEXTO_LARGO_MAXIMO
# What a line of the client's history quotes of a text.
_CITA = 80

FILTROS = ("abiertos", "vencidos", "todos")


@dataclass(frozen=True)
class FilaCaso:
    """A case as a list shows it."""

    id: int
    folio: str
    cliente_id: int
    cliente: str
    asesor_id: int
    asesor: str
    tipo: TipoCaso
    prioridad: PrioridadCaso
    estado: EstadoCaso
    descripcion: str
    abierto: datetime
    vence: datetime
    resuelto: datetime | None
    cerrado: datetime | None
    propiedad: str | None
    # Only an open case has one: vencido, vence pronto, a tiempo.
    alerta: Alerta | None


@dataclass(frozen=True)
class FiltroCasos:
    """Which cases a list shows: ``abiertos`` (abierto or en proceso), ``vencidos`` (open
    and past their due time) or ``todos``; of one client, or of every client in view."""

    estado: str = "abiertos"
    cliente_id: int | None = None


@dataclass
class ResumenCasos:
    """What the reports read of the cases opened in a period."""

    total: int = 0
    por_tipo: dict[str, int] = field(default_factory=dict)
    por_estado: dict[str, int] = field(default_factory=dict)
    resueltos: int = 0
    dentro_de_sla: int = 0
    # Hours from opened to resolved, the median of the resolved cases (None: none resolved).
    mediana_horas: float | None = None

    @property
    def porcentaje_en_sla(self) -> float | None:
        """Share of the resolved cases that were resolved by their due time (0–100)."""
        return None if not self.resueltos else round(100 * self.dentro_de_sla / self.resueltos, 1)


# ---------------------------------------------------------------- reading


def folio(caso: Caso) -> str:
    """The case's folio, ``C-2026-0007``."""
    assert caso.id is not None
    return domain.format_folio(caso.id, caso.abierto)


def get(ctx: Contexto, ref: str | int) -> Caso:
    """The case named by its folio (``C-2026-0007``) or its id, if its client is one the
    advisor may see; raises NoEncontrado (the same for another advisor's case)."""
    anio, caso_id = (None, ref) if isinstance(ref, int) else domain.parse_folio(ref)
    nombre = str(ref).strip()
    caso = ctx.session.get(Caso, caso_id) if domain.id_valido(caso_id) else None
    if caso is None or (anio is not None and caso.abierto.year != anio):
        raise NoEncontrado(f"No existe el caso {nombre}.")
    try:
        # In a write session this also holds the client's row (clientes.get): two advisors
        # changing the same case take turns.
        clientes.get(ctx, caso.cliente_id)
    except NoEncontrado:
        raise NoEncontrado(f"No existe el caso {nombre}.") from None
    return caso


def alerta(ctx: Contexto, caso: Caso) -> Alerta | None:
    """The alert of an open case (None once resolved or closed)."""
    if caso.estado not in ESTADOS_ABIERTOS:
        return None
    return domain.alerta_caso(caso.vence, ctx.ahora)


def _check_filtro(filtro: FiltroCasos) -> None:
    if filtro.estado not in FILTROS:
        raise DatoInvalido(f"El filtro de casos no puede ser «{filtro.estado}»; usa uno de: {', '.join(FILTROS)}.")


def _where(ctx: Contexto, filtro: FiltroCasos, query: Any) -> Any:
    query = query.join(Cliente, col(Cliente.id) == col(Caso.cliente_id)).where(alcance.scope(ctx))
    if filtro.cliente_id is not None:
        query = query.where(col(Caso.cliente_id) == filtro.cliente_id)
    if filtro.estado in ("abiertos", "vencidos"):
        query = query.where(col(Caso.estado).in_([e.value for e in ESTADOS_ABIERTOS]))
    if filtro.estado == "vencidos":
        query = query.where(col(Caso.vence) < ctx.ahora)
    return query


def count(ctx: Contexto, filtro: FiltroCasos) -> int:
    """How many cases ``filtro`` selects among those the advisor may see."""
    _check_filtro(filtro)
    return int(ctx.session.exec(_where(ctx, filtro, select(func.count(col(Caso.id))))).one())


def list_(ctx: Contexto, filtro: FiltroCasos, *, offset: int = 0, limit: int = 50) -> list[FilaCaso]:
    """One page of the cases ``filtro`` selects: open ones by due time (the most urgent
    first), all of them newest first."""
    _check_filtro(filtro)
    limit = domain.check_limite(limit)
    query = _where(
        ctx,
        filtro,
        select(Caso, Cliente.nombre, Asesor.nombre, Propiedad.clave)
        .join(Asesor, col(Asesor.id) == col(Caso.asesor_id))
        .outerjoin(Propiedad, col(Propiedad.id) == col(Caso.propiedad_id)),
    )
    if filtro.estado == "todos":
        query = query.order_by(col(Caso.abierto).desc(), col(Caso.id).desc())
    else:
        query = query.order_by(col(Caso.vence), col(Caso.id))
    filas = ctx.session.exec(query.offset(max(offset, 0)).limit(limit)).all()
    return [_fila(ctx, caso, cliente, asesor, clave) for caso, cliente, asesor, clave in filas]


def _fila(ctx: Contexto, caso: Caso, cliente: str, asesor: str, clave: str | None) -> FilaCaso:
    assert caso.id is not None
    return FilaCaso(
        id=caso.id,
        folio=folio(caso),
        cliente_id=caso.cliente_id,
        cliente=cliente,
        asesor_id=caso.asesor_id,
        asesor=asesor,
        tipo=caso.tipo,
        prioridad=caso.prioridad,
        estado=caso.estado,
        descripcion=caso.descripcion,
        abierto=caso.abierto,
        vence=caso.vence,
        resuelto=caso.resuelto,
        cerrado=caso.cerrado,
        propiedad=clave,
        alerta=alerta(ctx, caso),
    )


def fila(ctx: Contexto, caso: Caso) -> FilaCaso:
    """``caso`` as a list shows it."""
    cliente = ctx.session.get(Cliente, caso.cliente_id)
    asesor = ctx.session.get(Asesor, caso.asesor_id)
    propiedad = ctx.session.get(Propiedad, caso.propiedad_id) if caso.propiedad_id is not None else None
    assert cliente is not None
    assert asesor is not None
    return _fila(ctx, caso, cliente.nombre, asesor.nombre, propiedad.clave if propiedad else None)


def abiertos_de(ctx: Contexto, cliente: Cliente, *, limite: int = 10) -> list[FilaCaso]:
    """The client's open cases, the most urgent first (at most ``limite``)."""
    return list_(ctx, FiltroCasos(estado="abiertos", cliente_id=cliente.id), limit=limite)


def notas(ctx: Contexto, caso: Caso, *, limite: int = 200) -> list[CasoNota]:
    """The case's notes, oldest first (its last ``limite``)."""
    recientes = ctx.session.exec(
        select(CasoNota)
        .where(col(CasoNota.caso_id) == caso.id)
        .order_by(col(CasoNota.creado).desc(), col(CasoNota.id).desc())
        .limit(limite)
    ).all()
    return list(reversed(recientes))


# ---------------------------------------------------------------- acting


def _texto(valor: str | None, campo: str) -> str:
    limpio = domain.texto(valor, campo, maximo=TEXTO_MAXIMO, multilinea=True)
    if limpio is None:
        raise DatoInvalido(f"{campo} no puede estar vacía.")
    return limpio


def _cita(texto: str) -> str:
    return domain.cortar(texto, _CITA)


def _anotar(ctx: Contexto, caso: Caso, detalle: str) -> None:
    """The line of the client's history for a step of ``caso``, and the case touched."""
    cliente = ctx.session.get(Cliente, caso.cliente_id)
    assert cliente is not None
    caso.actualizado = ctx.ahora
    ctx.session.add(caso)
    historial.sistema(ctx, cliente, EventoSistema.CASO, f"{folio(caso)} {detalle}")


def abrir(
    ctx: Contexto,
    cliente: Cliente,
    tipo: str,
    descripcion: str,
    *,
    prioridad: str = PrioridadCaso.NORMAL.value,
    propiedad: Propiedad | None = None,
) -> Caso:
    """Open a case of ``cliente`` (one the advisor may see), attended by the client's
    advisor and due after its kind's SLA; returns it with its id (and so its folio)."""
    tipo_v = parse_valor(TipoCaso, tipo, "El tipo de caso")
    prioridad_v = parse_valor(PrioridadCaso, prioridad, "La prioridad del caso")
    texto = _texto(descripcion, "La descripción del caso")
    if not alcance.puede_ver(ctx, cliente):
        raise NoEncontrado(f"No existe el cliente con id {cliente.id}.")
    assert cliente.id is not None
    dias = ajustes.sla(ctx.session)[tipo_v.value]
    caso = Caso(
        cliente_id=cliente.id,
        propiedad_id=propiedad.id if propiedad is not None else None,
        asesor_id=cliente.asesor_id,
        abierto_por_id=ctx.asesor_id,
        tipo=tipo_v,
        prioridad=prioridad_v,
        estado=EstadoCaso.ABIERTO,
        descripcion=texto,
        abierto=ctx.ahora,
        vence=domain.vence_caso(ctx.ahora, dias),
        actualizado=ctx.ahora,
    )
    ctx.session.add(caso)
    ctx.session.flush()
    sobre = f", {propiedad.clave}" if propiedad is not None else ""
    _anotar(ctx, caso, f"abierto ({tipo_v.value}, prioridad {prioridad_v.value}{sobre}): {_cita(texto)}")
    ctx.session.flush()
    return caso


def agregar_nota(ctx: Contexto, caso: Caso, texto: str) -> CasoNota:
    """Add a note to the case's follow-up (any state: a closed case can still be noted)."""
    limpio = _texto(texto, "La nota")
    assert caso.id is not None
    nota = CasoNota(
        caso_id=caso.id, cliente_id=caso.cliente_id, asesor_id=ctx.asesor_id, texto=limpio, creado=ctx.ahora
    )
    ctx.session.add(nota)
    ctx.session.flush()
    _anotar(ctx, caso, f"nota: {_cita(limpio)}")
    ctx.session.flush()
    return nota


def _check_paso(caso: Caso, nuevo: EstadoCaso) -> None:
    if nuevo in domain.SIGUIENTES[caso.estado]:
        return
    actual = caso.estado.value.replace("-", " ")
    if nuevo == EstadoCaso.CERRADO and caso.estado in ESTADOS_ABIERTOS:
        raise DatoInvalido(f"El caso {folio(caso)} está {actual}; resuélvelo antes de cerrarlo.")
    if nuevo == EstadoCaso.ABIERTO:
        raise DatoInvalido(f"El caso {folio(caso)} está {actual}; solo se reabre un caso resuelto o cerrado.")
    raise DatoInvalido(f"El caso {folio(caso)} ya está {actual}; no puede pasar a {nuevo.value.replace('-', ' ')}.")


def poner_en_proceso(ctx: Contexto, caso: Caso) -> Caso:
    """abierto → en proceso: someone is working on it."""
    _check_paso(caso, EstadoCaso.EN_PROCESO)
    caso.estado = EstadoCaso.EN_PROCESO
    _anotar(ctx, caso, "en proceso")
    ctx.session.flush()
    return caso


def resolver(ctx: Contexto, caso: Caso, resolucion: str) -> Caso:
    """abierto or en proceso → resuelto, saying how it was resolved."""
    _check_paso(caso, EstadoCaso.RESUELTO)
    texto = _texto(resolucion, "La resolución")
    caso.estado = EstadoCaso.RESUELTO
    caso.resolucion = texto
    caso.resuelto = ctx.ahora
    _anotar(ctx, caso, f"resuelto: {_cita(texto)}")
    ctx.session.flush()
    return caso


def cerrar(ctx: Contexto, caso: Caso) -> Caso:
    """resuelto → cerrado: the client agrees, nothing is left to do."""
    _check_paso(caso, EstadoCaso.CERRADO)
    caso.estado = EstadoCaso.CERRADO
    caso.cerrado = ctx.ahora
    _anotar(ctx, caso, "cerrado")
    ctx.session.flush()
    return caso


def reabrir(ctx: Contexto, caso: Caso, motivo: str) -> Caso:
    """resuelto or cerrado → abierto again, with the reason; it is due again after its
    kind's SLA, counted from now (the resolution it had stays in the history and audit)."""
    _check_paso(caso, EstadoCaso.ABIERTO)
    texto = _texto(motivo, "El motivo")
    caso.estado = EstadoCaso.ABIERTO
    caso.resolucion = None
    caso.resuelto = None
    caso.cerrado = None
    caso.reaperturas += 1
    caso.vence = domain.vence_caso(ctx.ahora, ajustes.sla(ctx.session)[caso.tipo.value])
    _anotar(ctx, caso, f"reabierto: {_cita(texto)}")
    ctx.session.flush()
    return caso


def _ve_al_cliente(ctx: Contexto, asesor: Asesor, cliente: Cliente) -> bool:
    """Whether ``asesor`` sees ``cliente`` (``alcance.puede_ver``'s rule, for someone else)."""
    assert asesor.id is not None
    if cliente.asesor_id == asesor.id or cliente.asesor_id in asesores.cubiertos(ctx.session, asesor.id, ctx.hoy):
        return True
    return asesor.rol == domain.Rol.COORDINADOR and asesor.plaza == cliente.plaza


def reasignar(ctx: Contexto, caso: Caso, ref: str) -> Caso:
    """Make the active advisor ``ref`` (login or name) responsible for the case: a
    coordinator's decision, within her plaza, for someone who sees the client."""
    asesores.requiere_coordinador(ctx, "reasignar un caso")
    asesor = asesores.activo(ctx, ref)
    if asesor.plaza != ctx.asesor.plaza:
        raise SinPermiso(
            f"{asesor.nombre} es de la plaza {asesor.plaza}; solo asignas casos en la plaza {ctx.asesor.plaza}."
        )
    cliente = ctx.session.get(Cliente, caso.cliente_id)
    assert cliente is not None
    if not _ve_al_cliente(ctx, asesor, cliente):
        raise DatoInvalido(
            f"{asesor.nombre} no atiende a {cliente.nombre}; transfiere primero el cliente "
            "o asigna el caso a su asesor."
        )
    if asesor.id == caso.asesor_id:
        raise DatoInvalido(f"El caso {folio(caso)} ya está a cargo de {asesor.nombre}.")
    assert asesor.id is not None
    caso.asesor_id = asesor.id
    _anotar(ctx, caso, f"asignado a {asesor.nombre}")
    ctx.session.flush()
    return caso


# ---------------------------------------------------------------- what the reports read


def horas_de_resolucion(caso: Caso) -> float | None:
    """Hours from opened to resolved (None while unresolved)."""
    if caso.resuelto is None:
        return None
    return round((caso.resuelto - caso.abierto).total_seconds() / 3600, 1)


def dentro_de_sla(caso: Caso) -> bool | None:
    """Whether it was resolved by its due time (None while unresolved)."""
    return None if caso.resuelto is None else caso.resuelto <= caso.vence


def resumen(ctx: Contexto, desde: datetime, hasta: datetime) -> ResumenCasos:
    """The cases opened in [``desde``, ``hasta``) among those the advisor may see: how many
    per tipo and state, how many resolved, how many of those by their due time, and the
    median time to resolve them."""
    base = FiltroCasos(estado="todos")
    en_periodo = (col(Caso.abierto) >= desde, col(Caso.abierto) < hasta)
    resumen = ResumenCasos()
    for columna, destino in ((Caso.tipo, resumen.por_tipo), (Caso.estado, resumen.por_estado)):
        consulta = _where(ctx, base, select(col(columna), func.count(col(Caso.id)))).where(*en_periodo)
        for valor, cuantos in ctx.session.exec(consulta.group_by(col(columna))).all():
            destino[valor.value] = int(cuantos)
    resumen.total = sum(resumen.por_tipo.values())
    resueltos: Sequence[tuple[datetime, datetime, datetime]] = ctx.session.exec(
        _where(ctx, base, select(Caso.abierto, Caso.resuelto, Caso.vence)).where(
            *en_periodo, col(Caso.resuelto).is_not(None)
        )
    ).all()
    horas = [(resuelto - abierto).total_seconds() / 3600 for abierto, resuelto, _vence in resueltos]
    resumen.resueltos = len(horas)
    resumen.dentro_de_sla = sum(1 for _abierto, resuelto, vence in resueltos if resuelto <= vence)
    resumen.mediana_horas = round(statistics.median(horas), 1) if horas else None
    return resumen

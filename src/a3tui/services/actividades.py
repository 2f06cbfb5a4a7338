"""Activities: calls, meetings, messages, e-mails and system entries of a client's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, true
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import (
    EventoSistema,
    LugarReunion,
    MedioEnvio,
    ResultadoLlamada,
    ResultadoReunion,
    TipoActividad,
    parse_valor,
)
from a3tui.errors import DatoInvalido
from a3tui.models import Actividad, Cliente, Propiedad, PropiedadMostrada, Tarea
from a3tui.services import Contexto, clientes
from a3tui.services import propiedades as propiedades_service

# A few minutes of slack so that "now" typed on a machine whose clock is slightly
# behind the database's is not refused as a future date.
_FUTURO_TOLERANCIA = timedelta(minutes=5)


@dataclass(frozen=True)
class Seguimiento:
    """The follow-up task to create with an activity (same transaction: both or neither)."""

    descripcion: str
    vence: date
    hora: time | None = None


@dataclass(frozen=True)
class Registro:
    """The logged activity, its follow-up task, and whether to suggest marking the client frío.

    ``dias_si_frio`` is the cadence the client would get as frío (for the question's text).
    """

    actividad: Actividad
    tarea: Tarea | None = None
    llamadas_sin_respuesta: int = 0
    sugerir_frio: bool = False
    dias_si_frio: int | None = None


@dataclass(frozen=True)
class Entrada:
    """One entry of a client's history: the activity and the properties shown in it."""

    actividad: Actividad
    propiedades: tuple[str, ...] = ()

    @property
    def resumen(self) -> str:
        return resumen(self.actividad, self.propiedades)


def _fecha(ctx: Contexto, fecha: datetime | None) -> datetime:
    if fecha is None:
        return ctx.ahora
    if fecha > ctx.ahora + _FUTURO_TOLERANCIA:
        raise DatoInvalido("La fecha de una actividad no puede ser futura; para algo por hacer crea una tarea.")
    return fecha


def _nota(text: str | None, campo: str = "La nota") -> str | None:
    return domain.texto(text, campo, maximo=5000, multilinea=True)


def _guardar(
    ctx: Contexto, cliente: Cliente, actividad: Actividad, seguimiento: Seguimiento | None
) -> tuple[Actividad, Tarea | None]:
    ctx.session.add(actividad)
    clientes.record_contacto(ctx, cliente, actividad.fecha)
    ctx.session.flush()
    tarea = None
    if seguimiento is not None:
        from a3tui.services import tareas

        tarea = tareas.add(ctx, seguimiento.descripcion, seguimiento.vence, hora=seguimiento.hora, cliente=cliente)
    return actividad, tarea


def _nueva(ctx: Contexto, cliente: Cliente, tipo: TipoActividad, fecha: datetime | None) -> Actividad:
    assert cliente.id is not None
    return Actividad(
        cliente_id=cliente.id, asesor_id=ctx.asesor_id, tipo=tipo, fecha=_fecha(ctx, fecha), creado=ctx.ahora
    )


def llamada(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str,
    *,
    duracion_min: int | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log a phone call (and its follow-up task). After the third unanswered call within
    14 days (with no answer in between), the result says to suggest marking the prospect frío.

    Raises DatoInvalido for an unknown resultado, a negative duration or a future date.
    """
    res = parse_valor(ResultadoLlamada, resultado, "El resultado de la llamada")
    if duracion_min is not None and not 0 <= duracion_min <= 600:
        raise DatoInvalido("La duración debe estar entre 0 y 600 minutos.")
    nueva = _nueva(ctx, cliente, TipoActividad.LLAMADA, fecha)
    nueva.resultado = res
    nueva.duracion_min = duracion_min
    nueva.nota = _nota(nota)
    actividad, tarea = _guardar(ctx, cliente, nueva, seguimiento)
    if res not in domain.RESULTADOS_SIN_RESPUESTA:
        return Registro(actividad, tarea)
    n = count_sin_respuesta(ctx, cliente)
    sugerir = cliente.etapa == domain.Etapa.PROSPECTO and domain.sugiere_frio(n, cliente.temperatura)
    dias = clientes.dias_cadencia(ctx, domain.Etapa.PROSPECTO, domain.Temperatura.FRIO)
    return Registro(actividad, tarea, n, sugerir, dias)


def count_sin_respuesta(ctx: Contexto, cliente: Cliente) -> int:
    """Unanswered calls in the last 14 days that came after the client's last answer."""
    desde = ctx.ahora - timedelta(days=domain.VENTANA_SIN_RESPUESTA_DIAS)
    sin_respuesta = list(domain.RESULTADOS_SIN_RESPUESTA)
    respondio = or_(
        and_(col(Actividad.tipo) == TipoActividad.LLAMADA, col(Actividad.resultado).not_in(sin_respuesta)),
        col(Actividad.tipo) == TipoActividad.REUNION,
        col(Actividad.respondio) == true(),
    )
    ultima_respuesta = ctx.session.exec(
        select(func.max(Actividad.fecha)).where(col(Actividad.cliente_id) == cliente.id, respondio)
    ).one()
    inicio = max(desde, ultima_respuesta) if ultima_respuesta else desde
    return int(
        ctx.session.exec(
            select(func.count()).where(
                col(Actividad.cliente_id) == cliente.id,
                col(Actividad.tipo) == TipoActividad.LLAMADA,
                col(Actividad.resultado).in_(sin_respuesta),
                col(Actividad.fecha) > inicio,
            )
        ).one()
    )


def reunion(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str,
    *,
    lugar: str | None = None,
    propiedades: Sequence[str] | None = None,
    siguientes_pasos: str | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log a meeting; the properties shown (by clave) are recorded as shown in person.

    Raises DatoInvalido for an unknown resultado or lugar, or a property clave that does not exist.
    """
    res = parse_valor(ResultadoReunion, resultado, "El resultado de la reunión")
    lugar_v = parse_valor(LugarReunion, lugar, "El lugar") if lugar else None
    nueva = _nueva(ctx, cliente, TipoActividad.REUNION, fecha)
    encontradas = propiedades_service.claves_por_mostrar(ctx, propiedades or [])
    nueva.resultado = res
    nueva.lugar = lugar_v
    nueva.siguientes_pasos = _nota(siguientes_pasos, "Los siguientes pasos")
    nueva.nota = _nota(nota)
    actividad, tarea = _guardar(ctx, cliente, nueva, seguimiento)
    assert cliente.id is not None
    assert actividad.id is not None
    for prop in encontradas:
        assert prop.id is not None
        ctx.session.add(
            PropiedadMostrada(
                cliente_id=cliente.id,
                propiedad_id=prop.id,
                asesor_id=ctx.asesor_id,
                actividad_id=actividad.id,
                fecha=actividad.fecha,
                medio=MedioEnvio.EN_PERSONA,
            )
        )
    ctx.session.flush()
    return Registro(actividad, tarea)


def mensaje(
    ctx: Contexto,
    cliente: Cliente,
    *,
    contenido: str | None = None,
    respondio: bool | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log a WhatsApp/SMS message sent to the client."""
    return _escrito(ctx, cliente, TipoActividad.MENSAJE, None, contenido, respondio, nota, fecha, seguimiento)


def email(
    ctx: Contexto,
    cliente: Cliente,
    *,
    asunto: str | None = None,
    contenido: str | None = None,
    respondio: bool | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log an e-mail sent to the client."""
    return _escrito(ctx, cliente, TipoActividad.EMAIL, asunto, contenido, respondio, nota, fecha, seguimiento)


def _escrito(
    ctx: Contexto,
    cliente: Cliente,
    tipo: TipoActividad,
    asunto: str | None,
    contenido: str | None,
    respondio: bool | None,
    nota: str | None,
    fecha: datetime | None,
    seguimiento: Seguimiento | None,
) -> Registro:
    """A written contact (message or e-mail): what was sent and whether the client answered."""
    nueva = _nueva(ctx, cliente, tipo, fecha)
    nueva.asunto = domain.texto(asunto, "El asunto")
    nueva.contenido = _nota(contenido, "El contenido")
    nueva.respondio = respondio
    nueva.nota = _nota(nota)
    actividad, tarea = _guardar(ctx, cliente, nueva, seguimiento)
    return Registro(actividad, tarea)


def sistema(ctx: Contexto, cliente: Cliente, evento: EventoSistema, detalle: str) -> Actividad:
    """Write a system entry (stage change, transfer, …) in the client's history.

    System entries are not contacts: they do not move the next-contact date.
    """
    actividad = _nueva(ctx, cliente, TipoActividad.SISTEMA, None)
    actividad.evento = evento
    actividad.detalle = detalle
    ctx.session.add(actividad)
    ctx.session.flush()
    return actividad


def list_(ctx: Contexto, cliente: Cliente, *, limit: int | None = None, offset: int = 0) -> list[Entrada]:
    """The client's history, newest first (system entries included), each entry with the
    properties shown in it."""
    if offset < 0 or (limit is not None and limit < 0):
        return []
    query = (
        select(Actividad)
        .where(col(Actividad.cliente_id) == cliente.id)
        .order_by(col(Actividad.fecha).desc(), col(Actividad.id).desc())
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    actividades = list(ctx.session.exec(query).all())
    reuniones = [a.id for a in actividades if a.tipo == TipoActividad.REUNION and a.id is not None]
    mostradas: dict[int, list[str]] = {}
    if reuniones:
        for actividad_id, clave in ctx.session.exec(
            select(PropiedadMostrada.actividad_id, Propiedad.clave)
            .join(Propiedad, col(PropiedadMostrada.propiedad_id) == Propiedad.id)
            .where(col(PropiedadMostrada.actividad_id).in_(reuniones))
            .order_by(col(PropiedadMostrada.id))
        ).all():
            if actividad_id is not None:
                mostradas.setdefault(actividad_id, []).append(clave)
    return [Entrada(a, tuple(mostradas.get(a.id or 0, ()))) for a in actividades]


def count(ctx: Contexto, cliente: Cliente) -> int:
    """How many entries the client's history has."""
    return int(ctx.session.exec(select(func.count()).where(col(Actividad.cliente_id) == cliente.id)).one())


def resumen(actividad: Actividad, propiedades: Sequence[str] = ()) -> str:
    """One Spanish line describing an activity, for lists and the history."""
    if actividad.tipo == TipoActividad.SISTEMA:
        titulo = actividad.evento.titulo if actividad.evento else "Sistema"
        return f"{titulo}: {actividad.detalle or ''}".strip()
    partes: list[str] = []
    if actividad.resultado:
        partes.append(actividad.resultado.value)
    if actividad.duracion_min is not None:
        partes.append(f"{actividad.duracion_min} min")
    if actividad.lugar:
        partes.append(f"en {actividad.lugar.value}")
    if propiedades:
        partes.append(f"propiedades: {', '.join(propiedades)}")
    if actividad.asunto:
        partes.append(f"«{actividad.asunto}»")
    if actividad.contenido:
        partes.append(actividad.contenido)
    if actividad.respondio is not None:
        partes.append("respondió" if actividad.respondio else "no respondió")
    if actividad.siguientes_pasos:
        partes.append(f"siguientes pasos: {actividad.siguientes_pasos}")
    if actividad.nota:
        partes.append(actividad.nota)
    etiqueta = actividad.tipo.etiqueta
    return f"{etiqueta}: " + " · ".join(partes) if partes else etiqueta

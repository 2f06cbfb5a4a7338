"""Activities: calls, meetings, messages, e-mails and system entries of a client's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import (
    EventoSistema,
    LugarReunion,
    MedioEnvio,
    ResultadoLlamada,
    ResultadoReunion,
    Temperatura,
    TipoActividad,
    parse_valor,
)
from a3tui.errors import DatoInvalido
from a3tui.models import Actividad, Cliente, Propiedad, PropiedadMostrada
from a3tui.services import Contexto, clientes

# A few minutes of slack so that "now" typed on a machine whose clock is slightly
# behind the database's is not refused as a future date.
_FUTURO_TOLERANCIA = timedelta(minutes=5)


@dataclass(frozen=True)
class Registro:
    """The logged activity, and whether the client should now be marked frío."""

    actividad: Actividad
    llamadas_sin_respuesta: int = 0
    sugerir_frio: bool = False


def _fecha(ctx: Contexto, fecha: datetime | None) -> datetime:
    if fecha is None:
        return ctx.ahora
    if fecha > ctx.ahora + _FUTURO_TOLERANCIA:
        raise DatoInvalido("La fecha de una actividad no puede ser futura; para algo por hacer crea una tarea.")
    return fecha


def _nota(text: str | None, campo: str = "La nota") -> str | None:
    return domain.texto(text, campo, maximo=5000, multilinea=True)


def _guardar(ctx: Contexto, cliente: Cliente, actividad: Actividad) -> Actividad:
    ctx.session.add(actividad)
    clientes.registrar_contacto(ctx, cliente, actividad.fecha)
    ctx.session.flush()
    return actividad


def llamada(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str,
    *,
    duracion_min: int | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
) -> Registro:
    """Log a phone call. After the third unanswered call within 14 days (with no answer
    in between), the result says to suggest marking the prospect frío.

    Raises DatoInvalido for an unknown resultado, a negative duration or a future date.
    """
    res = parse_valor(ResultadoLlamada, resultado, "El resultado de la llamada")
    if duracion_min is not None and not 0 <= duracion_min <= 600:
        raise DatoInvalido("La duración debe estar entre 0 y 600 minutos.")
    actividad = _guardar(
        ctx,
        cliente,
        Actividad(
            cliente_id=cliente.id,
            asesor_id=ctx.asesor.id,
            tipo=TipoActividad.LLAMADA.value,
            fecha=_fecha(ctx, fecha),
            resultado=res.value,
            duracion_min=duracion_min,
            nota=_nota(nota),
            creado=ctx.ahora,
        ),
    )
    if res not in domain.RESULTADOS_SIN_RESPUESTA:
        return Registro(actividad)
    n = llamadas_sin_respuesta(ctx, cliente)
    sugerir = cliente.etapa == "prospecto" and domain.sugiere_frio(
        n, Temperatura(cliente.temperatura) if cliente.temperatura else None
    )
    return Registro(actividad, n, sugerir)


def llamadas_sin_respuesta(ctx: Contexto, cliente: Cliente) -> int:
    """Unanswered calls in the last 14 days that came after the client's last answer."""
    desde = ctx.ahora - timedelta(days=domain.VENTANA_SIN_RESPUESTA_DIAS)
    respondio = or_(
        and_(
            Actividad.tipo == TipoActividad.LLAMADA.value,
            col(Actividad.resultado).not_in([r.value for r in domain.RESULTADOS_SIN_RESPUESTA]),
        ),
        Actividad.tipo == TipoActividad.REUNION.value,
        Actividad.respondio == True,  # noqa: E712 - SQL expression
    )
    ultima_respuesta = ctx.session.exec(
        select(func.max(Actividad.fecha)).where(Actividad.cliente_id == cliente.id, respondio)
    ).one()
    inicio = max(desde, ultima_respuesta) if ultima_respuesta else desde
    return ctx.session.exec(
        select(func.count()).where(
            Actividad.cliente_id == cliente.id,
            Actividad.tipo == TipoActividad.LLAMADA.value,
            col(Actividad.resultado).in_([r.value for r in domain.RESULTADOS_SIN_RESPUESTA]),
            Actividad.fecha > inicio,
        )
    ).one()


def reunion(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str,
    *,
    lugar: str | None = None,
    propiedades: list[str] | None = None,
    siguientes_pasos: str | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
) -> Registro:
    """Log a meeting; the properties shown (by clave) are recorded as shown in person.

    Raises DatoInvalido for an unknown resultado or lugar, or a property clave that does not exist.
    """
    res = parse_valor(ResultadoReunion, resultado, "El resultado de la reunión")
    lugar_v = parse_valor(LugarReunion, lugar, "El lugar") if lugar else None
    momento = _fecha(ctx, fecha)
    encontradas: list[Propiedad] = []
    for clave in propiedades or []:
        clave = clave.strip()
        if not clave:
            continue
        prop = ctx.session.exec(select(Propiedad).where(func.upper(Propiedad.clave) == clave.upper())).first()
        if prop is None:
            raise DatoInvalido(f"No existe la propiedad con clave «{clave}».")
        encontradas.append(prop)
    actividad = _guardar(
        ctx,
        cliente,
        Actividad(
            cliente_id=cliente.id,
            asesor_id=ctx.asesor.id,
            tipo=TipoActividad.REUNION.value,
            fecha=momento,
            resultado=res.value,
            lugar=lugar_v.value if lugar_v else None,
            siguientes_pasos=_nota(siguientes_pasos, "Los siguientes pasos"),
            nota=_nota(nota),
            detalle=", ".join(p.clave for p in encontradas) or None,
            creado=ctx.ahora,
        ),
    )
    for prop in encontradas:
        ctx.session.add(
            PropiedadMostrada(
                cliente_id=cliente.id,
                propiedad_id=prop.id,
                asesor_id=ctx.asesor.id,
                actividad_id=actividad.id,
                fecha=momento,
                medio=MedioEnvio.EN_PERSONA.value,
            )
        )
    ctx.session.flush()
    return Registro(actividad)


def mensaje(
    ctx: Contexto,
    cliente: Cliente,
    *,
    contenido: str | None = None,
    respondio: bool | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
) -> Registro:
    """Log a WhatsApp/SMS message sent to the client."""
    return _escrito(ctx, cliente, TipoActividad.MENSAJE, None, contenido, respondio, nota, fecha)


def email(
    ctx: Contexto,
    cliente: Cliente,
    *,
    asunto: str | None = None,
    contenido: str | None = None,
    respondio: bool | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
) -> Registro:
    """Log an e-mail sent to the client."""
    return _escrito(ctx, cliente, TipoActividad.EMAIL, asunto, contenido, respondio, nota, fecha)


def _escrito(
    ctx: Contexto,
    cliente: Cliente,
    tipo: TipoActividad,
    asunto: str | None,
    contenido: str | None,
    respondio: bool | None,
    nota: str | None,
    fecha: datetime | None,
) -> Registro:
    """A written contact (message or e-mail): what was sent and whether the client answered."""
    return Registro(
        _guardar(
            ctx,
            cliente,
            Actividad(
                cliente_id=cliente.id,
                asesor_id=ctx.asesor.id,
                tipo=tipo.value,
                fecha=_fecha(ctx, fecha),
                asunto=domain.texto(asunto, "El asunto"),
                contenido=_nota(contenido, "El contenido"),
                respondio=respondio,
                nota=_nota(nota),
                creado=ctx.ahora,
            ),
        )
    )


def sistema(ctx: Contexto, cliente: Cliente, evento: EventoSistema, detalle: str) -> Actividad:
    """Write a system entry (stage change, transfer, …) in the client's history.

    System entries are not contacts: they do not move the next-contact date.
    """
    actividad = Actividad(
        cliente_id=cliente.id,
        asesor_id=ctx.asesor.id,
        tipo=TipoActividad.SISTEMA.value,
        fecha=ctx.ahora,
        evento=evento.value,
        detalle=detalle,
        creado=ctx.ahora,
    )
    ctx.session.add(actividad)
    ctx.session.flush()
    return actividad


def list_(ctx: Contexto, cliente: Cliente, *, limit: int | None = None, offset: int = 0) -> list[Actividad]:
    """The client's history, newest first (system entries included)."""
    query = (
        select(Actividad)
        .where(Actividad.cliente_id == cliente.id)
        .order_by(col(Actividad.fecha).desc(), col(Actividad.id).desc())
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(ctx.session.exec(query).all())


def count_semana(ctx: Contexto) -> int:
    """Contact activities logged this week (Monday to now): the advisor's own, or for a
    coordinator those with the clients of their plaza."""
    lunes = datetime.combine(ctx.hoy - timedelta(days=ctx.hoy.weekday()), datetime.min.time())
    if ctx.es_coordinador:
        quien = col(Actividad.cliente_id).in_(select(Cliente.id).where(Cliente.plaza == ctx.asesor.plaza))
    else:
        quien = Actividad.asesor_id == ctx.asesor.id
    return ctx.session.exec(
        select(func.count()).where(quien, Actividad.tipo != TipoActividad.SISTEMA.value, Actividad.fecha >= lunes)
    ).one()


def resumen(actividad: Actividad) -> str:
    """One Spanish line describing an activity, for lists and the history."""
    tipo = TipoActividad(actividad.tipo)
    partes: list[str] = []
    if tipo == TipoActividad.SISTEMA:
        evento = actividad.evento or ""
        nombre = {
            "cambio-etapa": "Cambio de etapa",
            "cambio-temperatura": "Cambio de temperatura",
            "propiedad-compartida": "Propiedad compartida",
            "transferencia": "Transferencia",
            "fusión": "Fusión",
            "apartado": "Apartado",
        }.get(evento, evento)
        return f"{nombre}: {actividad.detalle or ''}".strip()
    if actividad.resultado:
        partes.append(actividad.resultado)
    if actividad.duracion_min is not None:
        partes.append(f"{actividad.duracion_min} min")
    if actividad.lugar:
        partes.append(f"en {actividad.lugar}")
    if actividad.detalle:
        partes.append(f"propiedades: {actividad.detalle}")
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
    return f"{tipo.etiqueta}: " + " · ".join(partes) if partes else tipo.etiqueta

"""Activities: calls, meetings, messages, e-mails and system entries of a client's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, false, or_, true
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from a3tui import domain
from a3tui.domain import (
    LugarReunion,
    MedioEnvio,
    ResultadoLlamada,
    ResultadoReunion,
    TipoActividad,
    parse_valor,
)
from a3tui.errors import DatoInvalido, NoEncontrado, en_campo
from a3tui.models import Actividad, Cliente, Propiedad, PropiedadMostrada, Tarea
from a3tui.services import Contexto, alcance, clientes, historial, tareas
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
    citas_cerradas: tuple[Tarea, ...] = ()


@dataclass(frozen=True)
class Entrada:
    """One entry of a client's history: the activity and the properties shown in it."""

    actividad: Actividad
    propiedades: tuple[str, ...] = ()

    @property
    def resumen(self) -> str:
        return resumen(self.actividad, self.propiedades)


def es_cita(fecha: datetime, ahora: datetime) -> bool:
    """Whether a meeting at ``fecha`` is still to happen: it is scheduled as a cita (with the
    place and the properties to show), not logged with a result."""
    return fecha > ahora + _FUTURO_TOLERANCIA


def _fecha(ctx: Contexto, fecha: datetime | None) -> datetime:
    if fecha is None:
        return ctx.ahora
    if es_cita(fecha, ctx.ahora):
        raise DatoInvalido(
            "La fecha de una actividad no puede ser futura; para algo por hacer crea una tarea.", campo="fecha"
        )
    return fecha


def _nota(text: str | None, nombre: str = "La nota", campo: str = "nota") -> str | None:
    with en_campo(campo):
        return domain.texto(text, nombre, maximo=domain.TEXTO_LARGO_MAXIMO, multilinea=True)


def _guardar(
    ctx: Contexto, cliente: Cliente, actividad: Actividad, seguimiento: Seguimiento | None
) -> tuple[Actividad, Tarea | None]:
    ctx.session.add(actividad)
    clientes.registrar_contacto(ctx, cliente, actividad.fecha)
    ctx.session.flush()
    tarea = None
    if seguimiento is not None:
        with en_campo("seguimiento"):
            tarea = tareas.add(
                ctx,
                seguimiento.descripcion,
                seguimiento.vence,
                hora=seguimiento.hora,
                cliente=cliente,
                sigue_a=actividad,
            )
    return actividad, tarea


def _nueva(ctx: Contexto, cliente: Cliente, tipo: TipoActividad, fecha: datetime | None) -> Actividad:
    return historial.nueva(ctx, cliente, tipo, _fecha(ctx, fecha))


def llamada(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str | None,
    *,
    entrante: bool = False,
    duracion_min: int | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log a phone call (and its follow-up task). After the third unanswered call within
    14 days (with no answer in between), the result says to suggest marking the prospect frío.

    An inbound call (``entrante``: the client called) was answered by definition: its
    resultado is optional and can't be one of the unanswered ones.

    Raises DatoInvalido for an unknown resultado, a negative duration or a future date.
    """
    with en_campo("resultado"):
        res = _resultado_llamada(resultado, entrante)
    if duracion_min is not None and not 0 <= duracion_min <= 600:
        raise DatoInvalido("La duración debe estar entre 0 y 600 minutos.", campo="duracion")
    nueva = _nueva(ctx, cliente, TipoActividad.LLAMADA, fecha)
    nueva.resultado = res
    nueva.entrante = entrante
    nueva.duracion_min = duracion_min
    nueva.nota = _nota(nota)
    actividad, tarea = _guardar(ctx, cliente, nueva, seguimiento)
    if res is None or res not in domain.RESULTADOS_SIN_RESPUESTA:
        return Registro(actividad, tarea)
    n = count_sin_respuesta(ctx, cliente)
    sugerir = cliente.etapa == domain.Etapa.PROSPECTO and domain.sugiere_frio(n, cliente.temperatura)
    dias = clientes.dias_cadencia(ctx, domain.Etapa.PROSPECTO, domain.Temperatura.FRIO)
    return Registro(actividad, tarea, n, sugerir, dias)


def _resultado_llamada(resultado: str | None, entrante: bool) -> ResultadoLlamada | None:
    if not resultado or not resultado.strip():
        if entrante:
            return None
        raise DatoInvalido(
            "Indica el resultado de la llamada: contestó-interesado, contestó-llamar-después, "
            "no-contestó o dejé-mensaje."
        )
    res = parse_valor(ResultadoLlamada, resultado, "El resultado de la llamada")
    if entrante and res in domain.RESULTADOS_SIN_RESPUESTA:
        raise DatoInvalido(
            f"Una llamada entrante no puede ser «{res.value}»: te llamó el cliente; "
            "usa contestó-interesado o contestó-llamar-después, o no indiques resultado."
        )
    return res


def count_sin_respuesta(ctx: Contexto, cliente: Cliente) -> int:
    """Unanswered calls in the last 14 days that came after the client's last answer."""
    desde = ctx.ahora - timedelta(days=domain.VENTANA_SIN_RESPUESTA_DIAS)
    sin_respuesta = list(domain.RESULTADOS_SIN_RESPUESTA)
    respondio = or_(
        and_(col(Actividad.tipo) == TipoActividad.LLAMADA, col(Actividad.resultado).not_in(sin_respuesta)),
        col(Actividad.tipo) == TipoActividad.REUNION,
        col(Actividad.respondio) == true(),
        col(Actividad.entrante) == true(),
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
    with en_campo("resultado"):
        res = parse_valor(ResultadoReunion, resultado, "El resultado de la reunión")
    with en_campo("lugar"):
        lugar_v = parse_valor(LugarReunion, lugar, "El lugar") if lugar else None
    nueva = _nueva(ctx, cliente, TipoActividad.REUNION, fecha)
    with en_campo("propiedades"):
        encontradas = propiedades_service.claves_por_mostrar(ctx, propiedades or [])
    nueva.resultado = res
    nueva.lugar = lugar_v
    nueva.siguientes_pasos = _nota(siguientes_pasos, "Los siguientes pasos", "siguientes_pasos")
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
    cerradas = tareas.cerrar_citas(ctx, cliente, actividad.fecha.date())
    return Registro(actividad, tarea, citas_cerradas=tuple(cerradas))


def reunion_o_cita(
    ctx: Contexto,
    cliente: Cliente,
    resultado: str | None,
    *,
    lugar: str | None = None,
    propiedades: Sequence[str] | None = None,
    siguientes_pasos: str | None = None,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro | Tarea:
    """A meeting as the advisor gives it: one at a future ``fecha`` is scheduled (a cita,
    see ``tareas.agendar_cita``), keeping the ``propiedades`` to show there, and has no
    result yet; any other is logged with its result and the properties shown.

    Raises DatoInvalido for a future meeting with a result or a follow-up (they belong to
    the meeting once it happens), or a past one without a result; NoEncontrado for a
    property key that does not exist.
    """
    if fecha is not None and es_cita(fecha, ctx.ahora):
        if (resultado and resultado.strip()) or seguimiento is not None:
            raise DatoInvalido(
                "Una reunión futura se agenda como cita y todavía no tiene resultado ni tarea de seguimiento; "
                "regístralos cuando ocurra.",
                campo="resultado" if resultado and resultado.strip() else "seguimiento",
            )
        with en_campo("propiedades"):
            por_mostrar = propiedades_service.claves_por_mostrar(ctx, propiedades or [])
        return tareas.agendar_cita(
            ctx, cliente, fecha, lugar=lugar, nota=_unir(siguientes_pasos, nota), propiedades=por_mostrar
        )
    if not resultado or not resultado.strip():
        raise DatoInvalido(
            "Indica el resultado de la reunión (muy-interesado, lo-pensará o no-le-gustó), "
            "o una fecha futura para agendarla como cita.",
            campo="resultado",
        )
    return reunion(
        ctx,
        cliente,
        resultado,
        lugar=lugar,
        propiedades=propiedades,
        siguientes_pasos=siguientes_pasos,
        nota=nota,
        fecha=fecha,
        seguimiento=seguimiento,
    )


@dataclass(frozen=True)
class CitaPorRegistrar:
    """A scheduled meeting, as the meeting to log from it starts: its place and the keys of
    the properties the advisor meant to show."""

    tarea_id: int
    lugar: LugarReunion | None
    propiedades: tuple[str, ...]


def cita_por_registrar(ctx: Contexto, tarea_id: int) -> CitaPorRegistrar | None:
    """The cita ``tarea_id`` (place, properties to show) to log its meeting from; None when
    that task is not a pending cita.

    Raises NoEncontrado for a task the advisor can't see.
    """
    tarea = tareas.get(ctx, tarea_id)
    if not tarea.cita or tarea.hecha or tarea.id is None:
        return None
    claves = tuple(c.strip() for c in (tarea.propiedades or "").split(",") if c.strip())
    return CitaPorRegistrar(tarea.id, tarea.lugar, claves)


def _unir(*textos: str | None) -> str | None:
    partes = [t.strip() for t in textos if t and t.strip()]
    return " · ".join(partes) or None


def mensaje(
    ctx: Contexto,
    cliente: Cliente,
    *,
    contenido: str | None = None,
    respondio: bool | None = None,
    entrante: bool = False,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log a WhatsApp/SMS message sent to the client (or, ``entrante``, received from them)."""
    return _escrito(ctx, cliente, TipoActividad.MENSAJE, None, contenido, respondio, entrante, nota, fecha, seguimiento)


def email(
    ctx: Contexto,
    cliente: Cliente,
    *,
    asunto: str | None = None,
    contenido: str | None = None,
    respondio: bool | None = None,
    entrante: bool = False,
    nota: str | None = None,
    fecha: datetime | None = None,
    seguimiento: Seguimiento | None = None,
) -> Registro:
    """Log an e-mail sent to the client (or, ``entrante``, received from them)."""
    return _escrito(ctx, cliente, TipoActividad.EMAIL, asunto, contenido, respondio, entrante, nota, fecha, seguimiento)


def _escrito(
    ctx: Contexto,
    cliente: Cliente,
    tipo: TipoActividad,
    asunto: str | None,
    contenido: str | None,
    respondio: bool | None,
    entrante: bool,
    nota: str | None,
    fecha: datetime | None,
    seguimiento: Seguimiento | None,
) -> Registro:
    """A written contact (message or e-mail): what was sent and whether the client answered.
    One the client sent (``entrante``) is their answer; whether they answered doesn't apply."""
    if entrante and respondio is not None:
        raise DatoInvalido(
            "Un mensaje que te envió el cliente no lleva «respondió»: él es quien escribió.", campo="respondio"
        )
    nueva = _nueva(ctx, cliente, tipo, fecha)
    with en_campo("asunto"):
        nueva.asunto = domain.texto(asunto, "El asunto")
    nueva.contenido = _nota(contenido, "El contenido", "contenido")
    nueva.respondio = respondio
    nueva.entrante = entrante
    nueva.nota = _nota(nota)
    actividad, tarea = _guardar(ctx, cliente, nueva, seguimiento)
    return Registro(actividad, tarea)


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


def _en_frase(etiqueta: str) -> str:
    """``Contestó, llamar después`` → ``contestó, llamar después`` (inside a line)."""
    return etiqueta[:1].lower() + etiqueta[1:]


def resumen(actividad: Actividad, propiedades: Sequence[str] = ()) -> str:
    """One Spanish line describing an activity, for lists and the history."""
    if actividad.tipo == TipoActividad.SISTEMA:
        titulo = actividad.evento.titulo if actividad.evento else "Sistema"
        return f"{titulo}: {actividad.detalle or ''}".strip()
    partes: list[str] = []
    if actividad.entrante:
        partes.append("del cliente" if actividad.tipo != TipoActividad.LLAMADA else "entrante")
    if actividad.resultado:
        partes.append(_en_frase(actividad.resultado.etiqueta))
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


# ---------------------------------------------------------------- pending replies


@dataclass(frozen=True)
class PorResponder:
    """A message or e-mail the client hasn't answered, with whose it is and how long ago."""

    actividad: Actividad
    cliente_id: int
    cliente: str
    dias: int

    @property
    def resumen(self) -> str:
        return resumen(self.actividad)


# How far back «pendientes de respuesta» looks.
VENTANA_POR_RESPONDER_DIAS = 30


def condicion_respuesta(actividad: type[Actividad] = Actividad) -> ColumnElement[bool]:
    """An activity in which the client answered: an answered or inbound call, a meeting,
    a message or e-mail they answered or sent."""
    return or_(
        and_(
            col(actividad.tipo) == TipoActividad.LLAMADA,
            or_(
                col(actividad.resultado).is_(None),
                col(actividad.resultado).not_in(list(domain.RESULTADOS_SIN_RESPUESTA)),
            ),
        ),
        col(actividad.tipo) == TipoActividad.REUNION,
        col(actividad.respondio) == true(),
        col(actividad.entrante) == true(),
    )


def _por_responder(ctx: Contexto) -> ColumnElement[bool]:
    respuesta = aliased(Actividad)
    contestado_despues = (
        select(respuesta.id)
        .where(
            col(respuesta.cliente_id) == col(Actividad.cliente_id),
            col(respuesta.fecha) > col(Actividad.fecha),
            condicion_respuesta(respuesta),
        )
        .exists()
    )
    return and_(
        # Recent ones only: after VENTANA_POR_RESPONDER_DIAS a message is no longer
        # «waiting» (the follow-up cadence has taken over), and the window keeps the
        # query to a few rows of the million an office has (bench: `a3 hoy` at 100k).
        col(Actividad.fecha) >= ctx.ahora - timedelta(days=VENTANA_POR_RESPONDER_DIAS),
        col(Actividad.tipo).in_([TipoActividad.MENSAJE, TipoActividad.EMAIL]),
        col(Actividad.respondio) == false(),
        col(Actividad.entrante) == false(),
        alcance.cartera(ctx),
        col(Cliente.etapa) != domain.Etapa.CANCELADO,
        ~contestado_despues,
    )


def pendientes_de_respuesta(ctx: Contexto, *, limit: int = 50, offset: int = 0) -> list[PorResponder]:
    """Messages and e-mails of the portfolio marked «no respondió», oldest first, while the
    client hasn't answered since (in any way: a call, a meeting, a message of theirs)."""
    filas = ctx.session.exec(
        select(Actividad, Cliente.nombre)
        .join(Cliente, col(Cliente.id) == col(Actividad.cliente_id))
        .where(_por_responder(ctx))
        .order_by(col(Actividad.fecha), col(Actividad.id))
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    ).all()
    return [PorResponder(a, a.cliente_id, nombre, (ctx.hoy - a.fecha.date()).days) for a, nombre in filas]


def count_pendientes_de_respuesta(ctx: Contexto, *, hasta: int | None = None) -> int:
    """How many entries ``pendientes_de_respuesta`` has in all; with ``hasta``, stop
    counting there (a cheap "more than N" for the dashboard of a large office)."""
    ids = select(Actividad.id).join(Cliente, col(Cliente.id) == col(Actividad.cliente_id)).where(_por_responder(ctx))
    if hasta is not None:
        ids = ids.limit(hasta)
    return int(ctx.session.exec(select(func.count()).select_from(ids.subquery())).one())


def marcar_respondido(ctx: Contexto, actividad_id: int) -> Actividad:
    """The client answered this message or e-mail after all: it leaves «pendiente de responder».

    Raises NoEncontrado for an activity the advisor can't see, DatoInvalido for one that
    is not a message or e-mail sent to the client, or was already answered.
    """
    actividad = ctx.session.get(Actividad, actividad_id) if domain.id_valido(actividad_id) else None
    cliente = ctx.session.get(Cliente, actividad.cliente_id) if actividad is not None else None
    if actividad is None or cliente is None or not alcance.puede_ver(ctx, cliente):
        raise NoEncontrado(f"No existe la actividad {actividad_id}.")
    if actividad.tipo not in (TipoActividad.MENSAJE, TipoActividad.EMAIL) or actividad.entrante:
        raise DatoInvalido(
            f"La actividad {actividad_id} no es un mensaje ni un email enviado al cliente; solo esos esperan respuesta."
        )
    if actividad.respondio:
        raise DatoInvalido(f"La actividad {actividad_id} ya estaba marcada como respondida.")
    actividad.respondio = True
    ctx.session.add(actividad)
    ctx.session.flush()
    return actividad

"""Follow-up: the cadence between contacts, the next contact, alerts, unanswered
attempts and the follow-up a result proposes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from a3tui.domain.valores import Alerta, Etapa, ResultadoLlamada, ResultadoReunion, Temperatura, TipoActividad

# ---------------------------------------------------------------- cadence and alerts

# Days between contacts. Keys are an etapa, or (prospecto, temperatura).
CADENCIA_DEFAULT: dict[str, int] = {
    "prospecto/caliente": 3,
    "prospecto/tibio": 7,
    "prospecto/frío": 21,
    "apartado": 2,
    "escriturado": 7,
    "entregado": 30,
}

DIAS_FRIO_DEFAULT = 7
# Longest idle period a filter accepts (a century): beyond it dates leave the calendar.
DIAS_MAXIMO = 36_500
LLAMADAS_SIN_RESPUESTA = 3
VENTANA_SIN_RESPUESTA_DIAS = 14


def clave_cadencia(etapa: Etapa, temperatura: Temperatura | None) -> str | None:
    """The cadence key for a client; None when the stage has no follow-up (cancelado)."""
    if etapa == Etapa.CANCELADO:
        return None
    if etapa == Etapa.PROSPECTO:
        return f"prospecto/{(temperatura or Temperatura.TIBIO).value}"
    return str(etapa.value)


def dias_cadencia(etapa: Etapa, temperatura: Temperatura | None, cadencia: dict[str, int] | None = None) -> int | None:
    """Days between contacts for a client in ``etapa``; a prospect without temperature is tibio."""
    key = clave_cadencia(etapa, temperatura)
    if key is None:
        return None
    return (cadencia or CADENCIA_DEFAULT)[key]


def proximo_contacto(
    etapa: Etapa,
    temperatura: Temperatura | None,
    ultimo_contacto: datetime | None,
    primer_contacto: date,
    cadencia: dict[str, int] | None = None,
    ultimo_intento: datetime | None = None,
    tarea_pendiente: date | None = None,
    por_contestar: datetime | None = None,
) -> date | None:
    """Next contact due = last contact (else first contact) + cadence; None if cancelled.

    A pending follow-up task (``tarea_pendiente``: the earliest one's date; a task created
    with an activity, ``Tarea.actividad_id``) is the date agreed with the client — «llámame
    el viernes» — and wins over the cadence, sooner or later; done or deleted, the cadence
    applies again. A message the client sent that nobody has answered yet
    (``por_contestar``) makes the contact due that day, whatever the rest says.

    An unanswered attempt (``ultimo_intento``, see ``es_intento_sin_respuesta``) is not a
    contact: an attempt after the last contact leaves the client due, to be retried
    the next day, so the date never moves later than the day after the attempt (an overdue
    client stays overdue).
    """
    dias = dias_cadencia(etapa, temperatura, cadencia)
    if dias is None:
        return None
    if tarea_pendiente is not None:
        proximo = tarea_pendiente
    else:
        base = ultimo_contacto.date() if ultimo_contacto else primer_contacto
        proximo = base + timedelta(days=dias)
        if ultimo_intento is not None and (ultimo_contacto is None or ultimo_intento > ultimo_contacto):
            proximo = min(proximo, ultimo_intento.date() + timedelta(days=1))
    if por_contestar is not None:
        proximo = min(proximo, por_contestar.date())
    return proximo


def rango_alerta(alerta: Alerta, hoy: date) -> tuple[date | None, date | None]:
    """The next-contact dates (inclusive bounds, None = open) that get ``alerta`` on ``hoy``:
    red = overdue, yellow = due today or tomorrow, green = later. ``alerta`` and the SQL
    filters of the lists both read these bounds."""
    manana = hoy + timedelta(days=1)
    if alerta == Alerta.ROJO:
        return None, hoy - timedelta(days=1)
    if alerta == Alerta.AMARILLO:
        return hoy, manana
    return manana + timedelta(days=1), None


def alerta(proximo: date | None, hoy: date) -> Alerta | None:
    """The alert of a next-contact date; None when the client has no follow-up."""
    if proximo is None:
        return None
    for opcion in Alerta:
        desde, hasta = rango_alerta(opcion, hoy)
        if (desde is None or proximo >= desde) and (hasta is None or proximo <= hasta):
            return opcion
    raise AssertionError("the alert ranges cover every date")


def temperatura_vigente(etapa: Etapa, temperatura: Temperatura | None) -> Temperatura | None:
    """The temperature worth showing: only a prospect has one; a client who
    moved on keeps the old value in the database, but it no longer describes them."""
    return temperatura if etapa == Etapa.PROSPECTO else None


def etapa_con_temperatura(
    etapa: Etapa, temperatura: Temperatura | None, formato: str = "{etapa} · {temperatura}"
) -> str:
    """``prospecto · caliente``, or just the stage when the temperature doesn't apply."""
    vigente = temperatura_vigente(etapa, temperatura)
    return formato.format(etapa=etapa.value, temperatura=vigente.value) if vigente else etapa.value


def sugiere_frio(llamadas_sin_respuesta: int, temperatura: Temperatura | None) -> bool:
    """Three unanswered calls in the window suggest marking a prospect frío."""
    return llamadas_sin_respuesta >= LLAMADAS_SIN_RESPUESTA and temperatura != Temperatura.FRIO


RESULTADOS_SIN_RESPUESTA = (ResultadoLlamada.NO_CONTESTO, ResultadoLlamada.DEJE_MENSAJE)


def es_intento_sin_respuesta(tipo: TipoActividad, resultado: ResultadoLlamada | ResultadoReunion | None) -> bool:
    """A call nobody answered (no-contestó, dejé-mensaje): an attempt, not a contact. A message
    or e-mail is a contact even without a reply: it delivered its content."""
    return tipo == TipoActividad.LLAMADA and resultado in RESULTADOS_SIN_RESPUESTA


# Results after which a follow-up task is proposed: its text (``{nombre}`` is the client's)
# and when it falls due, as an advisor would type it.
SEGUIMIENTO_PROPUESTO: dict[ResultadoLlamada | ResultadoReunion, tuple[str, str]] = {
    ResultadoLlamada.CONTESTO_LLAMAR_DESPUES: ("Llamar a {nombre}", "mañana"),
    ResultadoReunion.LO_PENSARA: ("Dar seguimiento a {nombre}", "+3"),
}

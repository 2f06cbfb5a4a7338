"""Domain vocabulary and value rules of a3 (see ARCHITECTURE.md §2).

Pure Python: enums, cadence, alert colour, accent folding, phone/e-mail
normalisation and date parsing. Nothing here touches the database or the screen.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, TypeVar

from a3tui.errors import DatoInvalido

if TYPE_CHECKING:
    from collections.abc import Mapping
    from zoneinfo import ZoneInfo

# ---------------------------------------------------------------- text


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents: ``"Pérez Ñandú"`` → ``"perez nandu"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


# Characters that act on a terminal instead of printing: C0 and C1 controls, DEL, and the
# bidirectional overrides that reorder what is shown. Tab and newline are text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def imprimible(text: str) -> str:
    """``text`` safe to print: controls and undecodable bytes become ``�`` (tab and newline stay)."""
    if _CONTROL.search(text) or _SURROGATE.search(text):
        return _SURROGATE.sub("\ufffd", _CONTROL.sub("\ufffd", text))
    return text


# A spreadsheet runs a cell that starts with one of these as a formula (or as a command,
# Excel's DDE: «=cmd|...»).
_INICIO_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def celda_segura(texto: str) -> str:
    """``texto`` for a CSV cell that no spreadsheet runs: a protective ``'`` before a
    leading formula sign (``=HYPERLINK(…)`` is written ``'=HYPERLINK(…)``)."""
    return "'" + texto if texto[:1] in _INICIO_DE_FORMULA else texto


def sin_comilla_protectora(texto: str) -> str:
    """The text ``celda_segura`` protected, read back from a sheet: the ``'`` it put before
    a formula sign goes; any other text is left as it is."""
    return texto[1:] if texto[:1] == "'" and texto[1:2] in _INICIO_DE_FORMULA and len(texto) > 1 else texto


def escapar_json(document: str) -> str:
    """A JSON document with the terminal controls that ``json.dumps`` leaves raw (DEL, C1,
    bidirectional overrides) escaped as ``\\uXXXX``; they can only occur inside strings."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def texto(valor: str | None, campo: str, *, maximo: int = 500, multilinea: bool = False) -> str | None:
    """Free text as stored: trimmed (one line: spaces folded), None when empty.

    Refuses what a person can't have typed on purpose: control characters (tab and
    newline are allowed in multi-line text) and bytes that are not UTF-8. ``campo`` names
    the field in the Spanish message ("El nombre", "La nota").
    """
    if valor is None:
        return None
    if _SURROGATE.search(valor):
        raise DatoInvalido(f"{campo} tiene caracteres que no son texto UTF-8 válido; escribe el dato de nuevo.")
    # Tabs and line breaks are text (and \r\n from a pasted Windows text, in multi-line text);
    # any other control character is refused before spaces are folded, not quietly turned
    # into a space.
    if _CONTROL.search(valor.replace("\r\n", "\n") if multilinea else valor.strip(" \t\n")):
        raise DatoInvalido(f"{campo} tiene caracteres de control (como Esc); usa solo texto.")
    limpio = valor.strip() if multilinea else " ".join(valor.split())
    if multilinea:
        limpio = limpio.replace("\r\n", "\n").replace("\r", "\n")
    if len(limpio) > maximo:
        raise DatoInvalido(f"{campo} pasa del máximo de {maximo:,} caracteres.")
    return limpio or None


_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    """Folded words of ``text``, punctuation dropped."""
    return _WORD.findall(fold(text))


# ---------------------------------------------------------------- ids

# Counts and offsets are SQL integers (64 bits): a larger number can't count anything.
ENTERO_MAXIMO = 2**63 - 1
# Ids are INTEGER columns: 64 bits on SQLite, 32 on PostgreSQL, where a larger number is
# an error rather than «no such record». No office reaches two billion records.
ID_MAXIMO = 2**31 - 1


def id_valido(valor: int) -> bool:
    """True when ``valor`` can be the id of a record (1 to 2³¹−1, on both engines)."""
    return 0 < valor <= ID_MAXIMO


# The most rows one page of a list may ask for (a screenful is 20; a report reads pages).
LIMITE_MAXIMO = 10_000


def check_limite(valor: int, opcion: str = "--limite") -> int:
    """A page size between 1 and LIMITE_MAXIMO, or DatoInvalido naming ``opcion``."""
    if not 1 <= valor <= LIMITE_MAXIMO:
        raise DatoInvalido(f"{opcion} debe estar entre 1 y {LIMITE_MAXIMO:,}.")
    return valor


def check_pagina(pagina: int, limite: int) -> int:
    """The offset of page ``pagina`` (from 1) of ``limite`` rows, or DatoInvalido."""
    maxima = ENTERO_MAXIMO // limite
    if not 1 <= pagina <= maxima:
        raise DatoInvalido(f"--pagina debe estar entre 1 y {maxima:,}.")
    return (pagina - 1) * limite


# ---------------------------------------------------------------- enums


class Valor(str, enum.Enum):
    """A Spanish enum value: stored and shown with its accents, parsed without."""

    _value_: str

    @property
    def etiqueta(self) -> str:
        """The value as a person reads it: ``contestó-interesado`` → ``Contestó interesado``."""
        text = self.value.replace("-", " ")
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return self.value


E = TypeVar("E", bound=Valor)


_ARTICULOS = {"de", "del", "en", "la", "el"}


def _clave_valor(text: str) -> str:
    """A value as typed, compared without accents, case, dashes or little words
    (``comprobante-domicilio`` = ``comprobante de domicilio``, ``persona`` = ``en persona``)."""
    return "-".join(w for w in re.split(r"[\s_-]+", fold(text.strip())) if w and w not in _ARTICULOS)


def parse_valor(cls: type[E], text: str, campo: str) -> E:
    """Match ``text`` to a value of ``cls`` ignoring accents, case, spaces and dashes.

    Raises DatoInvalido naming the allowed values.
    """
    key = _clave_valor(text)
    for member in cls:
        if _clave_valor(member.value) == key:
            return member
    allowed = ", ".join(m.value for m in cls)
    raise DatoInvalido(f"{campo} no puede ser «{text}»; usa una de estas opciones: {allowed}.")


class Etapa(Valor):
    PROSPECTO = "prospecto"
    APARTADO = "apartado"
    ESCRITURADO = "escriturado"
    ENTREGADO = "entregado"
    CANCELADO = "cancelado"


class Temperatura(Valor):
    CALIENTE = "caliente"
    TIBIO = "tibio"
    FRIO = "frío"


class Origen(Valor):
    REFERIDO = "referido"
    PUBLICIDAD = "publicidad"
    REDES_SOCIALES = "redes sociales"
    SITIO_WEB = "sitio web"
    SALA_DE_VENTAS = "sala de ventas"
    OTRO = "otro"


class TipoActividad(Valor):
    LLAMADA = "llamada"
    REUNION = "reunión"
    MENSAJE = "mensaje"
    EMAIL = "email"
    SISTEMA = "sistema"

    @property
    def registrada(self) -> str:
        """``Llamada registrada``, ``Mensaje registrado``: the confirmation, with its gender."""
        femenino = self in (TipoActividad.LLAMADA, TipoActividad.REUNION)
        return f"{self.etiqueta} {'registrada' if femenino else 'registrado'}"


class ResultadoLlamada(Valor):
    CONTESTO_INTERESADO = "contestó-interesado"
    CONTESTO_LLAMAR_DESPUES = "contestó-llamar-después"
    NO_CONTESTO = "no-contestó"
    DEJE_MENSAJE = "dejé-mensaje"

    @property
    def etiqueta(self) -> str:
        """``Contestó, llamar después``: the seed's words, as a sentence."""
        texto = super().etiqueta
        return texto.replace("Contestó ", "Contestó, ", 1)


class ResultadoReunion(Valor):
    MUY_INTERESADO = "muy-interesado"
    LO_PENSARA = "lo-pensará"
    NO_LE_GUSTO = "no-le-gustó"


class LugarReunion(Valor):
    OFICINA = "oficina"
    SALA_DE_VENTAS = "sala de ventas"
    PROPIEDAD = "propiedad"
    VIDEOLLAMADA = "videollamada"


class EventoSistema(Valor):
    """Kinds of system entries written in a client's history."""

    CAMBIO_ETAPA = "cambio-etapa"
    CAMBIO_TEMPERATURA = "cambio-temperatura"
    PROPIEDAD_COMPARTIDA = "propiedad-compartida"
    TRANSFERENCIA = "transferencia"
    FUSION = "fusión"
    APARTADO = "apartado"
    DOCUMENTO = "documento"

    @property
    def titulo(self) -> str:
        """How the entry starts in a history: ``Cambio de etapa: prospecto → apartado``."""
        return {
            "cambio-etapa": "Cambio de etapa",
            "cambio-temperatura": "Cambio de temperatura",
            "propiedad-compartida": "Propiedad compartida",
            "transferencia": "Transferencia",
            "fusión": "Fusión",
            "apartado": "Apartado",
            "documento": "Documento",
        }[self.value]


class Prioridad(Valor):
    ALTA = "alta"
    MEDIA = "media"
    BAJA = "baja"


class EstadoPropiedad(Valor):
    DISPONIBLE = "disponible"
    APARTADA = "apartada"
    VENDIDA = "vendida"


class EstadoApartado(Valor):
    ACTIVO = "activo"
    CANCELADO = "cancelado"
    ESCRITURADO = "escriturado"
    ENTREGADO = "entregado"


class TipoDocumento(Valor):
    INE = "INE"
    COMPROBANTE_DOMICILIO = "comprobante de domicilio"
    COMPROBANTE_INGRESOS = "comprobante de ingresos"
    OTRO = "otro"


class MedioEnvio(Valor):
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    PDF = "pdf"
    EN_PERSONA = "en persona"

    @property
    def como(self) -> str:
        """How it went, after the key: «CUM-A-12 por WhatsApp», «… en persona»."""
        return {"whatsapp": "por WhatsApp", "email": "por email", "pdf": "en PDF", "en persona": "en persona"}[
            self.value
        ]


class EstadoTransferencia(Valor):
    SOLICITADA = "solicitada"
    APROBADA = "aprobada"
    RECHAZADA = "rechazada"


class Rol(Valor):
    ASESOR = "asesor"
    COORDINADOR = "coordinador"


class Alerta(Valor):
    ROJO = "rojo"
    AMARILLO = "amarillo"
    VERDE = "verde"

    @property
    def simbolo(self) -> str:
        return simbolo({"rojo": "●", "amarillo": "◐", "verde": "○"}[self.value])

    @property
    def palabra(self) -> str:
        """A word that reads without colour."""
        return {"rojo": "vencido", "amarillo": "pronto", "verde": "al día"}[self.value]


SIN_SEGUIMIENTO = "sin seguimiento"


# Terminals whose font lacks the status symbols (the Linux console: A3_SIMBOLOS=ascii or
# TERM=linux) get these; the words next to them carry the meaning either way.
SIMBOLOS_ASCII = {"●": "*", "◐": "~", "○": "o", "✓": "+", "✗": "x"}
_simbolos = {"ascii": False}


def usar_simbolos_ascii(si: bool) -> None:
    """Draw the status symbols in ASCII from now on (set at start-up: the app, each command)."""
    _simbolos["ascii"] = si


def pide_simbolos_ascii(environ: Mapping[str, str]) -> bool:
    """Whether the terminal of ``environ`` needs SIMBOLOS_ASCII: ``A3_SIMBOLOS=ascii``, or the
    Linux console (``TERM=linux``) unless ``A3_SIMBOLOS=unicode``."""
    simbolos = environ.get("A3_SIMBOLOS", "").strip().lower()
    term = environ.get("TERM", "").strip().lower()
    return simbolos == "ascii" or (simbolos != "unicode" and term == "linux")


def simbolo(caracter: str) -> str:
    """``caracter`` as this terminal draws it (see SIMBOLOS_ASCII)."""
    return SIMBOLOS_ASCII.get(caracter, caracter) if _simbolos["ascii"] else caracter


def texto_alerta(alerta: Alerta | None) -> str:
    """``● vencido``, ``◐ pronto``, ``○ al día`` or ``— sin seguimiento``: reads without colour."""
    if alerta is None:
        return f"— {SIN_SEGUIMIENTO}"
    return f"{alerta.simbolo} {alerta.palabra}"


class EstadoTarea(Valor):
    """Where a task stands on a given day."""

    VENCIDA = "vencida"
    HOY = "hoy"
    PENDIENTE = "pendiente"
    HECHA = "hecha"

    @property
    def simbolo(self) -> str:
        return simbolo({"vencida": "●", "hoy": "◐", "pendiente": "○", "hecha": "✓"}[self.value])

    @property
    def texto(self) -> str:
        """``● vencida``, ``◐ hoy``, ``○ pendiente``, ``✓ hecha``."""
        return f"{self.simbolo} {self.value}"


def estado_tarea(vence: date, hecha: bool, hoy: date) -> EstadoTarea:
    """A task is done, overdue (due before today), due today, or pending."""
    if hecha:
        return EstadoTarea.HECHA
    if vence < hoy:
        return EstadoTarea.VENCIDA
    if vence == hoy:
        return EstadoTarea.HOY
    return EstadoTarea.PENDIENTE


# ---------------------------------------------------------------- stages

TRANSICIONES: dict[Etapa, frozenset[Etapa]] = {
    Etapa.PROSPECTO: frozenset({Etapa.APARTADO, Etapa.CANCELADO}),
    Etapa.APARTADO: frozenset({Etapa.ESCRITURADO, Etapa.CANCELADO}),
    Etapa.ESCRITURADO: frozenset({Etapa.ENTREGADO, Etapa.CANCELADO}),
    Etapa.ENTREGADO: frozenset({Etapa.CANCELADO}),
    Etapa.CANCELADO: frozenset({Etapa.PROSPECTO}),
}


def check_transicion(actual: Etapa, nueva: Etapa, motivo: str | None) -> None:
    """Raise DatoInvalido unless ``actual`` → ``nueva`` is a valid stage change.

    The pipeline moves forward one step at a time; any stage may be cancelled
    (with a reason); a cancelled client may only be reactivated as a prospect.
    """
    if actual == nueva:
        raise DatoInvalido(f"El cliente ya está en la etapa {nueva.value}.")
    if nueva not in TRANSICIONES[actual]:
        permitidas = ", ".join(sorted(e.value for e in TRANSICIONES[actual]))
        raise DatoInvalido(
            f"No se puede pasar de {actual.value} a {nueva.value}; desde {actual.value} "
            f"solo se puede pasar a: {permitidas}."
        )
    if nueva == Etapa.CANCELADO and not (motivo and motivo.strip()):
        raise DatoInvalido("Para cancelar un cliente indica el motivo.", pista_cli="escríbelo con --motivo.")


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


# ---------------------------------------------------------------- KPIs


@dataclass(frozen=True)
class Kpi:
    """A figure and its target: met when ``valor`` is above (``>``) or below (``<``) ``objetivo``."""

    nombre: str
    valor: float | None
    operador: str
    objetivo: float
    unidad: str = ""
    # A count over a period still running (this week's activities on a Monday): short of
    # its target it is not failed yet, only on its way.
    en_curso: bool = False

    @property
    def cumple(self) -> bool | None:
        if self.valor is None:
            return None
        logrado = self.valor > self.objetivo if self.operador == ">" else self.valor < self.objetivo
        return None if self.en_curso and not logrado else logrado

    @property
    def veredicto(self) -> str:
        """«✓ cumple», «✗ no cumple», «en curso» (a running count short of its target yet)
        or «—» (no figure), as every view shows it."""
        if self.cumple is not None:
            return f"{simbolo('✓')} cumple" if self.cumple else f"{simbolo('✗')} no cumple"
        return "en curso" if self.en_curso and self.valor is not None else "—"

    @property
    def meta(self) -> str:
        """The target as people read it: «> 30%», «< 30 días», «> 20»."""
        cifra = f"{self.objetivo:g}"
        if self.unidad == "%":
            return f"{self.operador} {cifra}%"
        return f"{self.operador} {cifra}" + (f" {self.unidad}" if self.unidad else "")


def cifra_kpi(valor: float | None, unidad: str = "") -> str:
    """A KPI's figure as people read it: «13.2%», «22.6», «48», or «—» without one."""
    if valor is None:
        return "—"
    if unidad == "%":
        return f"{valor:.1f}%"
    return f"{valor:,.0f}" if float(valor).is_integer() else f"{valor:,.1f}"


def kpi_conversion(total_prospectos: int, apartaron: int) -> Kpi:
    valor = (100.0 * apartaron / total_prospectos) if total_prospectos else None
    return Kpi("Tasa de conversión", valor, ">", 30, "%")


def kpi_dias_apartado(promedio: float | None) -> Kpi:
    return Kpi("Días a apartado", promedio, "<", 30, "días")


def kpi_actividades_semana(n: int) -> Kpi:
    return Kpi("Actividades esta semana", float(n), ">", 20)


def kpi_frios(n: int) -> Kpi:
    return Kpi("Clientes fríos", float(n), "<", 5)


# ---------------------------------------------------------------- phones and e-mail


def normalize_telefono(text: str) -> str:
    """Return the 10-digit national number of a Mexican phone, or raise DatoInvalido.

    Accepts spaces, dashes, dots, parentheses and an optional +52 (or 52 / 521) prefix.
    """
    import phonenumbers  # ~40 ms; only commands that take a phone pay for it

    raw = text.strip()
    if not raw or re.search(r"[^\d\s()+.\-]", raw) or _CONTROL.search(raw):
        raise DatoInvalido(f"El teléfono «{text}» no es válido; escribe 10 dígitos, p. ej. 81 2345 6789.")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") and not digits.startswith("52"):
        raise DatoInvalido(f"El teléfono «{text}» no es de México; escribe 10 dígitos, p. ej. 81 2345 6789.")
    if len(digits) == 13 and digits.startswith("521"):
        digits = digits[3:]  # old mobile prefix +52 1
    elif len(digits) == 12 and digits.startswith("52"):
        digits = digits[2:]
    if len(digits) != 10:
        raise DatoInvalido(f"El teléfono «{text}» no tiene 10 dígitos; escribe 10 dígitos, p. ej. 81 2345 6789.")
    try:
        parsed = phonenumbers.parse(digits, "MX")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise DatoInvalido(f"El teléfono «{text}» no es un número válido de México.")
    return phonenumbers.national_significant_number(parsed)


def format_telefono(numero: str) -> str:
    """``8123456789`` → ``81 2345 6789`` (55, 33, 81 two-digit area codes, else 3+3+4)."""
    if len(numero) != 10:
        return numero
    if numero[:2] in ("55", "33", "81", "56"):
        return f"{numero[:2]} {numero[2:6]} {numero[6:]}"
    return f"{numero[:3]} {numero[3:6]} {numero[6:]}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def normalize_email(text: str) -> str:
    """Lower-cased, trimmed e-mail, or raise DatoInvalido."""
    value = text.strip().lower()
    if not _EMAIL.match(value) or ".." in value or _CONTROL.search(value) or _SURROGATE.search(value):
        raise DatoInvalido(f"El email «{text}» no es válido; escribe algo como nombre@dominio.com.")
    return value


def nombre_orden(nombre: str) -> str:
    """The folded name a3 sorts by and looks up exact names with (``José Pérez`` → ``jose perez``)."""
    return " ".join(words(nombre))


def check_nombre(text: str) -> str:
    """A client's name, trimmed and single-spaced; raise DatoInvalido if empty or not plain text."""
    value = texto(text, "El nombre", maximo=200)
    if not value:
        raise DatoInvalido("El nombre no puede estar vacío.")
    return value


# ---------------------------------------------------------------- search terms


def terminos_busqueda(nombre: str, email: str | None, telefonos: list[str]) -> set[str]:
    """Index terms of a client: folded name words, e-mail and its parts, every suffix of each phone.

    A query token matches a term by prefix, so phone suffixes make any run of
    digits match ("812 345" and "345 67" both find 8123456789).
    """
    terms = set(words(nombre))
    if email:
        terms.add(email)
        terms.update(words(email))
    for numero in telefonos:
        for i in range(len(numero) - 2):
            terms.add(numero[i:])
    return terms


def tokens_consulta(text: str) -> list[str]:
    """Tokens of a search query. A query made only of digits and separators is one digit run.

    Punctuation alone («%», «*») gives no token: it matches no client.
    """
    stripped = _SURROGATE.sub("", _CONTROL.sub("", text)).strip()
    if stripped and re.fullmatch(r"[0-9\s()+.\-]+", stripped):
        digits = re.sub(r"[^0-9]", "", stripped)
        if len(digits) == 13 and digits.startswith("521"):
            digits = digits[3:]
        elif len(digits) > 10 and digits.startswith("52"):
            digits = digits[2:]
        return [digits] if digits else []
    tokens = words(stripped)
    if "@" in stripped and tokens:
        tokens = [*tokens, fold(stripped)]
    return tokens


def fin_prefijo(token: str) -> str:
    """Smallest string greater than every string that starts with ``token`` (for range scans)."""
    return token[:-1] + chr(ord(token[-1]) + 1)


# ---------------------------------------------------------------- the sale

# Prices of the inventory and amounts of a reservation, in whole pesos.
PRECIO_MINIMO = 50_000
PRECIO_MAXIMO = 500_000_000
MONTO_MAXIMO = 50_000_000
CLAVE_MAXIMO = 40
_CLAVE = re.compile(r"^[A-Z0-9][A-Z0-9 ._/-]*$")


def normalize_clave(text: str) -> str:
    """A property key as stored: trimmed, upper case (``cum-a-12`` → ``CUM-A-12``)."""
    clave = " ".join(text.split()).upper()
    if not clave:
        raise DatoInvalido("La clave de la propiedad no puede estar vacía.")
    if len(clave) > CLAVE_MAXIMO or not _CLAVE.match(clave):
        raise DatoInvalido(
            f"La clave «{text}» no es válida; usa letras, números y guiones (máximo {CLAVE_MAXIMO}), p. ej. CUM-A-12."
        )
    return clave


def terminos_propiedad(clave: str, desarrollo: str, modelo: str | None, direccion: str | None) -> set[str]:
    """Index terms of a property: the folded words of its key, development, model and
    address, and the whole key (``cum-a-12``); a query token matches a term by prefix."""
    return set(words(" ".join(p for p in (clave, desarrollo, modelo, direccion) if p))) | {fold(clave)}


_DINERO = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


def parse_dinero(text: str, campo: str, *, minimo: int = 1, maximo: int = PRECIO_MAXIMO) -> int:
    """Pesos as an advisor types them (``1250000``, ``$1,250,000``, ``1,250,000.50``) in
    centavos, between ``minimo`` and ``maximo`` pesos; raise DatoInvalido otherwise."""
    raw = text.strip().replace(" ", "")
    m = _DINERO.match(raw)
    if not m:
        raise DatoInvalido(f"{campo} «{text}» no es una cantidad; escríbela en pesos, p. ej. 1,250,000.")
    pesos = int(m.group(1).replace(",", ""))
    centavos = int((m.group(3) or ".00")[1:].ljust(2, "0"))
    total = pesos * 100 + centavos
    if not minimo * 100 <= total <= maximo * 100:
        raise DatoInvalido(f"{campo} debe estar entre {format_dinero(minimo * 100)} y {format_dinero(maximo * 100)}.")
    return total


def check_curp(text: str) -> str:
    """A CURP, upper case, checked for format, date and check digit; raise DatoInvalido."""
    from stdnum.exceptions import ValidationError
    from stdnum.mx import curp

    try:
        return str(curp.validate(text))
    except ValidationError:
        raise DatoInvalido(
            f"La CURP «{text}» no es válida; revisa sus 18 caracteres (p. ej. GODE561231HDFRRN00)."
        ) from None


def check_rfc(text: str) -> str:
    """An RFC (person or company), upper case, checked for format, date and check digit."""
    from stdnum.exceptions import ValidationError
    from stdnum.mx import rfc

    try:
        return str(rfc.validate(text, validate_check_digits=True))
    except ValidationError:
        raise DatoInvalido(f"El RFC «{text}» no es válido; revisa sus 12 o 13 caracteres y la homoclave.") from None


# A proof of address counts for the escritura when it is at most this many months old.
VIGENCIA_COMPROBANTE_MESES = 3


def meses_antes(dia: date, meses: int) -> date:
    """The same day ``meses`` months before (the last day of a shorter month)."""
    import calendar

    mes = dia.month - meses
    anio = dia.year + (mes - 1) // 12
    mes = (mes - 1) % 12 + 1
    return date(anio, mes, min(dia.day, calendar.monthrange(anio, mes)[1]))


def comprobante_vigente(fecha_documento: date | None, hoy: date) -> bool:
    """A proof of address dated within the last three months (not in the future)."""
    if fecha_documento is None:
        return False
    return meses_antes(hoy, VIGENCIA_COMPROBANTE_MESES) <= fecha_documento <= hoy


def texto_propiedad(
    clave: str,
    desarrollo: str,
    modelo: str | None,
    precio_centavos: int | None,
    recamaras: int | None,
    m2: float | None,
) -> str:
    """The property in one Spanish sentence, for a WhatsApp message or an e-mail."""
    partes = [f"{desarrollo}" + (f", modelo {modelo}" if modelo else "") + f" (clave {clave})"]
    if precio_centavos is not None:
        partes.append(f"precio {format_dinero(precio_centavos)}")
    if recamaras is not None:
        partes.append(f"{recamaras} recámara{'s' if recamaras != 1 else ''}")
    if m2 is not None:
        partes.append(f"{m2:g} m²")
    return ", ".join(partes)


def enlace_whatsapp(numero: str, texto: str) -> str:
    """A ``wa.me`` link that opens a chat with the (Mexican) number, the message written."""
    from urllib.parse import quote

    return f"https://wa.me/52{numero}?text={quote(texto)}"


def enlace_chat(nombre: str, numero: str) -> str:
    """The client's WhatsApp chat with a greeting by their first name written: the link
    ``w`` gives in the ficha and ``a3 cliente show`` prints."""
    partes = nombre.split()
    return enlace_whatsapp(numero, f"Hola {partes[0] if partes else ''}, ")


def enlace_llamada(numero: str) -> str:
    """The (Mexican) number as a ``tel:`` link, to call it from a phone or a softphone."""
    return f"tel:+52{numero}"


def enlace_mailto(email: str, asunto: str, cuerpo: str) -> str:
    """A ``mailto:`` link that opens the mail program with the message written."""
    from urllib.parse import quote

    return f"mailto:{email}?subject={quote(asunto)}&body={quote(cuerpo)}"


@dataclass(frozen=True)
class PasoDeEtapa:
    """A step of a stage's checklist (seed: «Qué hacer»). ``regla`` names what a3 knows
    that ticks it by itself (None: ticked by hand)."""

    clave: str
    texto: str
    regla: str | None = None


PASOS_POR_ETAPA: dict[Etapa, tuple[PasoDeEtapa, ...]] = {
    Etapa.PROSPECTO: (
        PasoDeEtapa("mostrar", "Mostrarle propiedades", "propiedad_mostrada"),
        PasoDeEtapa("opciones", "Enviar opciones por WhatsApp", "compartida_whatsapp"),
        PasoDeEtapa("cita", "Agendar citas para visitas", "reunion"),
        PasoDeEtapa("seguimiento", "Dar seguimiento constante", "al_dia"),
    ),
    Etapa.APARTADO: (
        PasoDeEtapa("documentos", "Solicitar documentación faltante", "documentos_completos"),
        PasoDeEtapa("credito", "Dar seguimiento al trámite de crédito"),
        PasoDeEtapa("firma", "Coordinar fechas de firma"),
        PasoDeEtapa("dudas", "Resolver dudas"),
    ),
    Etapa.ESCRITURADO: (
        PasoDeEtapa("fecha_entrega", "Informar fecha de entrega"),
        PasoDeEtapa("documentos_entrega", "Preparar documentación de entrega"),
        PasoDeEtapa("detalles", "Coordinar detalles finales"),
    ),
    Etapa.ENTREGADO: (
        PasoDeEtapa("postventa", "Seguimiento post-venta"),
        PasoDeEtapa("referidos", "Pedir referidos", "tiene_referidos"),
        PasoDeEtapa("relacion", "Mantener relación", "al_dia"),
    ),
    Etapa.CANCELADO: (
        PasoDeEtapa("razon", "Documentar razón de cancelación", "motivo"),
        PasoDeEtapa("conservar", "Mantener en base de datos para futuras oportunidades", "siempre"),
    ),
}


# ---------------------------------------------------------------- display


def cortar(texto: str, ancho: int) -> str:
    """``texto`` on one line, cut with an ellipsis to at most ``ancho`` characters."""
    plano = " ".join(texto.split())
    if len(plano) > ancho:
        return plano[: max(0, ancho - 1)] + "…"
    return plano


def format_dinero(centavos: int | None) -> str:
    """``125000000`` → ``$1,250,000``; centavos only when there are any (``$1,250.50``)."""
    if centavos is None:
        return "—"
    pesos, cent = divmod(centavos, 100)
    return f"${pesos:,}.{cent:02d}" if cent else f"${pesos:,}"


def etiqueta_propiedad(clave: str, desarrollo: str, modelo: str | None) -> str:
    """``CUM-A-12 · Cumbres Roble``: how a property reads in lists and histories."""
    return f"{clave} · {desarrollo}" + (f" {modelo}" if modelo else "")


# ---------------------------------------------------------------- dates

DIAS_SEMANA = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
MESES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]


def _dia_semana(raw: str) -> int | None:
    """The weekday (0 = lunes) a folded word names: the whole name or the start of only one
    (``vie``, ``v``, ``mi``; ``m`` could be martes or miércoles, so it names none)."""
    if not raw.isalpha():
        return None
    dias = [i for i, nombre in enumerate(DIAS_SEMANA) if nombre.startswith(raw)]
    return dias[0] if len(dias) == 1 else None


def parse_fecha(text: str, hoy: date) -> date:
    """Parse a date as an advisor types it; raise DatoInvalido rather than guess.

    Accepts ISO dates (2026-11-27), dd/mm/yyyy, ``hoy``, ``mañana``/``manana``,
    ``pasado mañana``, ``ayer``, ``+N`` (days from today) and weekday names or their
    unambiguous starts (``viernes``, ``vie``, ``v``: the next Friday after today).
    """
    raw = fold(text.strip())
    raw = " ".join(raw.split())
    if raw == "hoy":
        return hoy
    if raw == "manana":
        return hoy + timedelta(days=1)
    if raw in ("pasado manana", "pasado-manana"):
        return hoy + timedelta(days=2)
    if raw == "ayer":
        return hoy - timedelta(days=1)
    m = re.fullmatch(r"([+-])\s*(\d{1,4})", raw)
    if m:
        n = int(m.group(2))
        return hoy + timedelta(days=n if m.group(1) == "+" else -n)
    dia = _dia_semana(raw)
    if dia is not None:
        ahead = (dia - hoy.weekday()) % 7 or 7
        return hoy + timedelta(days=ahead)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _fecha(y, mo, d, text)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return _fecha(y, mo, d, text)
    raise DatoInvalido(
        f"La fecha «{text}» no se entiende; usa AAAA-MM-DD, DD/MM/AAAA, hoy, mañana, +N o un día como viernes."
    )


# Dates a3 accepts: far enough for a birth or a 30-year mortgage, near enough that adding
# a follow-up cadence never leaves the calendar.
ANIO_MINIMO = 1900
ANIO_MAXIMO = 2200


def _fecha(y: int, mo: int, d: int, text: str) -> date:
    if not ANIO_MINIMO <= y <= ANIO_MAXIMO:
        raise DatoInvalido(f"La fecha «{text}» está fuera del rango que a3 acepta ({ANIO_MINIMO} a {ANIO_MAXIMO}).")
    try:
        return date(y, mo, d)
    except ValueError:
        raise DatoInvalido(f"La fecha «{text}» no existe en el calendario.") from None


def parse_fecha_y_hora(text: str, hoy: date) -> tuple[date, time | None]:
    """A date as in parse_fecha, optionally followed by a time: ``viernes 10:00`` →
    (that Friday, 10:00); ``viernes`` → (that Friday, None)."""
    m = re.fullmatch(r"(.*?)[ T](\d{1,2}:\d{2})", text.strip())
    if m:
        return parse_fecha(m.group(1), hoy), parse_hora(m.group(2))
    return parse_fecha(text, hoy), None


def parse_fecha_hora(text: str, ahora: datetime) -> datetime:
    """A date as in parse_fecha, optionally followed by a time (``2026-11-20 16:30``, ``ayer 10:00``).

    A date without time keeps the current time of day when it is today, else noon.
    """
    dia, hora = parse_fecha_y_hora(text, ahora.date())
    if hora is not None:
        return datetime.combine(dia, hora)
    if dia == ahora.date():
        return ahora.replace(microsecond=0)
    return datetime.combine(dia, time(12, 0))


def parse_hora(text: str) -> time:
    """``HH:MM`` in 24-hour time, or raise DatoInvalido."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DatoInvalido(f"La hora «{text}» no es válida; usa HH:MM en 24 horas, p. ej. 16:30.")
    return time(int(m.group(1)), int(m.group(2)))


def hace(momento: datetime | date | None, ahora: datetime) -> str:
    """Relative Spanish time: ``hoy``, ``ayer``, ``hace 3 días``, ``hace 2 semanas``, ``hace 4 meses``."""
    if momento is None:
        return "nunca"
    dia = momento.date() if isinstance(momento, datetime) else momento
    dias = (ahora.date() - dia).days
    if dias < 0:
        return en_dias(dia, ahora.date())
    if dias == 0:
        return "hoy"
    if dias == 1:
        return "ayer"
    if dias < 14:
        return f"hace {dias} días"
    if dias < 60:
        return f"hace {dias // 7} semanas"
    if dias < 730:
        return f"hace {dias // 30} meses"
    return f"hace {dias // 365} años"


def en_dias(dia: date | None, hoy: date) -> str:
    """Relative Spanish due date: ``hoy``, ``mañana``, ``en 3 días``, ``ayer``, ``hace 2 días``
    (callers that list overdue items add their own "vencido" marker)."""
    if dia is None:
        return "—"
    dias = (dia - hoy).days
    if dias == 0:
        return "hoy"
    if dias == 1:
        return "mañana"
    if dias == -1:
        return "ayer"
    if dias < 0:
        return f"hace {-dias} días"
    if dias < 14:
        return f"en {dias} días"
    return (
        f"{dia.day} {MESES[dia.month - 1]} {dia.year}" if dia.year != hoy.year else f"{dia.day} {MESES[dia.month - 1]}"
    )


def cuando_tarea(vence: date, hora: time | None, hoy: date) -> str:
    """``mañana 10:30 (2026-11-24)``: when a task or appointment falls due, as the
    confirmations say it."""
    texto_hora = f" {hora:%H:%M}" if hora else ""
    return f"{en_dias(vence, hoy)}{texto_hora} ({vence.isoformat()})"


# ---------------------------------------------------------------- reports (plain values the
# services compute and the exporters write)


@dataclass(frozen=True)
class Metrica:
    """A KPI now and at the same point of the period before, and what it is made of."""

    clave: str
    kpi: Kpi
    anterior: float | None
    detalle: str
    # True when a higher value is better (conversion, activities).
    mas_es_mejor: bool = True

    @property
    def cambio(self) -> float | None:
        """How much the figure moved since the period before (None without both figures)."""
        if self.kpi.valor is None or self.anterior is None:
            return None
        return round(round(self.kpi.valor, 1) - round(self.anterior, 1), 1)

    @property
    def direccion(self) -> str | None:
        """«mejor», «peor» or «igual» (None without a figure to compare): the trend as data."""
        cambio = self.cambio
        if cambio is None:
            return None
        if cambio == 0:
            return "igual"
        return "mejor" if (cambio > 0) == self.mas_es_mejor else "peor"

    @property
    def tendencia(self) -> str:
        """«↑ mejor», «↓ peor», «= igual», or «—» without a figure to compare."""
        direccion = self.direccion
        if direccion is None or self.cambio is None:
            return "—"
        if direccion == "igual":
            return "= igual"
        return ("↑ " if self.cambio > 0 else "↓ ") + direccion


@dataclass(frozen=True)
class FilaReporte:
    """A client of the report, as the sheets and the PDF list them."""

    id: int
    nombre: str
    telefono: str | None
    email: str | None
    etapa: Etapa
    temperatura: str | None
    asesor: str
    plaza: str
    primer_contacto: date
    fecha_apartado: date | None
    ultima_actividad: datetime | None
    proximo_contacto: date | None
    motivo_cancelacion: str | None
    direccion: str | None = None
    origen: str | None = None
    curp: str | None = None
    rfc: str | None = None


@dataclass
class Reporte:
    titulo: str
    cartera: str
    filtros: str
    generado: datetime
    por_etapa: dict[Etapa, int]
    actividades_mes: int
    actividades_rango: int | None
    conversion: Kpi
    dias_apartado: Kpi
    apartados_contados: int
    cancelaciones: list[tuple[str, int]]
    metricas: list[Metrica] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.por_etapa.values())


# How long a task done or deleted still goes into a calendar export, marked as such, so a
# calendar that imported it earlier drops it (a later export no longer carries it).
DIAS_RETIRADAS = 30

# The advisor's time zone when none is set (``exportar tareas --zona``, ``A3_ZONA``).
ZONA_HORARIA = "America/Mexico_City"


def zona_horaria(nombre: str | None) -> ZoneInfo:
    """The time zone named ``nombre`` (an IANA name such as ``America/Tijuana``), else the
    default. Raises DatoInvalido for a name that is not a time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    elegido = (nombre or "").strip() or ZONA_HORARIA
    try:
        return ZoneInfo(elegido)
    except (ZoneInfoNotFoundError, ValueError):
        raise DatoInvalido(
            f"La zona horaria «{elegido}» no existe; usa un nombre como America/Mexico_City, "
            "America/Tijuana, America/Hermosillo o America/Cancun."
        ) from None


@dataclass(frozen=True)
class TareaCalendario:
    """A pending task as a calendar shows it, with its client's name and first phone."""

    id: int
    creado: datetime
    descripcion: str
    vence: date
    hora: time | None
    prioridad: Prioridad
    recordatorio: bool
    cliente: str | None
    telefono: str | None
    # «pendiente», or «hecha» / «borrada» within DIAS_RETIRADAS (a calendar that imported
    # the task then drops or completes it).
    estado: str = "pendiente"
    cambios: int = 0  # edits since it was created: the calendar's SEQUENCE
    modificada: datetime | None = None  # the last change: LAST-MODIFIED
    hecha_en: datetime | None = None

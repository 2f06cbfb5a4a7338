"""The enums of a3 (stages, temperatures, activity kinds and results, …), how typed
values match them, and how alerts read (with the terminal's symbols)."""

from __future__ import annotations

import enum
import re
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from a3tui.domain.texto import fold
from a3tui.errors import DatoInvalido

if TYPE_CHECKING:
    from collections.abc import Mapping


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
    CASO = "caso"

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
            "caso": "Caso",
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
        return {"rojo": "●", "amarillo": "◐", "verde": "○"}[self.value]

    @property
    def palabra(self) -> str:
        """A word that reads without colour."""
        return {"rojo": "vencido", "amarillo": "pronto", "verde": "al día"}[self.value]


SIN_SEGUIMIENTO = "sin seguimiento"


# The status symbols are always these Unicode characters here. Terminals whose font lacks
# them (the Linux console: A3_SIMBOLOS=ascii or TERM=linux) get SIMBOLOS_ASCII instead,
# translated by each presentation layer in one place (the CLI's common.escribible, the
# app's Terminal.dibujable); the words next to them carry the meaning either way.
SIMBOLOS_ASCII = {"●": "*", "◐": "~", "○": "o", "✓": "+", "✗": "x", "▼": "v", "▲": "^"}
_A_ASCII = str.maketrans(SIMBOLOS_ASCII)


def pide_simbolos_ascii(environ: Mapping[str, str]) -> bool:
    """Whether the terminal of ``environ`` needs SIMBOLOS_ASCII: ``A3_SIMBOLOS=ascii``, or the
    Linux console (``TERM=linux``) unless ``A3_SIMBOLOS=unicode``."""
    simbolos = environ.get("A3_SIMBOLOS", "").strip().lower()
    term = environ.get("TERM", "").strip().lower()
    return simbolos == "ascii" or (simbolos != "unicode" and term == "linux")


def simbolos_en_ascii(texto: str) -> str:
    """``texto`` with each status symbol replaced by its SIMBOLOS_ASCII character (each takes
    one cell, as the symbol did, so a laid-out line keeps its width)."""
    return texto.translate(_A_ASCII)


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
        return {"vencida": "●", "hoy": "◐", "pendiente": "○", "hecha": "✓"}[self.value]

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

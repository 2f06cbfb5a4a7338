"""The sale's values: properties' keys and prices, amounts, CURP and RFC, proofs of
address, how a property and money read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from a3tui.domain.texto import fold, words
from a3tui.domain.valores import MedioEnvio, TipoActividad
from a3tui.errors import DatoInvalido

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


@dataclass(frozen=True)
class EnvioDeFicha:
    """What sharing a property writes in the client's history: the kind of entry, the
    subject of the sheet (an e-mail's) and what was sent."""

    tipo: TipoActividad
    asunto: str
    contenido: str


def envio_de_ficha(
    clave: str, desarrollo: str, modelo: str | None, medio: MedioEnvio, nota: str | None = None
) -> EnvioDeFicha:
    """How a property sent to a client is logged. Sent by WhatsApp or as a PDF it is a
    message (the seed counts it so), by e-mail an e-mail: a contact, the client's last
    activity and one of the week's. Shown in person it is only a line of the history: the
    meeting it was shown in is the contact. The same for `propiedad compartir` and the demo."""
    asunto = desarrollo + (f" {modelo}" if modelo else "") + f" ({clave})"
    contenido = f"Ficha de {clave} {medio.como}" + (f": {nota}" if nota else "")
    if medio == MedioEnvio.EMAIL:
        tipo = TipoActividad.EMAIL
    elif medio in (MedioEnvio.WHATSAPP, MedioEnvio.PDF):
        tipo = TipoActividad.MENSAJE
    else:
        tipo = TipoActividad.SISTEMA
    return EnvioDeFicha(tipo, asunto, contenido)


def format_dinero(centavos: int | None) -> str:
    """``125000000`` → ``$1,250,000``; centavos only when there are any (``$1,250.50``)."""
    if centavos is None:
        return "—"
    pesos, cent = divmod(centavos, 100)
    return f"${pesos:,}.{cent:02d}" if cent else f"${pesos:,}"


def etiqueta_propiedad(clave: str, desarrollo: str, modelo: str | None) -> str:
    """``CUM-A-12 · Cumbres Roble``: how a property reads in lists and histories."""
    return f"{clave} · {desarrollo}" + (f" {modelo}" if modelo else "")

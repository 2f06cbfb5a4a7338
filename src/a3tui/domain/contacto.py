"""Names, phones and e-mails: normalised, checked, searched, and as links (WhatsApp,
tel:, mailto:)."""

from __future__ import annotations

import re

from a3tui.domain.texto import _CONTROL, _SURROGATE, fold, texto, words
from a3tui.errors import DatoInvalido

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

"""Text as a3 keeps and shows it: accent folding, what may reach a terminal or a
spreadsheet, free-text limits, one-line cuts."""

from __future__ import annotations

import re
import unicodedata

from a3tui.errors import DatoInvalido

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


# The longest free text a3 keeps: a note, what an activity says, a message's content.
TEXTO_LARGO_MAXIMO = 5000


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


# ---------------------------------------------------------------- display


def cortar(texto: str, ancho: int) -> str:
    """``texto`` on one line, cut with an ellipsis to at most ``ancho`` characters."""
    plano = " ".join(texto.split())
    if len(plano) > ancho:
        return plano[: max(0, ancho - 1)] + "…"
    return plano

"""Limits of numbers a3 accepts: ids, counts, pages."""

from __future__ import annotations

from a3tui.errors import DatoInvalido

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

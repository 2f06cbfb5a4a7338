"""Version numbers of the libraries a3 touches privately (app/textual_privado.py,
cli/typer_privado.py): whether an installed version is in the range a module was written for."""

from __future__ import annotations


def numeros(texto: str) -> tuple[int, ...]:
    """``8.2.5`` → (8, 2, 5); ``8.3.0rc1`` → (8, 3, 0): the digits before a tag."""
    partes: list[int] = []
    for parte in texto.split("."):
        digitos = "".join(c for c in parte if c.isdigit())
        if not digitos:
            break
        partes.append(int(digitos))
        if digitos != parte:
            break
    return tuple(partes)


def en_rango(texto: str, rango: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    """Whether version ``texto`` is in ``rango``: [floor, cap)."""
    piso, tope = rango
    return piso <= numeros(texto) < tope

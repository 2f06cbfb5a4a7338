"""One key map (issue 13): the README's table is the one ? shows, and a letter means the
same on every screen where it works."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from a3tui.app.screens.ayuda import tabla_markdown, teclas

README = Path(__file__).resolve().parents[2] / "README.md"

# Letters whose label names the screen's own thing while meaning one action: n creates
# what the screen lists. Each other letter must read the same wherever it works (up to
# its wording: the words that tell the action must be shared).
POR_PANTALLA = {"n"}
# For each letter, a word every one of its descriptions contains.
PALABRA = {
    "a": "Actividad",
    "e": "Etapa",
    "r": "Temperatura",
    "x": "echa",  # Hecha / hecha
    "m": "Más",
    "p": "Mostrar",
    "v": "Apartar",
    "P": "plaza",
    "f": "fríos",
    "g": "Tarea",
    "d": "ocumento",
}


def test_la_tabla_del_readme_es_la_de_la_ayuda():
    texto = README.read_text(encoding="utf-8")
    bloque = re.search(r"<!-- teclas: inicio -->\n(.*?)<!-- teclas: fin -->", texto, re.S)
    assert bloque is not None, "README.md perdió los marcadores de la tabla de teclas"
    assert bloque.group(1) == tabla_markdown(), (
        "La tabla de teclas del README no es la de la aplicación: regénerala con python -m a3tui.app.screens.ayuda"
    )


def test_cada_letra_significa_lo_mismo_en_cada_pantalla():
    usos: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for titulo, _clase, filas in teclas():
        for tecla, texto in filas:
            if len(tecla) == 1 and tecla.isalpha():
                usos[tecla].add((titulo, texto))
    for tecla, donde in usos.items():
        if len(donde) < 2 or tecla in POR_PANTALLA:
            continue
        palabra = PALABRA.get(tecla)
        assert palabra is not None, f"«{tecla}» se usa en varias pantallas: {sorted(donde)}; agrega su significado"
        # A letter acts; it never filters a list (filters are reached with Tab).
        distintos = [(t, x) for t, x in donde if palabra.lower() not in x.lower() or x.startswith("Filtrar")]
        assert not distintos, f"«{tecla}» significa otra cosa en {distintos} (en las demás: {palabra})"


def test_n_siempre_crea():
    for _titulo, _clase, filas in teclas():
        for tecla, texto in filas:
            if tecla == "n":
                assert texto.split()[0] in ("Nuevo", "Nueva"), texto

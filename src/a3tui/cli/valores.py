"""The values each choice option accepts, as its ``--help`` lists them.

A choice option (``--etapa E``) is typed as text and matched by the domain ignoring
accents and case, so Click can't list its values itself. This table says where each
option's values come from (the domain's enums, or the list the command checks against),
and :func:`completar_ayuda` adds them to the option's help when its text doesn't already
name them all: a value added to an enum shows in every help that takes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any


def _enum(nombre: str) -> Callable[[], tuple[str, ...]]:
    def valores() -> tuple[str, ...]:
        from a3tui import domain

        return tuple(v.value for v in getattr(domain, nombre))

    return valores


def _constante(modulo: str, nombre: str) -> Callable[[], tuple[str, ...]]:
    def valores() -> tuple[str, ...]:
        import importlib

        return tuple(getattr(importlib.import_module(modulo), nombre))

    return valores


# An option (or an argument, by its metavar) whose name means one set of values in every
# command that has it.
POR_NOMBRE: dict[str, Callable[[], tuple[str, ...]]] = {
    "--etapa": _enum("Etapa"),
    "--temperatura": _enum("Temperatura"),
    "--origen": _enum("Origen"),
    "--prioridad": _enum("Prioridad"),
    "--alerta": _enum("Alerta"),
    "--lugar": _enum("LugarReunion"),
    "--tipo": _enum("TipoDocumento"),
    "--por": _enum("MedioEnvio"),
    "--rol": _enum("Rol"),
}

# Options whose values depend on the command (its path as the help shows it).
POR_COMANDO: dict[tuple[str, str], Callable[[], tuple[str, ...]]] = {
    ("a3 actividad llamada", "--resultado"): _enum("ResultadoLlamada"),
    ("a3 actividad reunion", "--resultado"): _enum("ResultadoReunion"),
    ("a3 propiedad list", "--estado"): _enum("EstadoPropiedad"),
    ("a3 apartado list", "--estado"): _enum("EstadoApartado"),
    ("a3 cliente list", "--orden"): _constante("a3tui.services.clientes", "ORDENES"),
    ("a3 cliente fusionar", "--tomar"): _constante("a3tui.services.fusion", "TOMABLES"),
    ("a3 reporte clientes", "--formato"): _constante("a3tui.cli.reportes", "FORMATOS_REPORTE"),
    ("a3 exportar clientes", "--formato"): _constante("a3tui.cli.reportes", "FORMATOS_CLIENTES"),
    ("a3 exportar tareas", "--como"): _constante("a3tui.exporters.calendario", "COMO"),
    ("a3 ajuste cadencia", "ETAPA"): _constante("a3tui.domain", "CADENCIA_DEFAULT"),
    ("a3 ajuste sla", "TIPO"): _enum("TipoCaso"),
    ("a3 caso abrir", "--tipo"): _enum("TipoCaso"),
    ("a3 caso abrir", "--prioridad"): _enum("PrioridadCaso"),
    ("a3 cliente etapa", "ETAPA"): _enum("Etapa"),
    ("a3 cliente temperatura", "T"): _enum("Temperatura"),
}


def nombre_del_parametro(param: Any) -> str:
    """An option by its longest name (``--etapa``), an argument by its metavar (``ETAPA``)."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.metavar or param.name or "").upper()
    opciones = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    return max(opciones, key=len) if opciones else ""


def fuente(comando: str, param: Any) -> Callable[[], tuple[str, ...]] | None:
    """Where the values ``param`` of the command ``comando`` («a3 cliente add») accepts come
    from, or None when it takes free text (nothing is imported to answer)."""
    nombre = nombre_del_parametro(param)
    encontrada = POR_COMANDO.get((comando, nombre))
    if encontrada is None and nombre.startswith("--"):
        encontrada = POR_NOMBRE.get(nombre)
    return encontrada


def valores(comando: str, param: Any) -> tuple[str, ...] | None:
    """The values ``param`` of the command ``comando`` («a3 cliente add») accepts, or None
    when it takes free text."""
    encontrada = fuente(comando, param)
    return encontrada() if encontrada is not None else None


def _palabras(texto: str) -> str:
    """``texto`` compared as the domain compares values: no accents, case, dashes or
    underscores (``comprobante-domicilio`` is «comprobante de domicilio»)."""
    from a3tui.domain import fold

    sueltas = [w for w in re.split(r"[\W_]+", fold(texto)) if w and w not in ("de", "del", "en", "la", "el")]
    return " " + " ".join(sueltas) + " "


def nombra_todos(ayuda: str, lista: Iterable[str]) -> bool:
    """Whether the help text ``ayuda`` already names every value of ``lista``."""
    texto = _palabras(ayuda)
    return all(_palabras(v) in texto for v in lista)


def enumerar(lista: Iterable[str]) -> str:
    """``a, b o c`` (``u`` before a word that starts with an o sound)."""
    todos = list(lista)
    if len(todos) < 2:
        return "".join(todos)
    ultimo = todos[-1]
    y = "u" if re.match(r"h?o", ultimo, re.IGNORECASE) else "o"
    return f"{', '.join(todos[:-1])} {y} {ultimo}"


def completar_ayuda(comando: str, params: Iterable[Any]) -> None:
    """Add «Valores: …» to the help of each choice parameter whose text doesn't name them all."""
    for param in params:
        lista = valores(comando, param)
        if not lista:
            continue
        ayuda = (getattr(param, "help", None) or "").rstrip()
        if nombra_todos(ayuda, lista):
            continue
        if ayuda and not ayuda.endswith((".", "?")):
            ayuda += "."
        param.help = f"{ayuda} Valores: {enumerar(lista)}.".lstrip()

"""Spanish sentences for command-line usage errors (Typer's parser speaks English)."""

from __future__ import annotations

from typing import Any


def usage_error(exc: Any, argv: list[str]) -> str:
    """One Spanish sentence for a click/Typer UsageError, with the help command to try."""
    name = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "a3"
    ayuda = f" Consulta «{path} --help»."
    param = getattr(exc, "param", None)
    param_name = _param_name(param)
    if name == "MissingParameter":
        kind = getattr(exc, "param_type", None) or (getattr(param, "param_type_name", None))
        if kind == "argument":
            return f"Falta el argumento {param_name}.{ayuda}"
        return f"Falta la opción {param_name}.{ayuda}"
    if name == "NoSuchOption":
        option = getattr(exc, "option_name", "")
        posibles = getattr(exc, "possibilities", None) or []
        extra = f" ¿Quisiste decir {', '.join(sorted(posibles))}?" if posibles else ""
        return f"La opción {option} no existe.{extra}{ayuda}"
    if name == "BadParameter":
        return f"Valor inválido para {param_name}: {_traduce(exc.message)}.{ayuda}"
    if name == "BadOptionUsage":
        option = getattr(exc, "option_name", "")
        if "requires an argument" in exc.message:
            return f"La opción {option} necesita un valor.{ayuda}"
        return f"Uso incorrecto de la opción {option}.{ayuda}"
    message = str(exc.message)
    if message.startswith("No such command"):
        comando = message.split("'")[1] if "'" in message else message
        return f"El comando «{comando}» no existe.{ayuda}"
    if message.startswith("Missing command"):
        return f"Falta el comando.{ayuda}"
    if message.startswith("Got unexpected extra argument"):
        import re

        found = re.search(r"argument\(s\) \((.*)\)\s*$", message)
        extra = found.group(1) if found else message
        return f"Sobra el argumento «{extra}»; si tiene espacios, ponlo entre comillas.{ayuda}"
    return f"Uso incorrecto: {_traduce(message)}.{ayuda}"


def _param_name(param: Any) -> str:
    if param is None:
        return "un valor"
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument":
        # The name the help shows (its metavar, «ID»), not the Python parameter («TAREA_ID»).
        return str(getattr(param, "metavar", None) or param.name or "").upper()
    longest = max(opts, key=len) if opts else param.name
    return str(longest)


_FRASES = {
    "Input should be a valid integer, unable to parse string as an integer": "debe ser un número entero",
    "Input should be a valid integer": "debe ser un número entero",
    "Input should be a valid number": "debe ser un número",
    "Input should be a valid boolean": "debe ser sí o no",
    "is not a valid integer": "no es un número entero",
    "is not a valid float": "no es un número",
    "is not one of": "no es uno de",
    "is not a valid boolean": "no es sí/no",
}


def _traduce(message: str) -> str:
    text = str(message).rstrip(".")
    for en, es in _FRASES.items():
        text = text.replace(en, es)
    return text

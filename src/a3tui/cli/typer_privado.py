"""Typer's undocumented names that a3's command line uses, in one place.

- **Usage errors.** a3 answers a wrong command line in Spanish with exit code 2, so it
  catches the usage errors itself. Typer raises them from its own copy of Click: since 0.26
  Typer vendors Click as the private package ``typer._click``, whose ``UsageError`` is not
  ``click.UsageError`` (a separately installed Click has its own classes, which Typer never
  raises), and Typer's public ``typer.exceptions`` has only ``Abort`` and ``Exit``. So a3
  cannot catch Click's own exceptions with the Typer it runs on: it takes them from
  ``typer._click`` here, and from ``click`` on a Typer that still depends on Click.
- **Completion answers.** A parameter's ``shell_complete`` (Click's public hook, which
  cli/completado.py gives the parameters that name clients, properties, advisors or a set
  of values) answers with Click's ``CompletionItem``: Typer's own copy of it lives in
  ``typer._click.shell_completion``.
- **Help texts.** The fixed words of Typer's rich help (panel titles, «[default: …]») are
  constants of ``typer.rich_utils``. Only the ones that exist are set: on a Typer that
  renamed one, that word stays in English; nothing breaks.

``ESCRITO_PARA`` is the Typer range pyproject.toml declares (tests/cli/test_typer_privado.py
checks they agree).
"""

from __future__ import annotations

from typing import Any

from a3tui import versiones

ESCRITO_PARA = ((0, 28), (0, 30))


def compatible(texto: str | None = None) -> bool:
    """Whether the installed Typer (or ``texto``) is one this module was written for."""
    if texto is None:
        # Imported here: importlib.metadata costs ~10 ms that every command would pay.
        from importlib.metadata import PackageNotFoundError, version

        try:
            texto = version("typer")
        except PackageNotFoundError:  # pragma: no cover - Typer is a dependency
            return False
    return versiones.en_rango(texto, ESCRITO_PARA)


def excepciones_de_click() -> Any:
    """The module whose ``UsageError`` and ``NoArgsIsHelpError`` Typer raises: its vendored
    Click (``typer._click.exceptions``), or Click's own on a Typer that doesn't vendor it."""
    try:
        from typer._click import exceptions
    except ImportError:  # a Typer that depends on Click instead of vendoring it
        from click import exceptions  # type: ignore[no-redef, unused-ignore]
    return exceptions


def elemento_de_completado() -> Any:
    """The class of one answer to Tab (``CompletionItem``) of the Click that Typer uses."""
    try:
        from typer._click.shell_completion import CompletionItem
    except ImportError:  # a Typer that depends on Click instead of vendoring it
        from click.shell_completion import CompletionItem  # type: ignore[no-redef, assignment, unused-ignore]
    return CompletionItem


AYUDA_EN_ESPANOL = {
    "ARGUMENTS_PANEL_TITLE": "Argumentos",
    "OPTIONS_PANEL_TITLE": "Opciones",
    "COMMANDS_PANEL_TITLE": "Comandos",
    "ERRORS_PANEL_TITLE": "Error",
    "DEFAULT_STRING": "[por omisión: {}]",
    "REQUIRED_LONG_STRING": "[obligatorio]",
    "ENVVAR_STRING": "[variable: {}]",
    "DEPRECATED_STRING": "(obsoleto) ",
    "ABORTED_TEXT": "Cancelado.",
    "RICH_HELP": "Usa [blue]'{command_path} {help_option}'[/] para ver la ayuda.",
}


def traducir_textos_de_ayuda() -> list[str]:
    """Set the fixed words of Typer's help to Spanish; return the names this Typer lacks."""
    from typer import rich_utils

    faltan = []
    for nombre, texto in AYUDA_EN_ESPANOL.items():
        if hasattr(rich_utils, nombre):
            setattr(rich_utils, nombre, texto)
        else:
            faltan.append(nombre)
    return faltan

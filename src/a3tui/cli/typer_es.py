"""Typer in Spanish: a3's help screens speak the user's language (es-MX).

The command and group classes below are Typer's own extension point (``cls=``): they
write «Uso:» and the Spanish text of ``--help`` by overriding public methods. The panel
titles of Typer's rich help are module settings of ``typer.rich_utils`` (set in
cli/typer_privado.py), set once, only
when a help screen is about to be drawn (importing it imports Rich, which one-off
commands don't need).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


class _EnEspanol:
    """What a3's commands and groups share: «Uso:», the Spanish ``--help`` that lists the
    values of each choice option (cli/valores.py), and no type shown beside a flag
    (``--forzar <bool>`` would invite ``--forzar true``)."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        piezas = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(piezas), prefix="Uso: ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Muestra esta ayuda y termina."
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from a3tui.cli.valores import completar_ayuda

        completar_ayuda(ctx.command_path, self.get_params(ctx))  # «--etapa E» says which
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            ayuda = _AYUDA_DE_TYPER.get(getattr(param, "name", None) or "")
            if ayuda is not None:
                param.help = ayuda
        return params


# The options Typer adds to `a3` for shell completion, in Spanish.
_AYUDA_DE_TYPER = {
    "install_completion": "Instala el autocompletado (Tab) de a3 en tu shell: bash, zsh o fish.",
    "show_completion": "Muestra el script de autocompletado de tu shell, para copiarlo o ajustarlo.",
}


class ComandoA3(_EnEspanol, TyperCommand):
    """A command whose help reads in Spanish."""


class GrupoA3(_EnEspanol, TyperGroup):
    """A group of commands (``a3 cliente``…) whose help reads in Spanish."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return ["[OPCIONES]", "COMANDO [ARGS]..."]


class TyperA3(typer.Typer):
    """A Typer app whose groups and commands are a3's Spanish classes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", GrupoA3)
        kwargs.setdefault("rich_markup_mode", "rich")
        super().__init__(**kwargs)

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[..., Any]:
        return super().command(name, cls=cls or ComandoA3, options_metavar="[OPCIONES]", **kwargs)


def traducir_ayuda() -> None:
    """The fixed texts of Typer's help screens, in Spanish (idempotent; cli/typer_privado.py)."""
    from a3tui.cli.typer_privado import traducir_textos_de_ayuda

    traducir_textos_de_ayuda()

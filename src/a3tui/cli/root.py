"""The root `a3` command: global options and the command groups."""

from __future__ import annotations

from typing import Any

import typer

from a3tui import __version__

AYUDA = (
    "a3: CRM de terminal para asesores inmobiliarios.\n\n"
    "Sin comando abre la aplicación de pantalla completa; con un grupo y un verbo ejecuta "
    "una sola acción y termina. La base de datos se elige con --db, o con la variable "
    "A3_DB, o es la de tu carpeta de datos de usuario."
)


def _version(value: bool) -> None:
    if value:
        print(f"a3 {__version__}")
        raise typer.Exit()


def build() -> Any:
    """The click command behind `a3` (built per call so tests start clean)."""
    from a3tui.cli import actividades, agenda, clientes, db, demo, notas, tareas

    app = typer.Typer(
        help=AYUDA,
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
        epilog="Ejemplo: a3 --db ~/clientes.db hoy",
    )

    @app.callback(invoke_without_command=True)
    def root(
        ctx: typer.Context,
        db: str | None = typer.Option(
            None, "--db", metavar="RUTA", help="Archivo de la base de datos (o la variable A3_DB)."
        ),
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Muestra la versión y termina."
        ),
    ) -> None:
        ctx.obj = {"db": db}
        if ctx.invoked_subcommand is None:
            from a3tui.app import run

            run(db)

    app.add_typer(clientes.app, name="cliente")
    app.add_typer(actividades.app, name="actividad")
    app.add_typer(notas.app, name="nota")
    app.add_typer(tareas.app, name="tarea")
    app.command("hoy", help=agenda.hoy.__doc__, epilog="Ejemplo: a3 hoy --json")(agenda.hoy)
    app.add_typer(db.app, name="db")
    app.command("demo", help=demo.demo.__doc__, epilog="Ejemplo: a3 --db demo.db demo --clientes 200 --abrir")(
        demo.demo
    )
    return typer.main.get_command(app)


def spanish_help(command: Any = None) -> None:
    """Typer's help screens are English; a3's are Spanish (SPEC §1)."""
    if command is not None:
        _spanish_metavars(command)
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumentos"
    rich_utils.OPTIONS_PANEL_TITLE = "Opciones"
    rich_utils.COMMANDS_PANEL_TITLE = "Comandos"
    rich_utils.ERRORS_PANEL_TITLE = "Error"
    rich_utils.DEFAULT_STRING = "[por omisión: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[obligatorio]"
    rich_utils.ENVVAR_STRING = "[variable: {}]"
    rich_utils.DEPRECATED_STRING = "(obsoleto) "
    rich_utils.ABORTED_TEXT = "Cancelado."
    rich_utils.RICH_HELP = "Usa [blue]'{command_path} {help_option}'[/] para ver la ayuda."
    rich_utils.highlighter.highlights = [
        h.replace("Usage: ", "Uso: ") for h in rich_utils.highlighter.highlights
    ]
    from typer._click import core, formatting

    write_usage = formatting.HelpFormatter.write_usage

    def write_usage_es(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "Uso: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage_es  # type: ignore[method-assign]
    get_help_option = core.Command.get_help_option

    def get_help_option_es(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = "Muestra esta ayuda y termina."
        return option

    core.Command.get_help_option = get_help_option_es  # type: ignore[method-assign]

    # A flag takes no value: showing "<bool>" beside it invites "--forzar true".
    from typer.core import TyperOption

    display_type_rich = TyperOption.display_type_rich

    def display_type_rich_es(self: Any, ctx: Any) -> Any:
        return None if self.is_flag else display_type_rich(self, ctx)

    TyperOption.display_type_rich = display_type_rich_es  # type: ignore[method-assign]


def _spanish_metavars(command: Any) -> None:
    command.options_metavar = "[OPCIONES]"
    if hasattr(command, "commands"):
        command.subcommand_metavar = "COMANDO [ARGS]..."
        for sub in command.commands.values():
            _spanish_metavars(sub)

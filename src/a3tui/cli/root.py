"""The root `a3` command: global options and the command groups."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import typer

from a3tui import __version__
from a3tui.cli import completado
from a3tui.cli.typer_es import TyperA3

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


def _grupo(modulo: str, atributo: str, nombre: str) -> Callable[[TyperA3], None]:
    def registrar(app: TyperA3) -> None:
        app.add_typer(getattr(importlib.import_module(f"a3tui.cli.{modulo}"), atributo), name=nombre)

    return registrar


def _comando(modulo: str, funcion: str, nombre: str, epilog: str) -> Callable[[TyperA3], None]:
    def registrar(app: TyperA3) -> None:
        hacer = getattr(importlib.import_module(f"a3tui.cli.{modulo}"), funcion)
        app.command(nombre, help=hacer.__doc__, epilog=epilog)(hacer)

    return registrar


# Every top-level command, in the order `a3 --help` lists them. A command line that names
# one gets only that one registered (and its module imported): Typer builds a click
# command for every parameter of every command registered, which for all of them costs
# more than the command itself does (issue 14).
COMANDOS: dict[str, Callable[[TyperA3], None]] = {
    "cliente": _grupo("clientes", "app", "cliente"),
    "actividad": _grupo("actividades", "app", "actividad"),
    "nota": _grupo("notas", "app", "nota"),
    "tarea": _grupo("tareas", "app", "tarea"),
    "propiedad": _grupo("propiedades", "app", "propiedad"),
    "apartado": _grupo("apartados", "app", "apartado"),
    "documento": _grupo("documentos", "app", "documento"),
    "caso": _grupo("casos", "app", "caso"),
    "hoy": _comando("agenda", "hoy", "hoy", "Ejemplo: a3 hoy --json"),
    "siguiente": _comando("siguiente", "siguiente", "siguiente", "Ejemplos: a3 siguiente · a3 siguiente -n 20 --json"),
    "recordatorios": _comando(
        "agenda", "recordatorios", "recordatorios", "Ejemplos: a3 recordatorios · a3 recordatorios --contar"
    ),
    "asesor": _grupo("oficina", "asesor_app", "asesor"),
    "suplencia": _grupo("oficina", "suplencia_app", "suplencia"),
    "transferencia": _grupo("oficina", "transferencia_app", "transferencia"),
    "auditoria": _comando(
        "oficina", "auditoria", "auditoria", "Ejemplos: a3 auditoria perez · a3 auditoria --desde lunes"
    ),
    "equipo": _comando("oficina", "equipo", "equipo", "Ejemplos: a3 equipo · a3 equipo --json"),
    "reporte": _grupo("reportes", "reporte_app", "reporte"),
    "metricas": _comando("reportes", "metricas", "metricas", "Ejemplos: a3 metricas · a3 metricas --mes --json"),
    "importar": _grupo("importar", "app", "importar"),
    "exportar": _grupo("reportes", "exportar_app", "exportar"),
    "ajuste": _grupo("ajustes", "app", "ajuste"),
    "db": _grupo("db", "app", "db"),
    "demo": _comando("demo", "demo", "demo", "Ejemplo: a3 --db demo.db demo --clientes 200 --abrir"),
}


def build(solo: str | None = None) -> Any:
    """The click command behind `a3` (built per call so tests start clean): every command,
    or only ``solo`` when the command line names it (the others are neither imported nor built)."""
    app = TyperA3(
        help=AYUDA,
        no_args_is_help=False,
        add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish)
        context_settings={"help_option_names": ["-h", "--help"]},
        epilog="Ejemplo: a3 --db ~/clientes.db hoy",
    )

    @app.callback(invoke_without_command=True)
    def root(
        typer_ctx: typer.Context,
        db: str | None = typer.Option(
            None, "--db", metavar="RUTA", help="Archivo de la base de datos (o la variable A3_DB)."
        ),
        version: bool = typer.Option(
            False, "--version", "-V", callback=_version, is_eager=True, help="Muestra la versión y termina."
        ),
    ) -> None:
        typer_ctx.obj = {"db": db}
        if typer_ctx.invoked_subcommand is None:
            from a3tui.app import run

            run(db)

    for nombre, registrar in COMANDOS.items():
        if solo is None or nombre == solo:
            registrar(app)
    command = typer.main.get_command(app)
    # Tab offers the clients, properties, advisors and values each parameter names.
    completado.adjuntar(command)
    return command

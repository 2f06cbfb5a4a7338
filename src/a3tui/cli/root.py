"""The root `a3` command: global options and the command groups."""

from __future__ import annotations

from typing import Any

import typer

from a3tui import __version__
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


def build() -> Any:
    """The click command behind `a3` (built per call so tests start clean)."""
    from a3tui.cli import (
        actividades,
        agenda,
        ajustes,
        apartados,
        clientes,
        db,
        demo,
        documentos,
        importar,
        notas,
        oficina,
        propiedades,
        reportes,
        siguiente,
        tareas,
    )

    app = TyperA3(
        help=AYUDA,
        no_args_is_help=False,
        add_completion=False,
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
            False, "--version", callback=_version, is_eager=True, help="Muestra la versión y termina."
        ),
    ) -> None:
        typer_ctx.obj = {"db": db}
        if typer_ctx.invoked_subcommand is None:
            from a3tui.app import run

            run(db)

    app.add_typer(clientes.app, name="cliente")
    app.add_typer(actividades.app, name="actividad")
    app.add_typer(notas.app, name="nota")
    app.add_typer(tareas.app, name="tarea")
    app.add_typer(propiedades.app, name="propiedad")
    app.add_typer(apartados.app, name="apartado")
    app.add_typer(documentos.app, name="documento")
    app.command("hoy", help=agenda.hoy.__doc__, epilog="Ejemplo: a3 hoy --json")(agenda.hoy)
    app.command(
        "siguiente", help=siguiente.siguiente.__doc__, epilog="Ejemplos: a3 siguiente · a3 siguiente --n 20 --json"
    )(siguiente.siguiente)
    app.command(
        "recordatorios",
        help=agenda.recordatorios.__doc__,
        epilog="Ejemplos: a3 recordatorios · a3 recordatorios --contar",
    )(agenda.recordatorios)
    app.add_typer(oficina.asesor_app, name="asesor")
    app.add_typer(oficina.suplencia_app, name="suplencia")
    app.add_typer(oficina.transferencia_app, name="transferencia")
    app.command(
        "auditoria", help=oficina.auditoria.__doc__, epilog="Ejemplos: a3 auditoria perez · a3 auditoria --desde lunes"
    )(oficina.auditoria)
    app.command("equipo", help=oficina.equipo.__doc__, epilog="Ejemplos: a3 equipo · a3 equipo --json")(oficina.equipo)
    app.add_typer(reportes.reporte_app, name="reporte")
    app.command("metricas", help=reportes.metricas.__doc__, epilog="Ejemplos: a3 metricas · a3 metricas --mes --json")(
        reportes.metricas
    )
    app.add_typer(importar.app, name="importar")
    app.add_typer(reportes.exportar_app, name="exportar")
    app.add_typer(ajustes.app, name="ajuste")
    app.add_typer(db.app, name="db")
    app.command("demo", help=demo.demo.__doc__, epilog="Ejemplo: a3 --db demo.db demo --clientes 200 --abrir")(
        demo.demo
    )
    return typer.main.get_command(app)

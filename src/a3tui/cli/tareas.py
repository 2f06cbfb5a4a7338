"""`a3 tarea …`: promises to keep, with due date, priority and reminder."""

from __future__ import annotations

import typer

from a3tui.cli.common import console, contexto, echo, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Tareas: pendientes con fecha límite, prioridad y recordatorio.",
    epilog=(
        'Ejemplos: a3 tarea add "Llamar a Juan" --vence viernes --cliente perez · a3 tarea list --hoy · '
        "a3 tarea done 7 · a3 tarea reabrir 7"
    ),
    no_args_is_help=True,
)


@app.command(
    "add",
    epilog='Ejemplo: a3 tarea add "Llamar a Juan para confirmar cita" --vence viernes --hora 10:30 --cliente perez --prioridad alta',
)
def add(
    typer_ctx: typer.Context,
    descripcion: str = typer.Argument(..., metavar="DESCRIPCION", help="Qué hay que hacer."),
    vence: str = typer.Option(
        ..., "--vence", "-v", metavar="F", help="Fecha límite: AAAA-MM-DD, DD/MM/AAAA, hoy, mañana, +N o viernes."
    ),
    hora: str | None = typer.Option(None, "--hora", metavar="HH:MM", help="Hora (opcional)."),
    cliente: str | None = typer.Option(None, "--cliente", "-c", metavar="REF", help="Cliente relacionado."),
    prioridad: str | None = typer.Option(None, "--prioridad", "-p", metavar="P", help="alta, media o baja."),
    recordatorio: bool = typer.Option(True, "--recordatorio/--sin-recordatorio", help="Si a3 te lo recuerda."),
) -> None:
    """Crea una tarea e imprime su id."""
    from a3tui import domain
    from a3tui.services import clientes, tareas

    with contexto(typer_ctx, escritura=True) as ctx:
        fecha = domain.parse_fecha(vence, ctx.hoy)
        tiempo = domain.parse_hora(hora) if hora else None
        ligado = clientes.resolve(ctx, cliente) if cliente else None
        tarea = tareas.add(
            ctx, descripcion, fecha, hora=tiempo, cliente=ligado, prioridad=prioridad, recordatorio=recordatorio
        )
    echo(str(tarea.id))


@app.command("list", epilog="Ejemplos: a3 tarea list · a3 tarea list --hoy · a3 tarea list --vencidas --json")
def list_(
    typer_ctx: typer.Context,
    hoy: bool = typer.Option(False, "--hoy", help="Solo las que vencen hoy."),
    vencidas: bool = typer.Option(False, "--vencidas", help="Solo las vencidas."),
    proximas: bool = typer.Option(False, "--proximas", help="Solo las de los próximos 7 días."),
    hechas: bool = typer.Option(False, "--hechas", help="Solo las ya hechas."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Lista tus tareas pendientes (o una vista: --hoy, --vencidas, --proximas, --hechas)."""
    from a3tui.cli import render
    from a3tui.errors import DatoInvalido
    from a3tui.services import tareas

    vistas = [v for v, on in (("hoy", hoy), ("vencidas", vencidas), ("proximas", proximas), ("hechas", hechas)) if on]
    if len(vistas) > 1:
        raise DatoInvalido("Usa solo una de --hoy, --vencidas, --proximas o --hechas.")
    vista = vistas[0] if vistas else "pendientes"
    with contexto(typer_ctx, escritura=False) as ctx:
        filas = tareas.list_(ctx, vista)
        if json:
            print_json([render.tarea_json(f) for f in filas])
            return
        if not filas:
            echo("No hay tareas en esta vista.")
            return
        console().print(render.tareas_table(filas, ctx.ahora))


@app.command("done", epilog="Ejemplo: a3 tarea done 7")
def done(typer_ctx: typer.Context, tarea_id: int = typer.Argument(..., metavar="ID", help="Id de la tarea.")) -> None:
    """Marca una tarea como hecha."""
    from a3tui.services import tareas

    with contexto(typer_ctx, escritura=True) as ctx:
        tarea = tareas.done(ctx, tarea_id)
    echo(f"Tarea {tarea.id} hecha: {tarea.descripcion}")


@app.command("reabrir", epilog="Ejemplo: a3 tarea reabrir 7")
def reabrir(
    typer_ctx: typer.Context, tarea_id: int = typer.Argument(..., metavar="ID", help="Id de la tarea.")
) -> None:
    """Vuelve a dejar pendiente una tarea marcada como hecha (deshace «done»)."""
    from a3tui.services import tareas

    with contexto(typer_ctx, escritura=True) as ctx:
        tarea = tareas.reopen(ctx, tarea_id)
    echo(f"Tarea {tarea.id} pendiente otra vez: {tarea.descripcion}")

"""`a3 tarea …`: promises to keep, with due date, priority and reminder."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from a3tui.cli.common import Json, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from datetime import date

    from a3tui.models import Tarea

FECHA_HELP = "AAAA-MM-DD, DD/MM/AAAA, hoy, mañana, +N (días desde hoy) o un día como viernes."

app = TyperA3(
    help="Tareas: pendientes con fecha límite, prioridad y recordatorio.",
    epilog=(
        'Ejemplos: a3 tarea add "Llamar a Juan" --vence viernes --cliente perez · a3 tarea list --hoy · '
        "a3 tarea done 7 · a3 tarea reabrir 7 · a3 tarea posponer 7 viernes · a3 tarea edit 7 --hora 16:00 · "
        "a3 tarea borrar 7"
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
    json: Json = False,
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
            print_json(lista_json("tareas", [render.tarea_json(f) for f in filas]))
            return
        if not filas:
            echo("No hay tareas en esta vista.")
            return
        from a3tui.cli.salida import imprimir

        imprimir(render.tareas_table(filas, ctx.ahora))


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


def _cuando(tarea: Tarea, hoy: date) -> str:
    from a3tui import domain

    return domain.cuando_tarea(tarea.vence, tarea.hora, hoy)


@app.command(
    "edit",
    epilog=(
        'Ejemplos: a3 tarea edit 7 --vence viernes --hora 10:30 · a3 tarea edit 7 --descripcion "Enviar cotización" '
        "--prioridad alta · a3 tarea edit 7 --sin-cliente --sin-recordatorio"
    ),
)
def edit(
    typer_ctx: typer.Context,
    tarea_id: int = typer.Argument(..., metavar="ID", help="Id de la tarea."),
    descripcion: str | None = typer.Option(None, "--descripcion", "-d", metavar="TEXTO", help="Qué hay que hacer."),
    vence: str | None = typer.Option(None, "--vence", "-v", metavar="F", help=f"Fecha límite: {FECHA_HELP}"),
    hora: str | None = typer.Option(None, "--hora", metavar="HH:MM", help="Hora."),
    sin_hora: bool = typer.Option(False, "--sin-hora", help="Quita la hora (vence en el día)."),
    prioridad: str | None = typer.Option(None, "--prioridad", "-p", metavar="P", help="alta, media o baja."),
    recordatorio: bool | None = typer.Option(
        None, "--recordatorio/--sin-recordatorio", help="Si a3 te lo recuerda.", show_default=False
    ),
    cliente: str | None = typer.Option(
        None, "--cliente", "-c", metavar="REF", help="Cliente relacionado (id, o parte de su nombre o teléfono)."
    ),
    sin_cliente: bool = typer.Option(False, "--sin-cliente", help="Quita el cliente (queda como tarea tuya)."),
) -> None:
    """Cambia la descripción, fecha, hora, prioridad, recordatorio o cliente de una tarea; lo demás queda igual."""
    from a3tui import domain
    from a3tui.errors import DatoInvalido
    from a3tui.services import clientes, tareas

    if hora is not None and sin_hora:
        raise DatoInvalido("Usa --hora o --sin-hora, no las dos.")
    if cliente is not None and sin_cliente:
        raise DatoInvalido("Usa --cliente o --sin-cliente, no las dos.")
    opciones = (descripcion, vence, hora, prioridad, recordatorio, cliente)
    if all(o is None for o in opciones) and not sin_hora and not sin_cliente:
        raise DatoInvalido(
            "No indicaste nada que cambiar; usa --descripcion, --vence, --hora, --sin-hora, --prioridad, "
            "--recordatorio, --sin-recordatorio, --cliente o --sin-cliente."
        )
    sin = tareas.SIN_CAMBIO
    nueva_hora = domain.parse_hora(hora) if hora is not None else None
    with contexto(typer_ctx, escritura=True) as ctx:
        tarea = tareas.edit(
            ctx,
            tarea_id,
            descripcion=sin if descripcion is None else descripcion,
            vence=sin if vence is None else domain.parse_fecha(vence, ctx.hoy),
            hora=None if sin_hora else (sin if hora is None else nueva_hora),
            prioridad=sin if prioridad is None else prioridad,
            recordatorio=sin if recordatorio is None else recordatorio,
            cliente=None if sin_cliente else (sin if cliente is None else clientes.resolve(ctx, cliente)),
        )
        fila = tareas.fila(ctx, tarea)
        cuando = _cuando(tarea, ctx.hoy)
    con = f" · {fila.cliente}" if fila.cliente else ""
    aviso = "con recordatorio" if tarea.recordatorio else "sin recordatorio"
    echo(f"Tarea {tarea.id}: {tarea.descripcion} · vence {cuando} · prioridad {tarea.prioridad.value} · {aviso}{con}")


@app.command(
    "posponer",
    epilog="Ejemplos: a3 tarea posponer 7 · a3 tarea posponer 7 +3 · a3 tarea posponer 7 viernes --hora 10:00",
)
def posponer(
    typer_ctx: typer.Context,
    tarea_id: int = typer.Argument(..., metavar="ID", help="Id de la tarea."),
    cuando: str | None = typer.Argument(
        None, metavar="CUANDO", help=f"Nueva fecha (por omisión, el día siguiente al que vence): {FECHA_HELP}"
    ),
    hora: str | None = typer.Option(None, "--hora", metavar="HH:MM", help="Nueva hora (si no, conserva la suya)."),
    sin_hora: bool = typer.Option(False, "--sin-hora", help="Quita la hora (vence en el día)."),
) -> None:
    """Mueve una tarea pendiente a otro día (por omisión, a mañana)."""
    from a3tui import domain
    from a3tui.errors import DatoInvalido
    from a3tui.services import tareas

    if hora is not None and sin_hora:
        raise DatoInvalido("Usa --hora o --sin-hora, no las dos.")
    nueva_hora = domain.parse_hora(hora) if hora is not None else None
    with contexto(typer_ctx, escritura=True) as ctx:
        fecha = domain.parse_fecha(cuando, ctx.hoy) if cuando is not None else None
        if hora is not None or sin_hora:
            tarea = tareas.posponer(ctx, tarea_id, fecha, hora=nueva_hora)
        else:
            tarea = tareas.posponer(ctx, tarea_id, fecha)
        nuevo = _cuando(tarea, ctx.hoy)
    echo(f"Tarea {tarea.id} pospuesta; ahora vence {nuevo}: {tarea.descripcion}")


@app.command("borrar", epilog="Ejemplos: a3 tarea borrar 7 · a3 tarea borrar 7 --si")
def borrar(
    typer_ctx: typer.Context,
    tarea_id: int = typer.Argument(..., metavar="ID", help="Id de la tarea."),
    si: bool = typer.Option(False, "--si", help="No preguntar."),
) -> None:
    """Borra una tarea para siempre (pregunta antes; para deshacer «done» usa «a3 tarea reabrir»)."""
    from a3tui.domain import imprimible
    from a3tui.errors import DatoInvalido
    from a3tui.services import tareas

    if not si:
        # Asked outside the write transaction: the question never holds the database.
        with contexto(typer_ctx, escritura=False) as ctx:
            tarea = tareas.get(ctx, tarea_id)
            cuando = _cuando(tarea, ctx.hoy)
        if not sys.stdin.isatty():
            raise DatoInvalido(f"Para borrar la tarea {tarea_id} sin preguntar usa --si.")
        respuesta = input(imprimible(f"¿Borrar la tarea {tarea_id} («{tarea.descripcion}», vence {cuando})? [s/N] "))
        if respuesta.strip().lower() not in ("s", "si", "sí"):
            echo("No se borró nada.")
            return
    with contexto(typer_ctx, escritura=True) as ctx:
        tarea = tareas.borrar(ctx, tarea_id)
    echo(f"Tarea {tarea_id} borrada: {tarea.descripcion}")

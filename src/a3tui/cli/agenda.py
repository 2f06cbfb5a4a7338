"""`a3 hoy`: the advisor's agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import Json, contexto, echo, lista_json, print_json

if TYPE_CHECKING:
    from a3tui.services import Contexto
    from a3tui.services.agenda import Agenda
    from a3tui.services.tareas import FilaTarea

# Reminders named on `a3 hoy`'s line before "y N más".
RECORDATORIOS_EN_LINEA = 3
# Rows a section of `a3 hoy` shows a person (the sections fit a screen or two), and --json.
FILAS_POR_SECCION = 5
FILAS_JSON = 20


def hoy(
    typer_ctx: typer.Context,
    json: Json = False,
    limite: int | None = typer.Option(
        None,
        "--limite",
        "-n",
        metavar="N",
        help=f"Máximo de filas por sección (por omisión {FILAS_POR_SECCION}; {FILAS_JSON} con --json).",
    ),
    asesor: str | None = typer.Option(
        None, "--asesor", metavar="LOGIN", help="La agenda de otro asesor, o «plaza» (coordinador o suplente)."
    ),
) -> None:
    """Tu agenda de hoy: tareas vencidas y de hoy, clientes con seguimiento vencido o para hoy, y clientes fríos, en el orden en que conviene atenderlos."""
    from a3tui.cli import render
    from a3tui.domain import check_limite
    from a3tui.services import agenda, asesores

    with contexto(typer_ctx, escritura=False) as ctx:
        from a3tui.services import clientes as servicio_clientes
        from a3tui.services import tareas as servicio_tareas

        ctx = asesores.ver(ctx, asesor)
        if limite is None:
            limite = FILAS_JSON if json else FILAS_POR_SECCION
        del_dia = agenda.hoy(ctx, limite=check_limite(limite))
        avisos = servicio_tareas.recordatorios(ctx, limit=limite)
        total_avisos = len(avisos) if len(avisos) < limite else servicio_tareas.cuantos_recordatorios(ctx)
        nombres = servicio_clientes.nombres_de_asesores(ctx) if servicio_clientes.varios_asesores(ctx) else None
        from a3tui.services import actividades

        por_responder = actividades.count_pendientes_de_respuesta(ctx, hasta=HASTA_POR_RESPONDER)
        if json:
            doc: dict[str, Any] = {"fecha": ctx.hoy, "recordatorios": [render.tarea_json(f) for f in avisos]}
            for tareas in del_dia.secciones_de_tareas:
                doc[tareas.clave] = [render.tarea_json(f) for f in tareas.filas]
            for clientes in del_dia.secciones_de_clientes:
                doc[clientes.clave] = [render.fila_json(f, nombres) for f in clientes.filas]
            doc["totales"] = {s.clave: s.total for s in del_dia.secciones_de_tareas}
            doc["totales"].update({s.clave: s.total for s in del_dia.secciones_de_clientes})
            doc["totales"]["recordatorios"] = total_avisos
            doc["totales"]["pendientes_de_respuesta"] = por_responder
            print_json(doc)
            return
        from a3tui.cli.salida import Paginado

        with Paginado() as pagina:
            _imprimir_agenda(ctx, del_dia, avisos, total_avisos, nombres, por_responder, asesor)
    pagina.mostrar()


def _imprimir_agenda(
    ctx: Contexto,
    del_dia: Agenda,
    avisos: list[FilaTarea],
    total_avisos: int,
    nombres: dict[int, str] | None,
    por_responder: int,
    asesor: str | None,
) -> None:
    """`a3 hoy` for a person: each section capped, one line a record at 80 columns."""
    from a3tui.cli import render
    from a3tui.cli.salida import Tabla, Texto, imprimir

    dias = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    quien = ctx.asesor.nombre if not asesor else ctx.cartera.titulo
    titulo = f"Agenda de {quien} · {dias[ctx.hoy.weekday()]} {ctx.hoy.isoformat()}"
    imprimir(Texto(titulo, "bold"))
    if avisos:
        imprimir(Texto(_linea_recordatorios(avisos, total_avisos), "bold"))
    totales = [s.total for s in del_dia.secciones_de_tareas] + [s.total for s in del_dia.secciones_de_clientes]
    # What shows every row of the longest section, said as the command to type.
    todas = "a3 hoy" + (f" --asesor {asesor}" if asesor else "") + f" --limite {max(totales, default=0)}"
    # The advisor's column only when the rows are of more than one advisor.
    de_quien = {f.asesor_id for s in del_dia.secciones_de_clientes for f in s.filas}
    nombres = nombres if len(de_quien) > 1 else None

    def seccion(titulo: str, total: int, mostradas: int, tabla: Tabla) -> None:
        imprimir(Texto(f"\n{titulo} · {total}", "bold underline"))
        imprimir(tabla)
        if total > mostradas:
            imprimir(Texto(f"… y {total - mostradas:,} más: {todas}", "dim"))

    vacio = True
    for tareas in del_dia.secciones_de_tareas:
        if tareas.filas:
            vacio = False
            tabla = render.agenda_tareas_table(tareas.filas, ctx.ahora)
            seccion(tareas.titulo, tareas.total, len(tareas.filas), tabla)
    for clientes in del_dia.secciones_de_clientes:
        if clientes.filas:
            vacio = False
            tabla = render.agenda_clientes_table(clientes.filas, ctx.ahora, nombres)
            seccion(clientes.titulo, clientes.total, len(clientes.filas), tabla)
    if por_responder:
        vacio = False
        cuantos = f"{por_responder:,}" + ("+" if por_responder >= HASTA_POR_RESPONDER else "")
        imprimir(Texto(f"\nPendientes de respuesta · {cuantos} (a3 actividad pendientes)", "bold underline"))
    if vacio:
        echo("Nada pendiente para hoy. Buen momento para buscar prospectos nuevos.")


# `a3 hoy` counts pending replies up to here ("1,000+"): an exact count of a large office's
# costs more than the rest of the agenda; `a3 actividad pendientes` gives the total.
HASTA_POR_RESPONDER = 1000


def _linea_recordatorios(avisos: list[FilaTarea], total: int) -> str:
    """``Recordatorios (2): Llamar a Juan · Enviar cotización`` — the top line of `a3 hoy`."""
    from a3tui.domain import imprimible

    nombres = [imprimible(f.tarea.descripcion) for f in avisos[:RECORDATORIOS_EN_LINEA]]
    if total > len(nombres):
        nombres.append(f"y {total - len(nombres)} más")
    return f"Recordatorios ({total}): " + " · ".join(nombres)


def recordatorios(
    typer_ctx: typer.Context,
    json: Json = False,
    contar: bool = typer.Option(False, "--contar", help="Solo el número de recordatorios (para tmux o el prompt)."),
) -> None:
    """Las tareas pendientes con recordatorio cuya hora ya llegó (vencidas, de hoy sin hora o con hora ya pasada), una por línea; sin recordatorios no imprime nada. Pensado para el prompt de la terminal, la barra de tmux o cron."""
    from a3tui.cli import render
    from a3tui.errors import DatoInvalido
    from a3tui.services import tareas

    if json and contar:
        raise DatoInvalido("Usa --json o --contar, no las dos.")
    with contexto(typer_ctx, escritura=False) as ctx:
        if contar:
            echo(str(tareas.cuantos_recordatorios(ctx)))
            return
        avisos = tareas.recordatorios(ctx)
    if json:
        print_json(lista_json("recordatorios", [render.tarea_json(f) for f in avisos]))
        return
    for fila in avisos:
        cliente = f" · {fila.cliente}" if fila.cliente else ""
        echo(f"{fila.tarea.id} {render.vence_texto(fila, ctx.hoy)}: {fila.tarea.descripcion}{cliente}")

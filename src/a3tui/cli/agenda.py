"""`a3 hoy`: the advisor's agenda."""

from __future__ import annotations

from typing import Any

import typer

from a3tui.cli.common import console, contexto, echo, print_json


def hoy(
    typer_ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
    limite: int = typer.Option(20, "--limite", "-n", metavar="N", help="Máximo de filas por sección."),
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

        ctx = asesores.ver(ctx, asesor)
        del_dia = agenda.hoy(ctx, limite=check_limite(limite))
        nombres = servicio_clientes.nombres_de_asesores(ctx) if servicio_clientes.varios_asesores(ctx) else None
        if json:
            doc: dict[str, Any] = {"fecha": ctx.hoy}
            for tareas in del_dia.secciones_de_tareas:
                doc[tareas.clave] = [render.tarea_json(f) for f in tareas.filas]
            for clientes in del_dia.secciones_de_clientes:
                doc[clientes.clave] = [render.fila_json(f, nombres) for f in clientes.filas]
            doc["totales"] = {s.clave: s.total for s in del_dia.secciones_de_tareas}
            doc["totales"].update({s.clave: s.total for s in del_dia.secciones_de_clientes})
            print_json(doc)
            return
        from rich.text import Text

        from a3tui.domain import imprimible

        out = console()
        dias = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
        quien = ctx.asesor.nombre if not asesor else ctx.cartera.titulo
        titulo = f"Agenda de {quien} · {dias[ctx.hoy.weekday()]} {ctx.hoy.isoformat()}"
        out.print(Text(imprimible(titulo), style="bold"))

        def encabezado(titulo: str, total: int, mostradas: int) -> None:
            mas = f" (mostrando {mostradas} de {total})" if total > mostradas else ""
            out.print(Text(f"\n{titulo} · {total}{mas}", style="bold underline"))

        vacio = True
        for tareas in del_dia.secciones_de_tareas:
            if tareas.filas:
                vacio = False
                encabezado(tareas.titulo, tareas.total, len(tareas.filas))
                out.print(render.tareas_table(tareas.filas, ctx.ahora))
        for clientes in del_dia.secciones_de_clientes:
            if clientes.filas:
                vacio = False
                encabezado(clientes.titulo, clientes.total, len(clientes.filas))
                out.print(render.clientes_table(clientes.filas, ctx.ahora, nombres))
        if vacio:
            echo("Nada pendiente para hoy. Buen momento para buscar prospectos nuevos.")

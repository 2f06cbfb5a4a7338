"""`a3 hoy`: the advisor's agenda."""

from __future__ import annotations

import typer

from a3tui.cli.common import console, contexto, echo, print_json


def hoy(
    typer_ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
    limite: int = typer.Option(20, "--limite", "-n", metavar="N", help="Máximo de filas por sección."),
) -> None:
    """Tu agenda de hoy: tareas vencidas y de hoy, clientes con seguimiento vencido o para hoy, y clientes fríos, en el orden en que conviene atenderlos."""
    from a3tui.cli import render
    from a3tui.services import agenda
    from a3tui.services.tareas import FilaTarea

    with contexto(typer_ctx, escritura=False) as ctx:
        dia = agenda.hoy(ctx, limite=max(limite, 1))
        if json:
            doc: dict = {"fecha": ctx.hoy}
            claves = ["tareas_vencidas", "tareas_hoy", "contactos_vencidos", "contactos_hoy", "frios"]
            for clave, seccion in zip(claves, dia.secciones):
                doc[clave] = [
                    render.tarea_json(f) if isinstance(f, FilaTarea) else render.fila_json(f) for f in seccion.filas
                ]
            doc["totales"] = {clave: s.total for clave, s in zip(claves, dia.secciones)}
            print_json(doc)
            return
        out = console()
        from rich.text import Text

        from a3tui.domain import imprimible

        dias = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
        out.print(Text(imprimible(f"Agenda de {ctx.asesor.nombre} · {dias[ctx.hoy.weekday()]} {ctx.hoy.isoformat()}"), style="bold"))
        vacio = True
        for seccion in dia.secciones:
            if not seccion.filas:
                continue
            vacio = False
            mas = f" (mostrando {len(seccion.filas)} de {seccion.total})" if seccion.total > len(seccion.filas) else ""
            out.print(Text(f"\n{seccion.titulo} · {seccion.total}{mas}", style="bold underline"))
            if isinstance(seccion.filas[0], FilaTarea):
                out.print(render.tareas_table(seccion.filas, ctx.ahora))
            else:
                out.print(render.clientes_table(seccion.filas, ctx.ahora))
        if vacio:
            echo("Nada pendiente para hoy. Buen momento para buscar prospectos nuevos.")

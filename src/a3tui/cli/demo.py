"""`a3 demo`: a realistic demo database to try a3."""

from __future__ import annotations

import typer

from a3tui.cli.common import echo, opcion_db


def demo(
    typer_ctx: typer.Context,
    clientes: int = typer.Option(150, "--clientes", "-n", metavar="N", help="Cuántos clientes generar."),
    semilla: int = typer.Option(7, "--semilla", metavar="N", help="Semilla (misma semilla, mismos datos)."),
    abrir: bool = typer.Option(False, "--abrir", help="Abrir la aplicación al terminar (o si la demo ya existe)."),
) -> None:
    """Crea una base de datos de demostración con clientes, actividades y tareas realistas; no sobrescribe una base con datos."""
    from a3tui import demo as demo_data
    from a3tui.errors import BaseDeDatosInvalida, DatoInvalido
    from a3tui.services import ajustes
    from a3tui.store import open_store

    if not 1 <= clientes <= 1_000_000:
        raise DatoInvalido("--clientes debe estar entre 1 y 1,000,000.")
    store = open_store(opcion_db(typer_ctx))
    try:
        if not store.is_empty():
            with store.session(escritura=False) as session:
                es_demo = ajustes.es_demo(session)
            if not (abrir and es_demo):
                raise BaseDeDatosInvalida(
                    f"La base de datos {store.nombre} ya tiene datos; la demo no la sobrescribe. "
                    "Usa --db con otro archivo, p. ej. a3 --db demo.db demo."
                )
        else:
            resumen = demo_data.generate(store, clientes=clientes, seed=semilla)
            duplicados = demo_data.oficina(store, seed=semilla)
            with store.session() as session:
                ajustes.marcar_demo(session, semilla)
            echo(
                f"Demo creada en {store.nombre}: {resumen.clientes} clientes, {resumen.actividades} actividades, "
                f"{resumen.tareas} tareas; una oficina con dos asesores (luis y carmen) y tú de coordinador, "
                f"transferencias por aprobar y {duplicados} clientes capturados dos veces para fusionar."
            )
    finally:
        store.dispose()
    if abrir:
        from a3tui.app import run

        run(opcion_db(typer_ctx))

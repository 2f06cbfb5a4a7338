"""`a3 nota …`: free observations about a client."""

from __future__ import annotations

import typer

from a3tui.cli.common import REF_HELP, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Notas: observaciones sobre un cliente.",
    epilog='Ejemplos: a3 nota add perez "Prefiere casas de 2 plantas" · a3 nota list perez',
    no_args_is_help=True,
)


@app.command("add", epilog='Ejemplo: a3 nota add perez "Solo puede pagar $10,000 de enganche"')
def add(
    typer_ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="REF", help=REF_HELP),
    texto: str = typer.Argument(..., metavar="TEXTO", help="La nota."),
) -> None:
    """Agrega una nota a un cliente."""
    from a3tui.services import clientes, notas

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        nota = notas.add(ctx, cliente, texto)
    echo(f"Nota {nota.id} agregada a {cliente.nombre}.")


@app.command("list", epilog="Ejemplo: a3 nota list perez")
def list_(
    typer_ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="REF", help=REF_HELP),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Muestra las notas de un cliente, la más reciente primero."""
    from a3tui.cli import render
    from a3tui.services import clientes, notas

    with contexto(typer_ctx, escritura=False) as ctx:
        cliente = clientes.resolve(ctx, ref)
        lista = notas.list_(ctx, cliente)
        if json:
            print_json(
                lista_json(
                    "notas",
                    [render.nota_json(n) for n in lista],
                    cliente={"id": cliente.id, "nombre": cliente.nombre},
                )
            )
            return
        if not lista:
            echo(f"{cliente.nombre} no tiene notas.")
        for nota in lista:
            echo(f"{nota.creado:%Y-%m-%d}  {nota.texto}")

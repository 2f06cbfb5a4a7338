"""`a3 nota …`: free observations about a client; correct or delete them."""

from __future__ import annotations

import sys

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Notas: observaciones sobre un cliente.",
    epilog=(
        'Ejemplos: a3 nota add perez "Prefiere casas de 2 plantas" · a3 nota list perez · '
        'a3 nota edit 4 "Prefiere casas de una planta" · a3 nota borrar 4'
    ),
    no_args_is_help=True,
)


@app.command("add", epilog="Ejemplo: a3 nota add perez 'Solo puede pagar $10,000 de enganche'")
def add(
    typer_ctx: typer.Context,
    ref: Ref,
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
    ref: Ref,
    json: Json = False,
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
            echo(f"[{nota.id}] {nota.creado:%Y-%m-%d}  {nota.texto}")


@app.command("edit", epilog="Ejemplo: a3 nota edit 4 'Solo puede pagar $15,000 de enganche'")
def edit(
    typer_ctx: typer.Context,
    nota_id: int = typer.Argument(..., metavar="ID", help="Id de la nota (a3 nota list REF)."),
    texto: str = typer.Argument(..., metavar="TEXTO", help="El texto nuevo de la nota."),
) -> None:
    """Corrige el texto de una nota (la auditoría guarda el anterior)."""
    from a3tui.services import clientes, notas

    with contexto(typer_ctx, escritura=True) as ctx:
        nota = notas.edit(ctx, notas.get(ctx, nota_id), texto)
        nombre = clientes.get(ctx, nota.cliente_id).nombre
    echo(f"Nota {nota_id} de {nombre} corregida.")


@app.command("borrar", epilog="Ejemplos: a3 nota borrar 4 · a3 nota borrar 4 --si")
def borrar(
    typer_ctx: typer.Context,
    nota_id: int = typer.Argument(..., metavar="ID", help="Id de la nota (a3 nota list REF)."),
    si: bool = typer.Option(False, "--si", help="No preguntar."),
) -> None:
    """Borra una nota para siempre (pregunta antes; la auditoría guarda su texto)."""
    from a3tui.domain import cortar, imprimible
    from a3tui.errors import DatoInvalido
    from a3tui.services import clientes, notas

    if not si:
        # Asked outside the write transaction: the question never holds the database.
        with contexto(typer_ctx, escritura=False) as ctx:
            nota = notas.get(ctx, nota_id)
            nombre = clientes.get(ctx, nota.cliente_id).nombre
        if not sys.stdin.isatty():
            raise DatoInvalido(f"Para borrar la nota {nota_id} sin preguntar usa --si.")
        resumen = cortar(nota.texto, 60)
        respuesta = input(imprimible(f"¿Borrar la nota {nota_id} de {nombre} («{resumen}»)? [s/N] "))
        if respuesta.strip().lower() not in ("s", "si", "sí"):
            echo("No se borró nada.")
            return
    with contexto(typer_ctx, escritura=True) as ctx:
        nota = notas.borrar(ctx, notas.get(ctx, nota_id))
        nombre = clientes.get(ctx, nota.cliente_id).nombre
    echo(f"Nota {nota_id} de {nombre} borrada.")

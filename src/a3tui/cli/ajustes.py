"""`a3 ajuste …`: settings of the database, such as the follow-up cadence."""

from __future__ import annotations

import typer

from a3tui.cli.common import Json, contexto, echo, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help=(
        "Ajustes de la base de datos: la frecuencia de seguimiento de cada etapa y el plazo "
        "de atención de cada tipo de caso."
    ),
    epilog="Ejemplos: a3 ajuste cadencia · a3 ajuste cadencia prospecto/caliente 2 · a3 ajuste sla queja 3",
    no_args_is_help=True,
)


@app.command(
    "cadencia", epilog="Ejemplos: a3 ajuste cadencia · a3 ajuste cadencia apartado 3 · a3 ajuste cadencia --json"
)
def cadencia(
    typer_ctx: typer.Context,
    clave: str | None = typer.Argument(
        None,
        metavar="ETAPA",
        help="prospecto/caliente, prospecto/tibio, prospecto/frío, apartado, escriturado o entregado.",
    ),
    dias: int | None = typer.Argument(None, metavar="DIAS", help="Días entre contactos (1 a 365)."),
    json: Json = False,
) -> None:
    """Muestra los días entre contactos de cada etapa, o cambia los de una y recalcula el próximo contacto de tus clientes."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import ajustes

    if clave is not None and dias is None:
        raise DatoInvalido("Indica también los días, por ejemplo: a3 ajuste cadencia apartado 3.")
    if clave is not None and dias is not None:
        with contexto(typer_ctx, escritura=True) as ctx:
            cambiados = ajustes.cambiar_cadencia(ctx, {clave: dias})
            etapa = ajustes.clave_de_cadencia(clave)
        echo(f"Seguimiento de {etapa}: cada {dias} días. {ajustes.efecto_del_cambio(cambiados)}")
        return
    with contexto(typer_ctx, escritura=False) as ctx:
        actual = ctx.cadencia
        if json:
            print_json(actual)
            return
        for etapa, cada in actual.items():
            echo(f"{etapa:<20} cada {cada} días")


@app.command("sla", epilog="Ejemplos: a3 ajuste sla · a3 ajuste sla queja 3 · a3 ajuste sla --json")
def sla(
    typer_ctx: typer.Context,
    tipo: str | None = typer.Argument(None, metavar="TIPO", help="queja, sugerencia, garantía, postventa o consulta."),
    dias: int | None = typer.Argument(None, metavar="DIAS", help="Días para atender un caso de ese tipo (1 a 365)."),
    json: Json = False,
) -> None:
    """Muestra los días que tiene cada tipo de caso para atenderse, o cambia los de uno (coordinador)."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import ajustes

    if tipo is not None and dias is None:
        raise DatoInvalido("Indica también los días, por ejemplo: a3 ajuste sla queja 3.")
    if tipo is not None and dias is not None:
        with contexto(typer_ctx, escritura=True) as ctx:
            normal = ajustes.guardar_sla(ctx, tipo, dias)
        echo(f"Un caso de tipo {normal} se atiende en {dias} días (cuenta para los casos que se abran desde ahora).")
        return
    with contexto(typer_ctx, escritura=False) as ctx:
        actual = ajustes.sla(ctx.session)
    if json:
        print_json(actual)
        return
    for nombre, cada in actual.items():
        echo(f"{nombre:<12} {cada} días")

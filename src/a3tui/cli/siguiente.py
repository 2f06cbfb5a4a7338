"""`a3 siguiente`: whom to call now, most urgent first, each with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import Json, contexto, echo, lista_json, print_json

if TYPE_CHECKING:
    from a3tui.cli.salida import Tabla
    from a3tui.services.siguiente import Candidato


def siguiente(
    typer_ctx: typer.Context,
    limite: int = typer.Option(
        10, "--limite", "-n", metavar="N", help="Cuántos clientes mostrar (10 si no se indica)."
    ),
    # The spelling before every list said --limite: still understood, no longer shown.
    n_anterior: int | None = typer.Option(None, "--n", metavar="N", hidden=True),
    json: Json = False,
    asesor: str | None = typer.Option(
        None, "--asesor", metavar="LOGIN", help="Los clientes de otro asesor, o «plaza» (coordinador o suplente)."
    ),
) -> None:
    """A quién llamar ahora: los clientes con el contacto vencido, para hoy o para mañana, del más urgente al menos urgente, cada uno con su razón. Primero los vencidos y los de hoy; entre ellos, apartados, prospectos calientes, escriturados, tibios, fríos y entregados, en ese orden; dentro de cada grupo, el más vencido, con los intentos sin respuesta y las tareas abiertas como desempate. Quien ya tuvo actividad hoy (también una llamada sin respuesta) queda para mañana."""
    from a3tui.domain import check_limite
    from a3tui.services import asesores
    from a3tui.services import clientes as servicio_clientes
    from a3tui.services import siguiente as servicio

    limite = check_limite(limite, "--limite") if n_anterior is None else check_limite(n_anterior, "--n")
    with contexto(typer_ctx, escritura=False) as ctx:
        ctx = asesores.ver(ctx, asesor)
        candidatos = servicio.siguiente(ctx, limite)
        nombres = servicio_clientes.nombres_de_asesores(ctx) if servicio_clientes.varios_asesores(ctx) else None
    if json:
        print_json(lista_json("clientes", [_json(c, nombres) for c in candidatos], fecha=ctx.hoy))
        return
    if not candidatos:
        echo("Nadie por llamar ahora: todos los contactos están al día.")
        return
    from a3tui.cli.salida import Texto, imprimir

    imprimir(Texto(f"Llamar ahora · {ctx.cartera.titulo}", "bold"))
    imprimir(_tabla(candidatos, nombres))


def _json(candidato: Candidato, asesores: dict[int, str] | None) -> dict[str, Any]:
    from a3tui.domain import temperatura_vigente

    quien = {"asesor": asesores.get(candidato.asesor_id)} if asesores is not None else {}
    return {
        "cliente_id": candidato.id,
        "cliente": candidato.nombre,
        "telefono": candidato.telefono,
        "email": candidato.email,
        "etapa": candidato.etapa,
        "temperatura": temperatura_vigente(candidato.etapa, candidato.temperatura),
        "ultima_actividad": candidato.ultima_actividad,
        "proximo_contacto": candidato.proximo_contacto,
        "alerta": candidato.alerta,
        "puntaje": candidato.puntaje,
        "razon": candidato.razon,
        "dias_vencido": candidato.dias_vencido,
        "dias_sin_contacto": candidato.dias_sin_contacto,
        "intentos_sin_respuesta": candidato.intentos,
        "tareas_abiertas": candidato.tareas,
        **quien,
    }


def _tabla(candidatos: list[Candidato], asesores: dict[int, str] | None) -> Tabla:
    """One row per client: its place, who (and why, beneath the name, so the reason reads
    whole at 80 columns), how to reach them and the alert."""
    from a3tui.cli import render
    from a3tui.cli.salida import Tabla, Texto

    table = Tabla()
    table.columna("#", derecha=True, estilo="dim")
    table.columna("Id", derecha=True, estilo="dim")
    table.columna("Cliente y razón", doblar=True)
    if asesores is not None:
        table.columna("Asesor", doblar=True)
    table.columna("Teléfono", sin_cortes=True)
    table.columna("Alerta", sin_cortes=True)
    for posicion, candidato in enumerate(candidatos, start=1):
        asesor = [asesores.get(candidato.asesor_id, "?")] if asesores is not None else []
        table.fila(
            str(posicion),
            str(candidato.id),
            Texto(candidato.nombre, "bold").append("\n").append(candidato.razon),
            *asesor,
            render.telefono(candidato.telefono),
            render.alerta_text(candidato.alerta),
        )
    return table

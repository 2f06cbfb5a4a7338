"""`a3 caso …`: service cases with a folio (complaints, warranty claims, questions…)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from datetime import datetime

    from a3tui.cli.salida import Tabla, Texto
    from a3tui.models import Caso, CasoNota
    from a3tui.services import Contexto
    from a3tui.services.casos import FilaCaso

app = TyperA3(
    help=(
        "Casos de servicio: quejas, sugerencias, garantías, postventa y consultas de un cliente, "
        "cada uno con su folio, su responsable y su plazo de atención."
    ),
    epilog=(
        "Ejemplos: a3 caso abrir perez --tipo queja --descripcion 'Gotera en la recámara' · "
        "a3 caso list --vencidos · a3 caso resolver C-2026-0001 --resolucion 'Se selló la azotea'"
    ),
    no_args_is_help=True,
)

Folio = Annotated[
    str,
    typer.Argument(metavar="FOLIO", help="El folio del caso (C-2026-0007) o su número.", show_default=False),
]


def _cuando(momento: datetime, ahora: datetime) -> str:
    from a3tui import domain

    return f"{domain.en_dias(momento.date(), ahora.date())} {momento:%H:%M}"


def _plazo(fila: FilaCaso, ahora: datetime) -> Texto:
    """``● vencido hace 2 días 10:00``, ``◐ vence pronto mañana 09:00``; the state of a
    resolved or closed case."""
    from a3tui.cli import render
    from a3tui.cli.salida import Texto

    if fila.alerta is None:
        return Texto(fila.estado.value.replace("-", " "), "dim")
    return render.alerta_caso_text(fila.alerta, fila.vence, ahora)


def _json(fila: FilaCaso) -> dict[str, Any]:
    return {
        "folio": fila.folio,
        "id": fila.id,
        "cliente": {"id": fila.cliente_id, "nombre": fila.cliente},
        "asesor": fila.asesor,
        "tipo": fila.tipo,
        "prioridad": fila.prioridad,
        "estado": fila.estado,
        "descripcion": fila.descripcion,
        "propiedad": fila.propiedad,
        "abierto": fila.abierto,
        "vence": fila.vence,
        "resuelto": fila.resuelto,
        "cerrado": fila.cerrado,
        "alerta": fila.alerta,
    }


def _tabla(filas: list[FilaCaso], ctx: Contexto) -> Tabla:
    """The cases, one a row; who attends each only when some are someone else's."""
    from a3tui.cli.salida import Tabla

    con_asesor = any(fila.asesor_id != ctx.asesor_id for fila in filas)
    tabla = Tabla()
    tabla.columna("Folio", sin_cortes=True)
    tabla.columna("Plazo", sin_cortes=True)
    tabla.columna("Tipo")
    tabla.columna("Cliente")
    if con_asesor:
        tabla.columna("Asesor")
    tabla.columna("Descripción")
    for fila in filas:
        celdas: list[str | Texto] = [
            fila.folio,
            _plazo(fila, ctx.ahora),
            fila.tipo.value + (" (alta)" if fila.prioridad.value == "alta" else ""),
            fila.cliente,
            *([fila.asesor] if con_asesor else []),
            fila.descripcion,
        ]
        tabla.fila(*celdas)
    return tabla


def _hecho(ctx: Contexto, caso: Caso, que: str) -> None:
    from a3tui.services import casos

    echo(f"Caso {casos.folio(caso)} {que}.")


@app.command("abrir", epilog="Ejemplo: a3 caso abrir perez --tipo garantia --descripcion 'Falla el calentador'")
def abrir(
    typer_ctx: typer.Context,
    ref: Ref,
    tipo: str = typer.Option(..., "--tipo", metavar="T", help="queja, sugerencia, garantía, postventa o consulta."),
    descripcion: str = typer.Option(..., "--descripcion", metavar="TEXTO", help="Qué pide o reporta el cliente."),
    prioridad: str = typer.Option("normal", "--prioridad", metavar="P", help="alta, normal o baja."),
    propiedad: str | None = typer.Option(
        None, "--propiedad", metavar="CLAVE", help="La propiedad de la que se trata (su clave)."
    ),
) -> None:
    """Abre un caso de servicio de un cliente, con folio y plazo de atención según su tipo."""
    from a3tui.services import casos, clientes, propiedades

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        inmueble = propiedades.get(ctx, propiedad) if propiedad else None
        caso = casos.abrir(ctx, cliente, tipo, descripcion, prioridad=prioridad, propiedad=inmueble)
        fila = casos.fila(ctx, caso)
        echo(
            f"Caso {fila.folio} abierto para {cliente.nombre}: {fila.tipo.value}, a cargo de {fila.asesor}; "
            f"vence {_cuando(fila.vence, ctx.ahora)} ({fila.vence:%Y-%m-%d %H:%M})."
        )


@app.command("list", epilog="Ejemplos: a3 caso list · a3 caso list --vencidos · a3 caso list --cliente perez --json")
def list_(
    typer_ctx: typer.Context,
    abiertos: bool = typer.Option(
        False, "--abiertos", help="Solo los abiertos y en proceso (lo que lista sin opción)."
    ),
    vencidos: bool = typer.Option(False, "--vencidos", help="Solo los abiertos que ya pasaron su plazo."),
    todos: bool = typer.Option(False, "--todos", help="También los resueltos y cerrados, del más nuevo al más viejo."),
    cliente: str | None = typer.Option(None, "--cliente", metavar="REF", help="Solo los casos de este cliente."),
    limite: int = typer.Option(50, "--limite", "-n", metavar="N", help="Máximo de filas."),
    pagina: int = typer.Option(1, "--pagina", metavar="N", help="Página de resultados (de --limite filas)."),
    json: Json = False,
) -> None:
    """Lista los casos de tus clientes: los abiertos, del más urgente al que vence después."""
    from a3tui import domain
    from a3tui.errors import DatoInvalido
    from a3tui.services import casos, clientes

    if abiertos + vencidos + todos > 1:
        raise DatoInvalido("Usa solo una de --abiertos, --vencidos y --todos.")
    estado = "vencidos" if vencidos else "todos" if todos else "abiertos"
    desde = domain.check_pagina(pagina, domain.check_limite(limite))
    with contexto(typer_ctx, escritura=False) as ctx:
        de = clientes.resolve(ctx, cliente) if cliente else None
        filtro = casos.FiltroCasos(estado=estado, cliente_id=de.id if de else None)
        filas = casos.list_(ctx, filtro, offset=desde, limit=limite)
        total = casos.count(ctx, filtro) if len(filas) == limite or pagina > 1 else len(filas)
        if json:
            extra = {"cliente": {"id": de.id, "nombre": de.nombre}} if de else {}
            print_json(lista_json("casos", [_json(f) for f in filas], total, **extra))
            return
        if not filas:
            vacio = {"abiertos": "abiertos", "vencidos": "vencidos", "todos": ""}[estado]
            echo(f"No hay casos {vacio}".rstrip() + "." if total == 0 else "No hay más casos en esa página.")
            return
        from a3tui.cli.salida import imprimir

        imprimir(_tabla(filas, ctx))
        if total > len(filas):
            echo(f"{desde + 1}–{desde + len(filas)} de {total} casos; usa --pagina {pagina + 1} para ver más.")


def _nota_json(nota: CasoNota, nombres: dict[int, str]) -> dict[str, Any]:
    return {"fecha": nota.creado, "asesor": nombres.get(nota.asesor_id), "texto": nota.texto}


@app.command("show", epilog="Ejemplo: a3 caso show C-2026-0001 --json")
def show(typer_ctx: typer.Context, folio: Folio, json: Json = False) -> None:
    """Muestra un caso: su cliente, tipo, estado, plazo, resolución y notas."""
    from a3tui.services import casos, clientes

    with contexto(typer_ctx, escritura=False) as ctx:
        caso = casos.get(ctx, folio)
        fila = casos.fila(ctx, caso)
        notas = casos.notas(ctx, caso)
        nombres = clientes.nombres_de_asesores(ctx)
        if json:
            print_json(
                {
                    **_json(fila),
                    "resolucion": caso.resolucion,
                    "reaperturas": caso.reaperturas,
                    "dentro_de_sla": casos.dentro_de_sla(caso),
                    "horas_de_resolucion": casos.horas_de_resolucion(caso),
                    "notas": [_nota_json(n, nombres) for n in notas],
                }
            )
            return
        echo(f"Caso {fila.folio} · {fila.tipo.value} · prioridad {fila.prioridad.value}")
        echo(f"  Cliente:     {fila.cliente} (id {fila.cliente_id})")
        echo(f"  A cargo de:  {fila.asesor}")
        if fila.propiedad:
            echo(f"  Propiedad:   {fila.propiedad}")
        echo(f"  Estado:      {fila.estado.value.replace('-', ' ')}")
        echo(f"  Abierto:     {fila.abierto:%Y-%m-%d %H:%M}")
        echo(f"  Vence:       {fila.vence:%Y-%m-%d %H:%M} · {_plazo(fila, ctx.ahora).plano}")
        if caso.resuelto is not None:
            a_tiempo = "a tiempo" if casos.dentro_de_sla(caso) else "fuera de plazo"
            echo(f"  Resuelto:    {caso.resuelto:%Y-%m-%d %H:%M} ({a_tiempo})")
        if caso.cerrado is not None:
            echo(f"  Cerrado:     {caso.cerrado:%Y-%m-%d %H:%M}")
        echo(f"  Descripción: {fila.descripcion}")
        if caso.resolucion:
            echo(f"  Resolución:  {caso.resolucion}")
        echo("Notas:" if notas else "Sin notas.")
        for nota in notas:
            echo(f"  {nota.creado:%Y-%m-%d %H:%M} {nombres.get(nota.asesor_id, '')}: {nota.texto}")


@app.command("nota", epilog="Ejemplo: a3 caso nota C-2026-0001 'El plomero va el jueves'")
def nota(
    typer_ctx: typer.Context,
    folio: Folio,
    texto: str = typer.Argument(..., metavar="TEXTO", help="Qué se hizo o qué dijo el cliente."),
) -> None:
    """Agrega una nota al seguimiento de un caso."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.get(ctx, folio)
        casos.agregar_nota(ctx, caso, texto)
        _hecho(ctx, caso, "con una nota más")


@app.command("proceso", epilog="Ejemplo: a3 caso proceso C-2026-0001")
def proceso(typer_ctx: typer.Context, folio: Folio) -> None:
    """Marca un caso abierto como en proceso: alguien ya lo está atendiendo."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.poner_en_proceso(ctx, casos.get(ctx, folio))
        _hecho(ctx, caso, "en proceso")


@app.command("resolver", epilog="Ejemplo: a3 caso resolver C-2026-0001 --resolucion 'Se cambió el calentador'")
def resolver(
    typer_ctx: typer.Context,
    folio: Folio,
    resolucion: str = typer.Option(..., "--resolucion", metavar="TEXTO", help="Cómo se resolvió."),
) -> None:
    """Marca un caso como resuelto, diciendo cómo se resolvió."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.resolver(ctx, casos.get(ctx, folio), resolucion)
        a_tiempo = "a tiempo" if casos.dentro_de_sla(caso) else "fuera de plazo"
        _hecho(ctx, caso, f"resuelto ({a_tiempo})")


@app.command("cerrar", epilog="Ejemplo: a3 caso cerrar C-2026-0001")
def cerrar(typer_ctx: typer.Context, folio: Folio) -> None:
    """Cierra un caso resuelto: el cliente está conforme y no queda nada pendiente."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.cerrar(ctx, casos.get(ctx, folio))
        _hecho(ctx, caso, "cerrado")


@app.command("reabrir", epilog="Ejemplo: a3 caso reabrir C-2026-0001 --motivo 'Volvió la gotera'")
def reabrir(
    typer_ctx: typer.Context,
    folio: Folio,
    motivo: str = typer.Option(..., "--motivo", metavar="TEXTO", help="Por qué se reabre."),
) -> None:
    """Reabre un caso resuelto o cerrado; vuelve a contar su plazo desde ahora."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.reabrir(ctx, casos.get(ctx, folio), motivo)
        _hecho(ctx, caso, f"reabierto; vence {_cuando(caso.vence, ctx.ahora)}")


@app.command("asignar", epilog="Ejemplo: a3 caso asignar C-2026-0002 ana")
def asignar(
    typer_ctx: typer.Context,
    folio: Folio,
    login: str = typer.Argument(..., metavar="LOGIN", help="El asesor que lo atenderá (de tu plaza)."),
) -> None:
    """Pasa un caso a otro asesor de tu plaza que atienda al cliente (coordinador)."""
    from a3tui.services import casos

    with contexto(typer_ctx, escritura=True) as ctx:
        caso = casos.reasignar(ctx, casos.get(ctx, folio), login)
        _hecho(ctx, caso, f"a cargo de {casos.fila(ctx, caso).asesor}")

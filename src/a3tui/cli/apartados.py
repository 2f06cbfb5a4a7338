"""`a3 apartado …`: reservations, from the deposit to the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from a3tui.services.apartados import FilaApartado

app = TyperA3(
    help="Apartados: reservar una propiedad para un cliente y llevarla hasta la entrega.",
    epilog=(
        "Ejemplos: a3 apartado crear perez --propiedad CUM-A-12 --monto 25,000 · a3 apartado list --estado activo · "
        'a3 apartado escriturar 3 · a3 apartado entregar 3 · a3 apartado cancelar 3 --motivo "No le dieron el crédito"'
    ),
    no_args_is_help=True,
)


def apartado_json(fila: FilaApartado) -> dict[str, Any]:
    a = fila.apartado
    return {
        "id": a.id,
        "cliente_id": a.cliente_id,
        "cliente": fila.cliente,
        "propiedad": fila.propiedad,
        "fecha": a.fecha,
        "monto": a.monto_centavos / 100,
        "estado": a.estado,
        "motivo_cancelacion": a.motivo_cancelacion,
        "fecha_escritura": a.fecha_escritura,
        "fecha_entrega": a.fecha_entrega,
        "motivo_excepcion": a.motivo_excepcion,
    }


def _fecha(ctx: Any, texto: str | None) -> Any:
    from a3tui import domain

    return domain.parse_fecha(texto, ctx.hoy, pasado=True) if texto else None


@app.command("crear", epilog="Ejemplo: a3 apartado crear perez --propiedad CUM-A-12 --monto 25,000")
def crear(
    typer_ctx: typer.Context,
    ref: Ref,
    propiedad: str = typer.Option(..., "--propiedad", "-p", metavar="CLAVE", help="Clave de la propiedad."),
    monto: str = typer.Option(..., "--monto", metavar="PESOS", help="Monto del apartado, p. ej. 25,000."),
    fecha: str | None = typer.Option(None, "--fecha", metavar="F", help="Cuándo (por omisión hoy)."),
) -> None:
    """Registra el apartado de una propiedad: la propiedad queda apartada y el cliente pasa a apartado."""
    from a3tui import domain
    from a3tui.services import apartados, clientes, propiedades

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        unidad = propiedades.get(ctx, propiedad)
        monto_centavos = domain.parse_dinero(monto, "El monto", maximo=domain.MONTO_MAXIMO)
        apartado = apartados.crear(ctx, cliente, unidad, monto_centavos, fecha=_fecha(ctx, fecha))
    echo(f"Apartado {apartado.id}: {unidad.clave} para {cliente.nombre} por {domain.format_dinero(monto_centavos)}.")
    echo(f"{unidad.clave} queda apartada; {cliente.nombre} pasa a apartado.")


@app.command(
    "list", epilog="Ejemplos: a3 apartado list · a3 apartado list --estado activo --json · a3 apartado list -n 20"
)
def list_(
    typer_ctx: typer.Context,
    estado: str | None = typer.Option(
        None, "--estado", metavar="E", help="activo, cancelado, escriturado o entregado."
    ),
    limite: int = typer.Option(200, "--limite", "-n", metavar="N", help="Máximo de filas (200 si no se indica)."),
    json: Json = False,
) -> None:
    """Lista los apartados de tus clientes, el más reciente primero."""
    from a3tui import domain
    from a3tui.domain import EstadoApartado
    from a3tui.services import apartados

    filtro = domain.parse_valor(EstadoApartado, estado, "El estado") if estado else None
    tope = domain.check_limite(limite)
    with contexto(typer_ctx, escritura=False) as ctx:
        filas = apartados.list_(ctx, estado=filtro, limit=tope)
        total = apartados.count(ctx, estado=filtro) if len(filas) == tope else len(filas)
    if json:
        print_json(lista_json("apartados", [apartado_json(f) for f in filas], total))
        return
    if not filas:
        echo("No hay apartados.")
        return
    for f in filas:
        a = f.apartado
        echo(
            f"[{a.id}] {a.fecha.isoformat()}  {f.cliente} (id {a.cliente_id})  {f.propiedad}  "
            f"{domain.format_dinero(a.monto_centavos)}  {a.estado.value}"
        )
    if total > len(filas):
        echo(f"… y {total - len(filas):,} más (--limite).")


@app.command("show", epilog="Ejemplo: a3 apartado show 3")
def show(
    typer_ctx: typer.Context,
    apartado_id: int = typer.Argument(..., metavar="ID", help="Id del apartado."),
    json: Json = False,
) -> None:
    """Muestra un apartado y lo que le falta para escriturar."""
    from a3tui import domain
    from a3tui.services import apartados, clientes

    with contexto(typer_ctx, escritura=False) as ctx:
        fila = apartados.fila(ctx, apartados.get(ctx, apartado_id))
        requisitos = apartados.requisitos(ctx, clientes.get(ctx, fila.apartado.cliente_id))
    a = fila.apartado
    if json:
        doc = apartado_json(fila)
        doc["requisitos"] = [{"requisito": r.texto, "cumplido": r.cumplido} for r in requisitos]
        print_json(doc)
        return
    echo(f"Apartado {a.id} · {a.estado.value}")
    echo(f"Cliente:     {fila.cliente} (id {a.cliente_id})")
    echo(f"Propiedad:   {fila.propiedad} · precio {domain.format_dinero(fila.precio_centavos)}")
    echo(f"Fecha:       {a.fecha.isoformat()} · monto {domain.format_dinero(a.monto_centavos)}")
    if a.fecha_escritura:
        echo(f"Escriturado: {a.fecha_escritura.isoformat()}")
    if a.fecha_entrega:
        echo(f"Entregado:   {a.fecha_entrega.isoformat()}")
    if a.motivo_cancelacion:
        echo(f"Motivo:      {a.motivo_cancelacion}")
    if a.motivo_excepcion:
        echo(f"Excepción:   {a.motivo_excepcion}")
    echo("Para escriturar:")
    for r in requisitos:
        echo(f"  {'✓' if r.cumplido else '✗'} {r.texto}")


@app.command("cancelar", epilog='Ejemplo: a3 apartado cancelar 3 --motivo "No le dieron el crédito"')
def cancelar(
    typer_ctx: typer.Context,
    apartado_id: int = typer.Argument(..., metavar="ID", help="Id del apartado."),
    motivo: str | None = typer.Option(
        None, "--motivo", "-m", metavar="TEXTO", help="Por qué se cancela (obligatorio)."
    ),
) -> None:
    """Cancela un apartado: la propiedad vuelve a estar disponible y el cliente queda cancelado con el mismo motivo."""
    from a3tui.services import apartados, propiedades

    with contexto(typer_ctx, escritura=True) as ctx:
        apartado = apartados.cancelar(ctx, apartados.get(ctx, apartado_id), motivo or "")
        clave = propiedades.get_id(ctx, apartado.propiedad_id).clave
    echo(f"Apartado {apartado.id} cancelado; {clave} vuelve a estar disponible.")


@app.command(
    "escriturar",
    epilog='Ejemplos: a3 apartado escriturar 3 · a3 apartado escriturar 3 --excepcion "INE en trámite, autorizado por dirección"',
)
def escriturar(
    typer_ctx: typer.Context,
    apartado_id: int = typer.Argument(..., metavar="ID", help="Id del apartado."),
    fecha: str | None = typer.Option(None, "--fecha", metavar="F", help="Fecha de firma (por omisión hoy)."),
    excepcion: str | None = typer.Option(
        None, "--excepcion", metavar="MOTIVO", help="Coordinador: escriturar aunque falten documentos, con este motivo."
    ),
) -> None:
    """Registra la firma de escrituras: pide INE y comprobante de domicilio vigente (y CURP/RFC válidos si se dieron)."""
    from a3tui.services import apartados, propiedades

    with contexto(typer_ctx, escritura=True) as ctx:
        apartado = apartados.escriturar(
            ctx, apartados.get(ctx, apartado_id), fecha=_fecha(ctx, fecha), excepcion=excepcion
        )
        clave = propiedades.get_id(ctx, apartado.propiedad_id).clave
    echo(f"Apartado {apartado.id} escriturado: {clave} vendida.")


@app.command("entregar", epilog="Ejemplo: a3 apartado entregar 3")
def entregar(
    typer_ctx: typer.Context,
    apartado_id: int = typer.Argument(..., metavar="ID", help="Id del apartado."),
    fecha: str | None = typer.Option(None, "--fecha", metavar="F", help="Fecha de entrega (por omisión hoy)."),
) -> None:
    """Registra la entrega de la propiedad: el cliente pasa a entregado."""
    from a3tui.services import apartados

    with contexto(typer_ctx, escritura=True) as ctx:
        apartado = apartados.entregar(ctx, apartados.get(ctx, apartado_id), fecha=_fecha(ctx, fecha))
    echo(f"Apartado {apartado.id} entregado.")

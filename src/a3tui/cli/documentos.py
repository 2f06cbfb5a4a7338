"""`a3 documento …`: a client's documents (INE, proof of address, proof of income…)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Documentos: INE, comprobantes y otros archivos de un cliente (PDF, JPEG o PNG).",
    epilog=(
        "Ejemplos: a3 documento add perez ine.pdf --tipo ine · "
        "a3 documento add perez recibo.jpg --tipo comprobante-domicilio --fecha-documento 2026-11-02 · "
        "a3 documento list perez · a3 documento abrir 4"
    ),
    no_args_is_help=True,
)


@app.command(
    "add",
    epilog="Ejemplo: a3 documento add perez recibo-luz.pdf --tipo comprobante-domicilio --fecha-documento 2026-11-02",
)
def add(
    typer_ctx: typer.Context,
    ref: Ref,
    archivo: Path = typer.Argument(..., metavar="ARCHIVO", help="PDF, JPEG o PNG (hasta 10 MB)."),
    tipo: str = typer.Option(
        ..., "--tipo", metavar="T", help="ine, comprobante-domicilio, comprobante-ingresos u otro."
    ),
    fecha_documento: str | None = typer.Option(
        None, "--fecha-documento", metavar="F", help="La fecha impresa en el documento (un comprobante vale 3 meses)."
    ),
    apartado: int | None = typer.Option(None, "--apartado", metavar="ID", help="El apartado al que corresponde."),
) -> None:
    """Guarda una copia de un documento del cliente (se revisa por su contenido, no por su nombre)."""
    from a3tui import domain
    from a3tui.services import apartados, clientes, documentos

    datos, formato = documentos.leer_archivo(archivo)
    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        fecha = domain.parse_fecha(fecha_documento, ctx.hoy, pasado=True) if fecha_documento else None
        documento = documentos.add(
            ctx, cliente, archivo.name, datos, formato, tipo, fecha_documento=fecha, apartado_id=apartado
        )
        falta = apartados.faltantes(ctx, cliente)
    echo(f"Documento {documento.id} guardado: {documento.tipo.value} de {cliente.nombre} ({documento.nombre_archivo}).")
    if falta:
        echo(f"Para escriturar aún falta: {'; '.join(falta)}.")


@app.command("list", epilog="Ejemplo: a3 documento list perez --json")
def list_(
    typer_ctx: typer.Context,
    ref: Ref,
    json: Json = False,
) -> None:
    """Lista los documentos de un cliente y lo que falta para escriturar."""
    from a3tui.services import apartados, clientes, documentos

    with contexto(typer_ctx, escritura=False) as ctx:
        cliente = clientes.resolve(ctx, ref)
        filas = documentos.list_(ctx, cliente)
        requisitos = apartados.requisitos(ctx, cliente)
    if json:
        print_json(
            lista_json(
                "documentos",
                [
                    {
                        "id": d.id,
                        "tipo": d.tipo,
                        "archivo": d.nombre_archivo,
                        "formato": d.formato,
                        "tamano": d.tamano,
                        "fecha_documento": d.fecha_documento,
                        "subido": d.subido,
                        "apartado_id": d.apartado_id,
                    }
                    for d in filas
                ],
                cliente={"id": cliente.id, "nombre": cliente.nombre},
                faltan=[r.texto for r in requisitos if not r.cumplido],
            )
        )
        return
    echo(f"Documentos de {cliente.nombre} (id {cliente.id})")
    if not filas:
        echo("  (ninguno)")
    for d in filas:
        fecha = f" · fecha {d.fecha_documento.isoformat()}" if d.fecha_documento else ""
        echo(f"  [{d.id}] {d.tipo.value}: {d.nombre_archivo} ({d.formato}, {d.tamano:,} bytes){fecha}")
    falta = [r.texto for r in requisitos if not r.cumplido]
    echo(f"Para escriturar falta: {'; '.join(falta)}." if falta else "Tiene lo necesario para escriturar.")


@app.command("abrir", epilog="Ejemplo: a3 documento abrir 4")
def abrir(
    typer_ctx: typer.Context,
    documento_id: int = typer.Argument(..., metavar="ID", help="Id del documento."),
) -> None:
    """Escribe una copia del documento en tu carpeta privada e imprime su ruta, para abrirlo."""
    from a3tui.archivos import carpeta_de_abiertos, guardar_archivo
    from a3tui.services import documentos

    with contexto(typer_ctx, escritura=False) as ctx:
        documento = documentos.get(ctx, documento_id)
        datos = documentos.contenido(ctx, documento)
    ruta = guardar_archivo(carpeta_de_abiertos() / documentos.nombre_para_abrir(documento), datos, sobrescribir=True)
    echo(str(ruta))


@app.command("borrar", epilog="Ejemplo: a3 documento borrar 4 --si")
def borrar(
    typer_ctx: typer.Context,
    documento_id: int = typer.Argument(..., metavar="ID", help="Id del documento."),
    si: bool = typer.Option(False, "--si", help="No preguntar."),
) -> None:
    """Borra un documento (pregunta antes; el historial del cliente conserva que existió)."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import documentos

    if not si:
        # Asked outside the write transaction: the question never holds the database.
        with contexto(typer_ctx, escritura=False) as ctx:
            documento = documentos.get(ctx, documento_id)
        if not sys.stdin.isatty():
            raise DatoInvalido(f"Para borrar el documento {documento_id} sin preguntar usa --si.")
        respuesta = input(
            f"¿Borrar el documento {documento_id} ({documento.tipo.value}, {documento.nombre_archivo})? [s/N] "
        )
        if respuesta.strip().lower() not in ("s", "si", "sí"):
            echo("No se borró nada.")
            return
    with contexto(typer_ctx, escritura=True) as ctx:
        documentos.borrar(ctx, documentos.get(ctx, documento_id))
    echo(f"Documento {documento_id} borrado.")

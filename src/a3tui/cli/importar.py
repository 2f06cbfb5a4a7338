"""Bringing contacts in from other programs: `a3 importar clientes|vcard|whatsapp`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from a3tui.cli.common import REF_HELP, contexto, contexto_de_simulacion, echo
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from a3tui.services.intercambio import Lectura, Progreso, Rechazo, ResultadoContactos

app = TyperA3(
    help="Importa clientes de una hoja de cálculo, de la agenda del teléfono (vCard) o de un chat de WhatsApp.",
    epilog=(
        "Ejemplos: a3 importar clientes contactos.xlsx --simular · a3 importar vcard agenda.vcf · "
        'a3 importar whatsapp "Chat de WhatsApp con Juan Pérez.txt"'
    ),
    no_args_is_help=True,
)

# Rows of the report shown on screen; the file holds them all.
EN_PANTALLA = 30

SIMULAR_HELP = "Solo decir qué pasaría, sin guardar nada (ni el reporte de errores)."
ASESOR_HELP = "Asigna los clientes a este asesor de tu plaza (solo un coordinador)."
FORZAR_HELP = "Importar también los que repiten el teléfono o email de otro cliente (si de verdad son otras personas)."
REPORTE_HELP = (
    "Dónde escribir el reporte de los que no se importaron (por omisión, junto al archivo: NOMBRE.errores.csv)."
)


@contextmanager
def _barra() -> Iterator[Progreso | None]:
    """A progress bar on stderr when it is a terminal (never in a pipe or a log)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as barra:
        tareas: dict[str, TaskID] = {}

        def avanzar(fase: str, hechos: int, total: int) -> None:
            if fase not in tareas:
                tareas[fase] = barra.add_task(fase, total=total)
            barra.update(tareas[fase], completed=hechos)

        yield avanzar


def _revisar_reporte(reporte: Path | None) -> None:
    """A report path the user gave must be usable before any work is done."""
    import os

    from a3tui.archivos import revisar_salida
    from a3tui.errors import ArchivoInvalido
    from a3tui.services.intercambio import revisar_nombre_del_reporte

    if reporte is None:
        return
    destino = reporte.expanduser()
    revisar_nombre_del_reporte(destino)
    if destino.is_dir():
        raise ArchivoInvalido(
            f"{destino} es una carpeta; indica el nombre del reporte, p. ej. {destino / 'errores.csv'}."
        )
    if not destino.parent.is_dir():
        raise ArchivoInvalido(f"La carpeta {destino.parent} del reporte no existe; créala primero.")
    if os.path.isfile(destino):
        raise ArchivoInvalido(f"Ya existe {destino}; elige otro nombre para el reporte.")
    revisar_salida(destino)  # the rules every output follows: a FIFO is written in place


def _donde(r: Rechazo, unidad: str) -> str:
    if r.numero is None:
        return f"línea {r.linea}"
    return f"{unidad} {r.numero}" + (f" (línea {r.linea})" if r.linea is not None else "")


def _importar(
    typer_ctx: typer.Context,
    archivo: Path,
    lectura: Lectura,
    *,
    simular: bool,
    forzar: bool,
    asesor: str | None,
    reporte: Path | None,
) -> None:
    """Run an import of contacts, write its report beside the file (in the same
    transaction: if the report can't be written nothing is imported) and print it."""
    from a3tui.archivos import guardar_archivo
    from a3tui.errors import A3Error, ArchivoInvalido
    from a3tui.services import intercambio

    escrito: Path | None = None
    try:
        with contexto_de_simulacion(typer_ctx) if simular else contexto(typer_ctx, escritura=True) as ctx:
            with _barra() as progreso:
                resultado = intercambio.importar_contactos(
                    ctx, lectura, simular=simular, forzar=forzar, asesor=asesor, progreso=progreso
                )
            if resultado.rechazos and not simular:
                destino = reporte.expanduser() if reporte else intercambio.ruta_del_reporte(archivo)
                try:
                    escrito = guardar_archivo(destino, intercambio.reporte_csv(resultado))
                except A3Error as error:
                    motivo = error.mensaje.rstrip(".")
                    raise ArchivoInvalido(
                        f"No se pudo escribir el reporte de errores ({motivo[:1].lower() + motivo[1:]}); no se importó nada.",
                        pista_cli="indica otra ruta con --reporte ARCHIVO.",
                    ) from None
            dueno = resultado.asesor if resultado.asesor != ctx.asesor.nombre else None
    except BaseException:
        if escrito is not None:  # nothing was imported: no report pretends it was
            from a3tui.archivos import retirar_salida

            retirar_salida(escrito)
        raise
    _imprimir(resultado, lectura, simular=simular, escrito=escrito, dueno=dueno)


def _imprimir(
    resultado: ResultadoContactos, lectura: Lectura, *, simular: bool, escrito: Path | None, dueno: str | None
) -> None:
    verbo = "Se agregarían" if simular else "Agregados"
    para = f" (de {dueno})" if dueno else ""
    echo(
        f"{verbo}: {len(resultado.agregados)}{para} · duplicados: {len(resultado.duplicados)} · "
        f"con error: {resultado.con_error}"
    )
    if resultado.ya_estaban:
        n = len(resultado.ya_estaban)
        unidades = resultado.unidad + ("s" if n != 1 else "")
        echo(
            f"{n:,} {unidades} de este archivo {'son clientes' if n != 1 else 'es un cliente'} que a3 exportó de "
            "esta misma base y ya está" + ("n" if n != 1 else "") + " aquí; no se importaron de nuevo."
        )
    if resultado.sin_su_asesor:
        n = resultado.sin_su_asesor
        echo(
            f"{n:,} cliente{'s' if n != 1 else ''} del archivo {'eran' if n != 1 else 'era'} de un asesor al que no "
            f"puedes asignarlos aquí; {'quedan' if n != 1 else 'queda'} a nombre de {resultado.asesor}."
        )
    rechazos = resultado.rechazos
    for r in rechazos[:EN_PANTALLA]:
        echo(f"  {_donde(r, resultado.unidad)}" + (f", {r.campo}" if r.campo else "") + f": {r.motivo}")
    if len(rechazos) > EN_PANTALLA:
        resto = len(rechazos) - EN_PANTALLA
        echo(f"  … y {resto} más" + (" (sin --simular quedan todos en el reporte)." if simular else " en el reporte."))
    if escrito is not None:
        echo(f"Reporte de los que no se importaron: {escrito}")
    if lectura.sin_usar:
        echo(f"Columnas sin usar: {', '.join(lectura.sin_usar)} (asígnalas con --columna CAMPO=ENCABEZADO).")
    if resultado.duplicados:
        echo("Los duplicados no se importaron; usa --forzar si de verdad son otras personas.")
    if simular:
        echo("Simulación: no se guardó nada (tampoco el reporte de errores).")


@app.command(
    "clientes",
    epilog=(
        "Ejemplos: a3 importar clientes contactos.xlsx --simular · "
        'a3 importar clientes clientes.csv --columna telefono="Cel. personal" --asesor luis'
    ),
)
def clientes_(
    typer_ctx: typer.Context,
    archivo: Path = typer.Argument(..., metavar="ARCHIVO", help="Hoja de cálculo en CSV o Excel (.xlsx)."),
    simular: bool = typer.Option(False, "--simular", help=SIMULAR_HELP),
    asesor: str | None = typer.Option(None, "--asesor", metavar="LOGIN", help=ASESOR_HELP),
    columna: list[str] | None = typer.Option(
        None,
        "--columna",
        metavar="CAMPO=ENCABEZADO",
        help="Qué columna del archivo es cada dato, p. ej. telefono=Celular (se puede repetir).",
    ),
    forzar: bool = typer.Option(False, "--forzar", help=FORZAR_HELP),
    reporte: Path | None = typer.Option(None, "--reporte", metavar="ARCHIVO", help=REPORTE_HELP),
) -> None:
    """Importa clientes de una hoja de cálculo: reconoce las columnas (nombre, teléfono, celular, email, etapa, temperatura, origen, notas, primer contacto, dirección), revisa cada fila como «a3 cliente add» y reporta las que no entran; importar el mismo archivo otra vez no agrega nada."""
    from a3tui.services import intercambio

    _revisar_reporte(reporte)
    lectura = intercambio.leer_hoja(archivo, intercambio.mapeo_de_columnas(columna or []))
    _importar(typer_ctx, archivo, lectura, simular=simular, forzar=forzar, asesor=asesor, reporte=reporte)


@app.command(
    "vcard",
    epilog="Ejemplos: a3 importar vcard agenda.vcf --simular · a3 importar vcard contactos.vcf --asesor luis",
)
def vcard(
    typer_ctx: typer.Context,
    archivo: Path = typer.Argument(..., metavar="ARCHIVO", help="Contactos exportados del teléfono (.vcf)."),
    simular: bool = typer.Option(False, "--simular", help=SIMULAR_HELP),
    asesor: str | None = typer.Option(None, "--asesor", metavar="LOGIN", help=ASESOR_HELP),
    forzar: bool = typer.Option(False, "--forzar", help=FORZAR_HELP),
    reporte: Path | None = typer.Option(None, "--reporte", metavar="ARCHIVO", help=REPORTE_HELP),
) -> None:
    """Importa los contactos de la agenda del teléfono (vCard 2.1, 3.0 o 4.0) como clientes, con las mismas reglas que «a3 importar clientes»."""
    from a3tui.services import intercambio

    _revisar_reporte(reporte)
    lectura = intercambio.leer_vcard(archivo)
    _importar(typer_ctx, archivo, lectura, simular=simular, forzar=forzar, asesor=asesor, reporte=reporte)


def _cuantos(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


@app.command(
    "whatsapp",
    epilog=(
        'Ejemplos: a3 importar whatsapp "Chat de WhatsApp con Juan Pérez.txt" · '
        "a3 importar whatsapp _chat.txt --cliente 12 --simular"
    ),
)
def whatsapp(
    typer_ctx: typer.Context,
    archivo: Path = typer.Argument(
        ..., metavar="ARCHIVO", help="Chat exportado de WhatsApp (.txt, o el .zip que comparte el iPhone)."
    ),
    cliente: str | None = typer.Option(
        None, "--cliente", metavar="REF", help=f"De quién es el chat (si no, por el nombre del archivo). {REF_HELP}"
    ),
    yo: str | None = typer.Option(
        None, "--yo", metavar="NOMBRE", help="Tu nombre como aparece en el chat (si a3 no lo distingue solo)."
    ),
    simular: bool = typer.Option(False, "--simular", help="Solo decir qué pasaría, sin guardar nada."),
) -> None:
    """Importa un chat de WhatsApp al historial de un cliente: un mensaje por día de conversación, con «respondió» si el cliente escribió ese día; reimportarlo solo agrega los días nuevos."""
    from a3tui.importers import whatsapp as lector
    from a3tui.services import intercambio

    chat = lector.leer(archivo)
    with contexto_de_simulacion(typer_ctx) if simular else contexto(typer_ctx, escritura=True) as ctx:
        resultado = intercambio.importar_whatsapp(ctx, chat, cliente=cliente, yo=yo, simular=simular)
    c = resultado.cliente
    nuevos = _cuantos(len(resultado.nuevos), "día nuevo", "días nuevos")
    completados = _cuantos(len(resultado.actualizados), "completado", "completados")
    ya = _cuantos(len(resultado.ya_importados), "ya estaba", "ya estaban")
    if simular:
        mensajes = _cuantos(resultado.mensajes, "mensaje se importaría", "mensajes se importarían")
    else:
        mensajes = _cuantos(resultado.mensajes, "mensaje importado", "mensajes importados")
    echo(f"Chat con {c.nombre} (id {c.id}): {nuevos} · {completados} · {ya} · {mensajes}.")
    quien = [f"el cliente escribe como «{resultado.remitente_cliente}»"] if resultado.remitente_cliente else []
    if resultado.remitente_asesor:
        quien.append(f"tú como «{resultado.remitente_asesor}»")
    if quien:
        echo("En el chat " + " y ".join(quien) + ".")
    for linea, motivo in resultado.problemas[:EN_PANTALLA]:
        echo(f"  línea {linea}: {motivo}")
    if len(resultado.problemas) > EN_PANTALLA:
        echo(f"  … y {len(resultado.problemas) - EN_PANTALLA} más.")
    if simular:
        echo("Simulación: no se guardó nada.")

"""Reports, metrics and exports: `a3 reporte clientes`, `a3 metricas`, `a3 exportar …`.

The figures come from services.reportes (the same the app shows); the files are written
by a3tui.exporters, owner-only and all at once (archivos.guardar_archivo).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import contexto, echo, lista_json, print_json, ruta_de_salida
from a3tui.cli.typer_es import TyperA3
from a3tui.domain import cifra_kpi

if TYPE_CHECKING:
    from a3tui.domain import Kpi, Metrica, Reporte

reporte_app = TyperA3(
    help="Reportes para el asesor y el coordinador (tabla, JSON, CSV, Excel o PDF).",
    epilog="Ejemplos: a3 reporte clientes · a3 reporte clientes --formato xlsx --salida reporte.xlsx",
    no_args_is_help=True,
)
exportar_app = TyperA3(
    help="Exporta tus datos a otros programas: calendario (iCal), agenda del teléfono (vCard), CSV, Excel o JSON.",
    epilog=(
        "Ejemplos: a3 exportar tareas --salida tareas.ics · a3 exportar clientes --formato xlsx --salida clientes.xlsx"
        " · a3 exportar vcard --salida contactos.vcf"
    ),
    no_args_is_help=True,
)

FORMATOS_REPORTE = ("tabla", "json", "csv", "xlsx", "pdf")
FORMATOS_CLIENTES = ("csv", "xlsx", "json")
SOBRESCRIBIR_HELP = "Reemplazar el archivo si ya existe."
PISTA_SOBRESCRIBIR = "usa --sobrescribir para reemplazarlo."


def _formato(formato: str | None, salida: str | None, validos: tuple[str, ...], omision: str) -> str:
    """The format asked for, else the output file's extension, else ``omision``."""
    from a3tui.errors import DatoInvalido

    sufijo = Path(salida).suffix.lower().lstrip(".") if salida is not None else ""
    if formato is None and sufijo in validos:
        return sufijo
    elegido = (formato or omision).strip().lower()
    if elegido not in validos:
        raise DatoInvalido(f"El formato «{elegido}» no es válido; usa uno de: {', '.join(validos)}.")
    return elegido


def _con_json(formato: str | None, json: bool) -> str | None:
    """``--json`` is ``--formato json``, as on every other command; both naming different
    formats is a mistake worth saying."""
    from a3tui.errors import DatoInvalido

    if not json:
        return formato
    if formato is not None and formato.strip().lower() != "json":
        raise DatoInvalido(f"Usa --json o --formato {formato.strip().lower()}, no los dos.")
    return "json"


def _destino(salida: str | None, nombre: str, sobrescribir: bool) -> Path:
    """Where a file goes (cli.common.ruta_de_salida), checked before the work starts
    (archivos.revisar_salida: the rules every output follows)."""
    from a3tui.archivos import revisar_salida

    destino = ruta_de_salida(salida, nombre)
    if salida is not None and destino == Path(salida).expanduser():
        revisar_salida(destino, sobrescribir=sobrescribir, pista_cli=PISTA_SOBRESCRIBIR)
    return destino


def _guardar(destino: Path, datos: bytes, sobrescribir: bool) -> Path:
    from a3tui.archivos import guardar_archivo

    return guardar_archivo(destino, datos, sobrescribir=sobrescribir, pista_cli=PISTA_SOBRESCRIBIR)


def _avisar(texto: str, destino: Path) -> None:
    """Say where the file went: on standard error when the file itself went to standard
    output (``--salida -``), so the data stays clean for the program reading it."""
    from a3tui.archivos import es_salida_estandar

    echo(texto, error=es_salida_estandar(destino))


def _nombre(destino: Path) -> str:
    from a3tui.archivos import es_salida_estandar

    return "la salida estándar" if es_salida_estandar(destino) else str(destino)


def _cumple(valor: bool | None) -> str:
    return "—" if valor is None else ("✓ cumple" if valor else "✗ no cumple")


def _metrica_json(m: Metrica) -> dict[str, Any]:
    return {
        "clave": m.clave,
        "nombre": m.kpi.nombre,
        "valor": None if m.kpi.valor is None else round(m.kpi.valor, 2),
        "unidad": m.kpi.unidad or None,
        # The target as data: met when "valor" is above (">") or below ("<") meta.valor.
        "meta": {"operador": m.kpi.operador, "valor": m.kpi.objetivo},
        "cumple": m.kpi.cumple,
        "anterior": None if m.anterior is None else round(m.anterior, 2),
        "cambio": m.cambio,
        "tendencia": m.direccion,
        "detalle": m.detalle,
        # The counts behind a figure, as numbers (the response time's «respondidos» and
        # «sin_responder»).
        **dict(m.cifras),
    }


def _kpi_json(kpi: Kpi) -> dict[str, Any]:
    return {
        "valor": None if kpi.valor is None else round(kpi.valor, 2),
        "unidad": kpi.unidad or None,
        "meta": {"operador": kpi.operador, "valor": kpi.objetivo},
        "cumple": kpi.cumple,
    }


def _reporte_json(reporte: Reporte) -> dict[str, Any]:
    return {
        "titulo": reporte.titulo,
        "filtros": reporte.filtros,
        "generado": reporte.generado,
        "total": reporte.total,
        "por_etapa": {e.value: n for e, n in reporte.por_etapa.items()},
        "actividades_mes": reporte.actividades_mes,
        "actividades_rango": reporte.actividades_rango,
        "conversion": _kpi_json(reporte.conversion),
        "dias_apartado": _kpi_json(reporte.dias_apartado),
        "cancelaciones": [{"motivo": m, "clientes": n} for m, n in reporte.cancelaciones],
        "metricas": [_metrica_json(m) for m in reporte.metricas],
    }


def _tabla_reporte(reporte: Reporte) -> None:
    from a3tui.cli.salida import Tabla, Texto, imprimir

    tabla = Tabla(encabezados=False)
    tabla.columna()
    tabla.columna(derecha=True)
    tabla.columna(estilo="dim")
    mayor = max(reporte.por_etapa.values(), default=0) or 1
    tabla.fila(Texto("Clientes", "bold"), f"{reporte.total:,}", "")
    for etapa, n in reporte.por_etapa.items():
        barra = "█" * round(20 * n / mayor) if n else ""
        tabla.fila(f"  {etapa.value}", f"{n:,}", barra)
    tabla.fila("Actividades con estos clientes este mes", f"{reporte.actividades_mes:,}", "")
    if reporte.actividades_rango is not None:
        tabla.fila("Actividades en el rango de fechas", f"{reporte.actividades_rango:,}", "")
    tabla.fila(
        "Tasa de conversión (prospecto → apartado)",
        cifra_kpi(reporte.conversion.valor, "%"),
        f"meta {reporte.conversion.meta} · {_cumple(reporte.conversion.cumple)}",
    )
    tabla.fila(
        "Días promedio a apartado",
        cifra_kpi(reporte.dias_apartado.valor),
        f"meta {reporte.dias_apartado.meta} · {_cumple(reporte.dias_apartado.cumple)}",
    )
    imprimir(Texto(reporte.titulo, "bold"))
    imprimir(Texto(f"Generado {reporte.generado:%Y-%m-%d %H:%M} · {reporte.filtros}", "dim"))
    imprimir(tabla)
    if reporte.cancelaciones:
        imprimir(Texto("Por qué cancelan", "bold"))
        for motivo, n in reporte.cancelaciones:
            imprimir(f"  {motivo}: {n:,}")


@reporte_app.command(
    "clientes",
    epilog=(
        "Ejemplos: a3 reporte clientes · a3 reporte clientes --etapa prospecto --desde 2026-01-01 · "
        "a3 reporte clientes --formato pdf --salida ~/reportes/ · a3 reporte clientes --asesor luis --formato xlsx"
    ),
)
def reporte_clientes(
    typer_ctx: typer.Context,
    etapa: str | None = typer.Option(None, "--etapa", metavar="ETAPA", help="Solo los clientes de esta etapa."),
    plaza: str | None = typer.Option(None, "--plaza", metavar="PLAZA", help="Toda la plaza (coordinador)."),
    asesor: str | None = typer.Option(None, "--asesor", metavar="LOGIN", help="Los clientes de un asesor."),
    desde: str | None = typer.Option(None, "--desde", metavar="F", help="Primer contacto desde esta fecha."),
    hasta: str | None = typer.Option(None, "--hasta", metavar="F", help="Primer contacto hasta esta fecha."),
    formato: str | None = typer.Option(
        None, "--formato", "-f", metavar="FORMATO", help="tabla, json, csv, xlsx o pdf (o la extensión de --salida)."
    ),
    salida: str | None = typer.Option(
        None, "--salida", "-o", metavar="ARCHIVO", help="Archivo o carpeta destino (- para la salida estándar)."
    ),
    sobrescribir: bool = typer.Option(False, "--sobrescribir", help=SOBRESCRIBIR_HELP),
    json: bool = typer.Option(False, "--json", help="Salida en JSON (lo mismo que --formato json)."),
) -> None:
    """Reporte de mis clientes: totales por etapa, actividades del mes, conversión, días a apartado, por qué cancelan y la lista de clientes."""
    from a3tui import domain
    from a3tui.domain import Etapa, parse_valor
    from a3tui.services import reportes

    elegido = _formato(_con_json(formato, json), salida, FORMATOS_REPORTE, "tabla")
    destino: Path | None = None
    with contexto(typer_ctx, escritura=False) as ctx:
        filtro = reportes.FiltroReporte(
            etapa=parse_valor(Etapa, etapa, "La etapa") if etapa else None,
            plaza=plaza,
            asesor=asesor,
            desde=domain.parse_fecha(desde, ctx.hoy, pasado=True) if desde else None,
            hasta=domain.parse_fecha(hasta, ctx.hoy, pasado=True) if hasta else None,
        )
        if elegido in ("xlsx", "pdf") or (elegido == "csv" and salida is not None):
            destino = _destino(salida, f"reporte-clientes-{ctx.hoy.isoformat()}.{elegido}", sobrescribir)
        # The table and the CSV don't carry the month's metrics: not read for them.
        reporte = reportes.reporte_clientes(ctx, filtro, con_metricas=elegido in ("json", "xlsx", "pdf"))
        if elegido == "tabla":
            _tabla_reporte(reporte)
            return
        if elegido == "json":
            documento = _reporte_json(reporte)
            documento["clientes"] = [
                {
                    "id": f.id, "nombre": f.nombre, "telefono": f.telefono, "email": f.email,
                    "etapa": f.etapa, "temperatura": f.temperatura, "asesor": f.asesor, "plaza": f.plaza,
                    "primer_contacto": f.primer_contacto, "fecha_apartado": f.fecha_apartado,
                    "ultima_actividad": f.ultima_actividad, "proximo_contacto": f.proximo_contacto,
                    "motivo_cancelacion": f.motivo_cancelacion,
                }
                for f in reportes.filas_reporte(ctx, filtro)
            ]  # fmt: skip
            print_json(documento)
            return
        from a3tui.exporters import reporte as archivos

        filas = reportes.filas_reporte(ctx, filtro)
        if elegido == "csv":
            datos = archivos.csv_clientes(filas)
        elif elegido == "xlsx":
            datos = archivos.xlsx_reporte(reporte, filas)
        else:
            datos = archivos.pdf_reporte(reporte, filas)
    if destino is None:  # CSV without --salida: to standard output, for a pipe
        sys.stdout.buffer.write(datos)
        sys.stdout.flush()
        return
    escrito = _guardar(destino, datos, sobrescribir)
    _avisar(f"Reporte guardado en {_nombre(escrito)} ({reporte.total:,} clientes).", escrito)


def metricas(
    typer_ctx: typer.Context,
    semana: bool = typer.Option(False, "--semana", help="Esta semana, contra la pasada (por omisión)."),
    mes: bool = typer.Option(False, "--mes", help="Este mes, contra el pasado."),
    asesor: str | None = typer.Option(None, "--asesor", metavar="LOGIN", help="Las de un asesor, o «plaza»."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Mis métricas: los cuatro indicadores con su meta, la tendencia contra el periodo anterior y de qué se componen."""
    from a3tui.cli.salida import Tabla, Texto, imprimir
    from a3tui.errors import DatoInvalido
    from a3tui.services import asesores, reportes

    if semana and mes:
        raise DatoInvalido("Elige --semana o --mes, no los dos.")
    with contexto(typer_ctx, escritura=False) as ctx:
        ctx = asesores.ver(ctx, asesor)
        periodo = reportes.periodo(ctx, "mes" if mes else "semana")
        filas = reportes.metricas(ctx, periodo)
        anterior = periodo.anterior()
        titulo = ctx.cartera.titulo
        encabezado = reportes.titulo_metricas(ctx)
    if json:
        print_json(
            lista_json(
                "metricas",
                [_metrica_json(m) for m in filas],
                cartera=titulo,
                periodo={"nombre": periodo.nombre, "desde": periodo.desde, "hasta": periodo.hasta},
                anterior={"nombre": anterior.nombre, "desde": anterior.desde, "hasta": anterior.hasta},
            )
        )
        return
    imprimir(
        Texto(
            f"{encabezado} · {periodo.texto}, contra {anterior.texto}",
            "bold",
        )
    )
    tabla = Tabla()
    for columna, justificar in (("Métrica", "left"), ("Valor", "right"), ("Meta", "left"), ("", "left"),
                                ("Antes", "right"), ("Tendencia", "left")):  # fmt: skip
        tabla.columna(columna, derecha=justificar == "right")
    for m in filas:
        color = "" if m.kpi.cumple is None else ("green" if m.kpi.cumple else "red")
        tabla.fila(
            m.kpi.nombre,
            cifra_kpi(m.kpi.valor, m.kpi.unidad),
            m.kpi.meta,
            Texto(m.kpi.veredicto, color),
            cifra_kpi(m.anterior, m.kpi.unidad),
            m.tendencia,
        )
    imprimir(tabla)
    for m in filas:
        imprimir(Texto(f"  {m.kpi.nombre}: {m.detalle}", "dim"))


# ---------------------------------------------------------------- exports


@exportar_app.command(
    "tareas",
    epilog=(
        "Ejemplos: a3 exportar tareas --salida tareas.ics · a3 exportar tareas --salida ~/Calendario/ --sobrescribir"
        " · a3 exportar tareas --como pendientes --zona America/Tijuana -o tareas.ics"
    ),
)
def exportar_tareas(
    typer_ctx: typer.Context,
    salida: str | None = typer.Option(
        None, "--salida", "-o", metavar="ARCHIVO", help="Archivo .ics o carpeta (- para la salida estándar)."
    ),
    sobrescribir: bool = typer.Option(False, "--sobrescribir", help=SOBRESCRIBIR_HELP),
    zona: str | None = typer.Option(
        None,
        "--zona",
        metavar="ZONA",
        help="Tu zona horaria (por omisión la de A3_ZONA, o America/Mexico_City).",
    ),
    como: str = typer.Option(
        "eventos", "--como", metavar="COMO", help="eventos (citas en el calendario) o pendientes (lista de tareas)."
    ),
) -> None:
    """Exporta tus tareas pendientes a un calendario (.ics): con hora y aviso; importarlo otra vez actualiza en lugar de duplicar, y las que hiciste o borraste en los últimos 30 días salen canceladas."""
    import os

    from a3tui.domain import zona_horaria
    from a3tui.errors import DatoInvalido
    from a3tui.exporters import calendario
    from a3tui.services import tareas

    elegido = como.strip().lower()
    if elegido not in calendario.COMO:
        raise DatoInvalido(f"«{como}» no es válido para --como; usa eventos o pendientes.")
    zona_elegida = zona_horaria(zona or os.environ.get("A3_ZONA"))
    with contexto(typer_ctx, escritura=False) as ctx:
        destino = _destino(salida, "a3-tareas.ics", sobrescribir)
        datos, n = calendario.ics_tareas(
            tareas.para_calendario(ctx), ctx.ahora, ctx.asesor.nombre, zona_elegida, elegido
        )
    escrito = _guardar(destino, datos, sobrescribir)
    _avisar(f"{n:,} tarea{'' if n == 1 else 's'} pendiente{'' if n == 1 else 's'} en {_nombre(escrito)}.", escrito)


@exportar_app.command(
    "clientes",
    epilog="Ejemplos: a3 exportar clientes --formato xlsx --salida clientes.xlsx · a3 exportar clientes --formato json > clientes.json",
)
def exportar_clientes(
    typer_ctx: typer.Context,
    formato: str | None = typer.Option(
        None, "--formato", "-f", metavar="FORMATO", help="csv, xlsx o json (o la extensión de --salida)."
    ),
    salida: str | None = typer.Option(
        None, "--salida", "-o", metavar="ARCHIVO", help="Archivo o carpeta destino (- para la salida estándar)."
    ),
    sobrescribir: bool = typer.Option(False, "--sobrescribir", help=SOBRESCRIBIR_HELP),
    json: bool = typer.Option(False, "--json", help="Salida en JSON (lo mismo que --formato json)."),
) -> None:
    """Exporta todos los clientes que puedes ver (tu respaldo, o para llevarlos a otro sistema)."""
    import json as json_lib

    from a3tui.cli.common import _default
    from a3tui.services import reportes

    elegido = _formato(_con_json(formato, json), salida, FORMATOS_CLIENTES, "csv")
    with contexto(typer_ctx, escritura=False) as ctx:
        destino = None
        if salida is not None or elegido == "xlsx":
            destino = _destino(salida, f"clientes-{ctx.hoy.isoformat()}.{elegido}", sobrescribir)
        filas = reportes.filas_reporte(ctx)
        n = 0

        def contadas() -> Any:
            nonlocal n
            for fila in filas:
                n += 1
                yield fila

        if elegido == "json":
            from a3tui.exporters.reporte import COLUMNAS

            clientes = [
                {campo: (getattr(f, campo).value if campo == "etapa" else getattr(f, campo)) for _, campo in COLUMNAS}
                for f in contadas()
            ]
            documento = lista_json("clientes", clientes)
            datos = (json_lib.dumps(documento, ensure_ascii=False, indent=2, default=_default) + "\n").encode()
        else:
            from a3tui.exporters import reporte as archivos

            datos = archivos.xlsx_clientes(contadas()) if elegido == "xlsx" else archivos.csv_clientes(contadas())
    if destino is None:
        sys.stdout.buffer.write(datos)
        sys.stdout.flush()
        return
    escrito = _guardar(destino, datos, sobrescribir)
    _avisar(f"{n:,} cliente{'' if n == 1 else 's'} exportado{'' if n == 1 else 's'} a {_nombre(escrito)}.", escrito)


@exportar_app.command(
    "vcard", epilog="Ejemplos: a3 exportar vcard --salida contactos.vcf · a3 exportar vcard --etapa prospecto -o ~/"
)
def exportar_vcard(
    typer_ctx: typer.Context,
    etapa: str | None = typer.Option(None, "--etapa", metavar="ETAPA", help="Solo los clientes de esta etapa."),
    temperatura: str | None = typer.Option(None, "--temperatura", metavar="T", help="Solo esta temperatura."),
    buscar: str = typer.Option("", "--buscar", metavar="TEXTO", help="Nombre, email o teléfono."),
    salida: str | None = typer.Option(
        None, "--salida", "-o", metavar="ARCHIVO", help="Archivo .vcf o carpeta (- para la salida estándar)."
    ),
    sobrescribir: bool = typer.Option(False, "--sobrescribir", help=SOBRESCRIBIR_HELP),
) -> None:
    """Exporta tus clientes como contactos (vCard) para la agenda de tu teléfono."""
    from a3tui.domain import Etapa, Temperatura, parse_valor
    from a3tui.services import clientes, intercambio

    with contexto(typer_ctx, escritura=False) as ctx:
        filtro = clientes.Filtro(
            etapa=parse_valor(Etapa, etapa, "La etapa") if etapa else None,
            temperatura=parse_valor(Temperatura, temperatura, "La temperatura") if temperatura else None,
            buscar=buscar,
        )
        destino = _destino(salida, "a3-clientes.vcf", sobrescribir)
        n = intercambio.exportar_vcard(ctx, destino, filtro, sobrescribir=sobrescribir)
    _avisar(f"{n:,} contacto{'' if n == 1 else 's'} en {_nombre(destino)}.", destino)

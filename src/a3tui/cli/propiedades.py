"""`a3 propiedad …`: the inventory, importing a price list, and sharing a property."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import REF_HELP, contexto, contexto_de_simulacion, echo, lista_json, print_json, ruta_de_salida
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from a3tui.services.propiedades import FilaPropiedad

app = TyperA3(
    help="Propiedades: el inventario, su lista de precios y compartir una con un cliente.",
    epilog=(
        'Ejemplos: a3 propiedad add CUM-A-12 --desarrollo "Cumbres" --modelo Roble --precio 1,250,000 · '
        "a3 propiedad list --estado disponible --recamaras 3 · a3 propiedad compartir CUM-A-12 perez --por whatsapp"
    ),
    no_args_is_help=True,
)

SINONIMOS: dict[str, tuple[str, ...]] = {
    "clave": ("key", "codigo", "unidad", "lote", "id"),
    "desarrollo": ("fraccionamiento", "proyecto", "development"),
    "modelo": ("prototipo", "model", "tipo"),
    "precio": ("precio lista", "precio de lista", "price", "valor", "costo"),
    "recamaras": ("recamara", "habitaciones", "bedrooms", "rec"),
    "plantas": ("niveles", "pisos", "floors"),
    "m2": ("metros", "superficie", "area", "construccion", "m2 construccion", "metros cuadrados"),
    "direccion": ("ubicacion", "domicilio", "address"),
}


def _precio(texto: str | None) -> int | None:
    from a3tui import domain

    return domain.parse_dinero(texto, "El precio", minimo=domain.PRECIO_MINIMO) if texto else None


def propiedad_json(fila: FilaPropiedad) -> dict[str, Any]:
    return {
        "id": fila.id,
        "clave": fila.clave,
        "desarrollo": fila.desarrollo,
        "modelo": fila.modelo,
        "precio": fila.precio_centavos / 100 if fila.precio_centavos is not None else None,
        "recamaras": fila.recamaras,
        "plantas": fila.plantas,
        "m2": fila.m2,
        "direccion": fila.direccion,
        "estado": fila.estado,
    }


@app.command(
    "add",
    epilog='Ejemplo: a3 propiedad add CUM-A-12 --desarrollo "Cumbres" --modelo Roble --precio 1,250,000 --recamaras 3',
)
def add(
    typer_ctx: typer.Context,
    clave: str = typer.Argument(..., metavar="CLAVE", help="Clave de la unidad, p. ej. CUM-A-12."),
    desarrollo: str = typer.Option(..., "--desarrollo", metavar="NOMBRE", help="Desarrollo o fraccionamiento."),
    modelo: str | None = typer.Option(None, "--modelo", metavar="NOMBRE", help="Modelo o prototipo."),
    precio: str | None = typer.Option(None, "--precio", metavar="PESOS", help="Precio de lista, p. ej. 1,250,000."),
    recamaras: int | None = typer.Option(None, "--recamaras", metavar="N", help="Recámaras."),
    plantas: int | None = typer.Option(None, "--plantas", metavar="N", help="Plantas."),
    m2: float | None = typer.Option(None, "--m2", metavar="N", help="Metros cuadrados de construcción."),
    direccion: str | None = typer.Option(None, "--direccion", metavar="TEXTO", help="Dirección."),
) -> None:
    """Agrega una propiedad al inventario (queda disponible)."""
    from a3tui.services import propiedades

    with contexto(typer_ctx, escritura=True) as ctx:
        propiedad = propiedades.add(
            ctx,
            clave,
            desarrollo=desarrollo,
            modelo=modelo,
            precio_centavos=_precio(precio),
            recamaras=recamaras,
            plantas=plantas,
            m2=m2,
            direccion=direccion,
        )
    echo(f"Propiedad {propiedad.clave} agregada.")


@app.command("edit", epilog="Ejemplo: a3 propiedad edit CUM-A-12 --precio 1,290,000")
def edit(
    typer_ctx: typer.Context,
    clave: str = typer.Argument(..., metavar="CLAVE", help="Clave de la propiedad."),
    desarrollo: str | None = typer.Option(None, "--desarrollo", metavar="NOMBRE", help="Desarrollo."),
    modelo: str | None = typer.Option(None, "--modelo", metavar="NOMBRE", help='Modelo ("" lo borra).'),
    precio: str | None = typer.Option(None, "--precio", metavar="PESOS", help="Precio de lista."),
    recamaras: int | None = typer.Option(None, "--recamaras", metavar="N", help="Recámaras."),
    plantas: int | None = typer.Option(None, "--plantas", metavar="N", help="Plantas."),
    m2: float | None = typer.Option(None, "--m2", metavar="N", help="Metros cuadrados."),
    direccion: str | None = typer.Option(None, "--direccion", metavar="TEXTO", help="Dirección."),
) -> None:
    """Cambia los datos de una propiedad (su estado cambia con los apartados)."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import propiedades

    if all(v is None for v in (desarrollo, modelo, precio, recamaras, plantas, m2, direccion)):
        raise DatoInvalido("Indica qué cambiar, por ejemplo --precio o --modelo.")
    with contexto(typer_ctx, escritura=True) as ctx:
        propiedad = propiedades.get(ctx, clave)
        propiedades.edit(
            ctx,
            propiedad,
            desarrollo=desarrollo,
            modelo=modelo,
            precio_centavos=_precio(precio),
            recamaras=recamaras,
            plantas=plantas,
            m2=m2,
            direccion=direccion,
        )
    echo(f"Propiedad {propiedad.clave} actualizada.")


@app.command(
    "list",
    epilog="Ejemplos: a3 propiedad list --estado disponible · a3 propiedad list --precio-max 1,500,000 --recamaras 3 · a3 propiedad list --buscar roble --json",
)
def list_(
    typer_ctx: typer.Context,
    desarrollo: str | None = typer.Option(None, "--desarrollo", metavar="D", help="Solo este desarrollo."),
    estado: str | None = typer.Option(None, "--estado", metavar="E", help="disponible, apartada o vendida."),
    precio_max: str | None = typer.Option(None, "--precio-max", metavar="PESOS", help="Precio máximo."),
    recamaras: int | None = typer.Option(None, "--recamaras", metavar="N", help="Recámaras."),
    buscar: str | None = typer.Option(
        None, "--buscar", "-b", metavar="TEXTO", help="Clave, desarrollo, modelo o dirección."
    ),
    limite: int = typer.Option(100, "--limite", "-n", metavar="N", help="Máximo de filas."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Lista el inventario, por desarrollo y clave."""
    from a3tui import domain
    from a3tui.domain import EstadoPropiedad
    from a3tui.services import propiedades

    filtro = propiedades.FiltroPropiedades(
        desarrollo=desarrollo or "",
        estado=domain.parse_valor(EstadoPropiedad, estado, "El estado") if estado else None,
        precio_max_centavos=domain.parse_dinero(precio_max, "El precio máximo") if precio_max else None,
        recamaras=recamaras,
        buscar=buscar or "",
    )
    with contexto(typer_ctx, escritura=False) as ctx:
        filas = propiedades.list_(ctx, filtro, limit=domain.check_limite(limite))
        total = propiedades.count(ctx, filtro) if len(filas) == limite else len(filas)
    if json:
        print_json(lista_json("propiedades", [propiedad_json(f) for f in filas], total))
        return
    if not filas:
        echo("No hay propiedades que coincidan.")
        return
    from a3tui.cli.salida import Tabla, imprimir

    tabla = Tabla()
    for titulo, justificar in (
        ("Clave", "left"), ("Desarrollo", "left"), ("Modelo", "left"), ("Precio", "right"),
        ("Rec.", "right"), ("m²", "right"), ("Estado", "left"),
    ):  # fmt: skip
        tabla.columna(titulo, derecha=justificar == "right")
    for f in filas:
        tabla.fila(
            f.clave,
            f.desarrollo,
            f.modelo or "—",
            domain.format_dinero(f.precio_centavos),
            str(f.recamaras) if f.recamaras is not None else "—",
            f"{f.m2:g}" if f.m2 is not None else "—",
            f.estado.value,
        )
    imprimir(tabla)
    if total > len(filas):
        echo(f"{len(filas)} de {total} propiedades; usa filtros o --limite para ver más.")


@app.command("show", epilog="Ejemplo: a3 propiedad show CUM-A-12 --json")
def show(
    typer_ctx: typer.Context,
    clave: str = typer.Argument(..., metavar="CLAVE", help="Clave de la propiedad."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Muestra una propiedad, a quién se le mostró y sus apartados."""
    from a3tui import domain
    from a3tui.services import propiedades

    with contexto(typer_ctx, escritura=False) as ctx:
        detalle = propiedades.detalle(ctx, propiedades.get(ctx, clave))
    p = detalle.propiedad
    fila = propiedades.FilaPropiedad(
        p.id or 0,
        p.clave,
        p.desarrollo,
        p.modelo,
        p.precio_centavos,
        p.recamaras,
        p.plantas,
        p.m2,
        p.direccion,
        p.estado,
    )
    if json:
        doc = propiedad_json(fila)
        doc["mostrada"] = [
            {"fecha": m.fecha, "cliente_id": m.cliente_id, "cliente": m.cliente, "medio": m.medio}
            for m in detalle.mostrada
        ]
        doc["apartados"] = [
            {
                "id": a.id,
                "fecha": a.fecha,
                "cliente_id": a.cliente_id,
                "cliente": a.cliente,
                "monto": a.monto_centavos / 100,
                "estado": a.estado,
            }
            for a in detalle.apartados
        ]
        print_json(doc)
        return
    echo(f"{fila.etiqueta} · {p.estado.value}")
    echo(f"Precio:      {domain.format_dinero(p.precio_centavos)}")
    recamaras = str(p.recamaras) if p.recamaras is not None else "—"
    plantas = str(p.plantas) if p.plantas is not None else "—"
    echo(f"Recámaras:   {recamaras} · plantas: {plantas} · m²: {f'{p.m2:g}' if p.m2 is not None else '—'}")
    echo(f"Dirección:   {p.direccion or '—'}")
    echo("\nApartados")
    if not detalle.apartados:
        echo("  (ninguno)")
    for a in detalle.apartados:
        echo(
            f"  [{a.id}] {a.fecha.isoformat()}  {a.cliente} (id {a.cliente_id})  {domain.format_dinero(a.monto_centavos)}  {a.estado.value}"
        )
    echo("\nSe le mostró a")
    if not detalle.mostrada:
        echo("  (nadie todavía)")
    for m in detalle.mostrada:
        echo(f"  {m.fecha:%Y-%m-%d %H:%M}  {m.cliente} (id {m.cliente_id})  {m.medio.value}")


@app.command(
    "compartir",
    epilog="Ejemplos: a3 propiedad compartir CUM-A-12 perez --por whatsapp · a3 propiedad compartir CUM-A-12 12 --por pdf --salida ~/fichas",
)
def compartir(
    typer_ctx: typer.Context,
    clave: str = typer.Argument(..., metavar="CLAVE", help="Clave de la propiedad."),
    ref: str = typer.Argument(..., metavar="REF", help=REF_HELP),
    por: str = typer.Option(..., "--por", metavar="MEDIO", help="whatsapp, email, pdf o persona."),
    mensaje: str | None = typer.Option(
        None, "--mensaje", "-m", metavar="TEXTO", help="Un mensaje tuyo para el cliente."
    ),
    salida: str | None = typer.Option(
        None,
        "--salida",
        metavar="RUTA",
        help="Carpeta (o archivo) del PDF o del email (por omisión, la carpeta actual).",
    ),
) -> None:
    """Comparte una propiedad con un cliente (enlace de WhatsApp, borrador de email o ficha en PDF) y lo registra en su historial."""
    from a3tui.archivos import es_salida_estandar, guardar_archivo
    from a3tui.domain import MedioEnvio
    from a3tui.services import clientes, envios, propiedades

    escrito: Path | None = None
    try:
        with contexto(typer_ctx, escritura=True) as ctx:
            propiedad = propiedades.get(ctx, clave)
            cliente = clientes.resolve(ctx, ref)
            compartida = envios.compartir(ctx, propiedad, cliente, por, mensaje=mensaje)
            if compartida.archivo is not None and compartida.nombre_archivo is not None:
                destino = ruta_de_salida(salida, compartida.nombre_archivo)
                escrito = guardar_archivo(destino, compartida.archivo)
    except BaseException:
        if escrito is not None:  # the share was not saved: no file pretends it was
            from a3tui.archivos import retirar_salida

            retirar_salida(escrito)
        raise
    # The file went to standard output (--salida -): what a3 says goes to standard error.
    aparte = es_salida_estandar(escrito)
    donde = "la salida estándar" if aparte else str(escrito)
    for aviso in compartida.avisos:
        echo(aviso, error=aparte)
    if compartida.enlace and compartida.medio == MedioEnvio.WHATSAPP:
        echo("Abre este enlace en tu teléfono o computadora para enviarlo por WhatsApp:", error=aparte)
        echo(compartida.enlace, error=aparte)
    elif compartida.medio == MedioEnvio.EMAIL:
        echo(
            f"Borrador de email guardado en {donde} (ábrelo con tu programa de correo; lleva la ficha en PDF).",
            error=aparte,
        )
        echo(f"O con este enlace: {compartida.enlace}", error=aparte)
    elif compartida.medio == MedioEnvio.PDF:
        echo(f"Ficha técnica guardada en {donde}", error=aparte)
    echo(
        f"Registrado en el historial de {compartida.cliente.nombre}: {compartida.propiedad.clave} {compartida.medio.como}.",
        error=aparte,
    )


@app.command(
    "importar",
    epilog='Ejemplos: a3 propiedad importar precios.xlsx --simular · a3 propiedad importar lista.csv --columna precio="Precio lista"',
)
def importar(
    typer_ctx: typer.Context,
    archivo: Path = typer.Argument(..., metavar="ARCHIVO", help="Lista de precios en CSV o Excel (.xlsx)."),
    simular: bool = typer.Option(False, "--simular", help="Solo decir qué pasaría, sin guardar nada."),
    columna: list[str] | None = typer.Option(
        None, "--columna", metavar="CAMPO=ENCABEZADO", help="Qué columna del archivo es cada dato (se puede repetir)."
    ),
) -> None:
    """Importa el inventario de una lista de precios: agrega las claves nuevas y actualiza las que cambiaron; reimportar el mismo archivo no cambia nada."""
    from a3tui.errors import DatoInvalido
    from a3tui.importers import hoja
    from a3tui.services import propiedades

    mapeo: dict[str, str] = {}
    for par in columna or []:
        campo, _, encabezado = par.partition("=")
        if not encabezado.strip() or campo.strip() not in SINONIMOS:
            raise DatoInvalido(
                f"--columna «{par}» no se entiende; usa CAMPO=ENCABEZADO con un campo de: {', '.join(SINONIMOS)}."
            )
        mapeo[campo.strip()] = encabezado.strip()
    leida = hoja.leer(archivo, SINONIMOS, mapeo)
    for obligatoria in ("clave", "desarrollo"):
        if obligatoria not in leida.columnas:
            raise DatoInvalido(
                f"El archivo no tiene la columna «{obligatoria}»; nómbrala con --columna {obligatoria}=ENCABEZADO."
            )
    filas = [propiedades.FilaDePrecios(f.numero, f.valores) for f in leida.filas]
    with contexto_de_simulacion(typer_ctx) if simular else contexto(typer_ctx, escritura=True) as ctx:
        resultado = propiedades.importar(ctx, filas, simular=simular)
    verbo = "Se agregarían" if simular else "Agregadas"
    echo(
        f"{verbo}: {len(resultado.nuevas)} · actualizadas: {len(resultado.actualizadas)} · "
        f"sin cambios: {len(resultado.sin_cambios)} · con error: {len(resultado.errores)}"
    )
    for numero, campo, razon in resultado.errores:
        echo(f"  fila {numero}, {campo}: {razon}")
    if simular:
        echo("Simulación: no se guardó nada.")

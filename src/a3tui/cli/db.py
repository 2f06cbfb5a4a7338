"""`a3 db …`: where the database is, backups and restores."""

from __future__ import annotations

from pathlib import Path

import typer

from a3tui.cli.common import echo, opcion_db, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Base de datos: ubicación, respaldo y restauración.",
    epilog="Ejemplos: a3 db path · a3 db backup ~/respaldos/clientes.db · a3 db restore ~/respaldos/clientes.db",
    no_args_is_help=True,
)


@app.command("path", epilog="Ejemplos: a3 db path · a3 db path --json")
def path(typer_ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Salida en JSON.")) -> None:
    """Muestra la ruta del archivo de la base de datos en uso (o su dirección en PostgreSQL, sin contraseña)."""
    from a3tui.store import resolve_path
    from a3tui.store_pg import sin_clave, url_elegida

    url = url_elegida(opcion_db(typer_ctx))
    if url is not None:
        motor, donde, existe = "postgresql", sin_clave(url), None
    else:
        ruta, _explicit = resolve_path(opcion_db(typer_ctx))
        motor, donde, existe = "sqlite", str(ruta), ruta.is_file()
    if json:
        # ``existe``: whether the file is there yet (null for a server's database).
        print_json({"motor": motor, "ruta": donde, "existe": existe})
        return
    echo(donde)


@app.command("backup", epilog="Ejemplos: a3 db backup ~/respaldos/a3-2026-11-23.db · a3 db backup ~/respaldos/")
def backup(
    typer_ctx: typer.Context,
    destino: str = typer.Argument(
        ...,
        metavar="DESTINO",
        help="Archivo del respaldo, o carpeta (si existe o termina en /; las que falten se crean solo para ti), o - para la salida estándar.",
    ),
) -> None:
    """Guarda una copia consistente de la base de datos, aunque a3 esté abierto en otra terminal."""
    import os
    from contextlib import suppress

    from a3tui.archivos import carpeta_privada, es_salida_estandar
    from a3tui.errors import BaseDeDatosInvalida
    from a3tui.store import backup as make_backup
    from a3tui.store import en_espanol, resolve_path
    from a3tui.store_pg import RESPALDO, url_elegida

    if url_elegida(opcion_db(typer_ctx)) is not None:
        raise BaseDeDatosInvalida(RESPALDO)
    ruta, _explicit = resolve_path(opcion_db(typer_ctx))
    if not ruta.is_file():
        raise BaseDeDatosInvalida(f"No existe la base de datos {ruta}; no hay nada que respaldar.")
    archivo = Path(destino).expanduser()
    carpeta = archivo if destino.endswith(("/", os.sep)) else archivo.parent
    # The folders this command creates (owner-only), removed again if the backup fails.
    nuevas = [c for c in (carpeta, *carpeta.parents) if not c.exists()]
    try:
        if nuevas:
            with en_espanol(None, archivo=carpeta):
                carpeta_privada(carpeta)
        hecho = make_backup(ruta, archivo)
    except BaseException:
        for nueva in nuevas:
            with suppress(OSError):
                nueva.rmdir()
        raise
    if es_salida_estandar(hecho):  # the backup itself is on standard output
        echo("Respaldo escrito en la salida estándar.", error=True)
    else:
        echo(f"Respaldo guardado en {hecho}")


@app.command("restore", epilog="Ejemplo: a3 db restore ~/respaldos/a3-2026-11-23.db")
def restore(
    typer_ctx: typer.Context,
    origen: Path = typer.Argument(..., metavar="ORIGEN", help="Respaldo a restaurar."),
) -> None:
    """Reemplaza la base de datos por un respaldo (lo revisa antes y guarda una copia de la actual)."""
    from a3tui.errors import BaseDeDatosInvalida
    from a3tui.services import ahora
    from a3tui.store import resolve_path
    from a3tui.store import restore as do_restore
    from a3tui.store_pg import RESPALDO, url_elegida

    if url_elegida(opcion_db(typer_ctx)) is not None:
        raise BaseDeDatosInvalida(RESPALDO)
    ruta, _explicit = resolve_path(opcion_db(typer_ctx))
    if not ruta.parent.is_dir():
        raise BaseDeDatosInvalida(f"La carpeta {ruta.parent} no existe; créala primero o elige otra ruta con --db.")
    copia = do_restore(ruta, origen, ahora().strftime("%Y%m%d-%H%M%S"))
    if copia is None:
        echo(f"Base de datos restaurada desde {origen.expanduser()} en {ruta}")
    else:
        echo(f"Base de datos restaurada desde {origen.expanduser()}; la anterior quedó en {copia}")


@app.command(
    "preparar-equipo",
    epilog="Ejemplo: sudo -u postgres a3 --db postgresql:///a3 db preparar-equipo carla",
)
def preparar_equipo(
    typer_ctx: typer.Context,
    duena: str = typer.Argument(..., metavar="DUEÑA", help="Usuario de PostgreSQL de quien coordina la oficina."),
) -> None:
    """Prepara una base de PostgreSQL para el modo equipo (una vez, como superusuario del servidor)."""
    from a3tui.errors import DatoInvalido
    from a3tui.services.asesores import normalizar_login
    from a3tui.store_pg import preparar_equipo as preparar
    from a3tui.store_pg import url_elegida

    url = url_elegida(opcion_db(typer_ctx))
    if url is None:
        raise DatoInvalido(
            "El modo equipo es para una base en PostgreSQL: indícala con --db postgresql:///BASE o A3_DB."
        )
    for linea in preparar(url, normalizar_login(duena)):
        echo(linea)

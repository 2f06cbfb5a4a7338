"""`a3 db …`: where the database is, backups and restores."""

from __future__ import annotations

from pathlib import Path

import typer

from a3tui.cli.common import Opciones, echo

app = typer.Typer(
    help="Base de datos: ubicación, respaldo y restauración.",
    epilog="Ejemplos: a3 db path · a3 db backup ~/respaldos/clientes.db · a3 db restore ~/respaldos/clientes.db",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@app.command("path", epilog="Ejemplo: a3 db path")
def path() -> None:
    """Muestra la ruta del archivo de la base de datos en uso."""
    from a3tui.store import resolve_path

    ruta, _explicit = resolve_path(Opciones.db)
    echo(str(ruta))


@app.command("backup", epilog="Ejemplo: a3 db backup ~/respaldos/a3-2026-11-23.db")
def backup(destino: Path = typer.Argument(..., metavar="DESTINO", help="Archivo (o carpeta) del respaldo.")) -> None:
    """Guarda una copia consistente de la base de datos, aunque a3 esté abierto en otra terminal."""
    from a3tui.errors import BaseDeDatosInvalida
    from a3tui.store import backup as make_backup
    from a3tui.store import open_store

    store = open_store(Opciones.db, create=False)
    try:
        destino_real = destino.expanduser()
        if destino_real.is_dir():
            destino_real = destino_real / store.path.name
        if destino_real.exists():
            raise BaseDeDatosInvalida(f"Ya existe {destino_real}; elige otro nombre para no sobrescribirlo.")
        hecho = make_backup(store, destino_real)
    finally:
        store.dispose()
    echo(f"Respaldo guardado en {hecho}")


@app.command("restore", epilog="Ejemplo: a3 db restore ~/respaldos/a3-2026-11-23.db")
def restore(origen: Path = typer.Argument(..., metavar="ORIGEN", help="Respaldo a restaurar.")) -> None:
    """Reemplaza la base de datos por un respaldo (lo revisa antes y guarda una copia de la actual)."""
    from a3tui.services import ahora
    from a3tui.store import open_store
    from a3tui.store import restore as do_restore

    store = open_store(Opciones.db)
    try:
        copia = do_restore(store, origen, ahora().strftime("%Y%m%d-%H%M%S"))
    finally:
        store.dispose()
    echo(f"Base de datos restaurada desde {origen.expanduser()}; la anterior quedó en {copia}")

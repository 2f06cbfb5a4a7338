"""The bad-row report of an import: where it is written and what it holds (CSV, each
rejected row with its reason).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from a3tui import domain
from a3tui.errors import (
    ArchivoInvalido,
)
from a3tui.services.intercambio.lectura import ResultadoContactos


def ruta_del_reporte(archivo: Path) -> Path:
    """Where the report of ``contactos.xlsx`` goes: ``contactos.errores.csv`` beside it,
    or ``contactos.errores-2.csv``… when that exists (never over another file)."""
    from a3tui.archivos import archivo_nuevo

    archivo = archivo.expanduser()
    return archivo_nuevo(archivo.parent, f"{archivo.stem}.errores.csv")


def revisar_nombre_del_reporte(destino: Path) -> None:
    """The report is CSV text: refuse a name whose extension says another format (a
    «.xlsx» that Excel would then refuse to open). Raises ArchivoInvalido."""
    if destino.suffix.lower() not in ("", ".csv", ".txt"):
        raise ArchivoInvalido(
            f"El reporte de errores es un archivo CSV; ponle un nombre que termine en .csv, "
            f"p. ej. {destino.with_suffix('.csv').name}."
        )


def reporte_csv(resultado: ResultadoContactos) -> bytes:
    """The rows left out and why, as a CSV that Excel opens with its accents (UTF-8 with
    its mark): row (or card and line), column, reason, name."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    vcard = resultado.unidad == "tarjeta"
    escritor.writerow(
        ["Tarjeta", "Línea", "Campo", "Motivo", "Nombre"] if vcard else ["Fila", "Columna", "Motivo", "Nombre"]
    )
    for r in resultado.rechazos:
        numero = "" if r.numero is None else str(r.numero)
        fila = [numero, "" if r.linea is None else str(r.linea)] if vcard else [numero]
        fila += [r.campo, r.motivo, r.nombre or ""]
        escritor.writerow([domain.celda_segura(domain.imprimible(x)) for x in fila])
    return salida.getvalue().encode("utf-8-sig")

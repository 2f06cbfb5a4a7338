"""A spreadsheet (CSV or Excel) as rows of named fields.

Columns are recognised by their header in Spanish or English, without accents or case
(«Teléfono», «telefono», «Celular»…), or named by the user (``--columna telefono=Cel``).
CSV files from Excel are often Latin-1 (Windows-1252) rather than UTF-8, sometimes both
in one file: each line is read as UTF-8 and, when it is not, as Windows-1252.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from a3tui import domain
from a3tui.errors import ArchivoInvalido

EXTENSIONES = (".csv", ".txt", ".xlsx", ".xlsm")
TAMANO_MAXIMO = 50 * 1024 * 1024

# What a sheet may cost, checked before and while reading it: a small hostile file (a
# workbook whose one text expands to gigabytes, millions of empty rows) must not take
# gigabytes of memory or minutes of work.
DESCOMPRIMIDO_MAXIMO = 256 * 1024 * 1024  # an .xlsx's parts, uncompressed
TEXTOS_MAXIMO = 64 * 1024 * 1024  # its shared strings, which openpyxl reads whole
PARTES_MAXIMAS = 10_000  # files inside the .xlsx
FILAS_MAXIMAS = 200_000  # rows read, empty ones included
CELDA_MAXIMA = 131_072  # characters in one cell (the csv module's own limit)


@dataclass(frozen=True)
class FilaLeida:
    """A data row: its number in the file (the header is row 1) and its fields' values."""

    numero: int
    valores: dict[str, Any]


@dataclass
class Hoja:
    columnas: dict[str, str] = field(default_factory=dict)  # field → header in the file
    sin_reconocer: list[str] = field(default_factory=list)
    filas: list[FilaLeida] = field(default_factory=list)


def _clave(texto: str) -> str:
    return "".join(domain.words(texto))


def leer(path: Path, sinonimos: Mapping[str, tuple[str, ...]], mapeo: Mapping[str, str] | None = None) -> Hoja:
    """Read ``path`` (CSV or XLSX); ``sinonimos`` maps each field to the headers that name
    it, ``mapeo`` (field → header) overrides them. Raises ArchivoInvalido with a Spanish
    sentence for a missing, unreadable, empty or unrecognisable file."""
    path = path.expanduser()
    if not path.exists():
        raise ArchivoInvalido(f"No existe el archivo {path}.")
    if not path.is_file():
        raise ArchivoInvalido(f"{path} no es un archivo.")
    try:
        tamano = path.stat().st_size
        if tamano == 0:
            raise ArchivoInvalido(f"El archivo {path} está vacío.")
        if tamano > TAMANO_MAXIMO:
            raise ArchivoInvalido(f"El archivo {path} pasa de {TAMANO_MAXIMO // 1024 // 1024} MB.")
        extension = path.suffix.lower()
        if extension in (".xlsx", ".xlsm"):
            filas = _filas_xlsx(path)
        elif extension in (".csv", ".txt"):
            filas = _filas_csv(path.read_bytes(), path)
        else:
            raise ArchivoInvalido(f"No sé leer archivos {extension or 'sin extensión'}; usa CSV o Excel (.xlsx).")
    except PermissionError:
        raise ArchivoInvalido(f"No tienes permiso para leer {path}.") from None
    except OSError as error:
        raise ArchivoInvalido(f"No se pudo leer {path}: {error.strerror or error}.") from None
    return _con_encabezados(path, filas, sinonimos, mapeo or {})


# A price list often has a title, a date or a logo's row above its headers: the header row
# is the one, among the first rows with data, that names the most known columns.
FILAS_ANTES_DEL_ENCABEZADO = 10


def _indices(
    encabezado: list[str], sinonimos: Mapping[str, tuple[str, ...]], mapeo: Mapping[str, str]
) -> tuple[dict[str, int], list[str]]:
    """Column of each field in ``encabezado``, and the user's ``mapeo`` entries it lacks."""
    por_clave = {_clave(h): i for i, h in enumerate(encabezado) if h}
    indices: dict[str, int] = {}
    faltan: list[str] = []
    for campo, encabezado_usuario in mapeo.items():
        i = por_clave.get(_clave(encabezado_usuario))
        if i is None:
            faltan.append(f"«{encabezado_usuario}» que pediste para {campo}")
        else:
            indices[campo] = i
    for campo, nombres in sinonimos.items():
        if campo in indices:
            continue
        for nombre in (campo, *nombres):
            i = por_clave.get(_clave(nombre))
            if i is not None and i not in indices.values():
                indices[campo] = i
                break
    return indices, faltan


def _con_encabezados(
    path: Path, filas: list[tuple[int, list[Any]]], sinonimos: Mapping[str, tuple[str, ...]], mapeo: Mapping[str, str]
) -> Hoja:
    """The sheet's fields from its rows with data, each with its number in the file."""
    if not filas:
        raise ArchivoInvalido(f"El archivo {path} no tiene datos.")
    candidatas = []
    for i in range(min(len(filas), FILAS_ANTES_DEL_ENCABEZADO)):
        encabezado_i = ["" if v is None else str(v).strip() for v in filas[i][1]]
        indices_i, faltan_i = _indices(encabezado_i, sinonimos, mapeo)
        candidatas.append((len(faltan_i), -len(indices_i), i, encabezado_i, indices_i, faltan_i))
    # Fewest of the user's headers missing, then most columns known, then the first row.
    _, _, inicio, encabezado, indices, faltan = min(candidatas, key=lambda c: (c[0], c[1], c[2]))
    if faltan:
        raise ArchivoInvalido(f"El archivo no tiene la columna {faltan[0]}.")
    hoja = Hoja()
    if not indices:
        esperadas = ", ".join(sinonimos)
        raise ArchivoInvalido(
            f"No reconozco ninguna columna de {path.name}; la fila de encabezados debe tener nombres como: {esperadas}."
        )
    hoja.columnas = {campo: encabezado[i] for campo, i in indices.items()}
    hoja.sin_reconocer = [h for i, h in enumerate(encabezado) if h and i not in indices.values()]
    for numero, fila in filas[inicio + 1 :]:
        valores = {campo: (fila[i] if i < len(fila) else None) for campo, i in indices.items()}
        hoja.filas.append(FilaLeida(numero, {k: _limpio(v) for k, v in valores.items()}))
    return hoja


def _lleno(valor: Any) -> bool:
    return valor is not None and str(valor).strip() != ""


def _limpio(valor: Any) -> Any:
    if isinstance(valor, str):
        valor = domain.imprimible(valor).strip()
        return valor or None
    return valor


def decodificar(datos: bytes) -> str:
    """A text file from another program: UTF-16 by its mark (Excel's «Texto Unicode»),
    else UTF-8, else line by line UTF-8 or Windows-1252 (Excel's Latin-1, an old phone's
    or Outlook's export), so a file that mixes both still reads."""
    if datos.startswith((b"\xff\xfe", b"\xfe\xff")):
        return datos.decode("utf-16", errors="replace")
    if datos.startswith(b"\xef\xbb\xbf"):
        datos = datos[3:]
    try:
        return datos.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lineas = []
    for linea in datos.splitlines(keepends=True):
        try:
            lineas.append(linea.decode("utf-8"))
        except UnicodeDecodeError:
            lineas.append(linea.decode("cp1252", errors="replace"))
    return "".join(lineas)


def _filas_csv(datos: bytes, path: Path) -> list[tuple[int, list[Any]]]:
    """The rows with data of a CSV file, each with its number. Raises ArchivoInvalido naming
    the row that can't be read (a cell longer than ``CELDA_MAXIMA``, usually a quote that is
    never closed) or past ``FILAS_MAXIMAS``."""
    texto = decodificar(datos)
    muestra = texto[:8192]
    try:
        dialecto: Any = csv.Sniffer().sniff(muestra, delimiters=",;\t|")
    except csv.Error:
        dialecto = csv.excel
    filas: list[tuple[int, list[Any]]] = []
    numero = 0
    try:
        for fila in csv.reader(io.StringIO(texto, newline=""), dialecto):
            numero += 1
            _revisar_fila(path, numero, fila)
            if any(_lleno(v) for v in fila):
                filas.append((numero, list(fila)))
    except csv.Error as error:
        raise _fila_ilegible(path, numero + 1, error) from None
    return filas


def _revisar_fila(path: Path, numero: int, fila: Sequence[Any]) -> None:
    """Refuse a row past ``FILAS_MAXIMAS`` or with a cell longer than ``CELDA_MAXIMA``."""
    if numero > FILAS_MAXIMAS:
        raise ArchivoInvalido(
            f"El archivo {path.name} tiene más de {FILAS_MAXIMAS:,} filas (contando las vacías); a3 lee hasta "
            f"{FILAS_MAXIMAS:,}. Divídelo en varios archivos o borra las filas vacías del final."
        )
    for valor in fila:
        if isinstance(valor, str) and len(valor) > CELDA_MAXIMA:
            raise _celda_enorme(path, numero)


def _celda_enorme(path: Path, numero: int) -> ArchivoInvalido:
    return ArchivoInvalido(
        f"La fila {numero} de {path.name} tiene una celda de más de {CELDA_MAXIMA:,} caracteres (¿unas comillas "
        "que no se cierran?); a3 no lee celdas tan grandes. Corrígela e intenta de nuevo."
    )


def _fila_ilegible(path: Path, numero: int, error: csv.Error) -> ArchivoInvalido:
    if "field limit" in str(error):  # the csv module's only way to say it
        return _celda_enorme(path, numero)
    return ArchivoInvalido(
        f"La fila {numero} de {path.name} no se puede leer como CSV; revisa sus comillas y separadores."
    )


def _filas_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    """The rows with data of a workbook's sheet, each with its number, read as a stream
    within ``_revisar_xlsx``'s bounds and ``_revisar_fila``'s."""
    import zipfile

    from openpyxl import load_workbook

    _revisar_xlsx(path)
    try:
        libro = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ArchivoInvalido(f"El archivo {path} no es un Excel válido (.xlsx).") from None
    try:
        # The first sheet, unless the workbook has one named «Clientes» (a3's report puts
        # its summary first and the clients second).
        hoja = next((h for h in libro.worksheets if h.title.strip().lower() == "clientes"), libro.worksheets[0])
        filas: list[tuple[int, list[Any]]] = []
        for numero, fila in enumerate(hoja.iter_rows(values_only=True), start=1):
            _revisar_fila(path, numero, fila)
            if any(_lleno(v) for v in fila):
                filas.append((numero, list(fila)))
        return filas
    finally:
        libro.close()


def _revisar_xlsx(path: Path) -> None:
    """Refuse a workbook whose parts, uncompressed, pass the bounds (the sizes the zip
    declares are the most Python's zipfile will ever inflate)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archivo:
            partes = archivo.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ArchivoInvalido(f"El archivo {path} no es un Excel válido (.xlsx).") from None
    total = sum(p.file_size for p in partes)
    textos = sum(p.file_size for p in partes if p.filename.lower().endswith("sharedstrings.xml"))
    if len(partes) > PARTES_MAXIMAS or total > DESCOMPRIMIDO_MAXIMO or textos > TEXTOS_MAXIMO:
        mb = 1024 * 1024
        raise ArchivoInvalido(
            f"El archivo {path.name} ocupa {total / mb:,.0f} MB sin comprimir ({textos / mb:,.0f} MB de textos); "
            f"a3 lee libros de Excel de hasta {DESCOMPRIMIDO_MAXIMO // mb} MB sin comprimir, con hasta "
            f"{TEXTOS_MAXIMO // mb} MB de textos. Guarda solo la hoja con los datos, o guárdala como CSV."
        )

"""What the commands print for a person: styled lines and tables, laid out as Rich does,
written without Rich's console.

Rich's console and tables were most of what `a3 hoy` spent beyond reading the agenda:
importing them and measuring, wrapping and styling every cell took ~85 ms of `a3 hoy`
(bench/README.md). This module keeps Rich's layout rules — column widths, word wrap,
folding, ellipsis, the width and colour it would choose — so the output reads the same,
and uses only Rich's cell-width functions (`rich.cells`, a light import).

Every string that enters a `Texto` is made printable (`domain.imprimible`): stored text is
data, never a terminal control.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rich.cells import cell_len, chop_cells, set_cell_size

from a3tui.cli.common import escribible
from a3tui.domain import imprimible

# A run of text and its style: words such as "bold red" (see _SGR).
Tramo = tuple[str, str]

_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
_COLORES = {"red", "green", "yellow", "blue", "magenta", "cyan"}
_PALABRA = re.compile(r"\s*\S+\s*")
_ESPACIO_FINAL = re.compile(r"\s+$")


class Texto:
    """Text made of styled runs, like Rich's ``Text``: ``Texto("Juan", "bold") + "  (id 3)"``."""

    __slots__ = ("tramos",)

    def __init__(self, texto: str = "", estilo: str = "") -> None:
        self.tramos: list[Tramo] = [(imprimible(texto), estilo)] if texto else []

    @classmethod
    def de_tramos(cls, tramos: Iterable[Tramo]) -> Texto:
        nuevo = cls()
        nuevo.tramos = [(t, e) for t, e in tramos if t]
        return nuevo

    def append(self, texto: str | Texto, estilo: str = "") -> Texto:
        """Add text at the end (in place); returns the same text, to chain."""
        if isinstance(texto, Texto):
            self.tramos.extend(texto.tramos)
        elif texto:
            self.tramos.append((imprimible(texto), estilo))
        return self

    def __add__(self, otro: str | Texto) -> Texto:
        return Texto.de_tramos(self.tramos).append(otro)

    @property
    def plano(self) -> str:
        return "".join(t for t, _ in self.tramos)

    def __str__(self) -> str:
        return self.plano

    def __repr__(self) -> str:
        return f"Texto({self.tramos!r})"

    def corte(self, inicio: int, fin: int) -> Texto:
        """The characters [inicio, fin), styles kept."""
        tramos: list[Tramo] = []
        pos = 0
        for texto, estilo in self.tramos:
            siguiente = pos + len(texto)
            if siguiente > inicio and pos < fin:
                tramos.append((texto[max(inicio - pos, 0) : fin - pos], estilo))
            pos = siguiente
        return Texto.de_tramos(tramos)

    def lineas(self) -> list[Texto]:
        """One text per line (``\\n``), tabs expanded to stops of 8 as a terminal shows them."""
        plano = self.plano
        if "\n" not in plano and "\t" not in plano:
            return [self]
        lineas: list[Texto] = []
        inicio = 0
        for trozo in plano.split("\n"):
            linea = self.corte(inicio, inicio + len(trozo))
            lineas.append(_sin_tabuladores(linea) if "\t" in trozo else linea)
            inicio += len(trozo) + 1
        return lineas

    def a_celdas(self, ancho: int, relleno: bool = True) -> Texto:
        """Cropped to ``ancho`` terminal cells (a wide character cut in half becomes a space),
        or padded with spaces to it when ``relleno``."""
        plano = self.plano
        celdas = cell_len(plano)
        if celdas == ancho or (celdas < ancho and not relleno):
            return self
        if celdas < ancho:
            return self + " " * (ancho - celdas)
        recortado = set_cell_size(plano, ancho)
        # set_cell_size keeps a prefix and may end in spaces standing for half a character.
        comun = 0
        while comun < min(len(recortado), len(plano)) and recortado[comun] == plano[comun]:
            comun += 1
        return self.corte(0, comun).append(recortado[comun:])

    def sin_espacio_final(self) -> Texto:
        plano = self.plano
        sobra = _ESPACIO_FINAL.search(plano)
        return self.corte(0, sobra.start()) if sobra else self


def _sin_tabuladores(linea: Texto) -> Texto:
    tramos: list[Tramo] = []
    columna = 0
    for texto, estilo in linea.tramos:
        partes = []
        for caracter in texto:
            if caracter == "\t":
                salto = 8 - columna % 8
                partes.append(" " * salto)
                columna += salto
            else:
                partes.append(caracter)
                columna += cell_len(caracter)
        tramos.append(("".join(partes), estilo))
    return Texto.de_tramos(tramos)


def como_texto(valor: str | Texto) -> Texto:
    return valor if isinstance(valor, Texto) else Texto(valor)


# ---------------------------------------------------------------- wrapping (Rich's rules)


def _cortes(plano: str, ancho: int, doblar: bool) -> list[int]:
    """Where a line breaks to fit ``ancho`` cells: before a word that does not fit, and inside
    a word longer than a line when ``doblar`` (Rich's ``divide_line``)."""
    cortes: list[int] = []
    ocupado = 0
    for palabra in _PALABRA.finditer(plano):
        inicio, texto = palabra.start(), palabra.group()
        largo = cell_len(texto.rstrip())
        if ancho - ocupado >= largo:
            ocupado += cell_len(texto)
        elif largo > ancho:
            if doblar:
                trozos = chop_cells(texto, ancho)
                for n, trozo in enumerate(trozos):
                    if inicio:
                        cortes.append(inicio)
                    if n == len(trozos) - 1:
                        ocupado = cell_len(trozo)
                    else:
                        inicio += len(trozo)
            else:
                if inicio:
                    cortes.append(inicio)
                ocupado = cell_len(texto)
        elif ocupado and inicio:
            cortes.append(inicio)
            ocupado = cell_len(texto)
    return cortes


def envolver(
    texto: Texto, ancho: int, *, doblar: bool = True, sin_cortes: bool = False, justificar: str = ""
) -> list[Texto]:
    """``texto`` as the lines that fit ``ancho`` cells. A word longer than a line is folded
    (``doblar``) or cut with «…»; ``sin_cortes`` keeps each line whole and cuts it.
    ``justificar`` "left" or "right" pads each line to the width."""
    if ancho < 1:
        return [Texto() for _ in texto.lineas()]
    resultado: list[Texto] = []
    elipsis = not doblar
    for linea in texto.lineas():
        if sin_cortes:
            trozos = [linea]
        else:
            plano = linea.plano
            bordes = [0, *_cortes(plano, ancho, doblar), len(plano)]
            trozos = []
            for inicio, fin in pairwise(bordes):
                trozo = linea.corte(inicio, fin)
                # Rich's rstrip_end: spaces past the width are dropped, counted in characters.
                exceso = (fin - inicio) - ancho
                if exceso > 0:
                    sobra = _ESPACIO_FINAL.search(trozo.plano)
                    if sobra:
                        trozo = trozo.corte(0, fin - inicio - min(len(sobra.group()), exceso))
                trozos.append(trozo)
        for trozo in trozos:
            if justificar == "right":
                trozo = trozo.sin_espacio_final()
            if cell_len(trozo.plano) > ancho:
                if elipsis:
                    trozo = trozo.a_celdas(max(ancho - 1, 0)).append("…")
                else:
                    trozo = trozo.a_celdas(ancho)
            if justificar == "right":
                trozo = Texto(" " * (ancho - cell_len(trozo.plano))).append(trozo)
            elif justificar == "left":
                trozo = trozo.a_celdas(ancho)
            resultado.append(trozo)
    return resultado


# ---------------------------------------------------------------- tables


@dataclass
class _Columna:
    nombre: str
    derecha: bool
    estilo: str
    doblar: bool
    sin_cortes: bool
    celdas: list[Texto] = field(default_factory=list)


# A word longer than this is folded or cut in any column; it never decides that a table
# is printed as blocks.
PALABRA_LARGA = 16


class Tabla:
    """Rows under bold headers, columns two spaces apart, no borders: Rich's
    ``Table(box=None, pad_edge=False)``. A column that does not fit wraps its words
    (``doblar``: also inside a long word; otherwise a long word ends in «…»), unless
    ``sin_cortes``, which keeps its lines whole. When the columns can't fit without
    breaking words (a terminal of 40–60 cells), each row prints as a block instead."""

    def __init__(self, *, encabezados: bool = True, titulo: str | None = None) -> None:
        self.encabezados = encabezados
        self.titulo = titulo
        self.columnas: list[_Columna] = []

    def columna(
        self,
        nombre: str = "",
        *,
        derecha: bool = False,
        estilo: str = "",
        doblar: bool = False,
        sin_cortes: bool = False,
    ) -> None:
        self.columnas.append(_Columna(nombre, derecha, estilo, doblar, sin_cortes))

    def fila(self, *celdas: str | Texto) -> None:
        if len(celdas) != len(self.columnas):
            raise ValueError(f"{len(celdas)} celdas para {len(self.columnas)} columnas")
        for columna, celda in zip(self.columnas, celdas, strict=True):
            columna.celdas.append(como_texto(celda))

    def _relleno(self, n: int) -> tuple[int, int]:
        return (0 if n == 0 else 1), (0 if n == len(self.columnas) - 1 else 1)

    def _medida(self, n: int, ancho: int) -> int:
        """Rich's measurement of column ``n``, the part its layout uses: the longest line of any
        of its cells (header included), padding included, at most ``ancho``."""
        if ancho < 1:
            return 0
        izquierda, derecha = self._relleno(n)
        extra = izquierda + derecha
        columna = self.columnas[n]
        celdas = ([Texto(columna.nombre)] if self.encabezados else []) + columna.celdas
        if not celdas or ancho - extra < 1:
            return ancho
        mayor = 0
        for celda in celdas:
            largo = min(max((cell_len(linea.plano) for linea in celda.lineas()), default=0), ancho)
            mayor = max(mayor, min(largo + extra, ancho))
        return mayor

    def anchos(self, ancho: int) -> list[int]:
        """Each column's width, padding included, so the table fits ``ancho`` (Rich's rules:
        the widest wrapping columns give way first, then every column evenly)."""
        anchos = [self._medida(n, ancho) or 1 for n in range(len(self.columnas))]
        if sum(anchos) > ancho:
            anchos = _ceder(anchos, [not c.sin_cortes for c in self.columnas], ancho)
            if sum(anchos) > ancho:
                anchos = _reducir(sum(anchos) - ancho, [1] * len(anchos), anchos, anchos)
            anchos = [self._medida(n, a) for n, a in enumerate(anchos)]
        return anchos

    def _minimo(self, n: int) -> int:
        """The narrowest column ``n`` can be without cutting a word (a whole line for
        ``sin_cortes``), padding included; a very long word (an e-mail, a path) counts as
        ``PALABRA_LARGA`` cells, since it would be folded or cut at any width."""
        izquierda, derecha = self._relleno(n)
        columna = self.columnas[n]
        celdas = ([Texto(columna.nombre)] if self.encabezados else []) + columna.celdas
        mayor = 0
        for celda in celdas:
            for linea in celda.lineas():
                partes = [linea.plano] if columna.sin_cortes else linea.plano.split()
                for parte in partes:
                    mayor = max(mayor, min(cell_len(parte), PALABRA_LARGA))
        return mayor + izquierda + derecha

    def cabe(self, ancho: int) -> bool:
        """Whether the table fits ``ancho`` cells without breaking a word inside a column."""
        return sum(self._minimo(n) for n in range(len(self.columnas))) <= ancho

    def bloques(self, ancho: int) -> list[Texto]:
        """The rows as blocks, one «Column: value» line each and a blank line between rows:
        how a table reads on a terminal too narrow for its columns (40–60 cells)."""
        salida: list[Texto] = []
        if self.titulo:
            salida.extend(t.sin_espacio_final() for t in envolver(Texto(self.titulo, "italic"), ancho))
        for i in range(len(self.columnas[0].celdas) if self.columnas else 0):
            if i or self.titulo:
                salida.append(Texto())
            for columna in self.columnas:
                celda = columna.celdas[i]
                if columna.estilo:
                    celda = Texto.de_tramos((t, f"{columna.estilo} {e}".strip()) for t, e in celda.tramos)
                linea = Texto(f"{columna.nombre}: ", "bold").append(celda) if columna.nombre else celda
                salida.extend(t.sin_espacio_final() for t in envolver(linea, ancho))
        return salida

    def lineas(self, ancho: int) -> list[Texto]:
        """The table as it prints at ``ancho`` cells: in columns if they fit, else in blocks."""
        return self.en_columnas(ancho) if self.cabe(ancho) else self.bloques(ancho)

    def en_columnas(self, ancho: int) -> list[Texto]:
        """The table in columns, laid out as Rich lays them out at ``ancho`` cells."""
        anchos = self.anchos(ancho)
        filas: list[list[Texto]] = []
        if self.encabezados:
            filas.append([Texto(c.nombre, "bold") for c in self.columnas])
        for i in range(len(self.columnas[0].celdas) if self.columnas else 0):
            filas.append([c.celdas[i] for c in self.columnas])
        salida: list[Texto] = []
        if self.titulo:
            salida.extend(t.sin_espacio_final() for t in envolver(Texto(self.titulo, "italic"), sum(anchos)))
        for numero, fila in enumerate(filas):
            celdas = []
            for n, (columna, celda, ancho_columna) in enumerate(zip(self.columnas, fila, anchos, strict=True)):
                izquierda, derecha = self._relleno(n)
                util = max(ancho_columna - izquierda - derecha, 0)
                if columna.estilo and not (numero == 0 and self.encabezados):
                    celda = Texto.de_tramos((t, f"{columna.estilo} {e}".strip()) for t, e in celda.tramos)
                lineas = envolver(
                    celda,
                    util,
                    doblar=columna.doblar,
                    sin_cortes=columna.sin_cortes,
                    justificar="right" if columna.derecha else "left",
                )
                celdas.append(
                    [
                        Texto(" " * izquierda).append(linea).append(" " * derecha).a_celdas(ancho_columna)
                        for linea in lineas
                    ]
                )
            alto = max(len(lineas) for lineas in celdas)
            # Rich aligns a row's cells at the top, and the header's at the bottom.
            abajo = numero == 0 and self.encabezados
            for renglon in range(alto):
                linea = Texto()
                for lineas, ancho_columna in zip(celdas, anchos, strict=True):
                    cual = renglon - (alto - len(lineas)) if abajo else renglon
                    linea.append(lineas[cual] if 0 <= cual < len(lineas) else Texto(" " * ancho_columna))
                # What still does not fit is cut at the edge, as Rich's console cuts it.
                salida.append(linea.a_celdas(ancho, relleno=False).sin_espacio_final())
        return salida


def _ceder(anchos: list[int], pueden: list[bool], maximo: int) -> list[int]:
    """Rich's ``_collapse_widths``: narrow the widest of the columns that may wrap down
    toward the next widest, until the table fits or they are all as narrow."""
    total = sum(anchos)
    exceso = total - maximo
    if not any(pueden):
        return anchos
    while total and exceso > 0:
        mayor = max(a for a, puede in zip(anchos, pueden, strict=True) if puede)
        segundo = max((a if puede and a != mayor else 0) for a, puede in zip(anchos, pueden, strict=True))
        diferencia = mayor - segundo
        proporciones = [1 if (a == mayor and puede) else 0 for a, puede in zip(anchos, pueden, strict=True)]
        if not any(proporciones) or not diferencia:
            break
        anchos = _reducir(exceso, proporciones, [min(exceso, diferencia)] * len(anchos), anchos)
        total = sum(anchos)
        exceso = total - maximo
    return anchos


def _reducir(total: int, proporciones: Sequence[int], maximos: Sequence[int], valores: Sequence[int]) -> list[int]:
    """Rich's ``ratio_reduce``: take ``total`` from ``valores`` in proportion, at most
    ``maximos`` from each."""
    proporciones = [p if m else 0 for p, m in zip(proporciones, maximos, strict=True)]
    suma = sum(proporciones)
    if not suma:
        return list(valores)
    resto = total
    resultado = []
    for proporcion, maximo, valor in zip(proporciones, maximos, valores, strict=True):
        if proporcion and suma > 0:
            quitar = min(maximo, round(proporcion * resto / suma))
            resultado.append(valor - quitar)
            resto -= quitar
            suma -= proporcion
        else:
            resultado.append(valor)
    return resultado


# ---------------------------------------------------------------- the terminal


@dataclass(frozen=True)
class Consola:
    """What the output may use, decided as Rich's console decides it: styles only on a
    terminal (or with FORCE_COLOR) that is not dumb; NO_COLOR keeps bold, dim and
    underline and drops colours; the width from COLUMNS, else the terminal's, else 80."""

    ancho: int
    estilos: bool
    colores: bool

    @classmethod
    def actual(cls) -> Consola:
        entorno = os.environ
        tonto = entorno.get("TERM", "").lower() in ("dumb", "unknown")
        try:
            es_terminal = sys.stdout.isatty()
        except (AttributeError, ValueError):
            es_terminal = False
        estilos = (es_terminal or bool(entorno.get("FORCE_COLOR"))) and not tonto
        return cls(ancho=_ancho(entorno, tonto), estilos=estilos, colores=estilos and not entorno.get("NO_COLOR"))

    def pintar(self, texto: Texto) -> str:
        if not self.estilos:
            return texto.plano
        partes = []
        for trozo, estilo in texto.tramos:
            codigos = [
                _SGR[palabra]
                for palabra in estilo.split()
                if palabra in _SGR and (self.colores or palabra not in _COLORES)
            ]
            partes.append(f"\x1b[{';'.join(codigos)}m{trozo}\x1b[0m" if codigos else trozo)
        return "".join(partes)


def _ancho(entorno: os._Environ[str], tonto: bool) -> int:
    columnas = entorno.get("COLUMNS", "")
    if columnas.isdigit() and int(columnas) > 0:
        return int(columnas)
    if tonto:
        return 80
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except OSError:
            continue
    return 80


class _Terminal(io.StringIO):
    """What a paged command writes, held back: it is still going to a terminal (styles and
    width are decided as for one)."""

    def isatty(self) -> bool:
        return True


class Paginado:
    """Hold what a block prints (``with Paginado() as pagina: …``), then ``pagina.mostrar()``
    it: on a terminal, through a pager (``PAGER``, else ``less``) when it is taller than the
    terminal; anywhere else (a pipe, a file, a test) nothing is held and nothing is paged.
    ``PAGER`` empty or ``cat`` pages nothing. Showing is apart from holding so that the
    pager never runs while the database is open."""

    def __init__(self) -> None:
        self._real = sys.stdout
        self._retenido: _Terminal | None = None

    def __enter__(self) -> Paginado:
        try:
            es_terminal = self._real.isatty()
        except (AttributeError, ValueError):
            es_terminal = False
        if es_terminal:
            self._retenido = _Terminal()
            sys.stdout = self._retenido
        return self

    def __exit__(self, *_: object) -> None:
        sys.stdout = self._real

    def mostrar(self) -> None:
        if self._retenido is None:
            return
        texto = self._retenido.getvalue()
        self._retenido = None
        if texto.count("\n") < shutil.get_terminal_size().lines or not _por_pager(texto):
            self._real.write(texto)
            self._real.flush()


def _por_pager(texto: str) -> bool:
    """Show ``texto`` through the user's pager; False if there is none to run."""
    import shlex
    import subprocess

    orden = os.environ.get("PAGER", "less")
    partes = shlex.split(orden) if orden.strip() else []
    if not partes or partes[0] == "cat":
        return False
    # less: quit if it fits after all, keep the colours, leave the text on the screen.
    entorno = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        subprocess.run(partes, input=texto.encode(), env=entorno, check=False)
    except OSError:
        return False
    return True


def imprimir(*partes: str | Texto | Tabla) -> None:
    """Print texts (joined by a space, wrapped to the terminal's width, as Rich's
    ``console.print``) and tables, each from a new line, with the symbols the terminal can
    draw (``common.escribible``)."""
    consola = Consola.actual()
    lineas: list[Texto] = []
    textos: list[Texto] = []

    def soltar_textos() -> None:
        if textos:
            junto = Texto()
            for n, texto in enumerate(textos):
                junto.append(" " if n else "").append(texto)
            lineas.extend(linea.sin_espacio_final() for linea in envolver(junto, consola.ancho))
            textos.clear()

    for parte in partes:
        if isinstance(parte, Tabla):
            soltar_textos()
            lineas.extend(parte.lineas(consola.ancho))
        else:
            textos.append(como_texto(parte))
    soltar_textos()
    sys.stdout.write(escribible("".join(consola.pintar(linea) + "\n" for linea in lineas)))

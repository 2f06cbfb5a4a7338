"""vCard files (.vcf): the address book a phone exports, read as contacts; and the cards a3
writes for a phone to read (vCard 3.0).

Why a parser of our own: vobject 0.9.9, the well-kept library, was tried first on a real
Android export. It fails the whole file at the first quoted-printable soft line break
(a line ending in ``=``, which Android and older phones write in vCard 2.1 for any long
name or note: "Failed to parse line"), it stops at the first malformed card so the good
cards after it are lost, and it drops 2.1's bare parameters (``TEL;CELL``). a3 needs a
handful of properties (FN, N, TEL, EMAIL, ADR, LABEL, NOTE, ORG, UID), so this module reads
them itself, one card at a time:

- vCard 2.1: ``ENCODING=QUOTED-PRINTABLE`` (or the bare ``QUOTED-PRINTABLE``) with its
  soft line breaks, ``CHARSET=`` (UTF-8, ISO-8859-1, Windows-1252…), folding that keeps
  the space (2.1 §2.1.3); BASE64 photos are skipped.
- vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): folded lines (CRLF and one space or tab are
  removed), backslash escapes, ``TYPE=`` lists, ``tel:`` URIs, Apple's ``item1.`` groups.
- A file that is not UTF-8 is read line by line: UTF-8 where it is, Windows-1252 elsewhere.

The file is read as a stream, one line and one card at a time: a phone's address book
with photos is tens of megabytes, almost all of it photos, which a3 does not store. A
property a3 does not keep (PHOTO, LOGO, KEY…) is checked for its shape and skipped line by
line as it goes by, never joined (a 10 MB photo folded at 75 characters is ~140,000 lines:
joining them one by one was quadratic), so memory stays flat whatever the file holds.

A card that can't be understood (no END:VCARD, a line that is not a property) is reported
with its number and line and left out; the cards around it are read. What a field must
hold (a valid phone, a name) is the services' business, not this module's.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from a3tui.errors import ArchivoInvalido

# What a file may cost, checked while reading it. The file is read line by line and a
# photo (or any property a3 does not keep) is skipped as it goes by, never kept: memory
# stays flat whatever the file holds, so the limit is on the time a file may take (a
# phone's address book with photos is tens of MB; ~2 s per 100 MB here).
TAMANO_MAXIMO = 256 * 1024 * 1024
TARJETAS_MAXIMAS = 200_000  # cards, good or bad (a spreadsheet's row limit)
PROPIEDAD_MAXIMA = 131_072  # characters of one property a3 keeps (a name, a note)
# A physical line is kept up to this many bytes; the rest of a longer one (a photo written
# on one line) is skipped as it is read.
_LINEA_MAXIMA = 4 * PROPIEDAD_MAXIMA
_INICIO_DE_CORTADA = 8192
_BLOQUE = 1 << 16

# The properties a3 reads. Any other (PHOTO, LOGO, SOUND, KEY, X-…) is checked for its
# shape and skipped, and so is any binary value (ENCODING=b or BASE64).
_LEIDAS = frozenset({"VERSION", "FN", "N", "TEL", "EMAIL", "ADR", "LABEL", "NOTE", "ORG", "UID"})


@dataclass
class Tarjeta:
    """One contact of the file, its texts decoded (not yet checked)."""

    numero: int  # 1 for the first card of the file
    linea: int  # the line of its BEGIN:VCARD
    version: str = ""
    nombre: str | None = None
    telefonos: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    direccion: str | None = None
    nota: str | None = None
    organizacion: str | None = None
    uid: str | None = None


@dataclass(frozen=True)
class Problema:
    """A part of the file that could not be read: the card (None outside any) and line."""

    tarjeta: int | None
    linea: int
    motivo: str


@dataclass
class Agenda:
    tarjetas: list[Tarjeta] = field(default_factory=list)
    problemas: list[Problema] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def leer(path: Path) -> Agenda:
    """Read the cards of ``path``, line by line. Raises ArchivoInvalido (a Spanish
    sentence) for a file that is missing, unreadable, empty, past ``TAMANO_MAXIMO`` or
    ``TARJETAS_MAXIMAS``, or has no card at all; a malformed card is a ``Problema`` of the
    result, not an error."""
    path = path.expanduser()
    if not path.exists():
        raise ArchivoInvalido(f"No existe el archivo {path}.")
    if not path.is_file():
        raise ArchivoInvalido(f"{path} no es un archivo.")
    try:
        if path.stat().st_size > TAMANO_MAXIMO:
            raise ArchivoInvalido(f"El archivo {path} pasa de {TAMANO_MAXIMO // 1024 // 1024} MB.")
        with path.open("rb") as archivo:
            lector = _Lector(path.name)
            lector.leer(_lineas_del_archivo(archivo))
    except PermissionError:
        raise ArchivoInvalido(f"No tienes permiso para leer {path}.") from None
    except OSError as error:
        raise ArchivoInvalido(f"No se pudo leer {path}: {error.strerror or error}.") from None
    if not lector.con_texto:
        raise ArchivoInvalido(f"El archivo {path} está vacío.")
    agenda = lector.agenda
    if not agenda.tarjetas and not any(p.tarjeta is not None for p in agenda.problemas):
        raise ArchivoInvalido(
            f"El archivo {path.name} no es una agenda vCard: no tiene ninguna tarjeta (BEGIN:VCARD … END:VCARD)."
        )
    return agenda


_FIN_DE_LINEA = re.compile(r"\r\n|\r|\n")


def leer_texto(texto: str) -> Agenda:
    """The cards of a vCard text (see ``leer``)."""
    lector = _Lector("el texto")
    lector.leer((linea, False) for linea in _FIN_DE_LINEA.split(texto))
    return lector.agenda


def _bloques(archivo: BinaryIO) -> Iterator[bytes]:
    """The file's bytes in blocks, as UTF-8 when it is UTF-16 (by its mark: Excel's and
    Outlook's «Unicode»), without a UTF-8 mark."""
    inicio = archivo.read(_BLOQUE)
    if inicio.startswith((b"\xff\xfe", b"\xfe\xff")):
        decodificador = codecs.getincrementaldecoder("utf-16")(errors="replace")
        bloque = inicio
        while bloque:
            yield decodificador.decode(bloque).encode("utf-8")
            bloque = archivo.read(_BLOQUE)
        yield decodificador.decode(b"", final=True).encode("utf-8")
        return
    if inicio.startswith(b"\xef\xbb\xbf"):
        inicio = inicio[3:]
    bloque = inicio
    while bloque:
        yield bloque
        bloque = archivo.read(_BLOQUE)


def _decodificar_linea(datos: bytes) -> str:
    """A line of a file from another program: UTF-8 where it is, Windows-1252 elsewhere
    (an old phone's or Outlook's export), so a file that mixes both still reads."""
    try:
        return datos.decode("utf-8")
    except UnicodeDecodeError:
        return datos.decode("cp1252", errors="replace")


def _lineas_del_archivo(archivo: BinaryIO) -> Iterator[tuple[str, bool]]:
    """The physical lines of ``archivo`` (ended by CRLF, LF or CR), decoded, and whether
    each was cut. A line longer than ``_LINEA_MAXIMA`` bytes is never kept whole: its
    beginning (``_INICIO_DE_CORTADA`` bytes, enough for a property's name) stands for
    it, with a final «=» if the line ended in one (a quoted-printable soft line break),
    and the rest is read past."""
    actual: list[bytes] = []  # the current line's pieces (a line may span blocks)
    largo = 0
    cortada = False
    igual = False  # the cut line's last byte so far is «=»
    cr_al_final = False  # the last block ended in CR: an LF that begins the next is its pair
    for bloque in _bloques(archivo):
        if cr_al_final and bloque.startswith(b"\n"):
            bloque = bloque[1:]
        cr_al_final = bloque.endswith(b"\r")
        lineas = bloque.splitlines()  # at CRLF, LF or CR, as vCard files end their lines
        resto = b""
        if lineas and not bloque.endswith((b"\n", b"\r")):
            resto = lineas.pop()  # a line that goes on in the next block
        for pieza in lineas:
            if not actual:  # the usual case: the whole line is in this block
                if len(pieza) <= _LINEA_MAXIMA:
                    yield _decodificar_linea(pieza), False
                else:
                    yield _cortada(pieza[:_INICIO_DE_CORTADA], pieza.endswith(b"=")), True
                continue
            if cortada:
                yield _cortada(actual[0], pieza.endswith(b"=") if pieza else igual), True
            elif largo + len(pieza) > _LINEA_MAXIMA:
                inicio_de_linea = b"".join(actual)[:_INICIO_DE_CORTADA]
                inicio_de_linea += pieza[: _INICIO_DE_CORTADA - len(inicio_de_linea)]
                yield _cortada(inicio_de_linea, pieza.endswith(b"=")), True
            else:
                yield _decodificar_linea(b"".join(actual) + pieza), False
            actual, largo, cortada, igual = [], 0, False, False
        if not resto:
            continue
        if cortada:
            igual = resto.endswith(b"=")
            continue
        actual.append(resto)
        largo += len(resto)
        if largo > _LINEA_MAXIMA:
            # Keep only the line's beginning; what follows is read past.
            inicio_de_linea = b""
            for pieza in actual:
                inicio_de_linea += pieza[: _INICIO_DE_CORTADA - len(inicio_de_linea)]
                if len(inicio_de_linea) >= _INICIO_DE_CORTADA:
                    break
            actual, cortada, igual = [inicio_de_linea], True, resto.endswith(b"=")
    if actual:
        if cortada:
            yield _cortada(actual[0], igual), True
        else:
            yield _decodificar_linea(b"".join(actual)), False


def _cortada(inicio: bytes, igual: bool) -> str:
    """What stands for a cut line: its beginning (without a character the cut split), and
    its final «=» if it had one."""
    try:
        texto = codecs.getincrementaldecoder("utf-8")().decode(inicio)
    except UnicodeDecodeError:
        texto = inicio.decode("cp1252", errors="replace")
    return texto + ("=" if igual else "")


class _LineaMala(Exception):
    def __init__(self, linea: int, motivo: str) -> None:
        super().__init__(motivo)
        self.linea = linea
        self.motivo = motivo


class _Propiedad:
    """A property being read: its physical lines (only if a3 keeps it), and enough of its
    head to know where it ends."""

    __slots__ = ("cabeza", "igual_al_final", "largo", "nombre", "numero", "piezas", "pliegues", "qp", "saltar")

    def __init__(self, numero: int, linea: str) -> None:
        self.numero = numero
        self.piezas = [linea]
        self.pliegues: list[int] = []  # pieces that continue a folded line (their blank kept)
        self.cabeza: str | None = None
        self.nombre = ""
        self.qp = False
        self.saltar = False
        self.largo = len(linea)
        self.igual_al_final = linea.endswith("=")
        self._mirar_cabeza(linea)
        if self.largo > PROPIEDAD_MAXIMA and not self.saltar:
            raise self.demasiado_larga()

    def _mirar_cabeza(self, texto: str) -> None:
        """Read the name and parameters once the colon that ends them has been seen."""
        partida = _partir(texto)
        if partida is None:
            return
        self.cabeza = partida[0]
        partes = _separar(self.cabeza, ";")
        self.nombre = partes[0].strip().upper().rsplit(".", 1)[-1]  # Apple's «item1.TEL»
        if not re.fullmatch(r"[A-Z0-9-]+", self.nombre):
            raise _LineaMala(self.numero, f"no es una propiedad vCard: «{texto.strip()[:40]}»")
        self.qp = "QUOTED-PRINTABLE" in self.cabeza.upper()
        binario = {e.upper() for e in _parametros(partes[1:]).get("ENCODING", [])} & {"BASE64", "B"}
        if self.nombre not in _LEIDAS or binario:
            self.saltar = True
            self.piezas = []

    def sigue(self, linea: str) -> bool:
        """Take ``linea`` if it continues this property (a quoted-printable soft line break
        or a folded line)."""
        if self.qp and self.igual_al_final and self.cabeza is not None:
            if not self.saltar:
                self.piezas[-1] = self.piezas[-1][:-1]
                self._agregar(linea)
        elif linea[:1] in (" ", "\t"):
            if not self.saltar:
                self.pliegues.append(len(self.piezas))
                self._agregar(linea)
        else:
            return False
        self.igual_al_final = linea.endswith("=")
        return True

    def _agregar(self, linea: str) -> None:
        self.piezas.append(linea)
        self.largo += len(linea)
        if self.cabeza is None:
            if self.largo > PROPIEDAD_MAXIMA:
                raise _LineaMala(self.numero, f"no es una propiedad vCard: «{self.piezas[0].strip()[:40]}»")
            self._mirar_cabeza("".join(self.piezas))
        if self.largo > PROPIEDAD_MAXIMA and not self.saltar:
            raise self.demasiado_larga()

    def demasiado_larga(self) -> _LineaMala:
        que = f"la propiedad {self.nombre}" if self.nombre else "una línea"
        return _LineaMala(self.numero, f"{que} es demasiado larga (a3 lee hasta {PROPIEDAD_MAXIMA:,} caracteres)")

    def linea(self, conserva_espacio: bool) -> str:
        """The property as one line: folds removed (2.1 keeps the blank, 3.0 and 4.0 don't)."""
        if conserva_espacio or not self.pliegues:
            return "".join(self.piezas)
        piezas = list(self.piezas)
        for i in self.pliegues:
            piezas[i] = piezas[i][1:]
        return "".join(piezas)


class _Lector:
    """Cards out of physical lines, one card in memory at a time."""

    def __init__(self, nombre_archivo: str) -> None:
        self.nombre_archivo = nombre_archivo
        self.agenda = Agenda()
        self.con_texto = False  # any line that is not blank
        self._tarjetas = 0  # cards begun, good or bad: a card keeps its place in the file
        self._inicio = 0
        self._fuera_reportado = False
        self._en_tarjeta = False
        self._propiedades: list[_Propiedad] = []
        self._actual: _Propiedad | None = None
        self._error: _LineaMala | None = None

    def leer(self, lineas: Iterable[tuple[str, bool]]) -> None:
        for numero, (linea, cortada) in enumerate(lineas, start=1):
            actual = self._actual
            if actual is not None and actual.saltar and len(linea) >= 64 and actual.sigue(linea):
                continue  # the usual line of a photo: too long to be a marker, not kept
            self._linea(numero, linea, cortada)
        if self._en_tarjeta:
            self.agenda.problemas.append(
                Problema(self._tarjetas, self._inicio, "el archivo termina a media tarjeta: falta END:VCARD")
            )

    def _linea(self, numero: int, linea: str, cortada: bool) -> None:
        # A marker is a short line (a photo's lines are not worth upper-casing).
        marca = linea.strip().upper() if len(linea) < 64 else ""
        if not self.con_texto and linea.strip():
            self.con_texto = True
        if marca == "BEGIN:VCARD":
            if self._en_tarjeta:
                motivo = f"no termina: falta END:VCARD antes de la línea {numero}"
                self.agenda.problemas.append(Problema(self._tarjetas, self._inicio, motivo))
            self._tarjetas += 1
            if self._tarjetas > TARJETAS_MAXIMAS:
                raise ArchivoInvalido(
                    f"El archivo {self.nombre_archivo} tiene más de {TARJETAS_MAXIMAS:,} tarjetas; a3 lee hasta "
                    f"{TARJETAS_MAXIMAS:,}. Divídelo en varios archivos."
                )
            self._en_tarjeta, self._inicio, self._fuera_reportado = True, numero, False
            self._propiedades, self._actual, self._error = [], None, None
            return
        if not self._en_tarjeta:
            if not self._fuera_reportado and linea.strip():
                self.agenda.problemas.append(Problema(None, numero, "texto fuera de una tarjeta (falta BEGIN:VCARD)"))
                self._fuera_reportado = True
            return
        if marca == "END:VCARD":
            self._cerrar_tarjeta()
            return
        if self._error is not None:
            return  # the card is already lost: read past its lines
        try:
            self._propiedad(numero, linea, cortada)
        except _LineaMala as error:
            self._error = error
            self._propiedades, self._actual = [], None

    def _propiedad(self, numero: int, linea: str, cortada: bool) -> None:
        actual = self._actual
        if actual is not None and actual.sigue(linea):
            if cortada and not actual.saltar:
                raise actual.demasiado_larga()
            return
        if not linea.strip():
            return
        self._terminar_propiedad()
        self._actual = _Propiedad(numero, linea)
        if cortada and not self._actual.saltar:
            raise self._actual.demasiado_larga()

    def _terminar_propiedad(self) -> None:
        actual, self._actual = self._actual, None
        if actual is None:
            return
        if actual.cabeza is None:
            recorte = "".join(actual.piezas).strip()[:40]
            raise _LineaMala(actual.numero, f"no es una propiedad vCard: «{recorte}»")
        if not actual.saltar:
            self._propiedades.append(actual)

    def _cerrar_tarjeta(self) -> None:
        if self._error is None:
            try:
                self._terminar_propiedad()
                version = next(
                    (p.piezas[0].partition(":")[2].strip() for p in self._propiedades if p.nombre == "VERSION"), ""
                )
                version = version.split()[0] if version else ""
                logicas = [(p.numero, p.linea(version.startswith("2"))) for p in self._propiedades]
                self.agenda.tarjetas.append(_tarjeta(self._tarjetas, self._inicio, logicas, version))
            except _LineaMala as error:
                self._error = error
        if self._error is not None:
            self.agenda.problemas.append(Problema(self._tarjetas, self._error.linea, self._error.motivo))
        self._en_tarjeta = False
        self._propiedades, self._actual, self._error = [], None, None


def _partir(linea: str) -> tuple[str, str] | None:
    """``NAME;PARAMS`` and the value: split at the first colon outside double quotes."""
    dos_puntos = linea.find(":")
    if dos_puntos >= 0 and linea.find('"', 0, dos_puntos) < 0:
        return linea[:dos_puntos], linea[dos_puntos + 1 :]
    comillas = False
    for i, caracter in enumerate(linea):
        if caracter == '"':
            comillas = not comillas
        elif caracter == ":" and not comillas:
            return linea[:i], linea[i + 1 :]
    return None


def _parametros(partes: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for parte in partes:
        if not parte.strip():
            continue
        clave, igual, valor = parte.partition("=")
        clave = clave.strip().upper()
        if not igual:  # vCard 2.1: TEL;CELL;QUOTED-PRINTABLE
            if clave in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(clave)
            else:
                params.setdefault("TYPE", []).append(clave)
            continue
        for v in _separar(valor, ","):
            params.setdefault(clave, []).append(v.strip().strip('"').upper() if clave != "CHARSET" else v.strip('" '))
    return params


def _separar(texto: str, separador: str) -> list[str]:
    """Split at ``separador`` where it is not escaped with a backslash or inside quotes."""
    partes: list[str] = []
    actual: list[str] = []
    escapado = comillas = False
    for caracter in texto:
        if escapado:
            actual.append("\\" + caracter)
            escapado = False
        elif caracter == "\\":
            escapado = True
        elif caracter == '"':
            comillas = not comillas
            actual.append(caracter)
        elif caracter == separador and not comillas:
            partes.append("".join(actual))
            actual = []
        else:
            actual.append(caracter)
    if escapado:
        actual.append("\\")
    partes.append("".join(actual))
    return partes


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _sin_escapes(texto: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), texto)


def _decodificar_valor(valor: str, params: dict[str, list[str]]) -> str | None:
    """The value's text; None for a binary value (a photo, a key)."""
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    if encoding & {"BASE64", "B"}:
        return None
    if "QUOTED-PRINTABLE" not in encoding:
        return valor
    crudo = quopri.decodestring(valor.encode("utf-8"))
    for charset in (*params.get("CHARSET", []), "utf-8"):
        try:
            return crudo.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return crudo.decode("cp1252", errors="replace")


def _componentes(valor: str) -> list[str]:
    return [" ".join(_sin_escapes(c).split()) for c in _separar(valor, ";")]


def _tarjeta(numero: int, inicio: int, logicas: list[tuple[int, str]], version: str) -> Tarjeta:
    """The card of the properties a3 reads (each as one line, its folds removed)."""
    tarjeta = Tarjeta(numero, inicio, version)
    preferidos: list[str] = []
    notas: list[str] = []
    etiqueta: str | None = None
    nombre_n: str | None = None
    for linea_numero, linea in logicas:
        partida = _partir(linea)
        if partida is None:
            recorte = linea.strip()[:40]
            raise _LineaMala(linea_numero, f"no es una propiedad vCard: «{recorte}»")
        cabeza, valor_crudo = partida
        partes = _separar(cabeza, ";")
        nombre = partes[0].strip().upper().rsplit(".", 1)[-1]  # Apple's «item1.TEL»
        if not re.fullmatch(r"[A-Z0-9-]+", nombre):
            recorte = linea.strip()[:40]
            raise _LineaMala(linea_numero, f"no es una propiedad vCard: «{recorte}»")
        params = _parametros(partes[1:])
        valor = _decodificar_valor(valor_crudo, params)
        if valor is None:
            continue
        tipos = {t.upper() for t in params.get("TYPE", [])}
        if nombre == "FN":
            texto = " ".join(_sin_escapes(valor).split())
            tarjeta.nombre = texto or tarjeta.nombre
        elif nombre == "N":
            c = [*_componentes(valor), "", "", "", "", ""]
            # family; given; additional; prefixes; suffixes → «given additional family»
            nombre_n = " ".join(p for p in (c[1], c[2], c[0]) if p) or None
        elif nombre == "TEL":
            numero_tel = _sin_escapes(valor).strip()
            if numero_tel.lower().startswith("tel:"):
                numero_tel = numero_tel[4:].split(";", 1)[0]
            if not numero_tel:
                continue
            if "PREF" in tipos or params.get("PREF"):
                preferidos.append(numero_tel)
            else:
                tarjeta.telefonos.append(numero_tel)
        elif nombre == "EMAIL":
            correo = _sin_escapes(valor).strip()
            if correo.lower().startswith("mailto:"):
                correo = correo[7:]
            if correo:
                tarjeta.emails.append(correo)
        elif nombre == "ADR" and tarjeta.direccion is None:
            c = _componentes(valor)
            # P.O. box; extended; street; locality; region; postal code; country
            tarjeta.direccion = ", ".join(p for p in c if p) or None
        elif nombre == "LABEL" and etiqueta is None:
            etiqueta = ", ".join(x.strip() for x in _sin_escapes(valor).splitlines() if x.strip()) or None
        elif nombre == "NOTE":
            nota = _sin_escapes(valor).replace("\r\n", "\n").replace("\r", "\n").strip()
            if nota:
                notas.append(nota)
        elif nombre == "ORG":
            tarjeta.organizacion = " · ".join(p for p in _componentes(valor) if p) or None
        elif nombre == "UID":
            tarjeta.uid = valor.strip() or None
    tarjeta.nombre = tarjeta.nombre or nombre_n
    tarjeta.telefonos = preferidos + tarjeta.telefonos
    tarjeta.direccion = tarjeta.direccion or etiqueta
    tarjeta.nota = "\n".join(notas) or None
    return tarjeta


# ---------------------------------------------------------------- writing (vCard 3.0)

_PARTICULAS = {"de", "del", "la", "las", "los", "y", "san", "santa", "van", "von", "da", "di"}


def partir_nombre(nombre: str) -> tuple[str, str]:
    """(given names, family names) of a Mexican full name, for the N property: the last two
    surnames, each with its particles («José María Pérez de la Garza» → «José María»,
    «Pérez de la Garza»; «Ana López» → «Ana», «López»). A guess: phones show FN."""
    palabras = nombre.split()
    if len(palabras) <= 1:
        return nombre.strip(), ""
    # Group each particle with the word after it: «de la Garza» is one surname.
    grupos: list[list[str]] = []
    pendientes: list[str] = []
    for palabra in palabras:
        if palabra.lower() in _PARTICULAS:
            pendientes.append(palabra)
            continue
        grupos.append([*pendientes, palabra])
        pendientes = []
    if pendientes:  # a name that ends in a particle
        grupos.append(pendientes)
    if len(grupos) <= 1:
        return nombre.strip(), ""
    apellidos = 2 if len(grupos) >= 3 else 1
    return " ".join(" ".join(g) for g in grupos[:-apellidos]), " ".join(" ".join(g) for g in grupos[-apellidos:])


def _escapar(texto: str) -> str:
    return (
        texto.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\n").replace("\n", "\\n")
    )


def _doblar(linea: str) -> str:
    """Fold a content line at 75 octets (RFC 2425 §5.8.1), never inside a UTF-8 character."""
    piezas: list[str] = []
    actual = ""
    octetos = 0
    limite = 75
    for caracter in linea:
        tamano = len(caracter.encode("utf-8"))
        if octetos + tamano > limite:
            piezas.append(actual)
            actual, octetos, limite = "", 0, 74  # continuation lines start with a space
        actual += caracter
        octetos += tamano
    piezas.append(actual)
    return "\r\n ".join(piezas) + "\r\n"


def tarjeta_30(
    nombre: str,
    telefonos: list[str],
    email: str | None,
    direccion: str | None,
    uid: str,
    *,
    revision: str | None = None,
) -> str:
    """One vCard 3.0 card (CRLF line ends, folded): ``telefonos`` as written on it (e.g.
    «+52 81 2345 6789»), the first one the preferred; ``uid`` keeps the card the same
    contact when it is imported again."""
    nombres, apellidos = partir_nombre(nombre)
    lineas = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escapar(apellidos)};{_escapar(nombres)};;;",
        f"FN:{_escapar(nombre)}",
    ]
    for i, telefono in enumerate(telefonos):
        lineas.append(f"TEL;TYPE=CELL{',PREF' if i == 0 and len(telefonos) > 1 else ''}:{_escapar(telefono)}")
    if email:
        lineas.append(f"EMAIL;TYPE=INTERNET:{_escapar(email)}")
    if direccion:
        lineas.append(f"ADR;TYPE=HOME:;;{_escapar(direccion)};;;;")
    lineas.append(f"UID:{_escapar(uid)}")
    if revision:
        lineas.append(f"REV:{revision}")
    lineas.append("END:VCARD")
    return "".join(_doblar(linea) for linea in lineas)

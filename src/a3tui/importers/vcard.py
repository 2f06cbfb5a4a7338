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

A card that can't be understood (no END:VCARD, a line that is not a property) is reported
with its number and line and left out; the cards around it are read. What a field must
hold (a valid phone, a name) is the services' business, not this module's.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from a3tui.errors import ArchivoInvalido
from a3tui.importers.hoja import decodificar

TAMANO_MAXIMO = 50 * 1024 * 1024


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
    """Read the cards of ``path``. Raises ArchivoInvalido (a Spanish sentence) for a file
    that is missing, unreadable, empty or has no card at all; a malformed card is a
    ``Problema`` of the result, not an error."""
    path = path.expanduser()
    if not path.exists():
        raise ArchivoInvalido(f"No existe el archivo {path}.")
    if not path.is_file():
        raise ArchivoInvalido(f"{path} no es un archivo.")
    try:
        tamano = path.stat().st_size
        if tamano > TAMANO_MAXIMO:
            raise ArchivoInvalido(f"El archivo {path} pasa de {TAMANO_MAXIMO // 1024 // 1024} MB.")
        datos = path.read_bytes()
    except PermissionError:
        raise ArchivoInvalido(f"No tienes permiso para leer {path}.") from None
    except OSError as error:
        raise ArchivoInvalido(f"No se pudo leer {path}: {error.strerror or error}.") from None
    if not datos.strip():
        raise ArchivoInvalido(f"El archivo {path} está vacío.")
    agenda = leer_texto(decodificar(datos))
    if not agenda.tarjetas and not any(p.tarjeta is not None for p in agenda.problemas):
        raise ArchivoInvalido(
            f"El archivo {path.name} no es una agenda vCard: no tiene ninguna tarjeta (BEGIN:VCARD … END:VCARD)."
        )
    return agenda


_FIN_DE_LINEA = re.compile(r"\r\n|\r|\n")


def leer_texto(texto: str) -> Agenda:
    """The cards of a vCard text (see ``leer``)."""
    agenda = Agenda()
    actual: list[tuple[int, str]] | None = None
    tarjetas = 0  # cards begun, good or bad: a card keeps its place in the file
    inicio = 0
    fuera_reportado = False
    for numero, linea in enumerate(_FIN_DE_LINEA.split(texto), start=1):
        marca = linea.strip().upper()
        if marca == "BEGIN:VCARD":
            if actual is not None:
                motivo = f"no termina: falta END:VCARD antes de la línea {numero}"
                agenda.problemas.append(Problema(tarjetas, inicio, motivo))
            actual, inicio, fuera_reportado = [], numero, False
            tarjetas += 1
            continue
        if actual is None:
            if linea.strip() and not fuera_reportado:
                agenda.problemas.append(Problema(None, numero, "texto fuera de una tarjeta (falta BEGIN:VCARD)"))
                fuera_reportado = True
            continue
        if marca == "END:VCARD":
            try:
                agenda.tarjetas.append(_tarjeta(tarjetas, inicio, actual))
            except _LineaMala as error:
                agenda.problemas.append(Problema(tarjetas, error.linea, error.motivo))
            actual = None
            continue
        actual.append((numero, linea))
    if actual is not None:
        agenda.problemas.append(Problema(tarjetas, inicio, "el archivo termina a media tarjeta: falta END:VCARD"))
    return agenda


class _LineaMala(Exception):
    def __init__(self, linea: int, motivo: str) -> None:
        super().__init__(motivo)
        self.linea = linea
        self.motivo = motivo


def _version(lineas: list[tuple[int, str]]) -> str:
    for _, linea in lineas:
        m = re.match(r"\s*VERSION\s*:\s*(\S+)", linea, re.IGNORECASE)
        if m:
            return m.group(1)
    return ""


def _es_qp(linea: str) -> bool:
    cabeza = _partir(linea)
    return cabeza is not None and "QUOTED-PRINTABLE" in cabeza[0].upper()


def _logicas(lineas: list[tuple[int, str]], version: str) -> list[tuple[int, str]]:
    """Physical lines joined into properties: folding, and quoted-printable soft breaks."""
    conserva_espacio = version.startswith("2")
    logicas: list[tuple[int, str]] = []
    for numero, linea in lineas:
        if logicas:
            previa_numero, previa = logicas[-1]
            if previa.endswith("=") and _es_qp(previa):
                # A soft line break: the value goes on, as written, on this line.
                logicas[-1] = (previa_numero, previa[:-1] + linea)
                continue
            if linea[:1] in (" ", "\t"):
                logicas[-1] = (previa_numero, previa + (linea if conserva_espacio else linea[1:]))
                continue
        if not linea.strip():
            continue
        logicas.append((numero, linea))
    return logicas


def _partir(linea: str) -> tuple[str, str] | None:
    """``NAME;PARAMS`` and the value: split at the first colon outside double quotes."""
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


def _tarjeta(numero: int, inicio: int, lineas: list[tuple[int, str]]) -> Tarjeta:
    version = _version(lineas)
    tarjeta = Tarjeta(numero, inicio, version)
    preferidos: list[str] = []
    notas: list[str] = []
    etiqueta: str | None = None
    nombre_n: str | None = None
    for linea_numero, linea in _logicas(lineas, version):
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

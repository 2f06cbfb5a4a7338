"""A chat exported from WhatsApp («Exportar chat»: a .txt, or the .zip an iPhone shares) as
dated messages with their sender.

Both formats, from phones in Spanish or English:

- Android: ``23/11/26 10:15 - Juan Pérez: Hola`` (also ``23/11/26, 10:15``, 4-digit
  years, 12-hour times ``10:15 a. m.``/``p. m.``/``PM`` with the narrow no-break space
  newer phones write);
- iPhone: ``[23/11/26, 10:15:32] Juan Pérez: Hola``, with the invisible U+200E marks it
  puts before attachments and notices.

A line that does not start a message continues the one before (multi-line messages).
System lines (the end-to-end encryption notice, «X te añadió», a security code that
changed…) are left out; «<Multimedia omitido>», «imagen omitida» and attachments are
messages of their sender. Day and month are read dd/mm unless the file itself shows
mm/dd (a second number over 12, as a phone set to US English writes). A line that looks
like a message but carries an impossible date is reported and left out.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from a3tui import domain
from a3tui.errors import ArchivoInvalido
from a3tui.importers.hoja import decodificar

TAMANO_MAXIMO = 50 * 1024 * 1024
MULTIMEDIA = "(archivo multimedia)"


@dataclass(frozen=True)
class Mensaje:
    momento: datetime
    remitente: str
    texto: str
    linea: int


@dataclass
class Chat:
    mensajes: list[Mensaje] = field(default_factory=list)
    problemas: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    # The contact's name as the file is named («Chat de WhatsApp con Juan Pérez.txt»).
    nombre_en_archivo: str | None = None
    lineas_de_sistema: int = 0
    cabeceras: int = 0  # lines that start with a date and time


# Invisible marks iPhone (and WhatsApp for right-to-left names) puts in the text.
_MARCAS = "\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FECHA = r"(?P<d1>\d{1,2})[/.-](?P<d2>\d{1,2})[/.-](?P<anio>\d{2,4})"
_HORA = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>[ap]\.?\s*m\.?))?"
_ANDROID = re.compile(rf"^{_FECHA},?\s+{_HORA}\s+[-–]\s+(?P<resto>.*)$", re.IGNORECASE | re.DOTALL)
_IPHONE = re.compile(rf"^\[{_FECHA},?\s+{_HORA}\]\s*(?P<resto>.*)$", re.IGNORECASE | re.DOTALL)

# What WhatsApp writes in place of a photo, audio, sticker… (folded, without accents).
_OMITIDOS = re.compile(
    r"^(<?(multimedia omitido|media omitted)>?|(imagen|image|audio|video|sticker|gif|documento|document|"
    r"contact card|tarjeta de contacto) omitid[oa]|(imagen|audio|video|sticker|gif|documento) omitted|"
    r"<(adjunto|attached): .*>|null)$"
)
# Notices WhatsApp writes into the chat itself (folded, without accents).
_SISTEMA = (
    "cifrados de extremo a extremo",
    "end-to-end encrypted",
    "codigo de seguridad",
    "security code",
    "mensajes temporales",
    "disappearing messages",
    "es un contacto",
    "is a contact",
    "cuenta de empresa",
    "business account",
    "creo el grupo",
    "created group",
    "te anadio",
    "added you",
    "cambio su numero",
    "changed their phone number",
    "bloqueaste a este contacto",
    "desbloqueaste a este contacto",
    "you blocked this contact",
    "you unblocked this contact",
)
_EDITADO = re.compile(r"\s*<(se edito este mensaje|this message was edited)\.?>\s*$", re.IGNORECASE)
_NOMBRE_DE_ARCHIVO = re.compile(
    r"^(?:chat de whatsapp|whatsapp chat)\s*(?:con|with|-)\s*(?P<nombre>.+?)(?:\s*\(\d+\))?$", re.IGNORECASE
)


def nombre_en_archivo(path: Path) -> str | None:
    """The contact's name in a chat's file name: «Chat de WhatsApp con Juan Pérez.txt»,
    «WhatsApp Chat with Juan Pérez (1).txt», «Chat de WhatsApp - Juan Pérez.zip»."""
    encontrado = _NOMBRE_DE_ARCHIVO.match(path.stem.strip())
    return " ".join(encontrado.group("nombre").split()) if encontrado else None


def leer(path: Path) -> Chat:
    """Read a chat export. Raises ArchivoInvalido (a Spanish sentence) for a file that is
    missing, unreadable, empty, or not a WhatsApp chat at all; a malformed line is one of
    the result's ``problemas``."""
    path = path.expanduser()
    if not path.exists():
        raise ArchivoInvalido(f"No existe el archivo {path}.")
    if not path.is_file():
        raise ArchivoInvalido(f"{path} no es un archivo.")
    try:
        if path.stat().st_size > TAMANO_MAXIMO:
            raise ArchivoInvalido(f"El archivo {path} pasa de {TAMANO_MAXIMO // 1024 // 1024} MB.")
        datos = _del_zip(path) if zipfile.is_zipfile(path) else path.read_bytes()
    except PermissionError:
        raise ArchivoInvalido(f"No tienes permiso para leer {path}.") from None
    except OSError as error:
        raise ArchivoInvalido(f"No se pudo leer {path}: {error.strerror or error}.") from None
    if not datos.strip():
        raise ArchivoInvalido(f"El archivo {path} está vacío.")
    chat = leer_texto(decodificar(datos))
    if not chat.cabeceras:
        raise ArchivoInvalido(
            f"El archivo {path.name} no parece un chat exportado de WhatsApp: ninguna línea empieza con fecha y hora."
        )
    chat.nombre_en_archivo = nombre_en_archivo(path)
    return chat


def _del_zip(path: Path) -> bytes:
    """The chat inside the .zip an iPhone shares (``_chat.txt``, beside the photos)."""
    try:
        with zipfile.ZipFile(path) as archivo:
            textos = [i for i in archivo.infolist() if i.filename.lower().endswith(".txt") and not i.is_dir()]
            textos.sort(key=lambda i: (Path(i.filename).name != "_chat.txt", i.filename))
            if not textos:
                raise ArchivoInvalido(f"El archivo {path.name} no tiene ningún chat (.txt) adentro.")
            if textos[0].file_size > TAMANO_MAXIMO:
                raise ArchivoInvalido(f"El chat dentro de {path.name} pasa de {TAMANO_MAXIMO // 1024 // 1024} MB.")
            return archivo.read(textos[0])
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        raise ArchivoInvalido(f"El archivo {path.name} no es un .zip válido.") from None


def _cabecera(linea: str) -> re.Match[str] | None:
    return _IPHONE.match(linea) or _ANDROID.match(linea)


def _dia_primero(cabeceras: list[re.Match[str]]) -> bool:
    """Whether dates read dd/mm (else mm/dd): decided by the file's own dates."""
    if any(int(m.group("d1")) > 12 for m in cabeceras):
        return True
    return not any(int(m.group("d2")) > 12 for m in cabeceras)


def _momento(m: re.Match[str], dia_primero: bool) -> datetime:
    """The message's date and time; ValueError for one that does not exist."""
    d1, d2, anio = int(m.group("d1")), int(m.group("d2")), int(m.group("anio"))
    dia, mes = (d1, d2) if dia_primero else (d2, d1)
    if len(m.group("anio")) == 2:
        anio += 2000
    hora, minuto, segundo = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hora <= 12:
            raise ValueError("hora")
        hora = hora % 12 + (12 if ampm == "pm" else 0)
    return datetime(anio, mes, dia, hora, minuto, segundo)


def _limpio(texto: str) -> str:
    return domain.imprimible(texto.translate({ord(c): None for c in _MARCAS}))


def _es_sistema(texto: str) -> bool:
    plegado = domain.fold(texto)
    return any(frase in plegado for frase in _SISTEMA)


def leer_texto(texto: str) -> Chat:
    """The messages of a chat's text (see ``leer``)."""
    lineas = re.split(r"\r\n|\r|\n", texto)
    limpias = [linea.lstrip(_MARCAS) for linea in lineas]
    cabeceras = {i: m for i, linea in enumerate(limpias) if (m := _cabecera(linea))}
    dia_primero = _dia_primero(list(cabeceras.values()))
    chat = Chat(cabeceras=len(cabeceras))
    # The message being read: its first line's number, date, sender and lines of text.
    actual: tuple[int, datetime, str, list[str]] | None = None
    perdido = False  # continuation lines of a message that was left out
    sueltas_reportadas = False

    def cerrar() -> None:
        if actual is None:
            return
        numero, momento, remitente, partes = actual
        cuerpo = _EDITADO.sub("", "\n".join(partes)).strip()
        if not cuerpo:
            return
        if _OMITIDOS.match(domain.fold(cuerpo)):
            cuerpo = MULTIMEDIA
        chat.mensajes.append(Mensaje(momento, remitente, cuerpo, numero))

    for i, linea in enumerate(limpias):
        numero = i + 1
        m = cabeceras.get(i)
        if m is None:
            if actual is not None:
                actual[3].append(_limpio(lineas[i]))
            elif linea.strip() and not perdido and not sueltas_reportadas:
                chat.problemas.append((numero, "la línea no es parte de ningún mensaje (no empieza con fecha y hora)"))
                sueltas_reportadas = True
            continue
        cerrar()
        actual = None
        try:
            momento = _momento(m, dia_primero)
        except ValueError:
            fecha = linea[: m.end("ampm") if m.group("ampm") else m.end("m")].strip("[ ")
            chat.problemas.append((numero, f"la fecha «{fecha}» no existe; se omitió ese mensaje"))
            perdido = True
            continue
        perdido = False
        resto = m.group("resto")
        remitente, separador, cuerpo = resto.partition(": ")
        if not separador and resto.endswith(":"):
            remitente, separador, cuerpo = resto[:-1], ":", ""
        # A notice has no «Nombre: » (Android), or its text starts with U+200E (iPhone); a
        # person's own message that mentions a «código de seguridad» is still a message.
        aviso = cuerpo.lstrip(" ").startswith("\u200e") and _es_sistema(cuerpo)
        if not separador or not remitente.strip() or len(remitente) > 80 or _es_sistema(remitente) or aviso:
            chat.lineas_de_sistema += 1
            perdido = True
            continue
        actual = (numero, momento, " ".join(_limpio(remitente).split()), [_limpio(cuerpo)])
    cerrar()
    return chat

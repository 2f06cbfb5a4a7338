"""Documents of a client (INE, proof of address, proof of income…): a stored copy of the
file, checked by its content, kept in the database with its record."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select

from a3tui import domain, store_pg
from a3tui.domain import EventoSistema, TipoDocumento, parse_valor
from a3tui.errors import ArchivoInvalido, DatoInvalido, NoEncontrado
from a3tui.models import Cliente, Documento, DocumentoArchivo
from a3tui.services import Contexto, apartados, auditoria, clientes, historial

# A phone photo or a scanned PDF of a few pages fits well within this.
TAMANO_MAXIMO = 10 * 1024 * 1024
FORMATOS = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class FilaDocumento:
    id: int
    cliente_id: int
    tipo: TipoDocumento
    nombre_archivo: str
    formato: str
    tamano: int
    fecha_documento: date | None
    subido: datetime
    apartado_id: int | None


def _fila(d: Documento) -> FilaDocumento:
    assert d.id is not None
    return FilaDocumento(
        d.id, d.cliente_id, d.tipo, d.nombre_archivo, d.formato, d.tamano, d.fecha_documento, d.subido, d.apartado_id
    )


def leer_archivo(path: Path) -> tuple[bytes, str]:
    """The bytes of a document file and its format (pdf, jpg, png) from its content (not its
    name). Raises ArchivoInvalido for a missing, unreadable, empty, too big or other file."""
    import filetype

    path = path.expanduser()
    try:
        if not path.exists():
            raise ArchivoInvalido(f"No existe el archivo {path}.")
        if not path.is_file():
            raise ArchivoInvalido(f"{path} no es un archivo.")
        tamano = path.stat().st_size
        if tamano == 0:
            raise ArchivoInvalido(f"El archivo {path} está vacío.")
        if tamano > TAMANO_MAXIMO:
            megas = tamano / 1024 / 1024
            raise ArchivoInvalido(
                f"El archivo {path} pesa {megas:.1f} MB; el máximo es {TAMANO_MAXIMO // 1024 // 1024} MB."
            )
        datos = path.read_bytes()
    except PermissionError:
        raise ArchivoInvalido(f"No tienes permiso para leer {path}.") from None
    except OSError as error:
        raise ArchivoInvalido(f"No se pudo leer {path}: {error.strerror or error}.") from None
    tipo = filetype.guess(datos)
    formato = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(tipo.mime if tipo else "")
    if formato is None:
        raise ArchivoInvalido(f"El archivo {path.name} no es PDF, JPEG ni PNG (por su contenido, no por su nombre).")
    if not _ESTRUCTURA[formato](datos):
        raise ArchivoInvalido(
            f"El archivo {path.name} empieza como {_NOMBRES[formato]} pero no lo es: está cortado o es otro tipo de "
            "archivo. a3 guarda solo PDF, JPEG o PNG completos."
        )
    return datos, formato


# The first bytes (what ``filetype`` looks at) say what a file claims to be; these check
# enough of the structure to know it is one: a file that starts with «%PDF» and goes on
# as a web page, or an image cut in half, is not stored as a document.


def _es_pdf(datos: bytes) -> bool:
    """A PDF: a «%PDF-1.x» header, objects, and a trailer (startxref, %%EOF) at its end
    (readers look for it in the last kilobytes; some writers pad the file after it)."""
    cola = datos.rstrip(b"\0 \t\r\n\f")[-4096:]
    return (
        re.match(rb"%PDF-\d\.\d", datos) is not None
        and re.search(rb"\d+\s+\d+\s+obj\b", datos) is not None
        and b"endobj" in datos
        and b"startxref" in cola
        and b"%%EOF" in cola
    )


def _es_jpeg(datos: bytes) -> bool:
    """A JPEG: its segments chain from the start-of-image marker to a frame header and a
    scan, whose data ends with the end-of-image marker."""
    i = 2
    marco = False
    while i + 4 <= len(datos):
        if datos[i] != 0xFF:
            return False
        marcador = datos[i + 1]
        if marcador == 0xFF:  # fill byte
            i += 1
            continue
        if marcador == 0xD8 or 0xD0 <= marcador <= 0xD7 or marcador == 0x01:
            i += 2
            continue
        largo = int.from_bytes(datos[i + 2 : i + 4], "big")
        if largo < 2 or i + 2 + largo > len(datos):
            return False
        if 0xC0 <= marcador <= 0xCF and marcador not in (0xC4, 0xC8, 0xCC):
            marco = True
        if marcador == 0xDA:
            return marco and datos.find(b"\xff\xd9", i + 2 + largo) != -1
        i += 2 + largo
    return False


def _es_png(datos: bytes) -> bool:
    """A PNG: after its signature, chunks whose lengths and CRCs check out, from IHDR
    (with a size) through image data to IEND."""
    import zlib

    i = 8
    vistos: list[bytes] = []
    while i + 12 <= len(datos):
        largo = int.from_bytes(datos[i : i + 4], "big")
        tipo = datos[i + 4 : i + 8]
        fin = i + 12 + largo
        if fin > len(datos) or not tipo.isalpha():
            return False
        if zlib.crc32(datos[i + 4 : fin - 4]) != int.from_bytes(datos[fin - 4 : fin], "big"):
            return False
        if not vistos and (
            tipo != b"IHDR" or largo != 13 or b"\0\0\0\0" in (datos[i + 8 : i + 12], datos[i + 12 : i + 16])
        ):
            return False
        vistos.append(tipo)
        if tipo == b"IEND":
            return b"IDAT" in vistos
        i = fin
    return False


_ESTRUCTURA = {"pdf": _es_pdf, "jpg": _es_jpeg, "png": _es_png}
_NOMBRES = {"pdf": "un PDF", "jpg": "una imagen JPEG", "png": "una imagen PNG"}


def add(
    ctx: Contexto,
    cliente: Cliente,
    nombre_archivo: str,
    datos: bytes,
    formato: str,
    tipo: str,
    *,
    fecha_documento: date | None = None,
    apartado_id: int | None = None,
) -> Documento:
    """Store a document of a client (the bytes in the same transaction as the record).

    The document received is the client's latest activity (``recibido``), not a contact.
    The same file given twice for the client is refused, naming the stored one; a
    document dated in the future, a reservation of another client or an unknown tipo are
    refused too (DatoInvalido).
    """
    tipo_v = parse_valor(TipoDocumento, tipo, "El tipo de documento")
    if formato not in FORMATOS:
        raise DatoInvalido("Solo se guardan documentos PDF, JPEG o PNG.")
    if not 0 < len(datos) <= TAMANO_MAXIMO:
        raise DatoInvalido(f"El documento debe pesar entre 1 byte y {TAMANO_MAXIMO // 1024 // 1024} MB.")
    if fecha_documento is not None and fecha_documento > ctx.hoy:
        raise DatoInvalido("La fecha del documento no puede ser futura.")
    nombre = domain.texto(Path(nombre_archivo).name, "El nombre del archivo", maximo=255) or f"documento.{formato}"
    if apartado_id is not None and apartados.get(ctx, apartado_id).cliente_id != cliente.id:
        raise DatoInvalido(f"El apartado {apartado_id} no es de {cliente.nombre}.")
    sha = hashlib.sha256(datos).hexdigest()
    igual = ctx.session.exec(
        select(Documento).where(col(Documento.cliente_id) == cliente.id, col(Documento.sha256) == sha)
    ).first()
    if igual is not None:
        raise DatoInvalido(
            f"Ese archivo ya está guardado como el documento {igual.id} ({igual.tipo.value}, {igual.nombre_archivo})."
        )
    assert cliente.id is not None
    documento = Documento(
        cliente_id=cliente.id,
        apartado_id=apartado_id,
        tipo=tipo_v,
        nombre_archivo=nombre,
        formato=formato,
        sha256=sha,
        tamano=len(datos),
        fecha_documento=fecha_documento,
        subido=ctx.ahora,
        asesor_id=ctx.asesor_id,
    )
    ctx.session.add(documento)
    ctx.session.flush()
    assert documento.id is not None
    ctx.session.add(DocumentoArchivo(documento_id=documento.id, datos=datos))
    historial.sistema(ctx, cliente, EventoSistema.DOCUMENTO, f"{tipo_v.value} agregado ({nombre})")
    recibido(ctx, cliente, documento.subido)
    ctx.session.flush()
    return documento


def recibido(ctx: Contexto, cliente: Cliente, subido: datetime) -> None:
    """A document the client handed over, received at ``subido``: the last thing that
    happened with them, so «Última actividad» (the ficha, `cliente show`, the lists, the
    «Fríos» filter) says so. It is not one of the advisor's contacts (calls, meetings,
    messages, e-mails): the next contact and «Actividades esta semana» don't move."""
    if cliente.ultima_actividad is None or subido > cliente.ultima_actividad:
        cliente.ultima_actividad = subido
        cliente.actualizado = ctx.ahora
        ctx.session.add(cliente)


def get(ctx: Contexto, documento_id: int) -> Documento:
    """A document of a client the advisor may see; raises NoEncontrado."""
    documento = ctx.session.get(Documento, documento_id) if domain.id_valido(documento_id) else None
    if documento is None:
        raise NoEncontrado(f"No existe el documento {documento_id}.")
    try:
        clientes.get(ctx, documento.cliente_id)
    except NoEncontrado:
        raise NoEncontrado(f"No existe el documento {documento_id}.") from None
    return documento


def list_(ctx: Contexto, cliente: Cliente) -> list[FilaDocumento]:
    """The client's documents, newest first (without their bytes)."""
    filas = ctx.session.exec(
        select(Documento)
        .where(col(Documento.cliente_id) == cliente.id)
        .order_by(col(Documento.subido).desc(), col(Documento.id).desc())
    ).all()
    return [_fila(d) for d in filas]


def contenido(ctx: Contexto, documento: Documento) -> bytes:
    """The stored bytes of a document."""
    archivo = ctx.session.get(DocumentoArchivo, documento.id)
    if archivo is None:
        raise NoEncontrado(f"El documento {documento.id} no tiene su archivo guardado.")
    return archivo.datos


def borrar(ctx: Contexto, documento: Documento) -> None:
    """Delete a document and its stored copy; the client's history keeps a line saying so."""
    cliente = clientes.get(ctx, documento.cliente_id)
    assert documento.id is not None
    store_pg.borrar_filas(ctx.session, DocumentoArchivo, [documento.id])
    auditoria.borrar(ctx.session, documento)
    historial.sistema(
        ctx, cliente, EventoSistema.DOCUMENTO, f"{documento.tipo.value} borrado ({documento.nombre_archivo})"
    )
    ctx.session.flush()


# Bytes of the stored name kept in the name of an opened copy: a name may be stored with
# up to 255 characters (up to 1,020 bytes in UTF-8), but most file systems take 255 bytes,
# and the copy is first written under a longer temporary name.
_NOMBRE_ABIERTO_MAXIMO = 120


def nombre_para_abrir(documento: Documento) -> str:
    """The file name a document is written to when opened: its id, its stored name (cut
    short, whole characters, so any stored name can be opened) and its format."""
    base = Path(documento.nombre_archivo).stem or "documento"
    base = base.encode("utf-8")[:_NOMBRE_ABIERTO_MAXIMO].decode("utf-8", errors="ignore").strip() or "documento"
    return f"{documento.id}-{base}.{documento.formato}"

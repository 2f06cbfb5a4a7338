"""Documents of a client (INE, proof of address, proof of income…): a stored copy of the
file, checked by its content, kept in the database with its record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import EventoSistema, TipoDocumento, parse_valor
from a3tui.errors import ArchivoInvalido, DatoInvalido, NoEncontrado
from a3tui.models import Cliente, Documento, DocumentoArchivo
from a3tui.services import Contexto, actividades, clientes

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
    return datos, formato


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
    if apartado_id is not None:
        from a3tui.services import apartados

        if apartados.get(ctx, apartado_id).cliente_id != cliente.id:
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
    actividades.sistema(ctx, cliente, EventoSistema.DOCUMENTO, f"{tipo_v.value} agregado ({nombre})")
    ctx.session.flush()
    return documento


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
    ctx.session.execute(delete(DocumentoArchivo).where(col(DocumentoArchivo.documento_id) == documento.id))
    ctx.session.delete(documento)
    actividades.sistema(
        ctx, cliente, EventoSistema.DOCUMENTO, f"{documento.tipo.value} borrado ({documento.nombre_archivo})"
    )
    ctx.session.flush()


def nombre_para_abrir(documento: Documento) -> str:
    """The file name a document is written to when opened (its id, and its format)."""
    base = Path(documento.nombre_archivo).stem or "documento"
    return f"{documento.id}-{base}.{documento.formato}"

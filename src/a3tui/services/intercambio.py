"""Data exchange: clients in from a spreadsheet (CSV or Excel) or a phone's address book
(vCard), a WhatsApp chat in as a client's messages, and clients out as vCards a phone reads.

Every import is safe to run twice and never half done: each contact goes through the
rules of ``clientes.add`` (the same phone and e-mail checks, the same duplicate check), a
bad or duplicated one is reported (where in the file, which field, why) and left out, and
the good ones are written in the caller's one transaction. ``simular`` checks everything
and writes nothing.

Why contacts are not written one ``clientes.add`` at a time: that is ORM work per client
(three flushes, the audit hook, the search terms) and, in one transaction, the audit's
queue is searched once per row: 10,000 rows took 126 s (measured), against about 4 s
here. Here each contact is checked with
the same functions ``clientes.add`` uses (``domain.check_nombre``,
``domain.normalize_telefono``, ``domain.normalize_email``, ``clientes._check_duplicados``…),
and the good ones are inserted in batches: the client row ``clientes.add`` would build, its
phones, its search terms and its note, with the same audit rows. The two rules of
``clientes.add`` that live inline there (a new client can't start cancelled; temperature is
for prospects, tibio by default) are repeated in ``_alta`` and a test checks that both
paths agree on them.

A file a3 exported itself (its client export as CSV or Excel, its vCards) imports back:
the rows restore the clients as they were (stage, temperature, cancellation reason, CURP,
RFC, advisor where the importer may assign them), the spreadsheet's protective quote
comes off, and what was exported from this same database is recognised by its id and
counted, not reported row by row as duplicates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import Table
from sqlalchemy import inspect as sa_inspect
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import Etapa, Origen, Temperatura, TipoActividad, parse_valor
from a3tui.errors import (
    ArchivoInvalido,
    ClienteNoEncontrado,
    DatoInvalido,
    Duplicado,
    NoEncontrado,
    ReferenciaAmbigua,
    SinPermiso,
)
from a3tui.models import Actividad, Asesor, Cliente, Nota, Telefono
from a3tui.services import Contexto, clientes

if TYPE_CHECKING:
    from a3tui.importers.hoja import Hoja
    from a3tui.importers.vcard import Agenda
    from a3tui.importers.whatsapp import Chat, Mensaje

# What the progress callback is told: the phase («Revisando», «Guardando»), done, total.
Progreso = Callable[[str, int, int], None]

# ---------------------------------------------------------------- the spreadsheet's columns

# Each field and the headers that name it, compared without accents, case or punctuation
# («Teléfono», «TELEFONO», «Tel.»); the field's own name is tried first. A given name and
# its surnames in separate columns («Nombre», «Apellidos»; «First Name», «Last Name») are
# joined into the client's name.
CAMPOS_CLIENTES: dict[str, tuple[str, ...]] = {
    "nombre": (
        "nombre completo", "nombre del cliente", "cliente", "contacto", "name", "full name", "display name",
        "nombres", "nombre(s)", "first name", "given name",
    ),
    "apellidos": ("apellido", "apellido paterno", "last name", "surname", "family name"),
    "apellido_materno": ("apellido materno", "segundo apellido"),
    "telefono": (
        "teléfono", "tel", "tel.", "phone", "phone number", "teléfono 1", "teléfono casa", "teléfono fijo",
        "home phone", "primary phone", "phone 1 - value", "número", "numero de telefono",
    ),
    "celular": (
        "cel", "cel.", "móvil", "whatsapp", "teléfono celular", "teléfono móvil", "mobile", "mobile phone",
        "cell", "cell phone",
    ),
    "telefono2": (
        "teléfono 2", "otro teléfono", "tel 2", "teléfono oficina", "teléfono trabajo", "phone 2",
        "other phone", "business phone", "work phone", "phone 2 - value",
    ),
    "email": (
        "correo", "correo electrónico", "e-mail", "mail", "email address", "e-mail address",
        "e-mail 1 - value", "correo 1",
    ),
    "etapa": ("estatus", "status", "stage", "fase"),
    "temperatura": ("temp", "temperature"),
    "origen": ("fuente", "medio", "canal", "source", "lead source", "cómo se enteró", "cómo nos conoció"),
    "notas": ("nota", "observaciones", "observación", "comentarios", "comentario", "notes", "note", "comments"),
    "primer_contacto": (
        "primer contacto", "fecha de primer contacto", "fecha primer contacto", "fecha de contacto", "fecha",
        "fecha de alta", "fecha alta", "fecha de registro", "first contact", "created", "date",
    ),
    "direccion": ("dirección", "domicilio", "address", "calle", "home address", "dirección casa"),
}  # fmt: skip

TELEFONOS = ("telefono", "celular", "telefono2")

# The columns only a3's own client export has (``exportar clientes``, ``reporte clientes``
# as CSV or Excel). Read only from such a file: it restores what it exported (see
# ``es_exportacion_de_a3``).
CAMPOS_A3: dict[str, tuple[str, ...]] = {
    "id": (),
    "asesor": (),
    "motivo_cancelacion": ("motivo de cancelación",),
    "fecha_apartado": ("fecha de apartado",),
    "curp": (),
    "rfc": (),
}

# The card's UID a3 writes (``exportar vcard``): the client's id in the database it came from.
_UID_A3 = re.compile(r"a3-cliente-(\d+)")

# How each field is named in a message when the file has no header for it (a vCard).
NOMBRES_DE_CAMPO = {
    "nombre": "nombre",
    "telefono": "teléfono",
    "email": "email",
    "etapa": "etapa",
    "temperatura": "temperatura",
    "origen": "origen",
    "notas": "notas",
    "primer_contacto": "primer contacto",
    "direccion": "dirección",
    "motivo_cancelacion": "motivo de cancelación",
    "fecha_apartado": "fecha de apartado",
    "curp": "CURP",
    "rfc": "RFC",
}

# Words people write for each origen (folded); the value itself always works.
_ORIGENES = {
    Origen.REDES_SOCIALES: ("facebook", "instagram", "tiktok", "redes", "red social", "twitter", "x", "youtube"),
    Origen.SITIO_WEB: ("web", "pagina", "pagina web", "sitio", "internet", "google", "portal"),
    Origen.REFERIDO: ("referencia", "recomendacion", "recomendado", "recomendada"),
    Origen.PUBLICIDAD: ("anuncio", "espectacular", "periodico", "radio", "volante", "lona"),
    Origen.SALA_DE_VENTAS: ("sala", "visita", "oficina de ventas", "modulo"),
}


def mapeo_de_columnas(pares: Iterable[str]) -> dict[str, str]:
    """``["telefono=Celular", "primer contacto=Alta"]`` → field → header. Raises
    DatoInvalido for a pair that does not name a known field."""
    mapeo: dict[str, str] = {}
    for par in pares:
        campo, _, encabezado = par.partition("=")
        clave = "_".join(domain.words(campo))
        if not encabezado.strip() or clave not in CAMPOS_CLIENTES:
            raise DatoInvalido(
                f"--columna «{par}» no se entiende; usa CAMPO=ENCABEZADO con un campo de: {', '.join(CAMPOS_CLIENTES)}."
            )
        mapeo[clave] = encabezado.strip()
    return mapeo


# ---------------------------------------------------------------- contacts, as read


@dataclass(frozen=True)
class Contacto:
    """One contact of a file, its texts as written (not yet checked). ``numero`` is the
    row of a sheet (its header is row 1) or the card of a vCard file (then ``linea`` is
    where it starts); ``columnas`` names each field as the file does (the header, or the
    vCard property) for the report."""

    numero: int
    nombre: str | None = None
    telefonos: tuple[tuple[str, str], ...] = ()  # (text, field it came from)
    emails: tuple[str, ...] = ()
    direccion: str | None = None
    etapa: str | None = None
    temperatura: str | None = None
    origen: str | None = None
    notas: str | None = None
    primer_contacto: date | str | None = None
    linea: int | None = None
    columnas: Mapping[str, str] = field(default_factory=dict)
    # Only from a3's own exports: the client's id there (the CSV's ID, the card's UID) and
    # what a3 exported about it.
    a3_id: int | None = None
    asesor: str | None = None
    motivo_cancelacion: str | None = None
    fecha_apartado: date | str | None = None
    curp: str | None = None
    rfc: str | None = None


@dataclass(frozen=True)
class Rechazo:
    """A contact left out: where (row, or card and line), which field, why."""

    numero: int | None
    campo: str
    motivo: str
    nombre: str | None = None
    linea: int | None = None
    duplicado: bool = False

    def __post_init__(self) -> None:
        # What a rejection copies from the file is cut short: a hostile file's huge cells
        # must not be copied into the errors report (or onto the screen) row after row.
        object.__setattr__(self, "motivo", _recortado(self.motivo))
        if self.nombre is not None:
            object.__setattr__(self, "nombre", _recortado(self.nombre))


# Characters of a file's text a rejection keeps (its reason quotes the cell; its name).
RECHAZO_MAXIMO = 300


def _recortado(texto: str) -> str:
    return texto if len(texto) <= RECHAZO_MAXIMO else texto[: RECHAZO_MAXIMO - 1] + "…"


@dataclass
class Lectura:
    """What a file holds before the rules: its contacts, the parts that could not be
    read at all (a malformed vCard), and the columns of a sheet that were not used."""

    contactos: list[Contacto]
    ilegibles: list[Rechazo] = field(default_factory=list)
    sin_usar: list[str] = field(default_factory=list)
    unidad: str = "fila"  # «fila» of a sheet, «tarjeta» of a vCard
    de_a3: bool = False  # a3's own client export: its rows restore what it exported


@dataclass
class ResultadoContactos:
    """What an import did (or, simulated, would do)."""

    agregados: list[tuple[int, str]] = field(default_factory=list)  # (row or card, name)
    duplicados: list[Rechazo] = field(default_factory=list)
    errores: list[Rechazo] = field(default_factory=list)
    unidad: str = "fila"
    ids: list[int] = field(default_factory=list)  # of the clients written
    asesor: str = ""  # whose clients they are
    # (row or card, name) of the contacts a3 exported from this same database: already here.
    ya_estaban: list[tuple[int, str]] = field(default_factory=list)
    # Rows of a3's export whose advisor can't be given them here (unknown, departed, another
    # plaza, or the importer is not a coordinator): they went to ``asesor``.
    sin_su_asesor: int = 0

    @property
    def con_error(self) -> int:
        """How many contacts (rows, cards) have errors: a row may have several."""
        return len({(r.numero, r.linea) for r in self.errores})

    @property
    def rechazos(self) -> list[Rechazo]:
        """Errors and duplicates, in the order of the file."""
        return sorted(self.errores + self.duplicados, key=lambda r: (r.numero or 0, r.linea or 0))


def _celda(valor: Any) -> str | None:
    """A cell as text: Excel gives phones as numbers (8123456789.0)."""
    if valor is None:
        return None
    if isinstance(valor, bool):
        return str(valor)
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        return valor.date().isoformat() if valor.time() == datetime.min.time() else valor.isoformat(" ")
    texto = domain.sin_comilla_protectora(str(valor).strip())
    return texto or None


# Several phones in one cell: «81 2345 6789 / 81 8765 4321», «…; …», «… y …».
_VARIOS = re.compile(r"\s*(?:[/;,|\n]|\s(?:o|y|or|and)\s)\s*", re.IGNORECASE)


def _varios(texto: str | None) -> list[str]:
    return [t for t in _VARIOS.split(texto or "") if t.strip()]


def leer_hoja(path: Path, mapeo: Mapping[str, str] | None = None) -> Lectura:
    """The contacts of a spreadsheet (CSV or Excel). Raises ArchivoInvalido for a file
    that can't be read, is empty, or has no column of names."""
    from a3tui.importers import hoja

    leida = _leer_hoja_utf16(path, mapeo) or hoja.leer(path, CAMPOS_CLIENTES, mapeo)
    if "nombre" not in leida.columnas and "apellidos" not in leida.columnas:
        vistas = ", ".join(f"«{c}»" for c in (*leida.columnas.values(), *leida.sin_reconocer)[:8])
        raise ArchivoInvalido(
            f"El archivo {path.name} no tiene una columna de nombres (sus columnas: {vistas}).",
            pista_cli="nómbrala con --columna nombre=ENCABEZADO.",
        )
    de_a3 = es_exportacion_de_a3([*leida.columnas.values(), *leida.sin_reconocer])
    if de_a3:
        leida = _leer_hoja_utf16(path, mapeo, a3=True) or hoja.leer(path, {**CAMPOS_CLIENTES, **CAMPOS_A3}, mapeo)
    contactos = [_contacto_de_fila(f.numero, f.valores, leida.columnas) for f in leida.filas]
    sin_usar = list(leida.sin_reconocer)
    if de_a3:  # what a3 derives again (last activity, next contact) or takes from the owner (plaza)
        from a3tui.exporters.reporte import COLUMNAS

        sin_usar = [h for h in sin_usar if h.strip() not in {titulo for titulo, _ in COLUMNAS}]
    return Lectura(contactos, sin_usar=sin_usar, de_a3=de_a3)


def es_exportacion_de_a3(encabezados: Iterable[str]) -> bool:
    """True when a sheet's headers are those of a3's own client export (any order, more
    columns allowed): its rows are clients a3 exported, restored as they were."""
    from a3tui.exporters.reporte import COLUMNAS

    return {titulo for titulo, _ in COLUMNAS} <= {h.strip() for h in encabezados}


def _leer_hoja_utf16(path: Path, mapeo: Mapping[str, str] | None, *, a3: bool = False) -> Hoja | None:
    """Excel's «Texto Unicode» is UTF-16 with tabs, which the sheet reader does not
    decode: read it here (None for any other file)."""
    from a3tui.importers import hoja

    try:
        with open(path.expanduser(), "rb") as archivo:
            marca = archivo.read(2)
    except OSError:
        return None  # the sheet reader says why, in Spanish
    if path.suffix.lower() not in (".csv", ".txt") or marca not in (b"\xff\xfe", b"\xfe\xff"):
        return None
    try:
        if path.expanduser().stat().st_size > hoja.TAMANO_MAXIMO:
            raise ArchivoInvalido(f"El archivo {path} pasa de {hoja.TAMANO_MAXIMO // 1024 // 1024} MB.")
        datos = path.expanduser().read_bytes().decode("utf-16").encode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise ArchivoInvalido(f"El archivo {path} dice ser UTF-16 pero no se puede leer así.") from None
    campos = {**CAMPOS_CLIENTES, **CAMPOS_A3} if a3 else CAMPOS_CLIENTES
    return hoja._con_encabezados(path, hoja._filas_csv(datos, path), campos, mapeo or {})


def _contacto_de_fila(numero: int, valores: Mapping[str, Any], columnas: Mapping[str, str]) -> Contacto:
    nombre = _celda(valores.get("nombre"))
    for campo in ("apellidos", "apellido_materno"):
        apellido = _celda(valores.get(campo))
        # A sheet with «Name» and «Family Name» repeats the surname in both.
        if apellido and not domain.fold(nombre or "").endswith(domain.fold(apellido)):
            nombre = f"{nombre} {apellido}" if nombre else apellido
    telefonos = tuple((t, campo) for campo in TELEFONOS for t in _varios(_celda(valores.get(campo))))
    fecha = _fecha_de_celda(valores.get("primer_contacto"))
    return Contacto(
        numero=numero,
        nombre=nombre,
        telefonos=telefonos,
        emails=tuple(_varios(_celda(valores.get("email")))),
        direccion=_celda(valores.get("direccion")),
        etapa=_celda(valores.get("etapa")),
        temperatura=_celda(valores.get("temperatura")),
        origen=_celda(valores.get("origen")),
        notas=_celda(valores.get("notas")),
        primer_contacto=fecha,
        columnas=columnas,
        a3_id=_id_de_a3(_celda(valores.get("id"))),
        asesor=_celda(valores.get("asesor")),
        motivo_cancelacion=_celda(valores.get("motivo_cancelacion")),
        fecha_apartado=_fecha_de_celda(valores.get("fecha_apartado")),
        curp=_celda(valores.get("curp")),
        rfc=_celda(valores.get("rfc")),
    )


def _fecha_de_celda(valor: Any) -> date | str | None:
    if isinstance(valor, datetime):
        return valor.date()
    return valor if isinstance(valor, date) else _celda(valor)


def _id_de_a3(texto: str | None) -> int | None:
    """The client id of a3's export (the CSV's ID, the digits of a card's UID)."""
    if texto and (encontrado := _UID_A3.fullmatch(texto.strip()) or re.fullmatch(r"\d{1,9}", texto.strip())):
        return int(encontrado.group(1) if encontrado.groups() else encontrado.group())
    return None


def leer_vcard(path: Path) -> Lectura:
    """The contacts of a vCard file (2.1, 3.0, 4.0); a card that can't be read is one of
    ``ilegibles``. Raises ArchivoInvalido for a file that can't be read or has no card."""
    from a3tui.importers import vcard

    return lectura_de_agenda(vcard.leer(path))


_COLUMNAS_VCARD = {
    "nombre": "FN",
    "telefono": "TEL",
    "email": "EMAIL",
    "direccion": "ADR",
    "notas": "NOTE",
}


def lectura_de_agenda(agenda: Agenda) -> Lectura:
    """An address book's cards as contacts: extra e-mails and the company go to the note."""
    contactos = []
    for t in agenda.tarjetas:
        extra = [f"Empresa: {t.organizacion}"] if t.organizacion else []
        extra += [f"Otro email: {e}" for e in t.emails[1:]]
        nota = "\n".join(x for x in (t.nota, *extra) if x) or None
        contactos.append(
            Contacto(
                numero=t.numero,
                nombre=t.nombre or t.organizacion,
                telefonos=tuple((tel, "telefono") for tel in t.telefonos),
                emails=tuple(t.emails[:1]),
                direccion=t.direccion,
                notas=nota,
                linea=t.linea,
                columnas=_COLUMNAS_VCARD,
                a3_id=_id_de_a3(t.uid) if t.uid and _UID_A3.fullmatch(t.uid.strip()) else None,
            )
        )
    ilegibles = [Rechazo(p.tarjeta, "", p.motivo, linea=p.linea) for p in agenda.problemas]
    return Lectura(contactos, ilegibles, unidad="tarjeta")


# ---------------------------------------------------------------- the rules, row by row


@dataclass
class _Alta:
    """A contact that passed the rules: the values ``clientes.add`` would store."""

    contacto: Contacto
    nombre: str
    numeros: list[str]
    email: str | None
    direccion: str | None
    origen: Origen | None
    etapa: Etapa
    temperatura: Temperatura | None
    primer_contacto: date
    nota: str | None
    # The field each phone came from (the report names the column of a repeated one).
    de: dict[str, str] = field(default_factory=dict)
    fecha_apartado: date | None = None
    motivo_cancelacion: str | None = None
    curp: str | None = None
    rfc: str | None = None
    dueno: Asesor | None = None  # None: the import's owner


class _Rechazado(Exception):
    def __init__(self, campo: str, motivo: str) -> None:
        super().__init__(motivo)
        self.campo = campo
        self.motivo = motivo


def _columna(contacto: Contacto, campo: str) -> str:
    return contacto.columnas.get(campo) or NOMBRES_DE_CAMPO.get(campo, campo)


def _origen(texto: str) -> Origen:
    plegado = " ".join(domain.words(texto))
    for origen, palabras in _ORIGENES.items():
        if plegado in palabras:
            return origen
    return parse_valor(Origen, texto, "El origen")


def _fecha(ctx: Contexto, valor: date | str) -> date:
    fecha = valor if isinstance(valor, date) else domain.parse_fecha(valor, ctx.hoy)
    return clientes._primer_contacto(ctx, fecha)


def _alta(ctx: Contexto, c: Contacto, *, restaurar: bool = False) -> tuple[_Alta | None, list[_Rechazado]]:
    """Check a contact with the rules of ``clientes.add``; every field is checked, so
    one report names all that is wrong with a row.

    ``restaurar`` (a row of a3's own export) brings a client back as a3 exported it: it
    may be cancelled when the row says why, and keeps the temperature it had whatever its
    stage; its CURP and RFC are checked as ``clientes.add`` checks them."""
    errores: list[_Rechazado] = []

    def campo(nombre: str, funcion: Callable[[], Any], columna: str | None = None) -> Any:
        try:
            return funcion()
        except DatoInvalido as error:
            errores.append(_Rechazado(columna or _columna(c, nombre), error.mensaje))
            return None

    nombre = campo("nombre", lambda: domain.check_nombre(c.nombre or ""))
    numeros: list[str] = []
    origen_de: dict[str, str] = {}
    for texto, de in c.telefonos:
        try:
            numero = domain.normalize_telefono(texto)
        except DatoInvalido as error:
            errores.append(_Rechazado(_columna(c, de), error.mensaje))
            continue
        if numero not in numeros:
            numeros.append(numero)
            origen_de[numero] = de
    email = campo("email", lambda: domain.normalize_email(c.emails[0])) if c.emails else None
    origen = campo("origen", lambda: _origen(c.origen or "")) if c.origen else None
    etapa: Etapa | None = Etapa.PROSPECTO
    motivo: str | None = None
    if c.etapa:
        etapa = campo("etapa", lambda: parse_valor(Etapa, c.etapa or "", "La etapa"))
        if etapa == Etapa.CANCELADO and restaurar and c.motivo_cancelacion:
            motivo = campo("motivo_cancelacion", lambda: domain.texto(c.motivo_cancelacion, "El motivo"))
        elif etapa == Etapa.CANCELADO:  # clientes.add's rule
            errores.append(_Rechazado(_columna(c, "etapa"), "Un cliente nuevo no puede empezar cancelado."))
            etapa = None
    temperatura: Temperatura | None = None
    if c.temperatura:
        temperatura = campo("temperatura", lambda: parse_valor(Temperatura, c.temperatura or "", "La temperatura"))
    if temperatura is not None and etapa is not None and etapa != Etapa.PROSPECTO and not restaurar:
        # clientes.add's rule
        errores.append(_Rechazado(_columna(c, "temperatura"), "La temperatura solo aplica a prospectos."))
    if etapa == Etapa.PROSPECTO and temperatura is None:
        temperatura = Temperatura.TIBIO
    direccion = campo("direccion", lambda: domain.texto(c.direccion, "La dirección"))
    inicio = campo("primer_contacto", lambda: _fecha(ctx, c.primer_contacto or "")) if c.primer_contacto else ctx.hoy
    # notas.add's rule for a note's text.
    nota = campo("notas", lambda: domain.texto(c.notas, "La nota", maximo=5000, multilinea=True))
    curp = campo("curp", lambda: domain.check_curp(c.curp or "")) if c.curp else None
    rfc = campo("rfc", lambda: domain.check_rfc(c.rfc or "")) if c.rfc else None
    apartado = (
        campo("fecha_apartado", lambda: _fecha_apartado(ctx, c.fecha_apartado or ""))
        if restaurar and c.fecha_apartado
        else None
    )
    if errores or nombre is None or etapa is None or inicio is None:
        return None, errores
    if not restaurar:
        apartado = inicio if etapa != Etapa.PROSPECTO else None  # clientes.add's rule
    elif apartado is None and etapa not in (Etapa.PROSPECTO, Etapa.CANCELADO):
        apartado = inicio
    alta = _Alta(c, nombre, numeros, email, direccion, origen, etapa, temperatura, inicio, nota, origen_de)
    alta.fecha_apartado = apartado
    alta.motivo_cancelacion = motivo
    alta.curp = curp
    alta.rfc = rfc
    return alta, []


def _fecha_apartado(ctx: Contexto, valor: date | str) -> date:
    return valor if isinstance(valor, date) else domain.parse_fecha(valor, ctx.hoy)


# ---------------------------------------------------------------- import


def _dueno(ctx: Contexto, asesor: str | None) -> Asesor:
    """Whose the imported clients are: the advisor importing, or (a coordinator only)
    another active advisor of the same plaza."""
    from a3tui.services import asesores

    if asesor is None or not asesor.strip():
        return ctx.asesor
    destino = asesores.buscar(ctx, asesor)
    if destino.id == ctx.asesor_id:
        return ctx.asesor
    asesores.requiere_coordinador(ctx, "importar clientes para otro asesor")
    destino = asesores.activo(ctx, asesor)
    if destino.plaza != ctx.asesor.plaza:
        raise SinPermiso(
            f"{destino.nombre} es de la plaza {destino.plaza}; solo asignas clientes de {ctx.asesor.plaza}."
        )
    return destino


_LOTE = 500


def _lotes(valores: Sequence[Any], tamano: int = _LOTE) -> Iterable[Sequence[Any]]:
    for i in range(0, len(valores), tamano):
        yield valores[i : i + tamano]


def _existentes(ctx: Contexto, altas: Sequence[_Alta]) -> tuple[set[str], set[str], dict[str, Cliente]]:
    """The phones and e-mails of ``altas`` that some client already has, and the live
    clients named exactly like a contact without phone or e-mail: read in batches, so a
    big file costs a few queries instead of one per row."""
    numeros = sorted({n for a in altas for n in a.numeros})
    emails = sorted({a.email for a in altas if a.email})
    solo_nombre = sorted({domain.nombre_orden(a.nombre) for a in altas if not a.numeros and not a.email})
    con_telefono: set[str] = set()
    con_email: set[str] = set()
    por_nombre: dict[str, Cliente] = {}
    for lote in _lotes(numeros):
        con_telefono.update(ctx.session.exec(select(Telefono.numero).where(col(Telefono.numero).in_(lote))).all())
    for lote in _lotes(emails):
        con_email.update(
            e for e in ctx.session.exec(select(Cliente.email).where(col(Cliente.email).in_(lote))).all() if e
        )
    for lote in _lotes(solo_nombre):
        for cliente in ctx.session.exec(
            select(Cliente)
            .where(col(Cliente.nombre_orden).in_(lote), col(Cliente.fusionado_en_id).is_(None))
            .order_by(col(Cliente.id))
        ).all():
            por_nombre.setdefault(cliente.nombre_orden, cliente)
    return con_telefono, con_email, por_nombre


def _columna_repetida(ctx: Contexto, alta: _Alta, error: Duplicado) -> str:
    """The column of what the existing client has too: its e-mail, else the shared phone."""
    existente = ctx.session.get(Cliente, error.existente_id)
    if existente is not None and alta.email and existente.email == alta.email:
        return _columna(alta.contacto, "email")
    suyos = set(clientes.telefonos_de(ctx, existente)) if existente is not None else set()
    numero = next((n for n in alta.numeros if n in suyos), None)
    return _columna(alta.contacto, alta.de.get(numero or "", "telefono"))


def _duplicados(ctx: Contexto, altas: list[_Alta], resultado: ResultadoContactos) -> list[_Alta]:
    """Leave out the contacts that repeat an existing client (the check of
    ``clientes.add``) or an earlier contact of the same file; return the others. Rows of
    a3's own export with different ids were different clients there (kept apart with
    ``--forzar``, say): they don't repeat each other."""
    con_telefono, con_email, por_nombre = _existentes(ctx, altas)
    unidad = resultado.unidad
    vistos: dict[str, int] = {}  # phone, e-mail or bare name → the row that had it first
    quedan: list[_Alta] = []
    for a in altas:
        c = a.contacto
        rechazo: Rechazo | None = None
        if any(n in con_telefono for n in a.numeros) or (a.email and a.email in con_email):
            try:
                clientes._check_duplicados(ctx, a.numeros, a.email)
            except Duplicado as error:
                rechazo = Rechazo(
                    c.numero, _columna_repetida(ctx, a, error), error.mensaje.rstrip("."), a.nombre, c.linea,
                    duplicado=True,
                )  # fmt: skip
        elif not a.numeros and not a.email and (existente := por_nombre.get(domain.nombre_orden(a.nombre))):
            dueno = (
                ""
                if existente.asesor_id == ctx.asesor_id
                else f" (de {clientes.nombre_asesor(ctx, existente.asesor_id)})"
            )
            motivo = (
                "Ya existe un cliente con ese nombre y sin teléfono ni email que lo distinga: "
                f"{existente.id} {existente.nombre}{dueno}"
            )
            rechazo = Rechazo(c.numero, _columna(c, "nombre"), motivo, a.nombre, c.linea, duplicado=True)
        if rechazo is None and c.a3_id is None:
            claves = [("telefono", n) for n in a.numeros] + ([("email", a.email)] if a.email else [])
            if not claves:
                claves = [("nombre", domain.nombre_orden(a.nombre))]
            for que, clave in claves:
                primero = vistos.get(f"{que}:{clave}")
                if primero is not None:
                    texto = {"telefono": "el teléfono", "email": "el email", "nombre": "el nombre"}[que]
                    columna = _columna(c, a.de.get(clave, "telefono") if que == "telefono" else que)
                    rechazo = Rechazo(
                        c.numero, columna, f"Repite {texto} de la {unidad} {primero} del mismo archivo",
                        a.nombre, c.linea, duplicado=True,
                    )  # fmt: skip
                    break
            else:
                for que, clave in claves:
                    vistos.setdefault(f"{que}:{clave}", c.numero)
        if rechazo is None:
            quedan.append(a)
        else:
            resultado.duplicados.append(rechazo)
    return quedan


def importar_contactos(
    ctx: Contexto,
    lectura: Lectura,
    *,
    simular: bool = False,
    forzar: bool = False,
    asesor: str | None = None,
    progreso: Progreso | None = None,
) -> ResultadoContactos:
    """Add the contacts of ``lectura`` as clients of the current advisor (or, for a
    coordinator, of ``asesor``). Each contact is checked as ``clientes.add`` checks a new
    client; one that breaks a rule, or repeats the phone or e-mail of a client or of an
    earlier row (unless ``forzar``), is reported and left out. A contact with neither phone
    nor e-mail repeats a client with exactly its name (so a file imported twice adds
    nothing the second time). The good ones are written in the caller's transaction;
    ``simular`` writes nothing.

    A file a3 exported (``Lectura.de_a3``, a card with a3's UID) restores its clients:
    one a3 exported from this same database (its id and name are here) is counted in
    ``ya_estaban`` and left alone; the others come back with their stage, temperature,
    cancellation reason, CURP and RFC, each with the advisor the file names when the
    importer may give it to them (else with the import's owner, counted in
    ``sin_su_asesor``).

    Raises SinPermiso when an advisor names another advisor, NoEncontrado or
    DatoInvalido for an unknown or departed ``asesor``.
    """
    dueno = _dueno(ctx, asesor)
    resultado = ResultadoContactos(errores=list(lectura.ilegibles), unidad=lectura.unidad, asesor=dueno.nombre)
    total = len(lectura.contactos)
    altas: list[_Alta] = []
    aqui = _ya_estan(ctx, lectura.contactos)
    duenos: dict[str, Asesor | None] = {}
    for i, contacto in enumerate(lectura.contactos, start=1):
        if contacto.numero in aqui:
            resultado.ya_estaban.append((contacto.numero, contacto.nombre or ""))
            continue
        alta, errores = _alta(ctx, contacto, restaurar=lectura.de_a3)
        if alta is not None:
            if lectura.de_a3 and asesor is None and contacto.asesor:
                alta.dueno = _dueno_de_fila(ctx, contacto.asesor, duenos)
                resultado.sin_su_asesor += alta.dueno is None
            altas.append(alta)
        resultado.errores.extend(
            Rechazo(contacto.numero, e.campo, e.motivo.rstrip("."), contacto.nombre, contacto.linea) for e in errores
        )
        if progreso is not None and (i % 200 == 0 or i == total):
            progreso("Revisando", i, total)
    if not forzar:
        altas = _duplicados(ctx, altas, resultado)
    resultado.agregados = [(a.contacto.numero, a.nombre) for a in altas]
    if not simular and altas:
        resultado.ids = _escribir(ctx, dueno, altas, progreso)
    return resultado


def _ya_estan(ctx: Contexto, contactos: Sequence[Contacto]) -> set[int]:
    """The rows (or cards) that a3 exported from this database: the client with the id
    they carry is here, with the same name (or merged into another)."""
    por_id = {c.a3_id: c for c in contactos if c.a3_id is not None}
    aqui: set[int] = set()
    for lote in _lotes(sorted(por_id)):
        for cliente_id, nombre_orden, fusionado in ctx.session.exec(
            select(Cliente.id, Cliente.nombre_orden, Cliente.fusionado_en_id).where(col(Cliente.id).in_(lote))
        ).all():
            contacto = por_id[cliente_id or 0]
            if fusionado is not None or nombre_orden == domain.nombre_orden(contacto.nombre or ""):
                aqui.add(contacto.numero)
    return aqui


def _dueno_de_fila(ctx: Contexto, login: str, vistos: dict[str, Asesor | None]) -> Asesor | None:
    """The advisor a row of a3's export names, when the importer may give them the client
    (``_dueno``'s rule: oneself, or a coordinator's active advisor of the same plaza);
    None otherwise."""
    if login not in vistos:
        try:
            vistos[login] = _dueno(ctx, login)
        except (SinPermiso, NoEncontrado, DatoInvalido):
            vistos[login] = None
    return vistos[login]


def _auditado(fila: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields of a new row as the audit hook records an «alta» (``auditoria._cambios``):
    every value but the id, the bookkeeping ones and the empty ones, as [None, value]."""
    from a3tui.services import auditoria

    return {
        k: [None, auditoria._valor(v)]
        for k, v in fila.items()
        if k != "id" and k not in auditoria.SIN_AUDITAR and v is not None and v != ""
    }


def _tabla(modelo: type[Any]) -> Table:
    tabla = sa_inspect(modelo).local_table
    assert isinstance(tabla, Table)
    return tabla


def _escribir(ctx: Contexto, dueno: Asesor, altas: list[_Alta], progreso: Progreso | None) -> list[int]:
    """Insert the clients (the row ``clientes.add`` builds), their phones, search terms and
    notes, a batch at a time, with the audit rows ``clientes.add`` would leave: one «alta»
    per client with its phones, and one per note."""
    from sqlalchemy import insert

    from a3tui.models import ClienteTermino
    from a3tui.services import auditoria

    assert dueno.id is not None
    # Core inserts of plain rows: the ORM's per-object work is most of the time otherwise.
    tabla_cliente = _tabla(Cliente)
    tabla_nota = _tabla(Nota)
    ids: list[int] = []
    hechos = 0
    for lote in _lotes(altas):
        filas = [
            {
                # In the order of the table's columns, as the audit hook lists them.
                "nombre": a.nombre,
                "nombre_orden": domain.nombre_orden(a.nombre),
                "email": a.email,
                "direccion": a.direccion,
                "primer_contacto": a.primer_contacto,
                "origen": a.origen,
                "referido_por_id": None,
                "asesor_id": (a.dueno or dueno).id,
                "plaza": (a.dueno or dueno).plaza,
                "etapa": a.etapa,
                "temperatura": a.temperatura,
                "motivo_cancelacion": a.motivo_cancelacion,
                "curp": a.curp,
                "rfc": a.rfc,
                "ultima_actividad": None,
                "proximo_contacto": domain.proximo_contacto(
                    a.etapa, a.temperatura, None, a.primer_contacto, ctx.cadencia
                ),
                "fecha_apartado": a.fecha_apartado,
                "fusionado_en_id": None,
                "creado": ctx.ahora,
                "actualizado": ctx.ahora,
            }
            for a in lote
        ]
        nuevos = list(
            ctx.session.execute(
                insert(tabla_cliente).returning(tabla_cliente.c.id, sort_by_parameter_order=True), filas
            ).scalars()
        )
        telefonos: list[dict[str, Any]] = []
        terminos: list[dict[str, Any]] = []
        notas: list[dict[str, Any]] = []
        for a, fila, cliente_id in zip(lote, filas, nuevos, strict=True):
            telefonos.extend({"cliente_id": cliente_id, "numero": n, "orden": i} for i, n in enumerate(a.numeros))
            terminos.extend(
                {"termino": t, "cliente_id": cliente_id} for t in domain.terminos_busqueda(a.nombre, a.email, a.numeros)
            )
            if a.nota:
                notas.append(
                    {"cliente_id": cliente_id, "asesor_id": ctx.asesor_id, "texto": a.nota, "creado": ctx.ahora}
                )
            cambios = _auditado(fila)
            if a.numeros:
                cambios["telefonos"] = [None, ", ".join(a.numeros)]
            auditoria.registrar(
                ctx, "alta", "cliente", cliente_id, cliente_id=cliente_id,
                detalle=json.dumps(cambios, ensure_ascii=False),
            )  # fmt: skip
        if telefonos:
            ctx.session.execute(insert(_tabla(Telefono)), telefonos)
        if terminos:
            ctx.session.execute(insert(_tabla(ClienteTermino)), terminos)
        if notas:
            ids_notas = ctx.session.execute(
                insert(tabla_nota).returning(tabla_nota.c.id, sort_by_parameter_order=True), notas
            ).scalars()
            for nota, nota_id in zip(notas, ids_notas, strict=True):
                auditoria.registrar(
                    ctx, "alta", "nota", nota_id, cliente_id=nota["cliente_id"],
                    detalle=json.dumps(_auditado(nota), ensure_ascii=False),
                )  # fmt: skip
        ids.extend(nuevos)
        hechos += len(lote)
        if progreso is not None:
            progreso("Guardando", hechos, len(altas))
    return ids


# ---------------------------------------------------------------- the bad-row report


def ruta_del_reporte(archivo: Path) -> Path:
    """Where the report of ``contactos.xlsx`` goes: ``contactos.errores.csv`` beside it,
    or ``contactos.errores-2.csv``… when that exists (never over another file)."""
    from a3tui.store import archivo_nuevo

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


# ---------------------------------------------------------------- WhatsApp


MARCA_WHATSAPP = "Importado de un chat de WhatsApp"
_MARCA = re.compile(rf"^{re.escape(MARCA_WHATSAPP)} \((\d+) mensajes?\)\.$")
_CONTENIDO_MAXIMO = 5000  # actividades' limit for a message's content
_TELEFONO_EN_TEXTO = re.compile(r"(?<!\d)(?:\+?52[\s.-]*(?:1[\s.-]*)?)?(?:\d[\s.()-]*){9}\d(?!\d)")


@dataclass
class ResultadoChat:
    """What importing a chat did (or would do): the client, who is who, the days."""

    cliente: Cliente
    remitente_cliente: str | None
    remitente_asesor: str | None
    nuevos: list[date] = field(default_factory=list)
    actualizados: list[date] = field(default_factory=list)
    ya_importados: list[date] = field(default_factory=list)
    mensajes: int = 0  # messages brought in (a completed day counts its new ones)
    problemas: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def _telefonos_en(texto: str) -> list[str]:
    numeros: list[str] = []
    for encontrado in _TELEFONO_EN_TEXTO.findall(texto):
        try:
            numero = domain.normalize_telefono(encontrado)
        except DatoInvalido:
            continue
        if numero not in numeros:
            numeros.append(numero)
    return numeros


def _clientes_con_telefono(ctx: Contexto, numeros: Sequence[str]) -> list[Cliente]:
    if not numeros:
        return []
    return list(
        ctx.session.exec(
            select(Cliente)
            .where(
                col(Cliente.id).in_(select(Telefono.cliente_id).where(col(Telefono.numero).in_(numeros))),
                clientes.scope(ctx),
            )
            .order_by(col(Cliente.id))
        ).all()
    )


def _cliente_del_chat(ctx: Contexto, chat: Chat, ref: str | None) -> Cliente:
    """The client a chat is with: ``ref``, else the name in the file's name, else a phone
    that appears in the chat (a sender saved as a number, or one written in a message)."""
    if ref is not None and ref.strip():
        return clientes.resolve(ctx, ref)
    nombre = chat.nombre_en_archivo
    if nombre and not _telefonos_en(nombre):
        try:
            return clientes.resolve(ctx, nombre)
        except ReferenciaAmbigua as error:
            ambigua = ReferenciaAmbigua(
                f"El chat es con «{nombre}», que coincide con varios clientes.", error.candidatos
            )
            ambigua.pista_cli = "indica cuál con --cliente ID."
            raise ambigua from None
        except ClienteNoEncontrado:
            pass
    fuentes = [nombre or "", *dict.fromkeys(m.remitente for m in chat.mensajes), *(m.texto for m in chat.mensajes)]
    for fuente in fuentes:
        encontrados = _clientes_con_telefono(ctx, _telefonos_en(fuente))
        if len(encontrados) == 1:
            return encontrados[0]
        if len(encontrados) > 1:
            lista = "; ".join(f"{c.id} {c.nombre}" for c in encontrados[:5])
            ambigua = ReferenciaAmbigua(
                f"Un teléfono del chat es de varios clientes ({lista}).",
                [(c.id, c.nombre) for c in encontrados[:5] if c.id is not None],
            )
            ambigua.pista_cli = "indica cuál con --cliente ID."
            raise ambigua
    que = f"a «{nombre}» (el nombre del archivo)" if nombre else "el nombre del cliente en el nombre del archivo"
    raise ClienteNoEncontrado(
        f"No encontré {que} entre tus clientes, ni un teléfono del chat que sea de uno.",
        pista_cli="indica el cliente con --cliente REF.",
    )


def _parecido(remitente: str, nombre: str) -> bool:
    """«Juan» or «Juan Pérez G.» is «Juan Pérez García»: one's words are the other's."""
    a, b = set(domain.words(remitente)), set(domain.words(nombre))
    return bool(a and b) and (a <= b or b <= a)


def _quien_es_quien(
    ctx: Contexto, chat: Chat, cliente: Cliente, yo: str | None
) -> tuple[str | None, set[str], str | None]:
    """(the advisor's sender name, the senders on the client's side, the client's sender).
    The advisor is ``yo``, or the sender named like the advisor, or the other one of two
    when the client is known; anyone else writes for the client (a couple in a group)."""
    cuenta: dict[str, int] = {}
    for m in chat.mensajes:
        cuenta[m.remitente] = cuenta.get(m.remitente, 0) + 1
    remitentes = sorted(cuenta, key=lambda r: (-cuenta[r], r))
    numeros = set(clientes.telefonos_de(ctx, cliente))
    del_cliente = next(
        (
            r
            for r in remitentes
            if (chat.nombre_en_archivo and domain.nombre_orden(r) == domain.nombre_orden(chat.nombre_en_archivo))
            or set(_telefonos_en(r)) & numeros
            or domain.nombre_orden(r) == cliente.nombre_orden
        ),
        None,
    ) or next((r for r in remitentes if _parecido(r, cliente.nombre)), None)
    asesor: str | None = None
    if yo is not None and yo.strip():
        asesor = next((r for r in remitentes if domain.nombre_orden(r) == domain.nombre_orden(yo)), None) or next(
            (r for r in remitentes if _parecido(r, yo)), None
        )
        if asesor is None:
            raise DatoInvalido(f"«{yo}» no escribe en este chat; quienes escriben son: {', '.join(remitentes)}.")
    else:
        candidatos = [r for r in remitentes if r != del_cliente and _parecido(r, ctx.asesor.nombre)]
        asesor = candidatos[0] if candidatos else None
    if asesor is None and del_cliente is not None:
        # The most frequent other sender is the advisor (the phone's owner writes the most).
        asesor = next((r for r in remitentes if r != del_cliente), None)
    if asesor is None and del_cliente is None:
        raise DatoInvalido(
            f"No sé quién eres tú en el chat (escriben: {', '.join(remitentes)}).",
            pista_cli="indícalo con --yo y tu nombre como aparece en el chat.",
        )
    lado_cliente = {r for r in remitentes if r != asesor}
    if del_cliente == asesor:
        del_cliente = None
    return asesor, lado_cliente, del_cliente


def _contenido(mensajes: Sequence[Mensaje]) -> str:
    """A day's messages, one per line («10:15 Juan Pérez: Hola»), cut to what an
    activity holds with a line that says how many were left out."""
    lineas = [f"{m.momento:%H:%M} {m.remitente}: {m.texto}" for m in mensajes]
    texto = "\n".join(lineas)
    if len(texto) <= _CONTENIDO_MAXIMO:
        return texto
    cabe: list[str] = []
    largo = 0
    for i, linea in enumerate(lineas):
        cola = f"\n… y {len(lineas) - i} mensajes más de ese día (están en el chat)."
        if largo + len(linea) + 1 + len(cola) > _CONTENIDO_MAXIMO:
            return "\n".join(cabe) + cola
        cabe.append(linea)
        largo += len(linea) + 1
    return "\n".join(cabe)


def _ya_importados(ctx: Contexto, cliente: Cliente) -> dict[date, tuple[Actividad, int]]:
    """The client's days imported from a chat before, each with how many messages it had
    (the activity's note carries the mark and the count)."""
    dias: dict[date, tuple[Actividad, int]] = {}
    for actividad in ctx.session.exec(
        select(Actividad).where(
            col(Actividad.cliente_id) == cliente.id,
            col(Actividad.tipo) == TipoActividad.MENSAJE,
            col(Actividad.nota).startswith(MARCA_WHATSAPP, autoescape=True),
        )
    ).all():
        encontrado = _MARCA.match(actividad.nota or "")
        if encontrado:
            n = int(encontrado.group(1))
            previo = dias.get(actividad.fecha.date())
            if previo is None or previo[1] < n:
                dias[actividad.fecha.date()] = (actividad, n)
    return dias


def importar_whatsapp(
    ctx: Contexto, chat: Chat, *, cliente: str | None = None, yo: str | None = None, simular: bool = False
) -> ResultadoChat:
    """Bring a WhatsApp chat into a client's history: one «mensaje» activity per day of
    conversation, its messages as content, «respondió» when the client wrote that day.

    The client is ``cliente`` (a REF), else the name in the file's name, else a phone in
    the chat. A day imported before is left alone, or completed if the chat now has more
    of its messages, so importing the chat again adds only what is new. A day that can't
    be logged (a date in the future) is one of ``problemas``; ``simular`` writes nothing.

    Raises ClienteNoEncontrado, ReferenciaAmbigua, or DatoInvalido when it can't tell the
    advisor from the client (``yo`` names the advisor as the chat does).
    """
    from a3tui.services import actividades

    destinatario = _cliente_del_chat(ctx, chat, cliente)
    asesor, lado_cliente, del_cliente = _quien_es_quien(ctx, chat, destinatario, yo)
    resultado = ResultadoChat(destinatario, del_cliente, asesor, problemas=list(chat.problemas))
    por_dia: dict[date, list[Mensaje]] = {}
    for m in sorted(chat.mensajes, key=lambda m: (m.momento, m.linea)):
        por_dia.setdefault(m.momento.date(), []).append(m)
    previos = _ya_importados(ctx, destinatario)
    for dia, mensajes in por_dia.items():
        n = len(mensajes)
        marca = f"{MARCA_WHATSAPP} ({n} mensaje{'s' if n != 1 else ''})."
        contenido = _contenido(mensajes)
        respondio = any(m.remitente in lado_cliente for m in mensajes)
        momento = mensajes[-1].momento
        previo = previos.get(dia)
        if previo is not None and previo[1] >= n:
            resultado.ya_importados.append(dia)
            continue
        try:
            actividades._fecha(ctx, momento)
            domain.texto(contenido, "El contenido", maximo=_CONTENIDO_MAXIMO, multilinea=True)
        except DatoInvalido as error:
            resultado.problemas.append((mensajes[0].linea, f"el día {dia:%d/%m/%Y}: {error.mensaje.rstrip('.')}"))
            continue
        resultado.mensajes += n - (previo[1] if previo is not None else 0)
        if previo is None:
            resultado.nuevos.append(dia)
            if not simular:
                actividades.mensaje(
                    ctx, destinatario, contenido=contenido, respondio=respondio, nota=marca, fecha=momento
                )
            continue
        resultado.actualizados.append(dia)
        if not simular:
            actividad = previo[0]
            actividad.contenido = domain.texto(contenido, "El contenido", maximo=_CONTENIDO_MAXIMO, multilinea=True)
            actividad.respondio = respondio
            actividad.nota = marca
            actividad.fecha = momento
            ctx.session.add(actividad)
            clientes.record_contacto(ctx, destinatario, momento)
            ctx.session.flush()
    return resultado


# ---------------------------------------------------------------- vCard export


def _telefono_para_vcard(numero: str) -> str:
    """A phone as a phone reads it from anywhere: «+52 81 2345 6789»."""
    return f"+52 {domain.format_telefono(numero)}"


# How a command that offers it replaces an existing file.
PISTA_SOBRESCRIBIR = "usa --sobrescribir para reemplazarlo."


def exportar_vcard(
    ctx: Contexto, destino: Path, filtro: clientes.Filtro | None = None, *, sobrescribir: bool = False
) -> int:
    """Write the clients of ``filtro`` (default: the advisor's portfolio) to ``destino`` as
    vCard 3.0, one card per client with every phone, the e-mail and the address; return
    how many. Reads the clients a page at a time. Written as ``store.escribir_archivo``
    writes every output: a file appears whole or not at all, readable only by its owner;
    ``-``, a FIFO or a device are written in place.

    Raises ArchivoInvalido for a folder that does not exist, a destination that is a
    folder or exists (unless ``sobrescribir``), or a disk that refuses the file.
    """
    from a3tui.importers import vcard
    from a3tui.store import es_salida_estandar, escribir_archivo

    destino = destino.expanduser()
    if not es_salida_estandar(destino) and destino.is_dir():
        raise ArchivoInvalido(
            f"{destino} es una carpeta; indica el nombre del archivo, p. ej. {destino / 'clientes.vcf'}."
        )
    filtro = filtro or clientes.Filtro()
    total = 0

    def escribir(archivo: BinaryIO) -> None:
        nonlocal total
        offset = 0
        while True:
            pagina = clientes.list_(ctx, filtro, offset=offset, limit=_LOTE)
            if not pagina:
                break
            ids = [f.id for f in pagina]
            telefonos: dict[int, list[str]] = {}
            for cliente_id, numero in ctx.session.exec(
                select(Telefono.cliente_id, Telefono.numero)
                .where(col(Telefono.cliente_id).in_(ids))
                .order_by(col(Telefono.cliente_id), col(Telefono.orden))
            ).all():
                telefonos.setdefault(cliente_id, []).append(_telefono_para_vcard(numero))
            direcciones = dict(
                ctx.session.exec(
                    select(Cliente.id, Cliente.direccion).where(
                        col(Cliente.id).in_(ids), col(Cliente.direccion).is_not(None)
                    )
                ).all()
            )
            for f in pagina:
                tarjeta = vcard.tarjeta_30(
                    f.nombre, telefonos.get(f.id, []), f.email, direcciones.get(f.id), f"a3-cliente-{f.id}"
                )
                archivo.write(tarjeta.encode("utf-8"))
            total += len(pagina)
            offset += len(pagina)

    escribir_archivo(destino, escribir, sobrescribir=sobrescribir, pista_cli=PISTA_SOBRESCRIBIR)
    return total

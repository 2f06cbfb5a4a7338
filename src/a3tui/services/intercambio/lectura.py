"""Contacts as read from a file, before any rule: a spreadsheet's columns (named in Spanish
or English, with or without accents), a phone's address book, and a3's own exports
(recognised by their columns and UIDs, so they restore what they exported).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from a3tui import domain
from a3tui.domain import Origen
from a3tui.errors import (
    ArchivoInvalido,
    DatoInvalido,
)

if TYPE_CHECKING:
    from a3tui.importers.hoja import Hoja
    from a3tui.importers.vcard import Agenda

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

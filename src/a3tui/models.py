"""Tables of a3: every entity of its domain (ARCHITECTURE.md §1).

Enum-valued columns hold the Spanish value as text (``"frío"``, ``"contestó-interesado"``)
and give it back as the enum of ``a3tui.domain`` (``cliente.etapa is Etapa.PROSPECTO``):
values are parsed once, where they enter, and compared as enums everywhere else. Dates
and times are naive local time: an advisor's "hoy" is the wall clock of their office.
Money is kept in whole centavos so that SQLite and PostgreSQL add it up the same way.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import Dialect, Index, LargeBinary, text
from sqlalchemy import false as sa_false
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import AutoString

from a3tui.domain import (
    EstadoApartado,
    EstadoCaso,
    EstadoPropiedad,
    EstadoTransferencia,
    Etapa,
    EventoSistema,
    LugarReunion,
    MedioEnvio,
    Origen,
    Prioridad,
    PrioridadCaso,
    ResultadoLlamada,
    ResultadoReunion,
    Rol,
    Temperatura,
    TipoActividad,
    TipoCaso,
    TipoDocumento,
    Valor,
)


class Enumerado(TypeDecorator[Valor]):
    """A column of Spanish enum values: stored as their text, read back as the enum.

    With several enums (a result is a call's or a meeting's), the stored text says which:
    their values never repeat across them.
    """

    impl = AutoString
    cache_ok = True

    def __init__(self, *enums: type[Valor]) -> None:
        super().__init__()
        self.enums = enums

    def _parse(self, value: str) -> Valor:
        for enum in self.enums:
            try:
                return enum(value)
            except ValueError:
                continue
        raise ValueError(f"{value!r} is not a value of {', '.join(e.__name__ for e in self.enums)}")

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self._parse(value.value if isinstance(value, Valor) else str(value)).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Valor | None:
        return None if value is None else self._parse(value)


def _enum(*enums: type[Valor]) -> Any:
    return Enumerado(*enums)


class Tabla(SQLModel):
    """Base of every table. Pydantic builds a table's validator and serializer the first
    time one is used rather than when the class is defined: a table row is built without
    validation (SQLModel's rule for ``table=True``), so most commands never use them, and
    every command imports all the tables (issue 14: ~45 ms of each start-up)."""

    # A plain dict: its type, SQLModelConfig, lives in the private sqlmodel._compat.
    model_config = {"defer_build": True}


class Asesor(Tabla, table=True):
    __tablename__ = "asesor"

    id: int | None = Field(default=None, primary_key=True)
    nombre: str
    login: str = Field(unique=True, index=True)
    rol: Rol = Field(default=Rol.ASESOR, sa_type=_enum(Rol))
    plaza: str = "General"
    # 10 digits; printed on the technical sheets the advisor sends.
    telefono: str | None = None
    activo: bool = True
    creado: NaiveDatetime


class Cliente(Tabla, table=True):
    __tablename__ = "cliente"
    # Lists and counts only look at live records (not merged away), so the indexes are
    # partial on that condition and carry the columns their queries read, so a count at
    # 100,000 clients never touches the table. Only SQLite's condition is declared here: a
    # ``postgresql_where`` makes SQLAlchemy import its PostgreSQL dialect to check the
    # keyword, ~20 ms of every command; the migrations make PostgreSQL's indexes partial
    # the same way (test_los_indices_parciales_tambien_lo_son_en_postgresql).
    # PostgreSQL also has a plain ``ix_cliente_asesor`` (migration 0010), for its row-level
    # policies, which see merged records too; it is not declared here because SQLite has no
    # policies and no use for it.
    __table_args__ = (
        *(
            Index(
                f"ix_cliente_{quien}_{nombre}",
                quien_columna,
                *columnas,
                sqlite_where=text("fusionado_en_id IS NULL"),
            )
            for quien, quien_columna in (("asesor", "asesor_id"), ("plaza", "plaza"))
            for nombre, columnas in (
                ("nombre", ("nombre_orden",)),
                ("proximo", ("proximo_contacto", "nombre_orden")),
                ("seguimiento", ("etapa", "ultima_actividad", "primer_contacto", "proximo_contacto")),
                ("apartado", ("fecha_apartado", "primer_contacto")),
                ("primer", ("primer_contacto",)),
            )
        ),
        # The few records merged into another: the ficha of the survivor shows their history.
        Index(
            "ix_cliente_fusionado_en",
            "fusionado_en_id",
            sqlite_where=text("fusionado_en_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    nombre: str
    # Folded name (no accents, lower case) for sorting and exact-name lookups.
    nombre_orden: str
    email: str | None = Field(default=None, index=True)
    direccion: str | None = None
    primer_contacto: date
    origen: Origen | None = Field(default=None, sa_type=_enum(Origen))
    referido_por_id: int | None = Field(default=None, foreign_key="cliente.id", index=True)
    asesor_id: int = Field(foreign_key="asesor.id")
    plaza: str = "General"
    etapa: Etapa = Field(default=Etapa.PROSPECTO, sa_type=_enum(Etapa))
    temperatura: Temperatura | None = Field(default=None, sa_type=_enum(Temperatura))
    motivo_cancelacion: str | None = None
    # Mexican identifiers, checked (format and check digit) when given; required only as
    # far as the escritura gate asks for them.
    curp: str | None = None
    rfc: str | None = None
    # Kept by the services on every activity and stage change so lists can sort and
    # filter by follow-up without aggregating the activity table.
    ultima_actividad: NaiveDatetime | None = None
    proximo_contacto: date | None = None
    fecha_apartado: date | None = None
    # Set when this record was merged into another one (the survivor).
    fusionado_en_id: int | None = Field(default=None, foreign_key="cliente.id")
    creado: NaiveDatetime
    actualizado: NaiveDatetime


class Telefono(Tabla, table=True):
    __tablename__ = "telefono"

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id", index=True)
    # 10-digit national number, digits only.
    numero: str = Field(index=True)
    orden: int = 0


class ClienteTermino(Tabla, table=True):
    """Search index: one row per folded word, e-mail or phone suffix of a client."""

    __tablename__ = "cliente_termino"

    termino: str = Field(primary_key=True)
    cliente_id: int = Field(primary_key=True, foreign_key="cliente.id", index=True)


class Actividad(Tabla, table=True):
    __tablename__ = "actividad"
    __table_args__ = (
        # Both cover the month's counts and the response-time look-ups (migration 0015).
        Index("ix_actividad_cliente_fecha", "cliente_id", "fecha", "entrante", "tipo"),
        Index("ix_actividad_asesor_fecha", "asesor_id", "fecha", "tipo", "entrante", "cliente_id"),
        Index("ix_actividad_cliente_tipo_fecha", "cliente_id", "tipo", "fecha"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    tipo: TipoActividad = Field(sa_type=_enum(TipoActividad))
    fecha: NaiveDatetime
    nota: str | None = None
    # llamada
    duracion_min: int | None = None
    # llamada and reunión
    resultado: ResultadoLlamada | ResultadoReunion | None = Field(
        default=None, sa_type=_enum(ResultadoLlamada, ResultadoReunion)
    )
    # reunión
    lugar: LugarReunion | None = Field(default=None, sa_type=_enum(LugarReunion))
    siguientes_pasos: str | None = None
    # llamada, mensaje and email: the client called or wrote (not the advisor)
    entrante: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    # mensaje and email
    contenido: str | None = None
    asunto: str | None = None
    respondio: bool | None = None
    # sistema: which event, and a readable detail ("prospecto → apartado"); only system
    # entries have them (the properties shown in a meeting are its PropiedadMostrada rows)
    evento: EventoSistema | None = Field(default=None, sa_type=_enum(EventoSistema))
    detalle: str | None = None
    creado: NaiveDatetime


class Nota(Tabla, table=True):
    __tablename__ = "nota"
    __table_args__ = (Index("ix_nota_cliente_creado", "cliente_id", "creado"),)

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    texto: str
    creado: NaiveDatetime


class Tarea(Tabla, table=True):
    __tablename__ = "tarea"
    __table_args__ = (
        Index("ix_tarea_asesor_hecha_vence", "asesor_id", "hecha", "vence"),
        Index("ix_tarea_cliente", "cliente_id", "hecha", "vence"),
    )

    id: int | None = Field(default=None, primary_key=True)
    descripcion: str
    vence: date
    hora: time | None = None
    prioridad: Prioridad = Field(default=Prioridad.MEDIA, sa_type=_enum(Prioridad))
    recordatorio: bool = True
    hecha: bool = False
    hecha_en: NaiveDatetime | None = None
    cliente_id: int | None = Field(default=None, foreign_key="cliente.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    creado: NaiveDatetime
    # an appointment: a meeting with the client at ``vence`` ``hora``, in ``lugar``, to show
    # the properties of ``propiedades`` (their keys, separated by commas)
    cita: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    lugar: LugarReunion | None = Field(default=None, sa_type=_enum(LugarReunion))
    propiedades: str | None = None
    # The activity this task follows up («llamar el viernes»): while pending, its date is the
    # client's next contact (domain.proximo_contacto).
    actividad_id: int | None = Field(default=None, foreign_key="actividad.id")


class Propiedad(Tabla, table=True):
    __tablename__ = "propiedad"
    __table_args__ = (Index("ix_propiedad_estado_desarrollo", "estado", "desarrollo"),)

    id: int | None = Field(default=None, primary_key=True)
    clave: str = Field(unique=True, index=True)
    desarrollo: str
    modelo: str | None = None
    precio_centavos: int | None = None
    recamaras: int | None = None
    plantas: int | None = None
    m2: float | None = None
    direccion: str | None = None
    plaza: str = "General"
    estado: EstadoPropiedad = Field(default=EstadoPropiedad.DISPONIBLE, sa_type=_enum(EstadoPropiedad))
    creado: NaiveDatetime
    actualizado: NaiveDatetime | None = None


class PropiedadTermino(Tabla, table=True):
    """Search index of the inventory: one row per folded word of a property's key,
    development, model and address (and the whole key)."""

    __tablename__ = "propiedad_termino"

    termino: str = Field(primary_key=True)
    propiedad_id: int = Field(primary_key=True, foreign_key="propiedad.id", index=True)


class PropiedadMostrada(Tabla, table=True):
    __tablename__ = "propiedad_mostrada"
    __table_args__ = (
        Index("ix_mostrada_cliente_fecha", "cliente_id", "fecha"),
        Index("ix_mostrada_propiedad", "propiedad_id"),
        Index("ix_mostrada_actividad", "actividad_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    propiedad_id: int = Field(foreign_key="propiedad.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    actividad_id: int | None = Field(default=None, foreign_key="actividad.id")
    fecha: NaiveDatetime
    medio: MedioEnvio = Field(sa_type=_enum(MedioEnvio))


class Apartado(Tabla, table=True):
    __tablename__ = "apartado"
    __table_args__ = (
        Index("ix_apartado_cliente", "cliente_id", "fecha"),
        Index("ix_apartado_propiedad_estado", "propiedad_id", "estado"),
        # One live reservation per property, enforced by the database too (two advisors
        # reserving the same unit at once: the second is refused, not both kept).
        Index(
            "ux_apartado_propiedad_activo",
            "propiedad_id",
            unique=True,
            sqlite_where=text("estado = 'activo'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    propiedad_id: int = Field(foreign_key="propiedad.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    fecha: date
    monto_centavos: int
    estado: EstadoApartado = Field(default=EstadoApartado.ACTIVO, sa_type=_enum(EstadoApartado))
    motivo_cancelacion: str | None = None
    fecha_escritura: date | None = None
    fecha_entrega: date | None = None
    # Why a coordinator let it be escriturado with documents missing (the gate's override).
    motivo_excepcion: str | None = None
    creado: NaiveDatetime
    actualizado: NaiveDatetime


class Documento(Tabla, table=True):
    """A client's document; its bytes are in ``DocumentoArchivo`` (read only when opened)."""

    __tablename__ = "documento"
    __table_args__ = (
        Index("ix_documento_cliente", "cliente_id", "subido"),
        # The same file given twice for a client is recognised (and refused).
        Index("ux_documento_cliente_sha256", "cliente_id", "sha256", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    apartado_id: int | None = Field(default=None, foreign_key="apartado.id", index=True)
    tipo: TipoDocumento = Field(sa_type=_enum(TipoDocumento))
    nombre_archivo: str
    # pdf, jpeg or png, from the file's content.
    formato: str
    sha256: str
    tamano: int
    # The date printed on the document (a proof of address is valid for three months).
    fecha_documento: date | None = None
    subido: NaiveDatetime
    asesor_id: int = Field(foreign_key="asesor.id")


class DocumentoArchivo(Tabla, table=True):
    """The stored copy of a document, in the database: it is written in the same
    transaction as its record, travels with every backup and restore, and (in team mode)
    is protected by the same rules as the client it belongs to."""

    __tablename__ = "documento_archivo"

    documento_id: int = Field(primary_key=True, foreign_key="documento.id")
    datos: bytes = Field(sa_type=LargeBinary)


class PasoEtapa(Tabla, table=True):
    """A step of a stage's checklist ticked (or unticked) by hand (seed: «Qué hacer»)."""

    __tablename__ = "paso_etapa"

    cliente_id: int = Field(primary_key=True, foreign_key="cliente.id")
    etapa: Etapa = Field(primary_key=True, sa_type=_enum(Etapa))
    clave: str = Field(primary_key=True)
    hecho: bool
    asesor_id: int = Field(foreign_key="asesor.id")
    fecha: NaiveDatetime


class Transferencia(Tabla, table=True):
    """A client moving from one advisor to another: requested by an advisor (waits for a
    coordinator) or done by a coordinator at once."""

    __tablename__ = "transferencia"
    __table_args__ = (
        Index("ix_transferencia_cliente", "cliente_id", "solicitada_en"),
        Index("ix_transferencia_estado", "estado", "solicitada_en"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    de_asesor_id: int = Field(foreign_key="asesor.id")
    a_asesor_id: int = Field(foreign_key="asesor.id")
    motivo: str
    estado: EstadoTransferencia = Field(default=EstadoTransferencia.SOLICITADA, sa_type=_enum(EstadoTransferencia))
    solicitada_por_id: int = Field(foreign_key="asesor.id")
    resuelta_por_id: int | None = Field(default=None, foreign_key="asesor.id")
    solicitada_en: NaiveDatetime
    resuelta_en: NaiveDatetime | None = None
    # Why a coordinator turned it down.
    motivo_rechazo: str | None = None


class Suplencia(Tabla, table=True):
    """While ``titular`` is away (``desde``–``hasta``, both included), ``suplente`` sees and
    works the titular's clients; each activity records who did it."""

    __tablename__ = "suplencia"
    __table_args__ = (Index("ix_suplencia_suplente", "suplente_id", "hasta"),)

    id: int | None = Field(default=None, primary_key=True)
    titular_id: int = Field(foreign_key="asesor.id", index=True)
    suplente_id: int = Field(foreign_key="asesor.id")
    desde: date
    hasta: date
    motivo: str | None = None
    creada_por_id: int = Field(foreign_key="asesor.id")
    creada: NaiveDatetime


class Auditoria(Tabla, table=True):
    """Append-only log of every change: who, when, what, and the fields before → after
    (``detalle``, JSON). Never updated or deleted (the database refuses it)."""

    __tablename__ = "auditoria"
    __table_args__ = (
        Index("ix_auditoria_entidad", "entidad", "entidad_id"),
        Index("ix_auditoria_cliente_fecha", "cliente_id", "fecha"),
    )

    id: int | None = Field(default=None, primary_key=True)
    fecha: NaiveDatetime = Field(index=True)
    asesor_id: int | None = Field(default=None, foreign_key="asesor.id")
    accion: str
    entidad: str
    entidad_id: int | None = None
    # The client the change belongs to (for a client's «Cambios»), if any.
    cliente_id: int | None = None
    detalle: str | None = None


class Ajuste(Tabla, table=True):
    """Per-database settings (e.g. ``cadencia.prospecto/caliente`` = ``3``)."""

    __tablename__ = "ajuste"

    clave: str = Field(primary_key=True)
    valor: str


class Caso(Tabla, table=True):
    """A service case of a client (a complaint, a warranty claim…): its folio is
    ``C-<year opened>-<id>`` (``domain.format_folio``); it is never deleted, only closed."""

    __tablename__ = "caso"
    __table_args__ = (
        # The open cases by due time (the lists of what is late), and a client's cases.
        Index("ix_caso_estado_vence", "estado", "vence"),
        Index("ix_caso_cliente_abierto", "cliente_id", "abierto"),
        Index("ix_caso_asesor_estado_vence", "asesor_id", "estado", "vence"),
        # SQLite hands out a deleted row's id again without it; a folio names one case ever.
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    cliente_id: int = Field(foreign_key="cliente.id")
    # The property the case is about (a warranty claim on the home delivered), if any.
    propiedad_id: int | None = Field(default=None, foreign_key="propiedad.id")
    # Who attends it: the client's advisor when it is opened; a coordinator reassigns it.
    asesor_id: int = Field(foreign_key="asesor.id")
    # Who opened it.
    abierto_por_id: int = Field(foreign_key="asesor.id")
    tipo: TipoCaso = Field(sa_type=_enum(TipoCaso))
    prioridad: PrioridadCaso = Field(default=PrioridadCaso.NORMAL, sa_type=_enum(PrioridadCaso))
    estado: EstadoCaso = Field(default=EstadoCaso.ABIERTO, sa_type=_enum(EstadoCaso))
    descripcion: str
    resolucion: str | None = None
    abierto: NaiveDatetime
    # When it is due (opened or reopened + the SLA of its tipo).
    vence: NaiveDatetime
    resuelto: NaiveDatetime | None = None
    cerrado: NaiveDatetime | None = None
    # How many times it was reopened.
    reaperturas: int = 0
    actualizado: NaiveDatetime


class CasoNota(Tabla, table=True):
    """A note of a case's follow-up (what was done, what the client said)."""

    __tablename__ = "caso_nota"
    __table_args__ = (
        Index("ix_caso_nota_caso_creado", "caso_id", "creado"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    caso_id: int = Field(foreign_key="caso.id")
    # The case's client (row-level security and the audit find it without a join).
    cliente_id: int = Field(foreign_key="cliente.id")
    asesor_id: int = Field(foreign_key="asesor.id")
    texto: str
    creado: NaiveDatetime


__all__ = [
    "Actividad",
    "Ajuste",
    "Apartado",
    "Asesor",
    "Auditoria",
    "Caso",
    "CasoNota",
    "Cliente",
    "ClienteTermino",
    "Documento",
    "DocumentoArchivo",
    "Nota",
    "PasoEtapa",
    "Propiedad",
    "PropiedadMostrada",
    "Tarea",
    "Telefono",
    "Transferencia",
]

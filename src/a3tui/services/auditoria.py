"""The audit: one row per change of a client, activity, note, task, reservation, document,
service case, transfer, suplencia, advisor, property or setting — who, when, what, and the fields
before → after — written in the same transaction as the change, so a change that is
rolled back (a refusal) leaves no audit row either.

Rows are written by a SQLAlchemy ``after_flush`` hook from the ORM's own record of what
changed (no service can forget one); services add rows for what the ORM can't see
(``registrar``: a transfer's decision, a merge, a phone list). Rows are queued per
transaction, one per changed record however many flushes it took, and written just
before the commit. a3 never updates or deletes
an audit row, and the database refuses it (migration 0006).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col, select

from a3tui import domain, store_pg
from a3tui.models import (
    Actividad,
    Ajuste,
    Apartado,
    Asesor,
    Auditoria,
    Caso,
    CasoNota,
    Cliente,
    Documento,
    Nota,
    PasoEtapa,
    Propiedad,
    PropiedadMostrada,
    Suplencia,
    Tarea,
    Transferencia,
)
from a3tui.services import alcance

if TYPE_CHECKING:
    from a3tui.services import Contexto

# Entity name of each audited table (the term indexes, phones and stored bytes are
# covered by their owner's rows).
AUDITADAS: dict[type, str] = {
    Cliente: "cliente",
    Actividad: "actividad",
    Nota: "nota",
    Tarea: "tarea",
    Apartado: "apartado",
    Documento: "documento",
    Transferencia: "transferencia",
    Suplencia: "suplencia",
    Asesor: "asesor",
    Ajuste: "ajuste",
    Propiedad: "propiedad",
    PropiedadMostrada: "propiedad_mostrada",
    PasoEtapa: "paso_etapa",
    Caso: "caso",
    CasoNota: "caso_nota",
}
# On PostgreSQL the database audits these itself, whoever changes them (a3 or plain SQL:
# migration 0011); a3 tells it who and when (``a3.asesor_id``, ``a3.ahora``), which it
# trusts only from the database's owner.
AUDITA_LA_BASE = {Asesor: "asesor", Suplencia: "suplencia", Ajuste: "ajuste"}
# Derived fields (recomputed from other audited data) and bookkeeping.
SIN_AUDITAR = {"actualizado", "nombre_orden", "ultima_actividad", "creado"}
# Set on a session while a3 recomputes derived data in bulk (after a cadence change):
# the setting's own row says why every client's next contact moved.
PAUSA = "a3.auditoria.pausada"
# Rows of this transaction not yet written: one per changed record, merged across flushes
# (an action may flush a record twice; it is still one change), written just before commit.
PENDIENTES = "a3.auditoria.pendientes"
# Actions that describe a record's fields, and so merge into one row per transaction.
FUSIONABLES = {"alta", "cambio"}
# The queued field rows by (entity, id): joining a change is one lookup, not a scan.
INDICE = "a3.auditoria.indice"
ASESOR = "a3.asesor_id"
AHORA = "a3.ahora"


def _valor(valor: Any) -> Any:
    if isinstance(valor, Enum):
        return valor.value
    if isinstance(valor, (datetime, date, time)):
        return valor.isoformat()
    if isinstance(valor, bytes):
        return f"<{len(valor):,} bytes>"
    return valor


def _cliente_de(obj: Any) -> int | None:
    if isinstance(obj, Cliente):
        return obj.id
    valor = getattr(obj, "cliente_id", None)
    return valor if isinstance(valor, int) else None


def _id_de(obj: Any) -> int | None:
    valor = getattr(obj, "id", None)
    return valor if isinstance(valor, int) else None


def campos_de_alta(fila: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields of a new row as its «alta» records them: every value but the id, the
    derived and bookkeeping ones and the empty ones, as [None, value], in the row's order.
    The hook records an ORM insert so; a Core insert (the import's, ``altas.insertar``)
    passes its row here."""
    return {
        clave: [None, _valor(valor)]
        for clave, valor in fila.items()
        if clave != "id" and clave not in SIN_AUDITAR and valor is not None and valor != ""
    }


def _cambios(obj: Any, accion: str) -> dict[str, list[Any]]:
    estado = inspect(obj)
    if accion == "alta":
        return campos_de_alta(
            {atributo.key: getattr(obj, atributo.key, None) for atributo in estado.mapper.column_attrs}
        )
    cambios: dict[str, list[Any]] = {}
    for atributo in estado.mapper.column_attrs:
        clave = atributo.key
        if clave in SIN_AUDITAR or clave == "id":
            continue
        historia = estado.attrs[clave].history
        if accion == "baja":
            valor = (historia.unchanged or historia.deleted or [getattr(obj, clave, None)])[0]
            if valor is not None:
                cambios[clave] = [_valor(valor), None]
        elif historia.has_changes():
            antes = historia.deleted[0] if historia.deleted else None
            despues = historia.added[0] if historia.added else None
            if antes != despues:
                cambios[clave] = [_valor(antes), _valor(despues)]
    return cambios


def _fila(session: OrmSession, accion: str, entidad: str, entidad_id: int | None, cliente_id: int | None,
          detalle: dict[str, Any] | str | None) -> dict[str, Any]:  # fmt: skip
    texto = detalle if isinstance(detalle, str) or detalle is None else json.dumps(detalle, ensure_ascii=False)
    return {
        "fecha": session.info.get(AHORA) or datetime.now().replace(microsecond=0),
        "asesor_id": session.info.get(ASESOR),
        "accion": accion,
        "entidad": entidad,
        "entidad_id": entidad_id,
        "cliente_id": cliente_id,
        "detalle": texto,
    }


def _pendientes(session: OrmSession) -> list[dict[str, Any]]:
    pendientes: list[dict[str, Any]] = session.info.setdefault(PENDIENTES, [])
    return pendientes


def _anotar(session: OrmSession, fila: dict[str, Any], cambios: dict[str, list[Any]] | None) -> None:
    """Queue a row; a field change of a record already queued in this transaction joins its
    row (first value before, last value after; a field back where it started drops out)."""
    pendientes = _pendientes(session)
    indice: dict[tuple[str, int], dict[str, Any]] = session.info.setdefault(INDICE, {})
    clave = (fila["entidad"], fila["entidad_id"])
    if cambios is not None and fila["accion"] in FUSIONABLES and fila["entidad_id"] is not None:
        previa = indice.get(clave)
        if previa is not None:
            juntos: dict[str, list[Any]] = previa["_cambios"]
            for campo, (antes, despues) in cambios.items():
                juntos[campo] = [juntos[campo][0] if campo in juntos else antes, despues]
                if previa["accion"] == "cambio" and juntos[campo][0] == juntos[campo][1]:
                    del juntos[campo]
            return
    fila["_cambios"] = cambios
    pendientes.append(fila)
    if cambios is not None and fila["accion"] in FUSIONABLES and fila["entidad_id"] is not None:
        indice[clave] = fila


def _en_postgresql(session: OrmSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _antes_del_flush(session: OrmSession, _contexto: Any, _instancias: Any) -> None:
    """PostgreSQL: tell the database who is acting and when, for the rows it audits itself."""
    if ASESOR not in session.info:
        return
    if not any(type(obj) in AUDITA_LA_BASE for obj in (*session.new, *session.dirty, *session.deleted)):
        return
    if not _en_postgresql(session):
        return
    _decir_quien(session)


def _decir_quien(session: OrmSession) -> None:
    """Tell PostgreSQL who acts and when, for the rest of the transaction (a3_auditar)."""
    momento = session.info.get(AHORA) or datetime.now().replace(microsecond=0)
    session.connection().exec_driver_sql(
        "SELECT set_config('a3.asesor_id', %(asesor)s, true), set_config('a3.ahora', %(ahora)s, true)",
        {"asesor": str(session.info[ASESOR]), "ahora": momento.isoformat()},
    )


def borrar(session: OrmSession, obj: Any) -> None:
    """Delete ``obj``'s row for good, audited as «baja» with the fields it had, as the ORM's
    own delete is (the row goes through ``store_pg.borrar_filas``, which the ORM doesn't see:
    on PostgreSQL the office's role may not DELETE itself)."""
    entidad = AUDITADAS.get(type(obj))
    if entidad is not None and ASESOR in session.info:
        if type(obj) in AUDITA_LA_BASE and _en_postgresql(session):
            _decir_quien(session)  # the database's trigger writes the row
        else:
            _anotar(
                session, _fila(session, "baja", entidad, _id_de(obj), _cliente_de(obj), None), _cambios(obj, "baja")
            )
    store_pg.borrar_filas(session, type(obj), [obj.id])
    if obj in session:  # SQLite's DELETE through the ORM already took it out
        session.expunge(obj)


def _despues_del_flush(session: OrmSession, _contexto: Any) -> None:
    """Queue the audit rows of what this flush changed."""
    if ASESOR not in session.info:
        return  # not an a3 action (a migration, the demo's bulk load)
    pausadas: set[str] = session.info.get(PAUSA, set())
    la_base_audita: bool | None = None
    for accion, objetos in (("alta", session.new), ("cambio", session.dirty), ("baja", session.deleted)):
        for obj in objetos:
            entidad = AUDITADAS.get(type(obj))
            if entidad is None:
                continue
            if type(obj) in AUDITA_LA_BASE:
                if la_base_audita is None:
                    la_base_audita = _en_postgresql(session)
                if la_base_audita:
                    continue
            if accion == "cambio" and not session.is_modified(obj, include_collections=False):
                continue
            cambios = _cambios(obj, accion)
            if accion == "cambio":
                cambios = {k: v for k, v in cambios.items() if f"{entidad}.{k}" not in pausadas}
                if not cambios:
                    continue
            _anotar(session, _fila(session, accion, entidad, _id_de(obj), _cliente_de(obj), None), cambios)


def _antes_del_commit(session: OrmSession) -> None:
    """Write the queued rows in the transaction being committed (after its last flush)."""
    if ASESOR not in session.info:
        return
    session.flush()
    pendientes = session.info.pop(PENDIENTES, [])
    session.info.pop(INDICE, None)
    filas = []
    for fila in pendientes:
        cambios = fila.pop("_cambios")
        if cambios is not None:
            if not cambios and fila["accion"] == "cambio":
                continue  # changed and changed back
            fila["detalle"] = json.dumps(cambios, ensure_ascii=False)
        filas.append(fila)
    if filas:
        session.connection().execute(insert(Auditoria), filas)


def _al_deshacer(session: OrmSession, transaccion: Any = None) -> None:
    """The action was rolled back: its queued rows go too. A savepoint rolled back inside
    it (a race lost and retried) leaves the action's rows queued."""
    if transaccion is not None and getattr(transaccion, "nested", False):
        return
    session.info.pop(PENDIENTES, None)
    session.info.pop(INDICE, None)


def activar() -> None:
    """Install the hooks (once per process; every a3 session gets them)."""
    for nombre, funcion in (
        ("before_flush", _antes_del_flush),
        ("after_flush", _despues_del_flush),
        ("before_commit", _antes_del_commit),
        ("after_soft_rollback", _al_deshacer),
    ):
        if not event.contains(OrmSession, nombre, funcion):
            event.listen(OrmSession, nombre, funcion)


def registrar(
    ctx: Contexto,
    accion: str,
    entidad: str,
    entidad_id: int | None,
    *,
    cliente_id: int | None = None,
    detalle: dict[str, Any] | str | None = None,
) -> None:
    """A row for what the ORM does not see as one change (a transfer decided, a merge, a
    client's phone list replaced). A field change (``detalle`` a dict of field → [before,
    after]) joins the record's other changes of this transaction."""
    ctx.session.flush()
    if isinstance(detalle, dict) and accion in FUSIONABLES:
        _anotar(ctx.session, _fila(ctx.session, accion, entidad, entidad_id, cliente_id, None), dict(detalle))
    else:
        _anotar(ctx.session, _fila(ctx.session, accion, entidad, entidad_id, cliente_id, detalle), None)


class pausada:
    """``with auditoria.pausada(ctx, "cliente.proximo_contacto"):`` — changes of those
    fields made inside are derived ones (a recompute), not audited one by one."""

    def __init__(self, ctx: Contexto, *campos: str) -> None:
        self.session = ctx.session
        self.campos = set(campos)
        self.antes: set[str] = set()

    def __enter__(self) -> None:
        self.antes = set(self.session.info.get(PAUSA, set()))
        self.session.info[PAUSA] = self.antes | self.campos

    def __exit__(self, *exc: object) -> None:
        self.session.flush()
        self.session.info[PAUSA] = self.antes


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class FilaAuditoria:
    auditoria: Auditoria
    asesor: str
    # Advisors' names by id, to read ``asesor_id 2 → 3`` as names.
    nombres: dict[int, str] = field(default_factory=dict)

    @property
    def cambios(self) -> dict[str, list[Any]]:
        """The fields before → after (empty for a row whose detail is a sentence)."""
        try:
            datos = json.loads(self.auditoria.detalle or "")
        except ValueError:
            return {}
        return datos if isinstance(datos, dict) else {}

    def _valor(self, campo: str, valor: Any) -> str:
        if isinstance(valor, int) and (campo.endswith(("asesor_id", "_por_id"))):
            return self.nombres.get(valor, str(valor))
        return _texto(valor)

    @property
    def resumen(self) -> str:
        """``cambio de cliente 12: etapa prospecto → apartado; temperatura …``."""
        a = self.auditoria
        que = f"{a.accion} de {a.entidad.replace('_', ' ')}" + (f" {a.entidad_id}" if a.entidad_id else "")
        cambios = self.cambios
        if not cambios:
            return f"{que}: {a.detalle}" if a.detalle else que
        partes = []
        for campo, par in cambios.items():
            antes, despues = ([*par, None, None])[:2] if isinstance(par, list) else (None, par)
            nombre = campo.removesuffix("_id") if campo.endswith(("asesor_id", "_por_id")) else campo
            if antes is None and despues is None:
                continue
            if a.accion == "baja" or (despues is None and a.accion != "cambio"):
                partes.append(f"{nombre} {self._valor(campo, antes)}")
            elif antes is None and a.accion != "cambio":
                partes.append(f"{nombre} {self._valor(campo, despues)}")
            else:
                partes.append(f"{nombre} {self._valor(campo, antes)} → {self._valor(campo, despues)}")
        return f"{que}: " + "; ".join(partes)


def _texto(valor: Any) -> str:
    if valor is None or valor == "":
        return "—"
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return domain.cortar(str(valor), 80)


def list_(
    ctx: Contexto,
    *,
    cliente: Cliente | None = None,
    desde: date | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[FilaAuditoria]:
    """Audit rows, newest first: of one client (and the records merged into it), or all of
    them for a coordinator; an advisor sees those of their clients and their own acts."""
    query = select(Auditoria)
    if cliente is not None:
        ids = [cliente.id, *alcance.fusionados_en(ctx, cliente)]
        query = query.where(col(Auditoria.cliente_id).in_(ids))
    elif not ctx.es_coordinador:
        suyos = select(Cliente.id).where(alcance.scope(ctx))
        query = query.where((col(Auditoria.asesor_id) == ctx.asesor_id) | col(Auditoria.cliente_id).in_(suyos))
    else:
        # A coordinator: the plaza's clients, and the office's own records (advisors,
        # settings…) changed by the plaza's people; never another plaza's clients.
        de_la_plaza = select(Cliente.id).where(alcance.scope(ctx))
        su_gente = select(Asesor.id).where(col(Asesor.plaza) == ctx.asesor.plaza)
        query = query.where(
            col(Auditoria.cliente_id).in_(de_la_plaza)
            | (col(Auditoria.cliente_id).is_(None) & col(Auditoria.asesor_id).in_(su_gente))
        )
    if desde is not None:
        query = query.where(col(Auditoria.fecha) >= datetime.combine(desde, time.min))
    query = query.order_by(col(Auditoria.fecha).desc(), col(Auditoria.id).desc()).offset(offset).limit(limit)
    filas = ctx.session.exec(query).all()
    nombres = {a.id: a.nombre for a in ctx.session.exec(select(Asesor)).all() if a.id is not None}
    return [FilaAuditoria(a, nombres.get(a.asesor_id, "a3") if a.asesor_id else "a3", nombres) for a in filas]

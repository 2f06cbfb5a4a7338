"""A new client, built once: its row, its phones, its search terms, its first note and its
audit «alta».

``clientes.add`` (one client), the import (thousands, a batch at a time) and the demo (a
history of years, written straight to the driver) all build a new client with
``cliente_nuevo``, so the folded name it sorts by, its search terms, the date of its
reservation and its next contact come out the same whichever way it came in; the two
rules of a new client's stage (``etapa_inicial``, ``temperatura_inicial``) are here for
``clientes.add`` and the import to check. ``insertar`` writes new clients with Core
inserts, a batch in a few statements, and their audit rows: ``clientes.add`` and the
import both write through it (the ORM's per-object work, one client at a time, made an
import of 10,000 rows take two minutes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy import inspect as sa_inspect

from a3tui import domain
from a3tui.domain import Etapa, Origen, Temperatura
from a3tui.errors import DatoInvalido
from a3tui.models import Cliente, ClienteTermino, Nota, Telefono
from a3tui.services import Contexto, auditoria


def etapa_inicial(etapa: Etapa) -> Etapa:
    """The stage a new client may start at: any but cancelled (DatoInvalido)."""
    if etapa == Etapa.CANCELADO:
        raise DatoInvalido("Un cliente nuevo no puede empezar cancelado.")
    return etapa


def temperatura_inicial(
    etapa: Etapa, temperatura: Temperatura | None, *, cualquier_etapa: bool = False
) -> Temperatura | None:
    """A new client's temperature: only a prospect has one, tibio unless given (DatoInvalido
    for another stage). ``cualquier_etapa``: a client of a3's own export coming back keeps
    the one it had, whatever its stage."""
    if temperatura is not None and etapa != Etapa.PROSPECTO and not cualquier_etapa:
        raise DatoInvalido("La temperatura solo aplica a prospectos.")
    if etapa == Etapa.PROSPECTO and temperatura is None:
        return Temperatura.TIBIO
    return temperatura


def texto_de_nota(texto: str | None) -> str | None:
    """A note's text as a3 keeps it: plain text of several lines, at most
    ``domain.TEXTO_LARGO_MAXIMO`` characters; None when blank (``notas`` refuses that)."""
    return domain.texto(texto, "La nota", maximo=domain.TEXTO_LARGO_MAXIMO, multilinea=True)


@dataclass(frozen=True)
class ClienteNuevo:
    """The rows of a new client, before it has an id."""

    # The client row: every column but the id, in the table's order (the audit lists them so).
    fila: dict[str, Any]
    numeros: tuple[str, ...]
    # Its first note's text (``texto_de_nota``), if it comes with one.
    nota: str | None = None

    def telefonos(self, cliente_id: int) -> list[dict[str, Any]]:
        """Its ``telefono`` rows, in the order given (the first is the one lists show)."""
        return [{"cliente_id": cliente_id, "numero": n, "orden": i} for i, n in enumerate(self.numeros)]

    def terminos(self, cliente_id: int) -> list[dict[str, Any]]:
        """Its ``cliente_termino`` rows (the search index), sorted."""
        terminos = domain.terminos_busqueda(self.fila["nombre"], self.fila["email"], list(self.numeros))
        return [{"termino": t, "cliente_id": cliente_id} for t in sorted(terminos)]

    def auditado(self) -> dict[str, list[Any]]:
        """The fields of its audit «alta», as the audit's hook records a new row, with its phones."""
        cambios = auditoria.campos_de_alta(self.fila)
        if self.numeros:
            cambios["telefonos"] = [None, ", ".join(self.numeros)]
        return cambios


def cliente_nuevo(
    *,
    nombre: str,
    numeros: Sequence[str] = (),
    email: str | None = None,
    direccion: str | None = None,
    origen: Origen | None = None,
    referido_por_id: int | None = None,
    asesor_id: int,
    plaza: str,
    etapa: Etapa,
    temperatura: Temperatura | None,
    primer_contacto: date,
    motivo_cancelacion: str | None = None,
    curp: str | None = None,
    rfc: str | None = None,
    fecha_apartado: date | None = None,
    nota: str | None = None,
    creado: datetime,
    cadencia: dict[str, int],
    ultima_actividad: datetime | None = None,
    ultimo_contacto: datetime | None = None,
    ultimo_intento: datetime | None = None,
    actualizado: datetime | None = None,
) -> ClienteNuevo:
    """The rows of a new client from values already checked (``domain.check_nombre``,
    normalised phones and e-mail, ``etapa_inicial``, ``texto_de_nota``…).

    Derived here, the one place: the folded name lists sort by, the search terms, the
    reservation date (``primer_contacto`` for a client past prospect, unless given) and the
    next contact (from ``cadencia``). A new client has no activity; the demo, which
    writes a client with its history, gives its last activity, contact and unanswered
    attempt and when it last changed (``actualizado``, else ``creado``).
    """
    if fecha_apartado is None and etapa not in (Etapa.PROSPECTO, Etapa.CANCELADO):
        fecha_apartado = primer_contacto
    proximo = domain.proximo_contacto(etapa, temperatura, ultimo_contacto, primer_contacto, cadencia, ultimo_intento)
    fila = {
        "nombre": nombre,
        "nombre_orden": domain.nombre_orden(nombre),
        "email": email,
        "direccion": direccion,
        "primer_contacto": primer_contacto,
        "origen": origen,
        "referido_por_id": referido_por_id,
        "asesor_id": asesor_id,
        "plaza": plaza,
        "etapa": etapa,
        "temperatura": temperatura,
        "motivo_cancelacion": motivo_cancelacion,
        "curp": curp,
        "rfc": rfc,
        "ultima_actividad": ultima_actividad,
        "proximo_contacto": proximo,
        "fecha_apartado": fecha_apartado,
        "fusionado_en_id": None,
        "creado": creado,
        "actualizado": actualizado or creado,
    }
    return ClienteNuevo(fila, tuple(numeros), nota)


def _tabla(modelo: type[Any]) -> Table:
    tabla = sa_inspect(modelo).local_table
    assert isinstance(tabla, Table)
    return tabla


def insertar(ctx: Contexto, nuevos: Sequence[ClienteNuevo], *, masivo: bool = False) -> list[int]:
    """Write ``nuevos`` (one batch: the caller splits a big one) in the caller's
    transaction: their client rows, phones, search terms and first notes (by the current
    advisor), and the audit rows an ORM insert leaves: one «alta» per client with its
    fields and phones, one per note. Returns the clients' ids, in order.

    An «alta» joins its record's later changes in the same transaction, as the hook's
    does. ``masivo`` (a bulk load: the import) queues each as its final text instead:
    nothing changes those records again in their transaction, and 10,000 queued field
    lists held some 10 MB more."""
    if not nuevos:
        return []
    tabla = _tabla(Cliente)
    ids = list(
        ctx.session.execute(
            insert(tabla).returning(tabla.c.id, sort_by_parameter_order=True), [n.fila for n in nuevos]
        ).scalars()
    )
    telefonos: list[dict[str, Any]] = []
    terminos: list[dict[str, Any]] = []
    for nuevo, cliente_id in zip(nuevos, ids, strict=True):
        telefonos.extend(nuevo.telefonos(cliente_id))
        terminos.extend(nuevo.terminos(cliente_id))
        cambios = nuevo.auditado()
        detalle = json.dumps(cambios, ensure_ascii=False) if masivo else cambios
        auditoria.registrar(ctx, "alta", "cliente", cliente_id, cliente_id=cliente_id, detalle=detalle)
    if telefonos:
        ctx.session.execute(insert(_tabla(Telefono)), telefonos)
    if terminos:
        ctx.session.execute(insert(_tabla(ClienteTermino)), terminos)
    notas = [
        {"cliente_id": cliente_id, "asesor_id": ctx.asesor_id, "texto": nuevo.nota, "creado": ctx.ahora}
        for nuevo, cliente_id in zip(nuevos, ids, strict=True)
        if nuevo.nota
    ]
    if notas:
        tabla_nota = _tabla(Nota)
        ids_notas = ctx.session.execute(
            insert(tabla_nota).returning(tabla_nota.c.id, sort_by_parameter_order=True), notas
        ).scalars()
        for nota, nota_id in zip(notas, ids_notas, strict=True):
            cambios = auditoria.campos_de_alta(nota)
            detalle = json.dumps(cambios, ensure_ascii=False) if masivo else cambios
            auditoria.registrar(ctx, "alta", "nota", nota_id, cliente_id=nota["cliente_id"], detalle=detalle)
    return ids

"""Clients: add, edit, find, list, stage and temperature changes, follow-up dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy
from sqlalchemy import ColumnElement, and_, false, func, inspect, intersect, not_, or_
from sqlalchemy.sql import Select
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import col, select

from a3tui import domain, store_pg
from a3tui.domain import (
    Alerta,
    EstadoApartado,
    EstadoPropiedad,
    Etapa,
    EventoSistema,
    Origen,
    Temperatura,
    TipoActividad,
    parse_valor,
)
from a3tui.errors import ClienteNoEncontrado, DatoInvalido, Duplicado, ReferenciaAmbigua, en_campo
from a3tui.models import (
    Actividad,
    Apartado,
    Asesor,
    Cliente,
    ClienteTermino,
    Documento,
    Propiedad,
    Tarea,
    Telefono,
)
from a3tui.services import Contexto, alcance, altas, asesores, auditoria, historial
from a3tui.store import ESCRITURA

ORDENES = ("nombre", "proximo", "actividad", "inactivo")

Q = TypeVar("Q", bound=Select[Any])


def _ancho(token: str) -> bool:
    """A search token that matches too much to read in full (see _search_where)."""
    return len(token) < (3 if token.isdigit() else 2)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class FilaCliente:
    """One row of a client list."""

    id: int
    nombre: str
    telefono: str | None
    email: str | None
    etapa: Etapa
    temperatura: Temperatura | None
    ultima_actividad: datetime | None
    proximo_contacto: date | None
    alerta: Alerta | None
    asesor_id: int = 0


@dataclass
class Filtro:
    """What a client list shows. Empty filter = every active client in scope."""

    etapa: Etapa | None = None
    temperatura: Temperatura | None = None
    buscar: str = ""
    frios: bool = False
    dias: int = domain.DIAS_FRIO_DEFAULT
    alertas: tuple[Alerta, ...] = field(default_factory=tuple)
    orden: str = "nombre"
    # Whose clients: None (the context's portfolio), «plaza», or an advisor's login.
    asesor: str | None = None


# ---------------------------------------------------------------- scope and lookup


def get(ctx: Contexto, cliente_id: int) -> Cliente:
    """The client with ``cliente_id`` if the advisor may see it; raises ClienteNoEncontrado."""
    if not domain.id_valido(cliente_id):
        raise ClienteNoEncontrado(f"No existe el cliente con id {cliente_id}.")
    consulta = select(Cliente).where(col(Cliente.id) == cliente_id, alcance.scope(ctx))
    if ctx.session.info.get(ESCRITURA):
        # Team mode: a session that may change the client holds its row until it ends, so
        # two sessions changing one client (its dates are derived from its history) take
        # turns; row security keeps the lock to clients the advisor may change. SQLite's
        # writes are one at a time already, and it ignores the clause.
        consulta = consulta.with_for_update(key_share=True, of=Cliente)
    cliente = ctx.session.exec(consulta).first()
    if cliente is None:
        cliente = _sobreviviente(ctx, cliente_id)
    if cliente is None:
        raise ClienteNoEncontrado(f"No existe el cliente con id {cliente_id}.")
    return cliente


def _sobreviviente(ctx: Contexto, cliente_id: int) -> Cliente | None:
    """The record a merged client lives on in (a REF to a merged id reaches it), if the
    advisor may see it."""
    cliente = ctx.session.get(Cliente, cliente_id)
    for _ in range(50):  # a chain of merges; never a loop (merge refuses merged records)
        if cliente is None or cliente.fusionado_en_id is None:
            break
        cliente = ctx.session.get(Cliente, cliente.fusionado_en_id)
    if cliente is None or cliente.id == cliente_id or not alcance.puede_ver(ctx, cliente):
        return None
    return cliente


def resolve(ctx: Contexto, ref: str) -> Cliente:
    """A client from a REF: its id, or text that matches exactly one client.

    Digits that are no client's id are read as part of a phone (``_por_telefono``). An
    exact (accent/case-insensitive) full name wins over partial matches. Raises
    ClienteNoEncontrado, or ReferenciaAmbigua listing the candidates.
    """
    text = ref.strip()
    if not text:
        raise DatoInvalido("Indica el cliente por su id o por parte de su nombre, teléfono o email.")
    if text.isascii() and text.isdigit() and len(text) < 10:
        try:
            return get(ctx, int(text))
        except ClienteNoEncontrado:
            # One or two digits are in most phones: they only ever mean an id.
            if len(text) < 3:
                raise
            return _por_telefono(ctx, text)
    if not domain.tokens_consulta(text):
        raise ClienteNoEncontrado(f"No hay ningún cliente que coincida con «{ref}».")
    exact = ctx.session.exec(
        select(Cliente).where(alcance.scope(ctx), col(Cliente.nombre_orden) == domain.nombre_orden(text)).limit(2)
    ).all()
    if len(exact) == 1:
        return exact[0]
    candidatos: Sequence[Cliente] = (
        exact
        if exact
        else ctx.session.exec(
            _search_where(select(Cliente).where(alcance.scope(ctx)), text).order_by(col(Cliente.nombre_orden)).limit(11)
        ).all()
    )
    if not candidatos:
        raise ClienteNoEncontrado(f"No hay ningún cliente que coincida con «{ref}».")
    if len(candidatos) == 1:
        return candidatos[0]
    lista = "; ".join(f"{c.id} {c.nombre}" for c in candidatos[:10])
    mas = " y otros" if len(candidatos) > 10 else ""
    raise ReferenciaAmbigua(
        f"«{ref}» coincide con varios clientes ({lista}{mas}); usa el id o un nombre más completo.",
        [(c.id, c.nombre) for c in candidatos[:10] if c.id is not None],
    )


def _por_telefono(ctx: Contexto, digitos: str) -> Cliente:
    """The client whose phone holds ``digitos``, for a REF of digits that is no client's id
    («4321», the end of a phone). Adds to ``ctx.avisos`` that the REF was read as a phone,
    so nobody mistakes the client found for the id they meant. Raises ClienteNoEncontrado
    or ReferenciaAmbigua."""
    candidatos = ctx.session.exec(
        _search_where(select(Cliente).where(alcance.scope(ctx)), digitos).order_by(col(Cliente.nombre_orden)).limit(11)
    ).all()
    if not candidatos:
        raise ClienteNoEncontrado(f"No existe el cliente con id {digitos}, ni uno con «{digitos}» en su teléfono.")
    if len(candidatos) > 1:
        lista = "; ".join(f"{c.id} {c.nombre}" for c in candidatos[:10])
        mas = " y otros" if len(candidatos) > 10 else ""
        raise ReferenciaAmbigua(
            f"No existe el cliente con id {digitos}, y «{digitos}» está en el teléfono de varios clientes "
            f"({lista}{mas}); usa el id o más dígitos del teléfono.",
            [(c.id, c.nombre) for c in candidatos[:10] if c.id is not None],
        )
    cliente = candidatos[0]
    ctx.avisos.append(
        f"no hay cliente con id {digitos}; lo tomé como parte del teléfono de {cliente.nombre} (id {cliente.id})."
    )
    return cliente


def _search_where(query: Q, text: str) -> Q:
    """Restrict ``query`` to clients matching every token of ``text`` by prefix of an index term.

    A selective token is a range scan of the term index (several are intersected there,
    before any client row is read); a broad one is probed per client instead.
    """
    tokens = domain.tokens_consulta(text)
    if not tokens:
        # Only punctuation («%», «*»): nothing to match, so no client (not every client).
        return query.where(false())
    termino = col(ClienteTermino.termino)
    for token in (t for t in tokens if _ancho(t)):
        # A single letter (or one or two digits) matches a large part of the portfolio:
        # reading every match to sort it costs hundreds of ms at 100k clients, while walking
        # the clients in list order and probing each one's terms stops when a page is full.
        query = query.where(
            select(ClienteTermino.cliente_id)
            .where(
                col(ClienteTermino.cliente_id) == Cliente.id,
                termino >= token,
                termino < domain.fin_prefijo(token),
            )
            .exists()
        )
    subqueries = [
        select(ClienteTermino.cliente_id).where(termino >= token, termino < domain.fin_prefijo(token))
        for token in tokens
        if not _ancho(token)
    ]
    if not subqueries:
        return query
    ids = subqueries[0] if len(subqueries) == 1 else intersect(*subqueries)
    return query.where(col(Cliente.id).in_(ids))


def telefonos_de(ctx: Contexto, cliente: Cliente) -> list[str]:
    """The client's phones (10 digits), main one first."""
    return list(
        ctx.session.exec(
            select(Telefono.numero).where(col(Telefono.cliente_id) == cliente.id).order_by(col(Telefono.orden))
        ).all()
    )


def primer_telefono() -> ScalarSelect[Any]:
    """The client's first phone as a column of a query over ``Cliente`` (lists, reports,
    exports: one row per client, never the whole phone table)."""
    return (
        select(Telefono.numero)
        .where(col(Telefono.cliente_id) == Cliente.id)
        .order_by(col(Telefono.orden))
        .limit(1)
        .scalar_subquery()
    )


def columnas_de_fila() -> tuple[Any, ...]:
    """What a client list reads of each client, in ``FilaCliente``'s order (``fila``
    builds one): id, name, first phone, e-mail, stage, temperature, last activity, next
    contact, advisor. ``siguiente`` reads the same and more after them."""
    return (
        col(Cliente.id),
        col(Cliente.nombre),
        primer_telefono(),
        col(Cliente.email),
        col(Cliente.etapa),
        col(Cliente.temperatura),
        col(Cliente.ultima_actividad),
        col(Cliente.proximo_contacto),
        col(Cliente.asesor_id),
    )


def fila(ctx: Contexto, leida: Sequence[Any]) -> FilaCliente:
    """The list row of a client read with ``columnas_de_fila``."""
    cliente_id, nombre, telefono, email, etapa, temperatura, ultima, proximo, asesor_id = leida[:9]
    return FilaCliente(
        id=cliente_id,
        nombre=nombre,
        telefono=telefono,
        email=email,
        etapa=etapa,
        temperatura=temperatura,
        ultima_actividad=ultima,
        proximo_contacto=proximo,
        alerta=domain.alerta(proximo, ctx.hoy),
        asesor_id=asesor_id,
    )


def nombre_visible(ctx: Contexto, cliente: Cliente) -> str:
    """The client's name if the advisor may see the client, else «un cliente de Carla»:
    a shared record (a property's reservations) never shows another advisor's clients."""
    if alcance.puede_ver(ctx, cliente):
        return cliente.nombre
    return f"un cliente de {nombre_asesor(ctx, cliente.asesor_id)}"


def nombres_de_asesores(ctx: Contexto) -> dict[int, str]:
    """Every advisor's name by id (a handful of rows: for the advisor column of a list)."""
    return {a.id: a.nombre for a in ctx.session.exec(select(Asesor)).all() if a.id is not None}


def asesores_de_la_lista(ctx: Contexto, filtro: Filtro) -> dict[int, str] | None:
    """Advisors' names for a list of ``filtro`` that shows several advisors' clients (a
    plaza, or an advisor's own and those they cover), else None."""
    de = asesores.cartera_de(ctx, filtro.asesor) if filtro.asesor else ctx.cartera
    if de.plaza is None and len(de.asesor_ids) <= 1:
        return None
    return nombres_de_asesores(ctx)


def varios_asesores(ctx: Contexto) -> bool:
    """Whether the lists show more than one advisor's clients (then they name the advisor)."""
    return ctx.cartera.plaza is not None or len(ctx.cartera.asesor_ids) > 1


def nombre_asesor(ctx: Contexto, asesor_id: int) -> str:
    """The name of an advisor, for lists and messages."""
    asesor = ctx.session.get(Asesor, asesor_id)
    return asesor.nombre if asesor else "otro asesor"


# ---------------------------------------------------------------- validation helpers


def _telefonos(values: list[str]) -> list[str]:
    result: list[str] = []
    for value in values:
        numero = domain.normalize_telefono(value)
        if numero not in result:
            result.append(numero)
    return result


def _check_duplicados(ctx: Contexto, numeros: list[str], email: str | None, excluir: int | None = None) -> None:
    """Raise Duplicado naming the client that already has one of these phones or this e-mail."""
    store_pg.candado_de_altas(ctx.session)  # until the insert that follows is committed
    conditions: list[ColumnElement[bool]] = []
    if numeros:
        conditions.append(col(Cliente.id).in_(select(Telefono.cliente_id).where(col(Telefono.numero).in_(numeros))))
    if email:
        conditions.append(col(Cliente.email) == email)
    if not conditions:
        return
    query = select(Cliente).where(or_(*conditions), col(Cliente.fusionado_en_id).is_(None))
    if excluir is not None:
        query = query.where(col(Cliente.id) != excluir)
    existente = ctx.session.exec(query.limit(1)).first()
    if existente is None or existente.id is None:
        _check_duplicados_ajenos(ctx, numeros, email, excluir)
        return
    mios = existente.asesor_id == ctx.asesor_id
    dueno = "" if mios else f" (de {nombre_asesor(ctx, existente.asesor_id)})"
    por_correo = bool(email and existente.email == email)
    que = "ese email" if por_correo else "ese teléfono"
    raise Duplicado(
        f"Ya existe un cliente con {que}: {existente.id} {existente.nombre}{dueno}.",
        existente.id,
        existente.nombre,
        campo="email" if por_correo else "telefonos",
    )


def _check_homonimo(ctx: Contexto, nombre: str) -> None:
    """Raise Duplicado naming a client the advisor works who has this same name, accents,
    case and spacing aside («Maria Lopez» and «María López»): the same person added twice,
    or a namesake the advisor confirms (``forzar``). ``nombre`` is already checked."""
    orden = domain.nombre_orden(nombre)
    # The folded name keeps Latin letters only: a name in another alphabet («Дмитрий
    # Иванов») is compared as written.
    mismo = col(Cliente.nombre_orden) == orden if orden else col(Cliente.nombre) == nombre
    existente = ctx.session.exec(
        select(Cliente).where(alcance.scope(ctx), mismo).order_by(col(Cliente.id)).limit(1)
    ).first()
    if existente is None or existente.id is None:
        return
    dueno = "" if existente.asesor_id == ctx.asesor_id else f" (de {nombre_asesor(ctx, existente.asesor_id)})"
    raise Duplicado(
        f"Ya existe un cliente con ese nombre: {existente.id} {existente.nombre}{dueno}.",
        existente.id,
        existente.nombre,
        campo="nombre",
    )


def _check_duplicados_ajenos(ctx: Contexto, numeros: list[str], email: str | None, excluir: int | None) -> None:
    """Team mode: the same rule for a client the advisor may not read (row-level security
    hides it): say whose it is, never its name or data."""
    ajeno = store_pg.duplicado_en_la_oficina(ctx.session, numeros, email, excluir)
    if ajeno is None:
        return
    cliente_id, asesor_id, por_correo = ajeno
    que = "ese email" if por_correo else "ese teléfono"
    raise Duplicado(
        f"Ya hay en la oficina un cliente con {que}, de {nombre_asesor(ctx, asesor_id)}; "
        "si es la misma persona, pídele a tu coordinador que lo revise.",
        cliente_id,
        "",
        campo="email" if por_correo else "telefonos",
    )


def _reindex(ctx: Contexto, cliente: Cliente, numeros: list[str]) -> None:
    assert cliente.id is not None
    store_pg.borrar_filas(ctx.session, ClienteTermino, [cliente.id])
    for termino in domain.terminos_busqueda(cliente.nombre, cliente.email, numeros):
        ctx.session.add(ClienteTermino(termino=termino, cliente_id=cliente.id))


def reemplazar_telefonos(ctx: Contexto, cliente: Cliente, numeros: list[str]) -> None:
    """Give the client these phones (already normalised), and index them for search."""
    _set_telefonos(ctx, cliente, numeros)
    _reindex(ctx, cliente, numeros)
    ctx.session.flush()


def refrescar_seguimiento(ctx: Contexto, cliente: Cliente) -> None:
    """Recompute the client's next contact from their stage, last activity and pending
    tasks (a task added, moved, done or deleted moves it: a derived change, not audited)."""
    assert cliente.id is not None
    with auditoria.pausada(ctx, "cliente.proximo_contacto"):
        _refrescar_seguimiento(ctx, cliente, contactos_de(ctx, [cliente.id]).get(cliente.id, Contactos()))
        ctx.session.add(cliente)
        ctx.session.flush()


def _set_telefonos(ctx: Contexto, cliente: Cliente, numeros: list[str]) -> None:
    assert cliente.id is not None
    antes = telefonos_de(ctx, cliente)
    if antes != numeros:
        auditoria.registrar(
            ctx, "cambio" if antes else "alta", "cliente", cliente.id, cliente_id=cliente.id,
            detalle={"telefonos": [", ".join(antes) or None, ", ".join(numeros) or None]},
        )  # fmt: skip
    store_pg.borrar_filas(ctx.session, Telefono, [cliente.id])
    for orden, numero in enumerate(numeros):
        ctx.session.add(Telefono(cliente_id=cliente.id, numero=numero, orden=orden))


def _plaza(value: str) -> str:
    plaza = domain.texto(value, "La plaza", maximo=100)
    if not plaza:
        raise DatoInvalido("La plaza no puede estar vacía.")
    return plaza


def _primer_contacto(ctx: Contexto, fecha: date) -> date:
    if fecha > ctx.hoy:
        raise DatoInvalido("La fecha de primer contacto no puede ser futura.")
    return fecha


# ---------------------------------------------------------------- add and edit


def add(
    ctx: Contexto,
    nombre: str,
    *,
    telefonos: list[str] | None = None,
    email: str | None = None,
    direccion: str | None = None,
    origen: str | None = None,
    referido_por: str | None = None,
    etapa: str | None = None,
    temperatura: str | None = None,
    plaza: str | None = None,
    primer_contacto: date | None = None,
    nota: str | None = None,
    curp: str | None = None,
    rfc: str | None = None,
    forzar: bool = False,
) -> Cliente:
    """Add a client owned by the current advisor and return it.

    Validates every field first; refuses a phone or e-mail that another client has, or
    the name of a client the advisor works (Duplicado) unless ``forzar``. Raises
    DatoInvalido for bad input. Each error names its field (``A3Error.campo``).
    """
    with en_campo("nombre"):
        nombre = domain.check_nombre(nombre)
    with en_campo("telefonos"):
        numeros = _telefonos(telefonos or [])
    with en_campo("email"):
        email_n = domain.normalize_email(email) if email else None
    with en_campo("origen"):
        origen_v = parse_valor(Origen, origen, "El origen") if origen else None
    with en_campo("etapa"):
        etapa_v = altas.etapa_inicial(parse_valor(Etapa, etapa, "La etapa") if etapa else Etapa.PROSPECTO)
    with en_campo("temperatura"):
        temp_v = parse_valor(Temperatura, temperatura, "La temperatura") if temperatura else None
        temp_v = altas.temperatura_inicial(etapa_v, temp_v)
    with en_campo("referido_por"):
        referido = resolve(ctx, referido_por) if referido_por else None
    if referido is not None and origen_v is None:
        origen_v = Origen.REFERIDO
    with en_campo("direccion"):
        direccion_v = domain.texto(direccion, "La dirección")
    with en_campo("plaza"):
        plaza_v = _plaza(plaza) if plaza is not None else ctx.asesor.plaza
    with en_campo("primer_contacto"):
        inicio = _primer_contacto(ctx, primer_contacto) if primer_contacto else ctx.hoy
    with en_campo("curp"):
        curp_v = domain.check_curp(curp) if curp and curp.strip() else None
    with en_campo("rfc"):
        rfc_v = domain.check_rfc(rfc) if rfc and rfc.strip() else None
    if not forzar:
        _check_duplicados(ctx, numeros, email_n)
        _check_homonimo(ctx, nombre)
    texto_nota = altas.texto_de_nota(nota) if nota and nota.strip() else None
    nuevo = altas.cliente_nuevo(
        nombre=nombre,
        numeros=numeros,
        email=email_n,
        direccion=direccion_v,
        origen=origen_v,
        referido_por_id=referido.id if referido else None,
        asesor_id=ctx.asesor_id,
        plaza=plaza_v,
        etapa=etapa_v,
        temperatura=temp_v,
        primer_contacto=inicio,
        curp=curp_v,
        rfc=rfc_v,
        nota=texto_nota,
        creado=ctx.ahora,
        cadencia=ctx.cadencia,
    )
    [cliente_id] = altas.insertar(ctx, [nuevo])
    cliente = ctx.session.get(Cliente, cliente_id)
    assert cliente is not None
    return cliente


def edit(
    ctx: Contexto,
    cliente: Cliente,
    *,
    nombre: str | None = None,
    telefonos: list[str] | None = None,
    email: str | None = None,
    direccion: str | None = None,
    origen: str | None = None,
    referido_por: str | None = None,
    plaza: str | None = None,
    primer_contacto: date | None = None,
    curp: str | None = None,
    rfc: str | None = None,
    forzar: bool = False,
) -> Cliente:
    """Change a client's personal and contact data. ``None`` leaves a field as it is;
    an empty string clears e-mail, address, origen, referido por, CURP or RFC.

    Raises DatoInvalido, or Duplicado when a new phone/e-mail belongs to another client.
    """
    numeros = _telefonos(telefonos) if telefonos is not None else None
    email_n: str | None = cliente.email
    if email is not None:
        email_n = domain.normalize_email(email) if email.strip() else None
    if not forzar and (numeros is not None or email is not None):
        _check_duplicados(ctx, numeros or [], email_n if email is not None else None, excluir=cliente.id)
    if nombre is not None:
        cliente.nombre = domain.check_nombre(nombre)
        cliente.nombre_orden = domain.nombre_orden(cliente.nombre)
    cliente.email = email_n
    if direccion is not None:
        cliente.direccion = domain.texto(direccion, "La dirección")
    if origen is not None:
        cliente.origen = parse_valor(Origen, origen, "El origen") if origen.strip() else None
    if referido_por is not None:
        if referido_por.strip():
            referido = resolve(ctx, referido_por)
            if referido.id == cliente.id:
                raise DatoInvalido("Un cliente no puede ser referido por sí mismo.")
            cliente.referido_por_id = referido.id
        else:
            cliente.referido_por_id = None
    if plaza is not None:
        cliente.plaza = _plaza(plaza)
    if primer_contacto is not None:
        cliente.primer_contacto = _primer_contacto(ctx, primer_contacto)
    if curp is not None:
        cliente.curp = domain.check_curp(curp) if curp.strip() else None
    if rfc is not None:
        cliente.rfc = domain.check_rfc(rfc) if rfc.strip() else None
    cliente.actualizado = ctx.ahora
    if numeros is not None:
        _set_telefonos(ctx, cliente, numeros)
    _refrescar_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    ctx.session.flush()
    _reindex(ctx, cliente, numeros if numeros is not None else telefonos_de(ctx, cliente))
    return cliente


# ---------------------------------------------------------------- stage and temperature


# Stages a client reaches only through its reservation (services.apartados), and how.
_ETAPAS_DE_LA_VENTA = {
    Etapa.APARTADO: ("registrar su apartado (propiedad y monto)", "a3 apartado crear {id} --propiedad CLAVE --monto N"),
    Etapa.ESCRITURADO: ("escriturar su apartado", "a3 apartado escriturar ID_DEL_APARTADO"),
    Etapa.ENTREGADO: ("entregar su apartado", "a3 apartado entregar ID_DEL_APARTADO"),
}


def etapas_a_mano(actual: Etapa) -> list[Etapa]:
    """The stages ``cambiar_etapa`` moves a client in ``actual`` to (cancel, reactivate), in
    pipeline order; the sale's stages follow the reservation (``como_se_llega``)."""
    return [e for e in Etapa if e in domain.TRANSICIONES[actual] and e not in _ETAPAS_DE_LA_VENTA]


def como_se_llega(actual: Etapa) -> list[tuple[Etapa, str]]:
    """The sale's next stages from ``actual`` and how a client gets there («registrar su
    apartado (propiedad y monto)»)."""
    return [
        (e, _ETAPAS_DE_LA_VENTA[e][0]) for e in Etapa if e in domain.TRANSICIONES[actual] and e in _ETAPAS_DE_LA_VENTA
    ]


def cambiar_etapa(ctx: Contexto, cliente: Cliente, etapa: str, motivo: str | None = None) -> Cliente:
    """Move a client to ``etapa`` by hand (cancel, or reactivate a cancelled client) and write
    the change in its history. Cancelling needs a ``motivo`` and cancels the client's live
    reservation too (its property is available again).

    Apartado, escriturado and entregado follow the client's reservation
    (``services.apartados``): asked for here, DatoInvalido says how. Raises DatoInvalido
    for an unknown etapa or a change the pipeline does not allow.
    """
    nueva = parse_valor(Etapa, etapa, "La etapa")
    motivo = domain.texto(motivo, "El motivo")
    domain.check_transicion(cliente.etapa, nueva, motivo)
    if nueva in _ETAPAS_DE_LA_VENTA:
        como, comando = _ETAPAS_DE_LA_VENTA[nueva]
        raise DatoInvalido(
            f"Un cliente pasa a {nueva.value} al {como}.", pista_cli=f"usa {comando.format(id=cliente.id)}."
        )
    if nueva == Etapa.CANCELADO:
        vivo = apartado_activo(ctx, cliente)
        if vivo is not None:
            # The reservation goes with the client (and cancels the client with its motivo).
            propiedad = ctx.session.get(Propiedad, vivo.propiedad_id)
            assert propiedad is not None
            cancelar_apartado(ctx, get(ctx, vivo.cliente_id), vivo, propiedad, motivo or "")
            return cliente
    return _cambiar_etapa(ctx, cliente, nueva, motivo, None)


def apartado_activo(ctx: Contexto, cliente: Cliente) -> Apartado | None:
    """The client's live reservation, if any."""
    return ctx.session.exec(
        select(Apartado).where(col(Apartado.cliente_id) == cliente.id, col(Apartado.estado) == EstadoApartado.ACTIVO)
    ).first()


def cancelar_apartado(ctx: Contexto, cliente: Cliente, apartado: Apartado, propiedad: Propiedad, razon: str) -> None:
    """Cancel ``cliente``'s live reservation ``apartado`` of ``propiedad`` (checked by the
    caller: ``apartados.cancelar``, or ``cambiar_etapa`` cancelling the client): the
    property is available again, the reservation stays as a previous one with its motivo,
    and the client, while in apartado, is cancelled with the same motivo (else its history
    says so)."""
    apartado.estado = EstadoApartado.CANCELADO
    apartado.motivo_cancelacion = razon
    apartado.actualizado = ctx.ahora
    propiedad.estado = EstadoPropiedad.DISPONIBLE
    propiedad.actualizado = ctx.ahora
    ctx.session.add_all([apartado, propiedad])
    ctx.session.flush()
    if cliente.etapa == Etapa.APARTADO:
        cambiar_etapa(ctx, cliente, Etapa.CANCELADO.value, f"apartado {apartado.id} cancelado: {razon}")
    else:
        historial.sistema(ctx, cliente, EventoSistema.APARTADO, f"apartado {apartado.id} cancelado: {razon}")


def cambiar_etapa_de_la_venta(ctx: Contexto, cliente: Cliente, nueva: Etapa, detalle: str) -> Cliente:
    """Move a client along the sale (apartado, escriturado, entregado): for services.apartados,
    which keeps the reservation and the stage in step."""
    domain.check_transicion(cliente.etapa, nueva, None)
    return _cambiar_etapa(ctx, cliente, nueva, None, detalle)


def _cambiar_etapa(ctx: Contexto, cliente: Cliente, nueva: Etapa, motivo: str | None, detalle: str | None) -> Cliente:
    actual = cliente.etapa
    cliente.etapa = nueva
    texto = detalle or f"{actual.value} → {nueva.value}"
    if nueva == Etapa.CANCELADO:
        cliente.motivo_cancelacion = motivo
        texto += f" (motivo: {motivo})"
    else:
        cliente.motivo_cancelacion = None
    if nueva == Etapa.APARTADO and cliente.fecha_apartado is None:
        cliente.fecha_apartado = ctx.hoy
    if nueva == Etapa.PROSPECTO:
        cliente.temperatura = cliente.temperatura or Temperatura.TIBIO
    cliente.actualizado = ctx.ahora
    _refrescar_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    historial.sistema(ctx, cliente, EventoSistema.CAMBIO_ETAPA, texto)
    ctx.session.flush()
    return cliente


def cambiar_temperatura(ctx: Contexto, cliente: Cliente, temperatura: str) -> Cliente:
    """Set a prospect's temperatura (caliente/tibio/frío); it changes the follow-up cadence."""
    nueva = parse_valor(Temperatura, temperatura, "La temperatura")
    if cliente.etapa != Etapa.PROSPECTO:
        raise DatoInvalido(
            f"La temperatura solo aplica a prospectos; {cliente.nombre} está en etapa {cliente.etapa.value}."
        )
    if cliente.temperatura == nueva:
        raise DatoInvalido(f"{cliente.nombre} ya es {nueva.value}.")
    anterior = cliente.temperatura.value if cliente.temperatura else "sin temperatura"
    cliente.temperatura = nueva
    cliente.actualizado = ctx.ahora
    _refrescar_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    historial.sistema(ctx, cliente, EventoSistema.CAMBIO_TEMPERATURA, f"{anterior} → {nueva.value}")
    ctx.session.flush()
    return cliente


def dias_cadencia(ctx: Contexto, etapa: Etapa, temperatura: Temperatura | None) -> int | None:
    """Days between contacts for a client in ``etapa`` with the database's cadence."""
    return domain.dias_cadencia(etapa, temperatura, ctx.cadencia)


@dataclass(frozen=True)
class Contactos:
    """A client's last activity of any kind, last contact, and last unanswered attempt
    (system entries aside): what the next-contact date is computed from."""

    ultima_actividad: datetime | None = None
    ultimo_contacto: datetime | None = None
    ultimo_intento: datetime | None = None
    # The earliest pending follow-up task's date: the contact agreed with the client.
    proxima_tarea: date | None = None
    # When the client wrote (a message or e-mail) with nothing sent to them since: waiting
    # for an answer.
    por_contestar: datetime | None = None


def condicion_intento(actividad: type[Actividad] = Actividad) -> ColumnElement[bool]:
    """The SQL side of ``domain.es_intento_sin_respuesta``: a call nobody answered (on
    ``actividad``, the table or an alias of it)."""
    return and_(
        col(actividad.tipo) == TipoActividad.LLAMADA,
        col(actividad.resultado).in_(list(domain.RESULTADOS_SIN_RESPUESTA)),
    )


def contactos_de(ctx: Contexto, ids: Sequence[int]) -> dict[int, Contactos]:
    """``Contactos`` of the clients ``ids`` that have any activity (one grouped query)."""
    if not ids:
        return {}
    fecha = col(Actividad.fecha)
    intento = condicion_intento()
    escrito = and_(col(Actividad.entrante), col(Actividad.tipo).in_([TipoActividad.MENSAJE, TipoActividad.EMAIL]))
    # Six columns: more than sqlmodel's select types; SQLAlchemy's own takes them.
    filas = ctx.session.execute(
        sqlalchemy.select(
            col(Actividad.cliente_id),
            func.max(fecha),
            func.max(fecha).filter(not_(intento)),
            func.max(fecha).filter(intento),
            func.max(fecha).filter(escrito),
            func.max(fecha).filter(not_(col(Actividad.entrante))),
        )
        .where(col(Actividad.cliente_id).in_(ids), col(Actividad.tipo) != TipoActividad.SISTEMA)
        .group_by(col(Actividad.cliente_id))
    ).all()
    contactos = {
        cliente_id: Contactos(ultima, contacto, intento, por_contestar=_sin_contestar(escribio, salio))
        for cliente_id, ultima, contacto, intento, escribio, salio in filas
    }
    # A document the client handed over is their last activity too (documentos.recibido).
    for con_documento, subido in ultimos_recibidos(ctx, list(ids)).items():
        previos = contactos.get(con_documento, Contactos())
        if previos.ultima_actividad is None or subido > previos.ultima_actividad:
            contactos[con_documento] = replace(previos, ultima_actividad=subido)
    pendientes = ctx.session.exec(
        select(Tarea.cliente_id, func.min(col(Tarea.vence)))
        .where(col(Tarea.cliente_id).in_(ids), col(Tarea.hecha).is_(False), col(Tarea.actividad_id).is_not(None))
        .group_by(col(Tarea.cliente_id))
    ).all()
    for cliente_id, vence in pendientes:
        if cliente_id is not None:
            contactos[cliente_id] = replace(contactos.get(cliente_id, Contactos()), proxima_tarea=vence)
    return contactos


def ultimos_recibidos(ctx: Contexto, ids: list[int]) -> dict[int, datetime]:
    """When each of the clients ``ids`` last handed over a document (those with one): the
    part of «Última actividad» documents make, for ``contactos_de`` (one grouped
    query on ``ix_documento_cliente``)."""
    if not ids:
        return {}
    filas = ctx.session.exec(
        select(Documento.cliente_id, func.max(Documento.subido))
        .where(col(Documento.cliente_id).in_(ids))
        .group_by(col(Documento.cliente_id))
    ).all()
    return {int(cliente_id): subido for cliente_id, subido in filas if subido is not None}


def _sin_contestar(escribio: datetime | None, salio: datetime | None) -> datetime | None:
    """When the client wrote last, if nothing was sent to them after it."""
    return escribio if escribio is not None and (salio is None or salio < escribio) else None


def _refrescar_seguimiento(ctx: Contexto, cliente: Cliente, contactos: Contactos | None = None) -> None:
    if contactos is None:
        # A client never contacted needs no query (a new one, or an import's thousands).
        sin_actividad = cliente.id is None or cliente.ultima_actividad is None
        contactos = Contactos() if sin_actividad else contactos_de(ctx, [cliente.id or 0]).get(cliente.id or 0)
    cliente.proximo_contacto = domain.proximo_contacto(
        cliente.etapa,
        cliente.temperatura,
        contactos.ultimo_contacto if contactos else None,
        cliente.primer_contacto,
        ctx.cadencia,
        ultimo_intento=contactos.ultimo_intento if contactos else None,
        tarea_pendiente=contactos.proxima_tarea if contactos else None,
        por_contestar=contactos.por_contestar if contactos else None,
    )


def registrar_contacto(ctx: Contexto, cliente: Cliente, fecha: datetime) -> None:
    """Note an activity at ``fecha`` (flushed or pending in the session): moves the last
    activity and the next-contact date (an unanswered call is not a contact: see
    ``domain.proximo_contacto``)."""
    if cliente.ultima_actividad is None or fecha > cliente.ultima_actividad:
        cliente.ultima_actividad = fecha
    cliente.actualizado = ctx.ahora
    _refrescar_seguimiento(ctx, cliente)
    ctx.session.add(cliente)


def recalcular_seguimiento(ctx: Contexto, *, lote: int = 1000) -> int:
    """Recompute the last activity and next-contact date of every live client of the
    database (the cadence is the database's: after a change of it, or to repair them);
    returns how many clients' dates changed (not how many were read: a change of the
    escriturado cadence with no client escriturado changes none). Reads them in pages,
    never all at once. The
    moved dates are derived: the change that caused them has its own audit row."""
    with auditoria.pausada(ctx, "cliente.proximo_contacto"):
        return _recalcular(ctx, lote)


def _recalcular(ctx: Contexto, lote: int) -> int:
    cambiados = 0
    ultimo = 0
    ya_cargados = set(ctx.session.identity_map.keys())
    while True:
        pagina = ctx.session.exec(
            select(Cliente)
            .where(col(Cliente.fusionado_en_id).is_(None), col(Cliente.id) > ultimo)
            .order_by(col(Cliente.id))
            .limit(lote)
        ).all()
        if not pagina:
            return cambiados
        contactos = contactos_de(ctx, [c.id for c in pagina if c.id is not None])
        for cliente in pagina:
            antes = (cliente.ultima_actividad, cliente.proximo_contacto)
            de_cliente = contactos.get(cliente.id or 0, Contactos())
            cliente.ultima_actividad = de_cliente.ultima_actividad
            _refrescar_seguimiento(ctx, cliente, de_cliente)
            cambiados += (cliente.ultima_actividad, cliente.proximo_contacto) != antes
            ctx.session.add(cliente)
        ctx.session.flush()
        ultimo = pagina[-1].id or ultimo
        for cliente in pagina:
            # What this function read is written: let it go, so memory stays flat on a big
            # portfolio (records the caller already held stay in the session).
            if inspect(cliente).identity_key not in ya_cargados:
                ctx.session.expunge(cliente)


# ---------------------------------------------------------------- lists


def _where(ctx: Contexto, filtro: Filtro, query: Q) -> Q:
    query = query.where(alcance.cartera(ctx, asesores.cartera_de(ctx, filtro.asesor) if filtro.asesor else None))
    if filtro.etapa is not None:
        query = query.where(col(Cliente.etapa) == filtro.etapa)
    if filtro.temperatura is not None:
        # Temperature only describes prospects; a client who moved on keeps the old value.
        query = query.where(col(Cliente.temperatura) == filtro.temperatura, col(Cliente.etapa) == Etapa.PROSPECTO)
    if filtro.frios:
        query = query.where(condicion_frio(ctx, filtro.dias))
    if filtro.alertas:
        query = query.where(or_(*(condicion_alerta(ctx, a) for a in filtro.alertas)))
    if filtro.buscar.strip():
        query = _search_where(query, filtro.buscar)
    return query


def _check_filtro(filtro: Filtro) -> None:
    if filtro.orden not in ORDENES:
        raise DatoInvalido(f"El orden «{filtro.orden}» no es válido; usa uno de: {', '.join(ORDENES)}.")
    if not 0 <= filtro.dias <= domain.DIAS_MAXIMO:
        raise DatoInvalido(f"Los días sin actividad deben estar entre 0 y {domain.DIAS_MAXIMO:,}.")


def condicion_frio(ctx: Contexto, dias: int) -> ColumnElement[bool]:
    """Active prospects whose last activity (else first contact) is ``dias`` or more calendar
    days ago: on Monday 23, with 7 days, anything on or before Monday 16 at any hour."""
    ultimo_dia = ctx.hoy - timedelta(days=dias)
    antes_de = datetime.combine(ultimo_dia + timedelta(days=1), datetime.min.time())
    return and_(
        col(Cliente.etapa) == Etapa.PROSPECTO,
        or_(
            col(Cliente.ultima_actividad) < antes_de,
            and_(col(Cliente.ultima_actividad).is_(None), col(Cliente.primer_contacto) <= ultimo_dia),
        ),
    )


def condicion_alerta(ctx: Contexto, alerta: Alerta) -> ColumnElement[bool]:
    """The SQL side of ``domain.alerta``: the same bounds, as a condition on the next contact."""
    desde, hasta = domain.rango_alerta(alerta, ctx.hoy)
    proximo = col(Cliente.proximo_contacto)
    condiciones = []
    if desde is not None:
        condiciones.append(proximo >= desde)
    if hasta is not None:
        condiciones.append(proximo <= hasta)
    return and_(*condiciones)


def _order(filtro: Filtro) -> list[Any]:
    if filtro.orden == "proximo":
        if filtro.alertas:
            # Every client with an alert has a next-contact date: a plain order walks the index.
            return [col(Cliente.proximo_contacto), col(Cliente.nombre_orden), col(Cliente.id)]
        return [
            col(Cliente.proximo_contacto).is_(None),
            col(Cliente.proximo_contacto),
            col(Cliente.nombre_orden),
            col(Cliente.id),
        ]
    if filtro.orden == "inactivo":
        # Never contacted first, then the longest idle.
        return [col(Cliente.ultima_actividad).asc().nulls_first(), col(Cliente.primer_contacto), col(Cliente.id)]
    if filtro.orden == "actividad":
        return [col(Cliente.ultima_actividad).is_(None), col(Cliente.ultima_actividad).desc(), col(Cliente.id)]
    return [col(Cliente.nombre_orden), col(Cliente.id)]


def count(ctx: Contexto, filtro: Filtro, *, hasta: int | None = None) -> int:
    """How many clients the filter shows; with ``hasta``, stop counting there (a cheap
    "more than N" for search-as-you-type over a large portfolio)."""
    _check_filtro(filtro)
    if hasta is None:
        return int(ctx.session.exec(_where(ctx, filtro, select(func.count()).select_from(Cliente))).one())
    ids = _where(ctx, filtro, select(Cliente.id)).limit(hasta).subquery()
    return int(ctx.session.exec(select(func.count()).select_from(ids)).one())


def list_(ctx: Contexto, filtro: Filtro, *, offset: int = 0, limit: int = 50) -> list[FilaCliente]:
    """One page of the client list (never the whole table), in the filter's order."""
    _check_filtro(filtro)
    if offset < 0 or limit < 0 or offset > domain.ENTERO_MAXIMO - limit:
        return []
    query = sqlalchemy.select(*columnas_de_fila())
    query = _where(ctx, filtro, query).order_by(*_order(filtro)).offset(offset).limit(limit)
    return [fila(ctx, leida) for leida in ctx.session.execute(query).all()]


# ---------------------------------------------------------------- ficha


@dataclass(frozen=True)
class Ficha:
    """Everything shown in a client's header and Datos tab."""

    cliente: Cliente
    telefonos: list[str]
    asesor: str
    referido_por: tuple[int, str] | None
    referidos: list[tuple[int, str]]
    alerta: Alerta | None
    dias_cadencia: int | None


def ficha(ctx: Contexto, cliente: Cliente) -> Ficha:
    """A client's data for its record (ficha)."""
    referido = ctx.session.get(Cliente, cliente.referido_por_id) if cliente.referido_por_id else None
    referidos = ctx.session.exec(
        select(Cliente.id, Cliente.nombre)
        .where(col(Cliente.referido_por_id) == cliente.id)
        .order_by(col(Cliente.nombre_orden))
    ).all()
    return Ficha(
        cliente=cliente,
        telefonos=telefonos_de(ctx, cliente),
        asesor=nombre_asesor(ctx, cliente.asesor_id),
        referido_por=(referido.id, referido.nombre) if referido and referido.id else None,
        referidos=[(r[0], r[1]) for r in referidos if r[0] is not None],
        alerta=domain.alerta(cliente.proximo_contacto, ctx.hoy),
        dias_cadencia=dias_cadencia(ctx, cliente.etapa, cliente.temperatura),
    )

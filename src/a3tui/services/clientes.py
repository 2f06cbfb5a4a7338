"""Clients: add, edit, find, list, stage and temperature changes, follow-up dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, false, func, intersect, or_
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import Alerta, Etapa, EventoSistema, Origen, Temperatura, TipoActividad, parse_valor
from a3tui.errors import ClienteNoEncontrado, DatoInvalido, Duplicado, ReferenciaAmbigua
from a3tui.models import Actividad, Asesor, Cliente, ClienteTermino, Telefono
from a3tui.services import Contexto

ORDENES = ("nombre", "proximo", "actividad", "inactivo")


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
    etapa: str
    temperatura: str | None
    ultima_actividad: datetime | None
    proximo_contacto: date | None
    alerta: Alerta | None


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


# ---------------------------------------------------------------- scope and lookup


def _scope(ctx: Contexto) -> Any:
    """Clients the current advisor may see: their own, or their plaza's for a coordinator."""
    vivo = col(Cliente.fusionado_en_id).is_(None)
    if ctx.es_coordinador:
        return and_(Cliente.plaza == ctx.asesor.plaza, vivo)
    return and_(Cliente.asesor_id == ctx.asesor.id, vivo)


def get(ctx: Contexto, cliente_id: int) -> Cliente:
    """The client with ``cliente_id`` if the advisor may see it; raises ClienteNoEncontrado."""
    if not domain.id_valido(cliente_id):
        raise ClienteNoEncontrado(f"No existe el cliente con id {cliente_id}.")
    cliente = ctx.session.exec(select(Cliente).where(Cliente.id == cliente_id, _scope(ctx))).first()
    if cliente is None:
        raise ClienteNoEncontrado(f"No existe el cliente con id {cliente_id}.")
    return cliente


def resolve(ctx: Contexto, ref: str) -> Cliente:
    """A client from a REF: its id, or text that matches exactly one client.

    An exact (accent/case-insensitive) full name wins over partial matches. Raises
    ClienteNoEncontrado, or ReferenciaAmbigua listing the candidates.
    """
    text = ref.strip()
    if not text:
        raise DatoInvalido("Indica el cliente por su id o por parte de su nombre, teléfono o email.")
    if text.isascii() and text.isdigit() and len(text) < 10:
        return get(ctx, int(text))
    folded = " ".join(domain.words(text))
    if not domain.tokens_consulta(text):
        raise ClienteNoEncontrado(f"No hay ningún cliente que coincida con «{ref}».")
    exact = ctx.session.exec(
        select(Cliente).where(_scope(ctx), Cliente.nombre_orden == folded).limit(2)
    ).all()
    if len(exact) == 1:
        return exact[0]
    candidatos = (
        exact
        if exact
        else ctx.session.exec(
            _search_where(select(Cliente).where(_scope(ctx)), text).order_by(Cliente.nombre_orden).limit(11)
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


def _search_where(query: Any, text: str) -> Any:
    """Restrict ``query`` to clients matching every token of ``text`` by prefix of an index term.

    A selective token is a range scan of the term index (several are intersected there,
    before any client row is read); a broad one is probed per client instead.
    """
    tokens = domain.tokens_consulta(text)
    if not tokens:
        # Only punctuation («%», «*»): nothing to match, so no client (not every client).
        return query.where(false())
    anchos = [token for token in tokens if _ancho(token)]
    estrechos = [token for token in tokens if not _ancho(token)]
    if anchos:
        # A single letter (or one or two digits) matches a large part of the portfolio:
        # reading every match to sort it costs hundreds of ms at 100k clients, while walking
        # the clients in list order and probing each one's terms stops when a page is full.
        for token in anchos:
            query = query.where(
                select(ClienteTermino.cliente_id)
                .where(
                    ClienteTermino.cliente_id == Cliente.id,
                    ClienteTermino.termino >= token,
                    ClienteTermino.termino < domain.fin_prefijo(token),
                )
                .exists()
            )
    subqueries = [
        select(ClienteTermino.cliente_id).where(
            ClienteTermino.termino >= token, ClienteTermino.termino < domain.fin_prefijo(token)
        )
        for token in estrechos
    ]
    if not subqueries:
        return query
    ids = subqueries[0] if len(subqueries) == 1 else intersect(*subqueries)
    return query.where(col(Cliente.id).in_(ids))


def telefonos_de(ctx: Contexto, cliente: Cliente) -> list[str]:
    """The client's phones (10 digits), main one first."""
    return list(
        ctx.session.exec(
            select(Telefono.numero).where(Telefono.cliente_id == cliente.id).order_by(Telefono.orden)
        ).all()
    )


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
    conditions = []
    if numeros:
        conditions.append(
            col(Cliente.id).in_(select(Telefono.cliente_id).where(col(Telefono.numero).in_(numeros)))
        )
    if email:
        conditions.append(Cliente.email == email)
    if not conditions:
        return
    query = select(Cliente).where(or_(*conditions), col(Cliente.fusionado_en_id).is_(None))
    if excluir is not None:
        query = query.where(Cliente.id != excluir)
    existente = ctx.session.exec(query.limit(1)).first()
    if existente is None or existente.id is None:
        return
    mios = existente.asesor_id == ctx.asesor.id
    dueno = "" if mios else f" (de {_nombre_asesor(ctx, existente.asesor_id)})"
    que = "ese email" if email and existente.email == email else "ese teléfono"
    raise Duplicado(
        f"Ya existe un cliente con {que}: {existente.id} {existente.nombre}{dueno}.",
        existente.id,
        existente.nombre,
    )


def _nombre_asesor(ctx: Contexto, asesor_id: int) -> str:
    asesor = ctx.session.get(Asesor, asesor_id)
    return asesor.nombre if asesor else "otro asesor"


def _reindex(ctx: Contexto, cliente: Cliente, numeros: list[str]) -> None:
    assert cliente.id is not None
    ctx.session.exec(delete(ClienteTermino).where(ClienteTermino.cliente_id == cliente.id))  # type: ignore[call-overload]
    for termino in domain.terminos_busqueda(cliente.nombre, cliente.email, numeros):
        ctx.session.add(ClienteTermino(termino=termino, cliente_id=cliente.id))


def _set_telefonos(ctx: Contexto, cliente: Cliente, numeros: list[str]) -> None:
    ctx.session.exec(delete(Telefono).where(Telefono.cliente_id == cliente.id))  # type: ignore[call-overload]
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
    forzar: bool = False,
) -> Cliente:
    """Add a client owned by the current advisor and return it.

    Validates every field first; refuses a phone or e-mail that another client has
    (Duplicado) unless ``forzar``. Raises DatoInvalido for bad input.
    """
    nombre = domain.check_nombre(nombre)
    numeros = _telefonos(telefonos or [])
    email_n = domain.normalize_email(email) if email else None
    origen_v = parse_valor(Origen, origen, "El origen").value if origen else None
    etapa_v = parse_valor(Etapa, etapa, "La etapa") if etapa else Etapa.PROSPECTO
    if etapa_v == Etapa.CANCELADO:
        raise DatoInvalido("Un cliente nuevo no puede empezar cancelado.")
    temp_v = parse_valor(Temperatura, temperatura, "La temperatura") if temperatura else None
    if temp_v is not None and etapa_v != Etapa.PROSPECTO:
        raise DatoInvalido("La temperatura solo aplica a prospectos.")
    if etapa_v == Etapa.PROSPECTO and temp_v is None:
        temp_v = Temperatura.TIBIO
    referido = resolve(ctx, referido_por) if referido_por else None
    if referido is not None and origen_v is None:
        origen_v = Origen.REFERIDO.value
    direccion_v = domain.texto(direccion, "La dirección")
    plaza_v = _plaza(plaza) if plaza is not None else ctx.asesor.plaza
    inicio = _primer_contacto(ctx, primer_contacto) if primer_contacto else ctx.hoy
    if not forzar:
        _check_duplicados(ctx, numeros, email_n)
    cliente = Cliente(
        nombre=nombre,
        nombre_orden=" ".join(domain.words(nombre)),
        email=email_n,
        direccion=direccion_v,
        primer_contacto=inicio,
        origen=origen_v,
        referido_por_id=referido.id if referido else None,
        asesor_id=ctx.asesor.id,
        plaza=plaza_v,
        etapa=etapa_v.value,
        temperatura=temp_v.value if temp_v else None,
        fecha_apartado=inicio if etapa_v != Etapa.PROSPECTO else None,
        creado=ctx.ahora,
        actualizado=ctx.ahora,
    )
    cliente.proximo_contacto = domain.proximo_contacto(etapa_v, temp_v, None, inicio, ctx.cadencia)
    ctx.session.add(cliente)
    ctx.session.flush()
    _set_telefonos(ctx, cliente, numeros)
    _reindex(ctx, cliente, numeros)
    if nota and nota.strip():
        from a3tui.services import notas

        notas.add(ctx, cliente, nota)
    ctx.session.flush()
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
    forzar: bool = False,
) -> Cliente:
    """Change a client's personal and contact data. ``None`` leaves a field as it is;
    an empty string clears e-mail, address, origen or referido por.

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
        cliente.nombre_orden = " ".join(domain.words(cliente.nombre))
    cliente.email = email_n
    if direccion is not None:
        cliente.direccion = domain.texto(direccion, "La dirección")
    if origen is not None:
        cliente.origen = parse_valor(Origen, origen, "El origen").value if origen.strip() else None
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
    cliente.actualizado = ctx.ahora
    if numeros is not None:
        _set_telefonos(ctx, cliente, numeros)
    _refresh_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    ctx.session.flush()
    _reindex(ctx, cliente, numeros if numeros is not None else telefonos_de(ctx, cliente))
    return cliente


# ---------------------------------------------------------------- stage and temperature


def cambiar_etapa(ctx: Contexto, cliente: Cliente, etapa: str, motivo: str | None = None) -> Cliente:
    """Move a client to ``etapa`` and write the change in its history.

    Cancelling needs a ``motivo``; a cancelled client can only come back as prospecto.
    Raises DatoInvalido for an unknown etapa or a change the pipeline does not allow.
    """
    from a3tui.services import actividades

    nueva = parse_valor(Etapa, etapa, "La etapa")
    actual = Etapa(cliente.etapa)
    motivo = domain.texto(motivo, "El motivo")
    domain.check_transicion(actual, nueva, motivo)
    cliente.etapa = nueva.value
    detalle = f"{actual.value} → {nueva.value}"
    if nueva == Etapa.CANCELADO:
        cliente.motivo_cancelacion = motivo
        detalle += f" (motivo: {cliente.motivo_cancelacion})"
    else:
        cliente.motivo_cancelacion = None
    if nueva == Etapa.APARTADO and cliente.fecha_apartado is None:
        cliente.fecha_apartado = ctx.hoy
    if nueva == Etapa.PROSPECTO:
        cliente.temperatura = cliente.temperatura or Temperatura.TIBIO.value
    cliente.actualizado = ctx.ahora
    _refresh_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    actividades.sistema(ctx, cliente, EventoSistema.CAMBIO_ETAPA, detalle)
    ctx.session.flush()
    return cliente


def cambiar_temperatura(ctx: Contexto, cliente: Cliente, temperatura: str) -> Cliente:
    """Set a prospect's temperatura (caliente/tibio/frío); it changes the follow-up cadence."""
    from a3tui.services import actividades

    nueva = parse_valor(Temperatura, temperatura, "La temperatura")
    if cliente.etapa != Etapa.PROSPECTO.value:
        raise DatoInvalido(
            f"La temperatura solo aplica a prospectos; {cliente.nombre} está en etapa {cliente.etapa}."
        )
    if cliente.temperatura == nueva.value:
        raise DatoInvalido(f"{cliente.nombre} ya es {nueva.value}.")
    anterior = cliente.temperatura or "sin temperatura"
    cliente.temperatura = nueva.value
    cliente.actualizado = ctx.ahora
    _refresh_seguimiento(ctx, cliente)
    ctx.session.add(cliente)
    actividades.sistema(ctx, cliente, EventoSistema.CAMBIO_TEMPERATURA, f"{anterior} → {nueva.value}")
    ctx.session.flush()
    return cliente


def _refresh_seguimiento(ctx: Contexto, cliente: Cliente) -> None:
    cliente.proximo_contacto = domain.proximo_contacto(
        Etapa(cliente.etapa),
        Temperatura(cliente.temperatura) if cliente.temperatura else None,
        cliente.ultima_actividad,
        cliente.primer_contacto,
        ctx.cadencia,
    )


def registrar_contacto(ctx: Contexto, cliente: Cliente, fecha: datetime) -> None:
    """Note a contact activity at ``fecha``: moves last activity and the next-contact date."""
    if cliente.ultima_actividad is None or fecha > cliente.ultima_actividad:
        cliente.ultima_actividad = fecha
    cliente.actualizado = ctx.ahora
    _refresh_seguimiento(ctx, cliente)
    ctx.session.add(cliente)


def recalcular_seguimiento(ctx: Contexto) -> int:
    """Recompute last activity and next contact of every client in scope (after a cadence change)."""
    count = 0
    for cliente in ctx.session.exec(select(Cliente).where(_scope(ctx))):
        ultima = ctx.session.exec(
            select(func.max(Actividad.fecha)).where(
                Actividad.cliente_id == cliente.id, Actividad.tipo != TipoActividad.SISTEMA.value
            )
        ).one()
        cliente.ultima_actividad = ultima
        _refresh_seguimiento(ctx, cliente)
        ctx.session.add(cliente)
        count += 1
    ctx.session.flush()
    return count


# ---------------------------------------------------------------- lists


def _where(ctx: Contexto, filtro: Filtro, query: Any) -> Any:
    query = query.where(_scope(ctx))
    if filtro.etapa is not None:
        query = query.where(Cliente.etapa == filtro.etapa.value)
    if filtro.temperatura is not None:
        # Temperature only describes prospects (SPEC §2); a client who moved on keeps the old value.
        query = query.where(Cliente.temperatura == filtro.temperatura.value, Cliente.etapa == Etapa.PROSPECTO.value)
    if filtro.frios:
        query = query.where(_frio_condition(ctx, filtro.dias))
    if filtro.alertas:
        query = query.where(or_(*(_alerta_condition(ctx, a) for a in filtro.alertas)))
    if filtro.buscar.strip():
        query = _search_where(query, filtro.buscar)
    return query


def _check_filtro(filtro: Filtro) -> None:
    if filtro.orden not in ORDENES:
        raise DatoInvalido(f"El orden «{filtro.orden}» no es válido; usa uno de: {', '.join(ORDENES)}.")
    if not 0 <= filtro.dias <= domain.DIAS_MAXIMO:
        raise DatoInvalido(f"Los días sin actividad deben estar entre 0 y {domain.DIAS_MAXIMO:,}.")


def _frio_condition(ctx: Contexto, dias: int) -> Any:
    """Active prospects whose last activity (else first contact) is ``dias`` or more calendar
    days ago: on Monday 23, with 7 days, anything on or before Monday 16 at any hour."""
    ultimo_dia = ctx.hoy - timedelta(days=dias)
    antes_de = datetime.combine(ultimo_dia + timedelta(days=1), datetime.min.time())
    return and_(
        Cliente.etapa == Etapa.PROSPECTO.value,
        or_(
            col(Cliente.ultima_actividad) < antes_de,
            and_(col(Cliente.ultima_actividad).is_(None), col(Cliente.primer_contacto) <= ultimo_dia),
        ),
    )


def _alerta_condition(ctx: Contexto, alerta: Alerta) -> Any:
    manana = ctx.hoy + timedelta(days=1)
    if alerta == Alerta.ROJO:
        return col(Cliente.proximo_contacto) < ctx.hoy
    if alerta == Alerta.AMARILLO:
        return and_(col(Cliente.proximo_contacto) >= ctx.hoy, col(Cliente.proximo_contacto) <= manana)
    return col(Cliente.proximo_contacto) > manana


def _order(filtro: Filtro) -> list[Any]:
    if filtro.orden == "proximo":
        if filtro.alertas:
            # Every client with an alert has a next-contact date: a plain order walks the index.
            return [Cliente.proximo_contacto, Cliente.nombre_orden, Cliente.id]
        return [col(Cliente.proximo_contacto).is_(None), col(Cliente.proximo_contacto), Cliente.nombre_orden, Cliente.id]
    if filtro.orden == "inactivo":
        # Never contacted first, then the longest idle.
        return [col(Cliente.ultima_actividad).asc().nulls_first(), Cliente.primer_contacto, Cliente.id]
    if filtro.orden == "actividad":
        return [col(Cliente.ultima_actividad).is_(None), col(Cliente.ultima_actividad).desc(), Cliente.id]
    return [Cliente.nombre_orden, Cliente.id]


def count(ctx: Contexto, filtro: Filtro, *, hasta: int | None = None) -> int:
    """How many clients the filter shows; with ``hasta``, stop counting there (a cheap
    "more than N" for search-as-you-type over a large portfolio)."""
    _check_filtro(filtro)
    if hasta is None:
        return ctx.session.exec(_where(ctx, filtro, select(func.count()).select_from(Cliente))).one()
    ids = _where(ctx, filtro, select(Cliente.id)).limit(hasta).subquery()
    return ctx.session.exec(select(func.count()).select_from(ids)).one()


def list_(ctx: Contexto, filtro: Filtro, *, offset: int = 0, limit: int = 50) -> list[FilaCliente]:
    """One page of the client list (never the whole table), in the filter's order."""
    _check_filtro(filtro)
    if offset < 0 or limit < 0 or offset > domain.ENTERO_MAXIMO - limit:
        return []
    telefono = (
        select(Telefono.numero)
        .where(Telefono.cliente_id == Cliente.id)
        .order_by(Telefono.orden)
        .limit(1)
        .scalar_subquery()
    )
    query = select(
        Cliente.id,
        Cliente.nombre,
        telefono,
        Cliente.email,
        Cliente.etapa,
        Cliente.temperatura,
        Cliente.ultima_actividad,
        Cliente.proximo_contacto,
    )
    query = _where(ctx, filtro, query).order_by(*_order(filtro)).offset(offset).limit(limit)
    return [
        FilaCliente(
            id=row[0],
            nombre=row[1],
            telefono=row[2],
            email=row[3],
            etapa=row[4],
            temperatura=row[5],
            ultima_actividad=row[6],
            proximo_contacto=row[7],
            alerta=domain.alerta(row[7], ctx.hoy),
        )
        for row in ctx.session.exec(query).all()
    ]


def fila(ctx: Contexto, cliente: Cliente) -> FilaCliente:
    """The list row of one client."""
    nums = telefonos_de(ctx, cliente)
    assert cliente.id is not None
    return FilaCliente(
        id=cliente.id,
        nombre=cliente.nombre,
        telefono=nums[0] if nums else None,
        email=cliente.email,
        etapa=cliente.etapa,
        temperatura=cliente.temperatura,
        ultima_actividad=cliente.ultima_actividad,
        proximo_contacto=cliente.proximo_contacto,
        alerta=domain.alerta(cliente.proximo_contacto, ctx.hoy),
    )


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
        select(Cliente.id, Cliente.nombre).where(Cliente.referido_por_id == cliente.id).order_by(Cliente.nombre_orden)
    ).all()
    return Ficha(
        cliente=cliente,
        telefonos=telefonos_de(ctx, cliente),
        asesor=_nombre_asesor(ctx, cliente.asesor_id),
        referido_por=(referido.id, referido.nombre) if referido and referido.id else None,
        referidos=[(r[0], r[1]) for r in referidos],
        alerta=domain.alerta(cliente.proximo_contacto, ctx.hoy),
        dias_cadencia=domain.dias_cadencia(
            Etapa(cliente.etapa), Temperatura(cliente.temperatura) if cliente.temperatura else None, ctx.cadencia
        ),
    )

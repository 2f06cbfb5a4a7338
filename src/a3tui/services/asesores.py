"""The people of an office: advisors and coordinators by plaza, who may act, and absences
covered by a suplente.

Rules (each checked here, never in a screen or a command, and each expressible as a
predicate on the advisor's id, role and plaza, so the database can enforce it too):

- The advisor who creates a database is its first coordinator; every other login must be
  added by a coordinator (``add``). A login that is not an advisor is refused, never
  created on the fly; an advisor given de baja can't act.
- Coordinators manage the people (add, edit, baja, suplencias) of their plaza, and of a
  plaza that has no active coordinator yet (``a_cargo``: someone opens a new plaza); they
  see their plaza. The database's owner, in team mode, is not bound by it (PostgreSQL
  exempts the owner from every policy), but a3 holds the owner to it too.
- A suplente sees and works the clients of the advisor they cover, on the covered dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy import update as sql_update
from sqlmodel import Session, col, select

from a3tui import domain, store_pg
from a3tui.domain import Rol, parse_valor
from a3tui.errors import AsesorDesconocido, DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Asesor, Cliente, Suplencia
from a3tui.services import Cartera, Contexto, auditoria

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")


# ---------------------------------------------------------------- identity


def identificar(session: Session, login: str, ahora: datetime) -> Asesor:
    """The advisor acting as ``login``.

    On a database without advisors, ``login`` becomes its first advisor and coordinator
    (a personal database needs no set-up). Two processes may do that at once: the loser
    of the race finds the winner's record. Raises AsesorDesconocido for any other unknown
    login, and for an advisor given de baja.
    """
    from sqlalchemy.exc import IntegrityError

    # Logins are stored lower-case (``add``); an OS login may have capitals. Older files
    # may hold a first advisor's login as typed: compare without case.
    clave = login.strip().lower()
    buscar = select(Asesor).where(func.lower(col(Asesor.login)) == clave)
    asesor = session.exec(buscar).first()
    if asesor is None and session.exec(select(Asesor.id).limit(1)).first() is None:
        try:
            with session.begin_nested():
                asesor = Asesor(nombre=_nombre_de(login), login=clave, rol=Rol.COORDINADOR, creado=ahora)
                session.add(asesor)
                session.flush()
        except IntegrityError:
            asesor = session.exec(buscar).first()
    if asesor is None:
        raise AsesorDesconocido(
            f"«{domain.imprimible(login)}» no es asesor de esta base de datos; un coordinador puede agregarte "
            f'con: a3 asesor add {_login_para_comando(login)} --nombre "Tu nombre" (o usa A3_ASESOR con tu '
            "usuario de a3)."
        )
    if not asesor.activo:
        raise AsesorDesconocido(
            f"{asesor.nombre} ({asesor.login}) está dado de baja en esta base de datos; "
            f"un coordinador puede reactivarlo con: a3 asesor reactivar {asesor.login}."
        )
    return asesor


def _login_para_comando(login: str) -> str:
    return login if _LOGIN.match(login) else "LOGIN"


def _nombre_de(login: str) -> str:
    try:
        import pwd

        gecos = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (KeyError, ImportError):
        pass
    return login


def cubiertos(session: Session, asesor_id: int, hoy: date) -> tuple[int, ...]:
    """The advisors ``asesor_id`` covers today as suplente."""
    filas = session.exec(
        select(Suplencia.titular_id).where(
            col(Suplencia.suplente_id) == asesor_id, col(Suplencia.desde) <= hoy, col(Suplencia.hasta) >= hoy
        )
    ).all()
    return tuple(sorted(set(filas) - {asesor_id}))


def requiere_coordinador(ctx: Contexto, que: str) -> None:
    """Raise SinPermiso («Solo un coordinador puede {que}.») unless the advisor coordinates."""
    if not ctx.es_coordinador:
        raise SinPermiso(f"Solo un coordinador puede {que}.")


def a_cargo(ctx: Contexto, plaza: str) -> bool:
    """Whether the acting coordinator manages the people of ``plaza``: her own, or one no
    active coordinator has yet. On PostgreSQL the database checks the same
    (``a3_plaza_a_cargo``, migration 0011)."""
    if not ctx.es_coordinador:
        return False
    if plaza == ctx.asesor.plaza:
        return True
    otro = ctx.session.exec(
        select(Asesor.id)
        .where(col(Asesor.plaza) == plaza, col(Asesor.rol) == Rol.COORDINADOR, col(Asesor.activo))
        .limit(1)
    ).first()
    return otro is None


def requiere_plaza(ctx: Contexto, plaza: str, que: str) -> None:
    """Raise SinPermiso unless the advisor coordinates ``plaza`` (see ``a_cargo``)."""
    requiere_coordinador(ctx, que)
    if not a_cargo(ctx, plaza):
        raise SinPermiso(
            f"La plaza {plaza} tiene su propio coordinador; solo puedes {que} en la plaza {ctx.asesor.plaza}."
        )


# ---------------------------------------------------------------- lookup


def get(session: Session, login: str) -> Asesor:
    """The advisor with ``login`` (active or not); raises NoEncontrado."""
    asesor = session.exec(select(Asesor).where(col(Asesor.login) == login.strip().lower())).first()
    if asesor is None:
        raise NoEncontrado(f"No existe el asesor «{domain.imprimible(login)}».")
    return asesor


def buscar(ctx: Contexto, ref: str) -> Asesor:
    """An advisor by login or by name (accents and case ignored); the error names the
    closest logins."""
    texto = ref.strip()
    if not texto:
        raise DatoInvalido("Indica el asesor (su login o su nombre).")
    asesor = ctx.session.exec(select(Asesor).where(col(Asesor.login) == texto.lower())).first()
    if asesor is not None:
        return asesor
    buscado = domain.nombre_orden(texto)
    todos = ctx.session.exec(select(Asesor).order_by(col(Asesor.login))).all()
    por_nombre = [a for a in todos if domain.nombre_orden(a.nombre) == buscado] or [
        a for a in todos if buscado and buscado in domain.nombre_orden(a.nombre)
    ]
    if len(por_nombre) == 1:
        return por_nombre[0]
    if len(por_nombre) > 1:
        nombres = ", ".join(f"{a.login} ({a.nombre})" for a in por_nombre[:5])
        raise DatoInvalido(f"«{domain.imprimible(texto)}» coincide con varios asesores: {nombres}; usa su login.")
    from rapidfuzz import fuzz, process

    cercanos = process.extract(
        texto.lower(), {a.login: a.login for a in todos}, scorer=fuzz.WRatio, limit=3, score_cutoff=60
    )
    sugerencia = f"; ¿quisiste decir {', '.join(c for c, _s, _k in cercanos)}?" if cercanos else "."
    raise NoEncontrado(f"No existe el asesor «{domain.imprimible(texto)}»{sugerencia}")


def activo(ctx: Contexto, ref: str) -> Asesor:
    """An active advisor by login or name (``buscar``); one given de baja is refused."""
    asesor = buscar(ctx, ref)
    if not asesor.activo:
        raise DatoInvalido(f"{asesor.nombre} ({asesor.login}) está dado de baja.")
    return asesor


# ---------------------------------------------------------------- managing people


def normalizar_login(texto: str) -> str:
    """A login as a3 stores it (lower case), or DatoInvalido in one Spanish sentence."""
    login = texto.strip().lower()
    if not _LOGIN.match(login):
        raise DatoInvalido(
            f"El login «{domain.imprimible(texto)}» no es válido; usa minúsculas, números, punto, guion o guion bajo "
            "(hasta 32), como su usuario del sistema."
        )
    return login


def _nombre(texto: str) -> str:
    nombre = domain.texto(texto, "El nombre del asesor", maximo=100)
    if not nombre:
        raise DatoInvalido("El nombre del asesor no puede estar vacío.")
    return nombre


def _plaza(texto: str) -> str:
    plaza = domain.texto(texto, "La plaza", maximo=100)
    if not plaza:
        raise DatoInvalido("La plaza no puede estar vacía.")
    return plaza


def add(
    ctx: Contexto,
    login: str,
    *,
    nombre: str,
    plaza: str | None = None,
    rol: str = Rol.ASESOR.value,
    telefono: str | None = None,
) -> Asesor:
    """Add an advisor (a coordinator, to a plaza she manages); the plaza defaults to hers."""
    requiere_coordinador(ctx, "agregar asesores")
    plaza_n = _plaza(plaza) if plaza is not None else ctx.asesor.plaza
    requiere_plaza(ctx, plaza_n, "agregar asesores")
    login_n = normalizar_login(login)
    existente = ctx.session.exec(select(Asesor).where(col(Asesor.login) == login_n)).first()
    if existente is not None:
        estado = "" if existente.activo else f" (dado de baja; reactívalo con a3 asesor reactivar {login_n})"
        raise DatoInvalido(f"Ya existe el asesor {login_n}: {existente.nombre}{estado}.")
    asesor = Asesor(
        nombre=_nombre(nombre),
        login=login_n,
        rol=parse_valor(Rol, rol, "El rol"),
        plaza=plaza_n,
        telefono=domain.normalize_telefono(telefono) if telefono and telefono.strip() else None,
        creado=ctx.ahora,
    )
    ctx.session.add(asesor)
    ctx.session.flush()
    store_pg.dar_acceso(ctx.session, login_n)  # team mode: their PostgreSQL role
    return asesor


def edit(
    ctx: Contexto,
    asesor: Asesor,
    *,
    nombre: str | None = None,
    rol: str | None = None,
    plaza: str | None = None,
    telefono: str | None = None,
) -> Asesor:
    """Change an advisor's data. Anyone may change their own name and phone; role and
    plaza (and anyone else's data) are a coordinator's. The last coordinator can't stop
    being one."""
    propio = asesor.id == ctx.asesor_id
    if not propio or rol is not None or plaza is not None:
        que = "cambiar el rol, la plaza o los datos de otro asesor"
        requiere_coordinador(ctx, que)
        requiere_plaza(ctx, asesor.plaza, que)
        if plaza is not None:
            requiere_plaza(ctx, _plaza(plaza), que)
    nuevo_rol = parse_valor(Rol, rol, "El rol") if rol is not None else None
    if nuevo_rol == Rol.ASESOR and asesor.rol == Rol.COORDINADOR:
        _no_el_ultimo_coordinador(ctx, asesor, "deje de ser coordinador")
    return update(ctx.session, asesor, nombre=nombre, rol=rol, plaza=plaza, telefono=telefono)


def update(
    session: Session,
    asesor: Asesor,
    *,
    nombre: str | None = None,
    rol: str | None = None,
    plaza: str | None = None,
    telefono: str | None = None,
) -> Asesor:
    """Write an advisor's new data (checked; the permission is the caller's, see ``edit``)."""
    if nombre is not None:
        asesor.nombre = _nombre(nombre)
    if rol is not None:
        asesor.rol = parse_valor(Rol, rol, "El rol")
    if plaza is not None and _plaza(plaza) != asesor.plaza:
        asesor.plaza = _plaza(plaza)
        # A client's plaza is its advisor's: the portfolio moves with them (as a transfer
        # moves a client to the plaza of its new advisor).
        session.execute(
            sql_update(Cliente)
            .where(col(Cliente.asesor_id) == asesor.id, col(Cliente.fusionado_en_id).is_(None))
            .values(plaza=asesor.plaza)
        )
    if telefono is not None:
        asesor.telefono = domain.normalize_telefono(telefono) if telefono.strip() else None
    session.add(asesor)
    session.flush()
    return asesor


def _no_el_ultimo_coordinador(ctx: Contexto, asesor: Asesor, para: str) -> None:
    otros = ctx.session.exec(
        select(func.count())
        .select_from(Asesor)
        .where(col(Asesor.rol) == Rol.COORDINADOR, col(Asesor.activo), col(Asesor.id) != asesor.id)
    ).one()
    if not otros:
        raise DatoInvalido(f"{asesor.nombre} es el único coordinador; nombra otro antes de que {para}.")


def clientes_de(ctx: Contexto, asesor: Asesor) -> int:
    """How many live clients ``asesor`` holds."""
    return int(
        ctx.session.exec(
            select(func.count())
            .select_from(Cliente)
            .where(col(Cliente.asesor_id) == asesor.id, col(Cliente.fusionado_en_id).is_(None))
        ).one()
    )


def baja(ctx: Contexto, asesor: Asesor) -> Asesor:
    """Give an advisor de baja (coordinator only): they can't act any more. Their clients
    must be transferred first; the last coordinator can't be given de baja."""
    requiere_plaza(ctx, asesor.plaza, "dar de baja a un asesor")
    if not asesor.activo:
        raise DatoInvalido(f"{asesor.nombre} ({asesor.login}) ya está dado de baja.")
    if asesor.id == ctx.asesor_id:
        raise DatoInvalido("No puedes darte de baja a ti mismo; pídeselo a otro coordinador.")
    if asesor.rol == Rol.COORDINADOR:
        _no_el_ultimo_coordinador(ctx, asesor, "se vaya")
    tiene = clientes_de(ctx, asesor)
    if tiene:
        raise DatoInvalido(
            f"{asesor.nombre} todavía tiene {tiene:,} cliente{'s' if tiene != 1 else ''}; "
            "transfiérelos antes de darlo de baja.",
            pista_cli=f"a3 cliente list --asesor {asesor.login} y a3 cliente transferir REF OTRO --motivo TEXTO.",
        )
    asesor.activo = False
    ctx.session.add(asesor)
    ctx.session.flush()
    aviso = store_pg.quitar_acceso(ctx.session, asesor.login)
    if aviso:
        ctx.avisos.append(aviso)
    return asesor


def reactivar(ctx: Contexto, asesor: Asesor) -> Asesor:
    """Let an advisor given de baja act again (coordinator only)."""
    requiere_plaza(ctx, asesor.plaza, "reactivar a un asesor")
    if asesor.activo:
        raise DatoInvalido(f"{asesor.nombre} ({asesor.login}) está activo.")
    asesor.activo = True
    ctx.session.add(asesor)
    ctx.session.flush()
    store_pg.dar_acceso(ctx.session, asesor.login)
    return asesor


@dataclass(frozen=True)
class FilaAsesor:
    asesor: Asesor
    clientes: int
    # Whom they cover today, and who covers them (logins).
    cubre: tuple[str, ...] = ()
    cubierto_por: tuple[str, ...] = ()


def list_(ctx: Contexto, *, todos: bool = False) -> list[FilaAsesor]:
    """The advisors (active ones unless ``todos``) with their number of clients and
    today's suplencias, by plaza and name."""
    query = select(Asesor).order_by(col(Asesor.plaza), col(Asesor.nombre))
    if not todos:
        query = query.where(col(Asesor.activo))
    asesores = ctx.session.exec(query).all()
    conteo = dict(
        ctx.session.exec(
            select(Cliente.asesor_id, func.count())
            .where(col(Cliente.fusionado_en_id).is_(None))
            .group_by(col(Cliente.asesor_id))
        ).all()
    )
    login = {a.id: a.login for a in ctx.session.exec(select(Asesor)).all()}
    vigentes = ctx.session.exec(
        select(Suplencia).where(col(Suplencia.desde) <= ctx.hoy, col(Suplencia.hasta) >= ctx.hoy)
    ).all()
    return [
        FilaAsesor(
            a,
            int(conteo.get(a.id or 0, 0)),
            tuple(login[s.titular_id] for s in vigentes if s.suplente_id == a.id),
            tuple(login[s.suplente_id] for s in vigentes if s.titular_id == a.id),
        )
        for a in asesores
    ]


# ---------------------------------------------------------------- absences


def add_suplencia(
    ctx: Contexto, titular: Asesor, suplente: Asesor, desde: date, hasta: date, motivo: str | None = None
) -> Suplencia:
    """While ``titular`` is away, ``suplente`` works their clients (coordinator only)."""
    requiere_coordinador(ctx, "nombrar un suplente")
    for quien in (titular, suplente):
        requiere_plaza(ctx, quien.plaza, "nombrar un suplente")
    if titular.id == suplente.id:
        raise DatoInvalido("El suplente debe ser otro asesor.")
    for quien in (titular, suplente):
        if not quien.activo:
            raise DatoInvalido(f"{quien.nombre} ({quien.login}) está dado de baja.")
    if hasta < desde:
        raise DatoInvalido("La fecha final de la suplencia es anterior a la inicial.")
    if (hasta - desde).days > 366:
        raise DatoInvalido("Una suplencia dura a lo más un año; para más, transfiere los clientes.")
    assert titular.id is not None
    assert suplente.id is not None
    suplencia = Suplencia(
        titular_id=titular.id,
        suplente_id=suplente.id,
        desde=desde,
        hasta=hasta,
        motivo=domain.texto(motivo, "El motivo"),
        creada_por_id=ctx.asesor_id,
        creada=ctx.ahora,
    )
    ctx.session.add(suplencia)
    ctx.session.flush()
    return suplencia


@dataclass(frozen=True)
class FilaSuplencia:
    suplencia: Suplencia
    titular: str
    suplente: str

    @property
    def vigente_en(self) -> str:
        s = self.suplencia
        return f"{s.desde.isoformat()} a {s.hasta.isoformat()}"


def list_suplencias(ctx: Contexto, *, pasadas: bool = False) -> list[FilaSuplencia]:
    """Current and future suplencias (and past ones with ``pasadas``), newest first."""
    query = select(Suplencia).order_by(col(Suplencia.desde).desc(), col(Suplencia.id).desc())
    if not pasadas:
        query = query.where(col(Suplencia.hasta) >= ctx.hoy)
    nombres = {a.id: f"{a.nombre} ({a.login})" for a in ctx.session.exec(select(Asesor)).all()}
    return [
        FilaSuplencia(s, nombres.get(s.titular_id, "?"), nombres.get(s.suplente_id, "?"))
        for s in ctx.session.exec(query.limit(domain.LIMITE_MAXIMO)).all()
    ]


def quitar_suplencia(ctx: Contexto, suplencia_id: int) -> Suplencia:
    """End a suplencia (coordinator only): one under way ends yesterday (its days stay on
    record); one that has not started is removed (the audit keeps it)."""
    from datetime import timedelta

    requiere_coordinador(ctx, "quitar una suplencia")
    suplencia = ctx.session.get(Suplencia, suplencia_id) if domain.id_valido(suplencia_id) else None
    if suplencia is None:
        raise NoEncontrado(f"No existe la suplencia {suplencia_id}.")
    for quien_id in (suplencia.titular_id, suplencia.suplente_id):
        quien = ctx.session.get(Asesor, quien_id)
        if quien is not None:
            requiere_plaza(ctx, quien.plaza, "quitar una suplencia")
    if suplencia.hasta < ctx.hoy:
        raise DatoInvalido(f"La suplencia {suplencia_id} ya terminó el {suplencia.hasta.isoformat()}.")
    if suplencia.desde >= ctx.hoy:
        auditoria.borrar(ctx.session, suplencia)
    else:
        suplencia.hasta = ctx.hoy - timedelta(days=1)
        ctx.session.add(suplencia)
    ctx.session.flush()
    return suplencia


# ---------------------------------------------------------------- whose portfolio


def cartera_de(ctx: Contexto, quien: str | None) -> Cartera:
    """The portfolio the lists show for ``quien``: None → the advisor's own (and those they
    cover), ``plaza``/``todos`` → the coordinator's plaza, a login or name → that advisor's
    clients (a coordinator's of their plaza, or one the advisor covers today)."""
    if quien is None or not quien.strip():
        return ctx.cartera
    if domain.fold(quien.strip()) in ("plaza", "todos", "equipo"):
        requiere_coordinador(ctx, "ver los clientes de toda la plaza")
        return Cartera(plaza=ctx.asesor.plaza, titulo=f"plaza {ctx.asesor.plaza}")
    asesor = buscar(ctx, quien)
    assert asesor.id is not None
    if asesor.id == ctx.asesor_id:
        return Cartera(asesor_ids=(asesor.id,), titulo="mis clientes")
    if asesor.id in ctx.cubiertos or (ctx.es_coordinador and asesor.plaza == ctx.asesor.plaza):
        return Cartera(asesor_ids=(asesor.id,), titulo=asesor.nombre)
    if ctx.es_coordinador:
        raise SinPermiso(f"{asesor.nombre} es de la plaza {asesor.plaza}; solo ves la plaza {ctx.asesor.plaza}.")
    raise SinPermiso("Solo un coordinador (o su suplente) puede ver los clientes de otro asesor.")


def ver(ctx: Contexto, quien: str | None) -> Contexto:
    """``ctx`` with the lists showing ``quien``'s portfolio (see ``cartera_de``)."""
    from dataclasses import replace

    return replace(ctx, cartera=cartera_de(ctx, quien))


def carteras_posibles(ctx: Contexto) -> list[tuple[str, str]]:
    """The portfolios the advisor may switch their lists to, as (value for ``cartera_de``,
    label): their own first, then the plaza and each of its advisors (a coordinator) or
    those they cover today (a suplente). Only the first when there is no choice."""
    opciones = [("", "Mis clientes")]
    if ctx.es_coordinador:
        opciones.append(("plaza", f"Plaza {ctx.asesor.plaza}"))
        otros = ctx.session.exec(
            select(Asesor)
            .where(col(Asesor.plaza) == ctx.asesor.plaza, col(Asesor.activo), col(Asesor.id) != ctx.asesor_id)
            .order_by(col(Asesor.nombre))
        ).all()
    else:
        otros = [a for i in ctx.cubiertos if (a := ctx.session.get(Asesor, i)) is not None]
    opciones.extend((a.login, a.nombre) for a in otros)
    return opciones

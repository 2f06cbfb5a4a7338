"""Advisors: the current one is created on first use from the OS login."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from a3tui.domain import Rol, parse_valor
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Asesor


def actual(session: Session, login: str, ahora: datetime) -> Asesor:
    """The advisor with ``login``, created (role asesor, plaza General) if missing.

    Two processes may create the same advisor at once (a new database opened by several
    commands): the loser of the race finds the winner's record instead of failing.
    """
    from sqlalchemy.exc import IntegrityError

    asesor = session.exec(select(Asesor).where(Asesor.login == login)).first()
    if asesor is not None:
        return asesor
    try:
        with session.begin_nested():
            asesor = Asesor(nombre=_nombre_de(login), login=login, rol=Rol.ASESOR, creado=ahora)
            session.add(asesor)
            session.flush()
    except IntegrityError:
        asesor = session.exec(select(Asesor).where(Asesor.login == login)).one()
    return asesor


def _nombre_de(login: str) -> str:
    try:
        import pwd

        gecos = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (KeyError, ImportError):
        pass
    return login


def get(session: Session, login: str) -> Asesor:
    """The advisor with ``login``; raises NoEncontrado."""
    asesor = session.exec(select(Asesor).where(Asesor.login == login)).first()
    if asesor is None:
        raise NoEncontrado(f"No existe el asesor «{login}».")
    return asesor


def update(
    session: Session,
    asesor: Asesor,
    *,
    nombre: str | None = None,
    rol: str | None = None,
    plaza: str | None = None,
) -> Asesor:
    """Change an advisor's name, role or plaza."""
    if nombre is not None:
        if not nombre.strip():
            raise DatoInvalido("El nombre del asesor no puede estar vacío.")
        asesor.nombre = nombre.strip()
    if rol is not None:
        asesor.rol = parse_valor(Rol, rol, "El rol")
    if plaza is not None:
        if not plaza.strip():
            raise DatoInvalido("La plaza no puede estar vacía.")
        asesor.plaza = plaza.strip()
    session.add(asesor)
    session.flush()
    return asesor

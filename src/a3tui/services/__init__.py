"""Services: every rule of a3, shared by the CLI and the full-screen app.

Each function takes a ``Contexto`` (session, current advisor, clock) and plain
arguments, enforces the rules, and returns model objects or small dataclasses. Expected
failures raise ``A3Error`` subclasses with a Spanish sentence.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from a3tui.domain import CADENCIA_DEFAULT, Rol

if TYPE_CHECKING:
    from sqlmodel import Session

    from a3tui.models import Asesor


def ahora() -> datetime:
    """The current local time; ``A3_AHORA`` (ISO) fixes it for demos, tests and snapshots."""
    fixed = os.environ.get("A3_AHORA")
    if fixed:
        return datetime.fromisoformat(fixed)
    return datetime.now().replace(microsecond=0)


def login_actual() -> str:
    """The current advisor's login: ``A3_ASESOR``, else the OS login."""
    return os.environ.get("A3_ASESOR") or getpass.getuser()


@dataclass(frozen=True)
class Cartera:
    """Whose clients and tasks the lists show: some advisors (by id), or a whole plaza."""

    asesor_ids: tuple[int, ...] = ()
    plaza: str | None = None
    # How lists and screens name it: «mis clientes», «Luis Treviño», «plaza Monterrey».
    titulo: str = "mis clientes"


@dataclass
class Contexto:
    """Who is acting, on which session, at what time; whom they cover today (``cubiertos``:
    advisors away whose suplente they are) and whose portfolio the lists show (``cartera``:
    by default their own and those they cover)."""

    session: Session
    asesor: Asesor
    ahora: datetime
    cubiertos: tuple[int, ...] = ()
    cartera: Cartera = field(default_factory=Cartera)
    # What the advisor must be told once the action is saved, though it succeeded (a
    # baja whose PostgreSQL login only the server's administrator can take away).
    avisos: list[str] = field(default_factory=list)

    @property
    def asesor_id(self) -> int:
        """The current advisor's id (always set: the record is stored before any action)."""
        assert self.asesor.id is not None
        return self.asesor.id

    @property
    def hoy(self) -> date:
        return self.ahora.date()

    @property
    def es_coordinador(self) -> bool:
        return self.asesor.rol == Rol.COORDINADOR

    @property
    def cadencia(self) -> dict[str, int]:
        """Cadence in days per stage, with the database's overrides (``ajuste`` table)."""
        from a3tui.services import ajustes

        # Cached on the session so that ajustes.guardar_cadencia, which drops it, is seen at once.
        cached: dict[str, int] | None = self.session.info.get(ajustes.CACHE_CADENCIA)
        if cached is None:
            cached = {**CADENCIA_DEFAULT, **ajustes.cadencia(self.session)}
            self.session.info[ajustes.CACHE_CADENCIA] = cached
        return cached


def contexto(session: Session, login: str | None = None, momento: datetime | None = None) -> Contexto:
    """Build the context of the advisor ``login`` (default: ``A3_ASESOR`` or the OS login).

    The first advisor of a new database is created as its coordinator; any other login must
    have been added (AsesorDesconocido otherwise, naming the command that adds it).
    """
    from a3tui.services import asesores, auditoria
    from a3tui.store import LOGIN_SERVIDOR

    auditoria.activar()
    momento = momento or ahora()
    # In team mode the database says who you are (your PostgreSQL role), whatever login
    # was asked for: A3_ASESOR can't make you another advisor there.
    del_servidor = session.info.get(LOGIN_SERVIDOR)
    asesor = asesores.identificar(session, del_servidor or login or login_actual(), momento)
    assert asesor.id is not None
    cubiertos = asesores.cubiertos(session, asesor.id, momento.date())
    # Who signs the audit rows of this session's changes, and when.
    session.info[auditoria.ASESOR] = asesor.id
    session.info[auditoria.AHORA] = momento
    return Contexto(
        session=session,
        asesor=asesor,
        ahora=momento,
        cubiertos=cubiertos,
        cartera=Cartera(asesor_ids=(asesor.id, *cubiertos)),
    )

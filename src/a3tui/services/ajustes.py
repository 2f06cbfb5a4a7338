"""Per-database settings, such as the follow-up cadence."""

from __future__ import annotations

from sqlmodel import Session, select

from a3tui.domain import CADENCIA_DEFAULT
from a3tui.errors import DatoInvalido
from a3tui.models import Ajuste

PREFIJO_CADENCIA = "cadencia."


def cadencia(session: Session) -> dict[str, int]:
    """Cadence overrides stored in the database (``cadencia.apartado`` = ``2``)."""
    rows = session.exec(select(Ajuste).where(Ajuste.clave.startswith(PREFIJO_CADENCIA))).all()
    return {row.clave[len(PREFIJO_CADENCIA) :]: int(row.valor) for row in rows}


def set_cadencia(session: Session, clave: str, dias: int) -> None:
    """Store the days between contacts for ``clave`` (``apartado``, ``prospecto/caliente`` …)."""
    if clave not in CADENCIA_DEFAULT:
        raise DatoInvalido(
            f"«{clave}» no es una etapa con seguimiento; usa una de: {', '.join(CADENCIA_DEFAULT)}."
        )
    if not 1 <= dias <= 365:
        raise DatoInvalido("Los días de seguimiento deben estar entre 1 y 365.")
    row = session.get(Ajuste, PREFIJO_CADENCIA + clave) or Ajuste(clave=PREFIJO_CADENCIA + clave, valor="")
    row.valor = str(dias)
    session.add(row)
    session.flush()

"""Entries of a client's history: the activity row every one starts as, and the system
entries the services write when a3 itself changes something (a stage, a transfer, a
document, a property shown). ``actividades`` logs the advisor's own calls, meetings,
messages and e-mails on top of it.

Below the client's own rules (``clientes`` writes its stage changes here), so that no
service has to import ``actividades`` to note what it did.
"""

from __future__ import annotations

from datetime import datetime

from a3tui.domain import EventoSistema, TipoActividad
from a3tui.models import Actividad, Cliente
from a3tui.services import Contexto


def nueva(ctx: Contexto, cliente: Cliente, tipo: TipoActividad, fecha: datetime) -> Actividad:
    """A new entry of ``cliente``'s history by the current advisor, at ``fecha`` (already
    checked), not yet added to the session."""
    assert cliente.id is not None
    return Actividad(cliente_id=cliente.id, asesor_id=ctx.asesor_id, tipo=tipo, fecha=fecha, creado=ctx.ahora)


def sistema(ctx: Contexto, cliente: Cliente, evento: EventoSistema, detalle: str) -> Actividad:
    """Write a system entry (stage change, transfer, …) in the client's history, now.

    System entries are not contacts: they do not move the next-contact date.
    """
    actividad = nueva(ctx, cliente, TipoActividad.SISTEMA, ctx.ahora)
    actividad.evento = evento
    actividad.detalle = detalle
    ctx.session.add(actividad)
    ctx.session.flush()
    return actividad

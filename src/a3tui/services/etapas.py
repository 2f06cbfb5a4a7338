"""What each stage asks the advisor to do (seed: «Qué hacer»): a checklist per stage,
each step ticked from what a3 knows (a property shown, documents on file, a meeting…) or
by hand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import PASOS_POR_ETAPA, Alerta, MedioEnvio, TipoActividad
from a3tui.errors import DatoInvalido
from a3tui.models import Actividad, Cliente, PasoEtapa, PropiedadMostrada
from a3tui.services import Contexto, apartados


@dataclass(frozen=True)
class Paso:
    """A step of the client's current stage: done, and whether a3 knew it by itself."""

    clave: str
    texto: str
    hecho: bool
    automatico: bool


def _regla(ctx: Contexto, cliente: Cliente, regla: str) -> bool:
    if regla == "siempre":
        return True
    if regla == "motivo":
        return bool(cliente.motivo_cancelacion)
    if regla == "al_dia":
        # Following up takes a contact: a client never contacted is not «al día» yet (a
        # document they handed over is their last activity, but not a word with them).
        if domain.alerta(cliente.proximo_contacto, ctx.hoy) not in (Alerta.VERDE, Alerta.AMARILLO):
            return False
        return _existe(
            ctx,
            select(Actividad.id).where(
                col(Actividad.cliente_id) == cliente.id, col(Actividad.tipo) != TipoActividad.SISTEMA
            ),
        )
    if regla == "propiedad_mostrada":
        return _existe(ctx, select(PropiedadMostrada.id).where(col(PropiedadMostrada.cliente_id) == cliente.id))
    if regla == "compartida_whatsapp":
        return _existe(
            ctx,
            select(PropiedadMostrada.id).where(
                col(PropiedadMostrada.cliente_id) == cliente.id, col(PropiedadMostrada.medio) == MedioEnvio.WHATSAPP
            ),
        )
    if regla == "reunion":
        return _existe(
            ctx,
            select(Actividad.id).where(
                col(Actividad.cliente_id) == cliente.id, col(Actividad.tipo) == TipoActividad.REUNION
            ),
        )
    if regla == "documentos_completos":
        return not apartados.faltantes(ctx, cliente)
    if regla == "tiene_referidos":
        return _existe(ctx, select(Cliente.id).where(col(Cliente.referido_por_id) == cliente.id))
    raise ValueError(f"unknown checklist rule {regla!r}")


def _existe(ctx: Contexto, query: object) -> bool:
    return ctx.session.exec(query.limit(1)).first() is not None  # type: ignore[attr-defined]


def pasos(ctx: Contexto, cliente: Cliente) -> list[Paso]:
    """The checklist of the client's stage: a step known by a3 is done when its rule says
    so; the others, when ticked by hand (a tick by hand also completes a known step)."""
    marcados = {
        p.clave: p.hecho
        for p in ctx.session.exec(
            select(PasoEtapa).where(col(PasoEtapa.cliente_id) == cliente.id, col(PasoEtapa.etapa) == cliente.etapa)
        ).all()
    }
    lista = []
    for definicion in PASOS_POR_ETAPA.get(cliente.etapa, ()):
        automatico = definicion.regla is not None and _regla(ctx, cliente, definicion.regla)
        hecho = marcados.get(definicion.clave, automatico)
        lista.append(Paso(definicion.clave, definicion.texto, hecho, automatico and definicion.clave not in marcados))
    return lista


def marcar(ctx: Contexto, cliente: Cliente, clave: str, hecho: bool = True) -> Paso:
    """Tick (or untick) a step of the client's current stage by hand. Raises DatoInvalido
    for a step the stage does not have, naming those it has."""
    definiciones = {d.clave: d for d in PASOS_POR_ETAPA.get(cliente.etapa, ())}
    normal = domain.fold(clave.strip()).replace(" ", "_")
    definicion = definiciones.get(normal)
    if definicion is None:
        posibles = ", ".join(definiciones) or "ninguno"
        raise DatoInvalido(f"La etapa {cliente.etapa.value} no tiene el paso «{clave}»; sus pasos son: {posibles}.")
    assert cliente.id is not None
    fila = ctx.session.get(PasoEtapa, (cliente.id, cliente.etapa, definicion.clave)) or PasoEtapa(
        cliente_id=cliente.id,
        etapa=cliente.etapa,
        clave=definicion.clave,
        hecho=hecho,
        asesor_id=ctx.asesor_id,
        fecha=ctx.ahora,
    )
    fila.hecho = hecho
    fila.asesor_id = ctx.asesor_id
    fila.fecha = ctx.ahora
    ctx.session.add(fila)
    ctx.session.flush()
    return next(p for p in pasos(ctx, cliente) if p.clave == definicion.clave)


def pendientes(ctx: Contexto, cliente: Cliente) -> int:
    """How many steps of the client's stage are still to do."""
    return sum(1 for p in pasos(ctx, cliente) if not p.hecho)

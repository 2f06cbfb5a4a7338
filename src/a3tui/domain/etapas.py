"""Stages of a sale: which stage may follow which, and each stage's checklist."""

from __future__ import annotations

from dataclasses import dataclass

from a3tui.domain.valores import Etapa
from a3tui.errors import DatoInvalido

# ---------------------------------------------------------------- stages

TRANSICIONES: dict[Etapa, frozenset[Etapa]] = {
    Etapa.PROSPECTO: frozenset({Etapa.APARTADO, Etapa.CANCELADO}),
    Etapa.APARTADO: frozenset({Etapa.ESCRITURADO, Etapa.CANCELADO}),
    Etapa.ESCRITURADO: frozenset({Etapa.ENTREGADO, Etapa.CANCELADO}),
    Etapa.ENTREGADO: frozenset({Etapa.CANCELADO}),
    Etapa.CANCELADO: frozenset({Etapa.PROSPECTO}),
}


def check_transicion(actual: Etapa, nueva: Etapa, motivo: str | None) -> None:
    """Raise DatoInvalido unless ``actual`` → ``nueva`` is a valid stage change.

    The pipeline moves forward one step at a time; any stage may be cancelled
    (with a reason); a cancelled client may only be reactivated as a prospect.
    """
    if actual == nueva:
        raise DatoInvalido(f"El cliente ya está en la etapa {nueva.value}.")
    if nueva not in TRANSICIONES[actual]:
        permitidas = ", ".join(sorted(e.value for e in TRANSICIONES[actual]))
        raise DatoInvalido(
            f"No se puede pasar de {actual.value} a {nueva.value}; desde {actual.value} "
            f"solo se puede pasar a: {permitidas}."
        )
    if nueva == Etapa.CANCELADO and not (motivo and motivo.strip()):
        raise DatoInvalido("Para cancelar un cliente indica el motivo.", pista_cli="escríbelo con --motivo.")


@dataclass(frozen=True)
class PasoDeEtapa:
    """A step of a stage's checklist (seed: «Qué hacer»). ``regla`` names what a3 knows
    that ticks it by itself (None: ticked by hand)."""

    clave: str
    texto: str
    regla: str | None = None


PASOS_POR_ETAPA: dict[Etapa, tuple[PasoDeEtapa, ...]] = {
    Etapa.PROSPECTO: (
        PasoDeEtapa("mostrar", "Mostrarle propiedades", "propiedad_mostrada"),
        PasoDeEtapa("opciones", "Enviar opciones por WhatsApp", "compartida_whatsapp"),
        PasoDeEtapa("cita", "Agendar citas para visitas", "reunion"),
        PasoDeEtapa("seguimiento", "Dar seguimiento constante", "al_dia"),
    ),
    Etapa.APARTADO: (
        PasoDeEtapa("documentos", "Solicitar documentación faltante", "documentos_completos"),
        PasoDeEtapa("credito", "Dar seguimiento al trámite de crédito"),
        PasoDeEtapa("firma", "Coordinar fechas de firma"),
        PasoDeEtapa("dudas", "Resolver dudas"),
    ),
    Etapa.ESCRITURADO: (
        PasoDeEtapa("fecha_entrega", "Informar fecha de entrega"),
        PasoDeEtapa("documentos_entrega", "Preparar documentación de entrega"),
        PasoDeEtapa("detalles", "Coordinar detalles finales"),
    ),
    Etapa.ENTREGADO: (
        PasoDeEtapa("postventa", "Seguimiento post-venta"),
        PasoDeEtapa("referidos", "Pedir referidos", "tiene_referidos"),
        PasoDeEtapa("relacion", "Mantener relación", "al_dia"),
    ),
    Etapa.CANCELADO: (
        PasoDeEtapa("razon", "Documentar razón de cancelación", "motivo"),
        PasoDeEtapa("conservar", "Mantener en base de datos para futuras oportunidades", "siempre"),
    ),
}

"""The ficha's header, over its tabs: who the client is (stage, live reservation, advisor),
how to reach them, and when the next contact falls due with its alert."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from a3tui import domain, services
from a3tui.app import formato
from a3tui.app.screens.base import a3_de
from a3tui.domain import TipoActividad
from a3tui.services.expediente import Expediente


class CabeceraFicha(Static):
    """Three lines; ``fill`` shows a record (the client's names are data, never markup)."""

    def fill(self, datos: Expediente) -> None:
        ficha = datos.ficha
        c = ficha.cliente
        ahora = services.ahora()
        terminal = a3_de(self).capacidades
        etapa = domain.etapa_con_temperatura(c.etapa, c.temperatura)
        telefonos = ", ".join(domain.format_telefono(t) for t in ficha.telefonos) or "sin teléfono"
        if c.proximo_contacto is not None:
            proximo = domain.en_dias(c.proximo_contacto, ahora.date())
            # A wide terminal (the screen's width) has room for the date too.
            if self.screen.size.width >= 100:
                proximo += f" ({c.proximo_contacto.isoformat()})"
        else:
            proximo = domain.SIN_SEGUIMIENTO
        apartado = ""
        if datos.apartado is not None:
            a = datos.apartado.apartado
            apartado = f" · apartado {a.id}: {datos.apartado.propiedad.split(' · ')[0]} ({a.estado.value})"
        if datos.transferencia is not None:
            apartado += f" · transferencia {datos.transferencia.id} por aprobar"
        self.update(
            Content.assemble(
                (domain.imprimible(c.nombre), "bold"),
                (f"  #{c.id} · ", "$text-muted"),
                (etapa, "bold $text-accent"),
                (apartado, "$text-accent"),
                (domain.imprimible(f" · asesor {ficha.asesor}"), "$text-muted"),
                "\n",
                f"Tel. {telefonos}",
                domain.imprimible(f" · {c.email}") if c.email else "",
                "\n",
                "Próximo contacto: ",
                (proximo, "bold"),
                # Without a next contact there is no alert to show («sin seguimiento» says it).
                *((" ", formato.alerta(ficha.alerta, terminal)) if c.proximo_contacto is not None else ()),
                (_ultima_actividad(datos, ahora), "$text-muted"),
            )
        )


def _ultima_actividad(datos: Expediente, ahora: datetime) -> str:
    """`` · última actividad: hoy``; after a call nobody answered, `` · intentado hoy (no
    contestó)``: an overdue client that was tried today is not a forgotten one."""
    ultima = next((e.actividad for e in datos.historial if e.actividad.tipo != TipoActividad.SISTEMA), None)
    if ultima is not None and domain.es_intento_sin_respuesta(ultima.tipo, ultima.resultado):
        resultado = ultima.resultado.etiqueta.lower() if ultima.resultado is not None else ""
        return f" · intentado {domain.hace(ultima.fecha, ahora)} ({resultado})"
    return f" · última actividad: {domain.hace(datos.ficha.cliente.ultima_actividad, ahora)}"

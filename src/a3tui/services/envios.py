"""Sharing a property with a client (WhatsApp, e-mail, a PDF or in person): the message
and its file for the advisor, logged in the client's history as the message or e-mail
it is, and as a «propiedad mostrada».

It sits above ``actividades`` and ``propiedades``: a meeting's properties make
``actividades`` read the inventory, so the inventory can't log activities itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from a3tui import domain
from a3tui.domain import EstadoPropiedad, EventoSistema, MedioEnvio, TipoActividad, parse_valor
from a3tui.errors import DatoInvalido
from a3tui.models import Cliente, Propiedad, PropiedadMostrada
from a3tui.services import Contexto, actividades, clientes, historial

if TYPE_CHECKING:
    from a3tui.exporters.pdf import DatosFicha


@dataclass(frozen=True)
class Compartida:
    """A share written in the client's history, and what to give the advisor: the text of
    the message, a link (WhatsApp or mailto) and, for e-mail and PDF, a file's bytes."""

    mostrada: PropiedadMostrada
    propiedad: Propiedad
    cliente: Cliente
    medio: MedioEnvio
    mensaje: str
    asunto: str
    enlace: str | None
    archivo: bytes | None = None
    nombre_archivo: str | None = None
    avisos: list[str] = field(default_factory=list)


def compartir(
    ctx: Contexto,
    propiedad: Propiedad,
    cliente: Cliente,
    medio: str,
    *,
    mensaje: str | None = None,
    telefono: str | None = None,
) -> Compartida:
    """Share a property with a client and log it (one «propiedad mostrada» and a line in
    the client's history). WhatsApp needs a phone, e-mail an address.

    Raises DatoInvalido for an unknown medio, a client without the phone or e-mail the
    medio needs, or a cancelled client.
    """
    por = parse_valor(MedioEnvio, medio, "El medio")
    if cliente.etapa == domain.Etapa.CANCELADO:
        raise DatoInvalido(
            f"{cliente.nombre} está cancelado; reactívalo como prospecto antes de mostrarle propiedades."
        )
    nota = domain.texto(mensaje, "El mensaje", maximo=2000, multilinea=True)
    descripcion = domain.texto_propiedad(
        propiedad.clave,
        propiedad.desarrollo,
        propiedad.modelo,
        propiedad.precio_centavos,
        propiedad.recamaras,
        propiedad.m2,
    )
    saludo = f"Hola {cliente.nombre.split()[0]}, te comparto esta opción: {descripcion}."
    cuerpo = saludo + (f"\n\n{nota}" if nota else "") + f"\n\n{ctx.asesor.nombre}"
    envio = domain.envio_de_ficha(propiedad.clave, propiedad.desarrollo, propiedad.modelo, por, nota)
    asunto = envio.asunto
    enlace: str | None = None
    archivo: bytes | None = None
    nombre_archivo: str | None = None
    avisos: list[str] = []
    if por == MedioEnvio.WHATSAPP:
        numeros = clientes.telefonos_de(ctx, cliente)
        numero = domain.normalize_telefono(telefono) if telefono else (numeros[0] if numeros else None)
        if numero is None:
            raise DatoInvalido(f"{cliente.nombre} no tiene teléfono; agrégalo antes de compartir por WhatsApp.")
        enlace = domain.enlace_whatsapp(numero, cuerpo)
    elif por == MedioEnvio.EMAIL:
        if not cliente.email:
            raise DatoInvalido(f"{cliente.nombre} no tiene email; agrégalo antes de compartir por email.")
        from a3tui.exporters import eml, pdf

        ficha = pdf.ficha_tecnica(_datos_ficha(propiedad), ctx.asesor.nombre, _telefono_asesor(ctx))
        enlace = domain.enlace_mailto(cliente.email, asunto, cuerpo)
        archivo = eml.mensaje(cliente.email, asunto, cuerpo, ctx.ahora, adjunto=(f"ficha-{propiedad.clave}.pdf", ficha))
        nombre_archivo = f"{propiedad.clave}-{cliente.id}.eml"
    elif por == MedioEnvio.PDF:
        from a3tui.exporters import pdf

        archivo = pdf.ficha_tecnica(_datos_ficha(propiedad), ctx.asesor.nombre, _telefono_asesor(ctx))
        nombre_archivo = f"ficha-{propiedad.clave}.pdf"
    if propiedad.estado != EstadoPropiedad.DISPONIBLE:
        avisos.append(f"Ojo: {propiedad.clave} está {propiedad.estado.value}.")
    assert cliente.id is not None
    assert propiedad.id is not None
    # Sharing is a message to the client (the seed counts it so): it is the last activity,
    # a contact for the cadence, and one of the week's activities (domain.envio_de_ficha).
    if envio.tipo == TipoActividad.EMAIL:
        actividad = actividades.email(ctx, cliente, asunto=envio.asunto, contenido=envio.contenido).actividad
    elif envio.tipo == TipoActividad.MENSAJE:
        actividad = actividades.mensaje(ctx, cliente, contenido=envio.contenido).actividad
    else:  # shown in person: the meeting it was shown in is the contact
        actividad = historial.sistema(ctx, cliente, EventoSistema.PROPIEDAD_COMPARTIDA, envio.contenido)
    mostrada = PropiedadMostrada(
        cliente_id=cliente.id,
        propiedad_id=propiedad.id,
        asesor_id=ctx.asesor_id,
        actividad_id=actividad.id,
        fecha=ctx.ahora,
        medio=por,
    )
    ctx.session.add(mostrada)
    ctx.session.flush()
    return Compartida(mostrada, propiedad, cliente, por, cuerpo, asunto, enlace, archivo, nombre_archivo, avisos)


def _datos_ficha(propiedad: Propiedad) -> DatosFicha:
    from a3tui.exporters.pdf import DatosFicha

    return DatosFicha(
        propiedad.clave,
        propiedad.desarrollo,
        propiedad.modelo,
        propiedad.precio_centavos,
        propiedad.recamaras,
        propiedad.plantas,
        propiedad.m2,
        propiedad.direccion,
        propiedad.estado.value,
    )


def _telefono_asesor(ctx: Contexto) -> str | None:
    return domain.format_telefono(ctx.asesor.telefono) if ctx.asesor.telefono else None

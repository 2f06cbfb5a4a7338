"""A WhatsApp chat exported from a phone, in as the client's messages: whose chat it is
(by phone or name), who wrote each message, one activity per day, safe to import twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import TipoActividad
from a3tui.errors import (
    ClienteNoEncontrado,
    DatoInvalido,
    ReferenciaAmbigua,
)
from a3tui.models import Actividad, Cliente, Telefono
from a3tui.services import Contexto, actividades, alcance, clientes

if TYPE_CHECKING:
    from a3tui.importers.whatsapp import Chat, Mensaje


MARCA_WHATSAPP = "Importado de un chat de WhatsApp"
_MARCA = re.compile(rf"^{re.escape(MARCA_WHATSAPP)} \((\d+) mensajes?\)\.$")
_TELEFONO_EN_TEXTO = re.compile(r"(?<!\d)(?:\+?52[\s.-]*(?:1[\s.-]*)?)?(?:\d[\s.()-]*){9}\d(?!\d)")


@dataclass
class ResultadoChat:
    """What importing a chat did (or would do): the client, who is who, the days."""

    cliente: Cliente
    remitente_cliente: str | None
    remitente_asesor: str | None
    nuevos: list[date] = field(default_factory=list)
    actualizados: list[date] = field(default_factory=list)
    ya_importados: list[date] = field(default_factory=list)
    mensajes: int = 0  # messages brought in (a completed day counts its new ones)
    problemas: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def _telefonos_en(texto: str) -> list[str]:
    numeros: list[str] = []
    for encontrado in _TELEFONO_EN_TEXTO.findall(texto):
        try:
            numero = domain.normalize_telefono(encontrado)
        except DatoInvalido:
            continue
        if numero not in numeros:
            numeros.append(numero)
    return numeros


def _clientes_con_telefono(ctx: Contexto, numeros: Sequence[str]) -> list[Cliente]:
    if not numeros:
        return []
    return list(
        ctx.session.exec(
            select(Cliente)
            .where(
                col(Cliente.id).in_(select(Telefono.cliente_id).where(col(Telefono.numero).in_(numeros))),
                alcance.scope(ctx),
            )
            .order_by(col(Cliente.id))
        ).all()
    )


def _cliente_del_chat(ctx: Contexto, chat: Chat, ref: str | None) -> Cliente:
    """The client a chat is with: ``ref``, else the name in the file's name, else a phone
    that appears in the chat (a sender saved as a number, or one written in a message)."""
    if ref is not None and ref.strip():
        return clientes.resolve(ctx, ref)
    nombre = chat.nombre_en_archivo
    if nombre and not _telefonos_en(nombre):
        try:
            return clientes.resolve(ctx, nombre)
        except ReferenciaAmbigua as error:
            ambigua = ReferenciaAmbigua(
                f"El chat es con «{nombre}», que coincide con varios clientes.", error.candidatos
            )
            ambigua.pista_cli = "indica cuál con --cliente ID."
            raise ambigua from None
        except ClienteNoEncontrado:
            pass
    fuentes = [nombre or "", *dict.fromkeys(m.remitente for m in chat.mensajes), *(m.texto for m in chat.mensajes)]
    for fuente in fuentes:
        encontrados = _clientes_con_telefono(ctx, _telefonos_en(fuente))
        if len(encontrados) == 1:
            return encontrados[0]
        if len(encontrados) > 1:
            lista = "; ".join(f"{c.id} {c.nombre}" for c in encontrados[:5])
            ambigua = ReferenciaAmbigua(
                f"Un teléfono del chat es de varios clientes ({lista}).",
                [(c.id, c.nombre) for c in encontrados[:5] if c.id is not None],
            )
            ambigua.pista_cli = "indica cuál con --cliente ID."
            raise ambigua
    que = f"a «{nombre}» (el nombre del archivo)" if nombre else "el nombre del cliente en el nombre del archivo"
    raise ClienteNoEncontrado(
        f"No encontré {que} entre tus clientes, ni un teléfono del chat que sea de uno.",
        pista_cli="indica el cliente con --cliente REF.",
    )


def _parecido(remitente: str, nombre: str) -> bool:
    """«Juan» or «Juan Pérez G.» is «Juan Pérez García»: one's words are the other's."""
    a, b = set(domain.words(remitente)), set(domain.words(nombre))
    return bool(a and b) and (a <= b or b <= a)


def _quien_es_quien(
    ctx: Contexto, chat: Chat, cliente: Cliente, yo: str | None
) -> tuple[str | None, set[str], str | None]:
    """(the advisor's sender name, the senders on the client's side, the client's sender).
    The advisor is ``yo``, or the sender named like the advisor, or the other one of two
    when the client is known; anyone else writes for the client (a couple in a group)."""
    cuenta: dict[str, int] = {}
    for m in chat.mensajes:
        cuenta[m.remitente] = cuenta.get(m.remitente, 0) + 1
    remitentes = sorted(cuenta, key=lambda r: (-cuenta[r], r))
    numeros = set(clientes.telefonos_de(ctx, cliente))
    del_cliente = next(
        (
            r
            for r in remitentes
            if (chat.nombre_en_archivo and domain.nombre_orden(r) == domain.nombre_orden(chat.nombre_en_archivo))
            or set(_telefonos_en(r)) & numeros
            or domain.nombre_orden(r) == cliente.nombre_orden
        ),
        None,
    ) or next((r for r in remitentes if _parecido(r, cliente.nombre)), None)
    asesor: str | None = None
    if yo is not None and yo.strip():
        asesor = next((r for r in remitentes if domain.nombre_orden(r) == domain.nombre_orden(yo)), None) or next(
            (r for r in remitentes if _parecido(r, yo)), None
        )
        if asesor is None:
            raise DatoInvalido(f"«{yo}» no escribe en este chat; quienes escriben son: {', '.join(remitentes)}.")
    else:
        candidatos = [r for r in remitentes if r != del_cliente and _parecido(r, ctx.asesor.nombre)]
        asesor = candidatos[0] if candidatos else None
    if asesor is None and del_cliente is not None:
        # The most frequent other sender is the advisor (the phone's owner writes the most).
        asesor = next((r for r in remitentes if r != del_cliente), None)
    if asesor is None and del_cliente is None:
        raise DatoInvalido(
            f"No sé quién eres tú en el chat (escriben: {', '.join(remitentes)}).",
            pista_cli="indícalo con --yo y tu nombre como aparece en el chat.",
        )
    lado_cliente = {r for r in remitentes if r != asesor}
    if del_cliente == asesor:
        del_cliente = None
    return asesor, lado_cliente, del_cliente


def _contenido(mensajes: Sequence[Mensaje]) -> str:
    """A day's messages, one per line («10:15 Juan Pérez: Hola»), cut to what an
    activity holds with a line that says how many were left out."""
    lineas = [f"{m.momento:%H:%M} {m.remitente}: {m.texto}" for m in mensajes]
    texto = "\n".join(lineas)
    if len(texto) <= domain.TEXTO_LARGO_MAXIMO:
        return texto
    cabe: list[str] = []
    largo = 0
    for i, linea in enumerate(lineas):
        cola = f"\n… y {len(lineas) - i} mensajes más de ese día (están en el chat)."
        if largo + len(linea) + 1 + len(cola) > domain.TEXTO_LARGO_MAXIMO:
            return "\n".join(cabe) + cola
        cabe.append(linea)
        largo += len(linea) + 1
    return "\n".join(cabe)


def _ya_importados(ctx: Contexto, cliente: Cliente) -> dict[date, tuple[Actividad, int]]:
    """The client's days imported from a chat before, each with how many messages it had
    (the activity's note carries the mark and the count)."""
    dias: dict[date, tuple[Actividad, int]] = {}
    for actividad in ctx.session.exec(
        select(Actividad).where(
            col(Actividad.cliente_id) == cliente.id,
            col(Actividad.tipo) == TipoActividad.MENSAJE,
            col(Actividad.nota).startswith(MARCA_WHATSAPP, autoescape=True),
        )
    ).all():
        encontrado = _MARCA.match(actividad.nota or "")
        if encontrado:
            n = int(encontrado.group(1))
            previo = dias.get(actividad.fecha.date())
            if previo is None or previo[1] < n:
                dias[actividad.fecha.date()] = (actividad, n)
    return dias


def importar_whatsapp(
    ctx: Contexto, chat: Chat, *, cliente: str | None = None, yo: str | None = None, simular: bool = False
) -> ResultadoChat:
    """Bring a WhatsApp chat into a client's history: one «mensaje» activity per day of
    conversation, its messages as content, «respondió» when the client wrote that day.

    The client is ``cliente`` (a REF), else the name in the file's name, else a phone in
    the chat. A day imported before is left alone, or completed if the chat now has more
    of its messages, so importing the chat again adds only what is new. A day that can't
    be logged (a date in the future) is one of ``problemas``; ``simular`` writes nothing.

    Raises ClienteNoEncontrado, ReferenciaAmbigua, or DatoInvalido when it can't tell the
    advisor from the client (``yo`` names the advisor as the chat does).
    """
    destinatario = _cliente_del_chat(ctx, chat, cliente)
    asesor, lado_cliente, del_cliente = _quien_es_quien(ctx, chat, destinatario, yo)
    resultado = ResultadoChat(destinatario, del_cliente, asesor, problemas=list(chat.problemas))
    por_dia: dict[date, list[Mensaje]] = {}
    for m in sorted(chat.mensajes, key=lambda m: (m.momento, m.linea)):
        por_dia.setdefault(m.momento.date(), []).append(m)
    previos = _ya_importados(ctx, destinatario)
    for dia, mensajes in por_dia.items():
        n = len(mensajes)
        marca = f"{MARCA_WHATSAPP} ({n} mensaje{'s' if n != 1 else ''})."
        contenido = _contenido(mensajes)
        respondio = any(m.remitente in lado_cliente for m in mensajes)
        momento = mensajes[-1].momento
        previo = previos.get(dia)
        if previo is not None and previo[1] >= n:
            resultado.ya_importados.append(dia)
            continue
        try:
            actividades._fecha(ctx, momento)
            domain.texto(contenido, "El contenido", maximo=domain.TEXTO_LARGO_MAXIMO, multilinea=True)
        except DatoInvalido as error:
            resultado.problemas.append((mensajes[0].linea, f"el día {dia:%d/%m/%Y}: {error.mensaje.rstrip('.')}"))
            continue
        resultado.mensajes += n - (previo[1] if previo is not None else 0)
        if previo is None:
            resultado.nuevos.append(dia)
            if not simular:
                actividades.mensaje(
                    ctx, destinatario, contenido=contenido, respondio=respondio, nota=marca, fecha=momento
                )
            continue
        resultado.actualizados.append(dia)
        if not simular:
            actividad = previo[0]
            actividad.contenido = domain.texto(
                contenido, "El contenido", maximo=domain.TEXTO_LARGO_MAXIMO, multilinea=True
            )
            actividad.respondio = respondio
            actividad.nota = marca
            actividad.fecha = momento
            ctx.session.add(actividad)
            clientes.registrar_contacto(ctx, destinatario, momento)
            ctx.session.flush()
    return resultado

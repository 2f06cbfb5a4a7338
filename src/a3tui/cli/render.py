"""How clients, activities and tasks read on the terminal and in JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from a3tui import domain

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from a3tui.models import Actividad
    from a3tui.services.clientes import Ficha, FilaCliente
    from a3tui.services.tareas import FilaTarea

ALERTA_ESTILO = {"rojo": "bold red", "amarillo": "yellow", "verde": "green"}


def alerta_text(alerta: domain.Alerta | None) -> Text:
    """Colour plus a symbol and a word, so the alert reads without colour."""
    from rich.text import Text

    if alerta is None:
        return Text("— sin seguimiento", style="dim")
    return Text(f"{alerta.simbolo} {alerta.palabra}", style=ALERTA_ESTILO[alerta.value])


def telefono(numero: str | None) -> str:
    return domain.format_telefono(numero) if numero else "—"


def fila_json(fila: FilaCliente) -> dict[str, Any]:
    return {
        "id": fila.id,
        "nombre": fila.nombre,
        "telefono": fila.telefono,
        "email": fila.email,
        "etapa": fila.etapa,
        "temperatura": fila.temperatura,
        "ultima_actividad": fila.ultima_actividad,
        "proximo_contacto": fila.proximo_contacto,
        "alerta": fila.alerta.value if fila.alerta else None,
    }


def clientes_table(filas: list[FilaCliente], ahora: datetime) -> Table:
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Id", justify="right", style="dim")
    table.add_column("Nombre", overflow="fold")
    table.add_column("Teléfono", no_wrap=True)
    table.add_column("Etapa")
    table.add_column("Última actividad")
    table.add_column("Próximo contacto")
    table.add_column("Alerta", no_wrap=True)
    for fila in filas:
        temperatura = domain.temperatura_vigente(fila.etapa, fila.temperatura)
        etapa = fila.etapa + (f" ({temperatura})" if temperatura else "")
        table.add_row(
            str(fila.id),
            fila.nombre,
            telefono(fila.telefono),
            etapa,
            domain.hace(fila.ultima_actividad, ahora),
            domain.en_dias(fila.proximo_contacto, ahora.date()),
            alerta_text(fila.alerta),
        )
    return table


def actividad_json(actividad: Actividad) -> dict[str, Any]:
    return {
        "id": actividad.id,
        "tipo": actividad.tipo,
        "fecha": actividad.fecha,
        "resultado": actividad.resultado,
        "duracion_min": actividad.duracion_min,
        "lugar": actividad.lugar,
        "propiedades": actividad.detalle.split(", ") if actividad.tipo == "reunión" and actividad.detalle else [],
        "siguientes_pasos": actividad.siguientes_pasos,
        "contenido": actividad.contenido,
        "asunto": actividad.asunto,
        "respondio": actividad.respondio,
        "evento": actividad.evento,
        "detalle": actividad.detalle if actividad.tipo == "sistema" else None,
        "nota": actividad.nota,
    }


def ficha_json(ficha: Ficha, notas: list, tareas: list[FilaTarea]) -> dict[str, Any]:
    c = ficha.cliente
    return {
        "id": c.id,
        "nombre": c.nombre,
        "telefonos": ficha.telefonos,
        "email": c.email,
        "direccion": c.direccion,
        "primer_contacto": c.primer_contacto,
        "origen": c.origen,
        "referido_por": {"id": ficha.referido_por[0], "nombre": ficha.referido_por[1]} if ficha.referido_por else None,
        "referidos": [{"id": i, "nombre": n} for i, n in ficha.referidos],
        "asesor": ficha.asesor,
        "plaza": c.plaza,
        "etapa": c.etapa,
        "temperatura": c.temperatura,
        "motivo_cancelacion": c.motivo_cancelacion,
        "ultima_actividad": c.ultima_actividad,
        "proximo_contacto": c.proximo_contacto,
        "alerta": ficha.alerta.value if ficha.alerta else None,
        "creado": c.creado,
        "actualizado": c.actualizado,
        "notas": [{"id": n.id, "texto": n.texto, "creado": n.creado} for n in notas],
        "tareas": [tarea_json(t) for t in tareas],
    }


def tarea_json(fila: FilaTarea) -> dict[str, Any]:
    t = fila.tarea
    return {
        "id": t.id,
        "descripcion": t.descripcion,
        "vence": t.vence,
        "hora": t.hora.strftime("%H:%M") if t.hora else None,
        "prioridad": t.prioridad,
        "recordatorio": t.recordatorio,
        "hecha": t.hecha,
        "hecha_en": t.hecha_en,
        "cliente_id": t.cliente_id,
        "cliente": fila.cliente,
    }


def tareas_table(filas: list[FilaTarea], ahora: datetime) -> Table:
    from rich.table import Table
    from rich.text import Text

    hoy = ahora.date()
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Id", justify="right", style="dim")
    table.add_column("Vence", no_wrap=True)
    table.add_column("Prioridad")
    table.add_column("Descripción", overflow="fold")
    table.add_column("Cliente", overflow="fold")
    for fila in filas:
        t = fila.tarea
        vence = domain.en_dias(t.vence, hoy) + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
        if t.hecha:
            estilo, vence = "dim", f"✓ hecha · {vence}"
        elif t.vence < hoy:
            estilo, vence = "bold red", f"● vencida {vence}"
        elif t.vence == hoy:
            estilo = "yellow"
        else:
            estilo = ""
        table.add_row(str(t.id), Text(vence, style=estilo), t.prioridad, t.descripcion, fila.cliente or "—")
    return table

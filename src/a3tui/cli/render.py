"""How clients, activities and tasks read on the terminal and in JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from a3tui import domain
from a3tui.domain import Alerta, EstadoTarea

if TYPE_CHECKING:
    from a3tui.cli.salida import Tabla, Texto
    from a3tui.models import Nota
    from a3tui.services.actividades import Entrada
    from a3tui.services.clientes import FilaCliente
    from a3tui.services.expediente import Expediente
    from a3tui.services.tareas import FilaTarea

ALERTA_ESTILO = {Alerta.ROJO: "bold red", Alerta.AMARILLO: "yellow", Alerta.VERDE: "green"}
TAREA_ESTILO = {EstadoTarea.VENCIDA: "bold red", EstadoTarea.HOY: "yellow", EstadoTarea.HECHA: "dim"}


def alerta_text(alerta: Alerta | None) -> Texto:
    """Colour plus a symbol and a word, so the alert reads without colour."""
    from a3tui.cli.salida import Texto

    return Texto(domain.texto_alerta(alerta), ALERTA_ESTILO[alerta] if alerta else "dim")


def alerta_caso_text(alerta: Alerta | None, vence: datetime, ahora: datetime) -> Texto:
    """A service case's due time: ``● vencido ayer 10:00``, ``○ a tiempo en 5 días 10:00``
    (colour plus symbol and words, as a contact's alert)."""
    from a3tui.cli.salida import Texto

    cuando = f"{domain.en_dias(vence.date(), ahora.date())} {vence:%H:%M}"
    if alerta is None:
        return Texto(cuando, "dim")
    return Texto(f"{alerta.simbolo} {domain.palabra_alerta_caso(alerta)} {cuando}", ALERTA_ESTILO[alerta])


def telefono(numero: str | None) -> str:
    return domain.format_telefono(numero) if numero else "—"


def fila_json(fila: FilaCliente, asesores: dict[int, str] | None = None) -> dict[str, Any]:
    """A client row; with ``asesores`` (a list of several advisors' clients) it names the advisor."""
    quien = {"asesor": asesores.get(fila.asesor_id)} if asesores is not None else {}
    return {
        "id": fila.id,
        "nombre": fila.nombre,
        "telefono": fila.telefono,
        "email": fila.email,
        "etapa": fila.etapa,
        "temperatura": fila.temperatura,
        "ultima_actividad": fila.ultima_actividad,
        "proximo_contacto": fila.proximo_contacto,
        "alerta": fila.alerta,
        **quien,
    }


def clientes_table(filas: list[FilaCliente], ahora: datetime, asesores: dict[int, str] | None = None) -> Tabla:
    """The client list; with ``asesores`` (a plaza's or several advisors' lists), a column
    names each client's advisor."""
    from a3tui.cli.salida import Tabla

    table = Tabla()
    table.columna("Id", derecha=True, estilo="dim")
    # Names wrap between words, never inside one («Sebastiá / n»).
    table.columna("Nombre")
    if asesores is not None:
        table.columna("Asesor")
    table.columna("Teléfono", sin_cortes=True)
    table.columna("Etapa")
    table.columna("Última actividad")
    table.columna("Próximo contacto")
    table.columna("Alerta", sin_cortes=True)
    for fila in filas:
        asesor = [asesores.get(fila.asesor_id, "?")] if asesores is not None else []
        table.fila(
            str(fila.id),
            fila.nombre,
            *asesor,
            telefono(fila.telefono),
            domain.etapa_con_temperatura(fila.etapa, fila.temperatura, "{etapa} ({temperatura})"),
            domain.hace(fila.ultima_actividad, ahora),
            domain.en_dias(fila.proximo_contacto, ahora.date()),
            alerta_text(fila.alerta),
        )
    return table


def agenda_clientes_table(filas: list[FilaCliente], ahora: datetime, asesores: dict[int, str] | None = None) -> Tabla:
    """A section of clients in `a3 hoy`: one line a client at 80 columns. The stage shows
    a prospect's temperature only (its stage goes without saying); the next contact carries
    its alert symbol, and the section's title says which alert it is."""
    from a3tui.cli.salida import Tabla, Texto

    table = Tabla()
    table.columna("Id", derecha=True, estilo="dim")
    table.columna("Nombre")
    if asesores is not None:
        table.columna("Asesor")
    table.columna("Teléfono", sin_cortes=True)
    table.columna("Etapa")
    table.columna("Contacto", sin_cortes=True)
    for fila in filas:
        asesor = [asesores.get(fila.asesor_id, "?")] if asesores is not None else []
        simbolo = fila.alerta.simbolo if fila.alerta else "—"
        table.fila(
            str(fila.id),
            fila.nombre,
            *asesor,
            telefono(fila.telefono),
            domain.etapa_con_temperatura(fila.etapa, fila.temperatura, "{temperatura}"),
            Texto(
                f"{simbolo} {domain.en_dias(fila.proximo_contacto, ahora.date())}",
                ALERTA_ESTILO[fila.alerta] if fila.alerta else "dim",
            ),
        )
    return table


def agenda_tareas_table(filas: list[FilaTarea], ahora: datetime) -> Tabla:
    """A section of tasks in `a3 hoy`: the section's title says whether they are overdue,
    so the date goes without «vencida»; the client follows the description."""
    from a3tui.cli.salida import Tabla, Texto

    table = Tabla()
    table.columna("Id", derecha=True, estilo="dim")
    table.columna("Vence", sin_cortes=True)
    table.columna("Prioridad")
    table.columna("Tarea")
    for fila in filas:
        t = fila.tarea
        vence = domain.en_dias(t.vence, ahora.date()) + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
        simbolo = f"{fila.estado.simbolo} " if fila.estado == EstadoTarea.VENCIDA else ""
        tarea = Texto(t.descripcion)
        if fila.cliente:
            tarea.append(" · ").append(fila.cliente, "dim")
        table.fila(str(t.id), Texto(simbolo + vence, TAREA_ESTILO.get(fila.estado, "")), t.prioridad.value, tarea)
    return table


def actividad_json(entrada: Entrada) -> dict[str, Any]:
    actividad = entrada.actividad
    return {
        "id": actividad.id,
        "tipo": actividad.tipo,
        "fecha": actividad.fecha,
        "resultado": actividad.resultado,
        "duracion_min": actividad.duracion_min,
        "lugar": actividad.lugar,
        "propiedades": list(entrada.propiedades),
        "siguientes_pasos": actividad.siguientes_pasos,
        "contenido": actividad.contenido,
        "asunto": actividad.asunto,
        "respondio": actividad.respondio,
        "entrante": actividad.entrante,
        "evento": actividad.evento,
        "detalle": actividad.detalle,
        "nota": actividad.nota,
    }


def nota_json(nota: Nota) -> dict[str, Any]:
    return {"id": nota.id, "texto": nota.texto, "creado": nota.creado}


def expediente_json(expediente: Expediente) -> dict[str, Any]:
    ficha = expediente.ficha
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
        "alerta": ficha.alerta,
        "creado": c.creado,
        "actualizado": c.actualizado,
        "curp": c.curp,
        "rfc": c.rfc,
        "notas": [nota_json(n) for n in expediente.notas],
        "tareas": [tarea_json(t) for t in expediente.tareas],
        "actividades": [actividad_json(a) for a in expediente.historial],
        "apartados": [
            {
                "id": f.apartado.id,
                "propiedad": f.propiedad,
                "fecha": f.apartado.fecha,
                "monto": f.apartado.monto_centavos / 100,
                "estado": f.apartado.estado,
                "motivo_cancelacion": f.apartado.motivo_cancelacion,
            }
            for f in expediente.apartados
        ],
        "documentos": [
            {"id": d.id, "tipo": d.tipo, "archivo": d.nombre_archivo, "fecha_documento": d.fecha_documento}
            for d in expediente.documentos
        ],
        "propiedades_mostradas": [
            {"fecha": p.fecha, "clave": p.clave, "propiedad": p.propiedad, "medio": p.medio}
            for p in expediente.propiedades
        ],
        "pasos": [{"paso": p.clave, "texto": p.texto, "hecho": p.hecho} for p in expediente.pasos],
        "faltan_para_escriturar": expediente.faltantes,
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
        "cita": t.cita,
        "lugar": t.lugar,
    }


def vence_texto(fila: FilaTarea, hoy: Any) -> str:
    """``● vencida hace 2 días 16:00``, ``hoy``, ``✓ hecha ayer 17:05 · vencía hoy``: when a
    task falls due, and for a done one when it was done."""
    t = fila.tarea
    vence = domain.en_dias(t.vence, hoy) + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
    if fila.estado == EstadoTarea.HECHA:
        if t.hecha_en is None:
            return f"{fila.estado.simbolo} hecha · vencía {vence}"
        hecha = f"{domain.en_dias(t.hecha_en.date(), hoy)} {t.hecha_en.strftime('%H:%M')}"
        return f"{fila.estado.simbolo} hecha {hecha} · vencía {vence}"
    if fila.estado == EstadoTarea.VENCIDA:
        return f"{fila.estado.simbolo} vencida {vence}"
    return vence


def tareas_table(filas: list[FilaTarea], ahora: datetime) -> Tabla:
    from a3tui.cli.salida import Tabla, Texto

    table = Tabla()
    table.columna("Id", derecha=True, estilo="dim")
    table.columna("Cuándo" if filas and all(f.estado == EstadoTarea.HECHA for f in filas) else "Vence", sin_cortes=True)
    table.columna("Prioridad")
    # Words wrap whole: a name broken inside a word («Sebastiá / n») reads as two.
    table.columna("Descripción")
    table.columna("Cliente")
    for fila in filas:
        t = fila.tarea
        table.fila(
            str(t.id),
            Texto(vence_texto(fila, ahora.date()), TAREA_ESTILO.get(fila.estado, "")),
            t.prioridad.value,
            t.descripcion,
            fila.cliente or "—",
        )
    return table

"""Nueva tarea: a promise with a due date, optionally tied to a client."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from a3tui import domain, services
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Prioridad
from a3tui.models import Tarea
from a3tui.services import clientes, tareas


class NuevaTarea(Formulario[int | None]):
    """Dismisses with the new task's id. Without a client, the form asks which (optional)."""

    TITULO = "Nueva tarea"

    def __init__(self, cliente_id: int | None = None, nombre: str = "") -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre

    def titulo(self) -> str:
        return f"Nueva tarea · {self.nombre}" if self.nombre else self.TITULO

    def campos(self) -> ComposeResult:
        yield Campo("Descripción", Input(id="descripcion", compact=True))
        yield Campo(
            "Vence", Input(value="hoy", placeholder="hoy, mañana, +3, viernes, 2026-12-01", id="vence", compact=True)
        )
        yield Campo("Hora", Input(placeholder="opcional, HH:MM", id="hora", compact=True))
        yield Campo(
            "Prioridad",
            Lista(
                [(p.value, p.value) for p in Prioridad], value="media", allow_blank=False, id="prioridad", compact=True
            ),
        )
        if self.cliente_id is None:
            yield Campo("Cliente", Input(placeholder="opcional: id o nombre", id="cliente", compact=True))

    def on_mount(self) -> None:
        self.query_one("#descripcion", Input).focus()

    def guardar(self) -> int | None:
        descripcion = self.query_one("#descripcion", Input).value
        vence_texto = self.query_one("#vence", Input).value
        hora_texto = self.query_one("#hora", Input).value
        prioridad = str(self.query_one("#prioridad", Select).value)
        ref = self.query(Input).filter("#cliente")
        cliente_ref = ref.first().value if ref else ""
        cliente_id = self.cliente_id

        def accion(ctx: services.Contexto) -> Tarea:
            vence = domain.parse_fecha(vence_texto, ctx.hoy)
            hora = domain.parse_hora(hora_texto) if hora_texto.strip() else None
            if cliente_id is not None:
                cliente = clientes.get(ctx, cliente_id)
            elif cliente_ref.strip():
                cliente = clientes.resolve(ctx, cliente_ref)
            else:
                cliente = None
            return tareas.add(ctx, descripcion, vence, hora=hora, cliente=cliente, prioridad=prioridad)

        tarea = self.a3.gateway.write(accion)
        self.app.notify(f"Tarea creada: {tarea.descripcion}", title="Tareas")
        return tarea.id

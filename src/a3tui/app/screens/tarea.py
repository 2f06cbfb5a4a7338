"""A task's form: a new promise with a due date (optionally tied to a client), or an
existing task opened with Enter to move it to any date, change its time, priority or
reminder."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select

from a3tui import domain, services
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.casilla import Casilla
from a3tui.app.widgets.formulario import Campo, EntradaFecha
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Prioridad
from a3tui.errors import DatoInvalido
from a3tui.models import Tarea
from a3tui.services import clientes, tareas

FECHAS = "hoy, mañana, +3, viernes, viernes 10:00, 2026-12-01"


class NuevaTarea(Formulario[int | None]):
    """Dismisses with the task's id. Without a client, the form asks which (optional).
    Given ``tarea``, it edits that task instead of creating one."""

    TITULO = "Nueva tarea"

    def __init__(self, cliente_id: int | None = None, nombre: str = "", *, tarea: Tarea | None = None) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.tarea = tarea

    def titulo(self) -> str:
        if self.tarea is not None:
            return f"Tarea {self.tarea.id}" + (f" · {self.nombre}" if self.nombre else "")
        return f"Nueva tarea · {self.nombre}" if self.nombre else self.TITULO

    def campos(self) -> ComposeResult:
        t = self.tarea
        yield Campo("Descripción", Input(value=t.descripcion if t else "", id="descripcion", compact=True))
        # A new task is due today unless a date is typed (an empty field, so what is typed
        # is the date, not something added after «hoy»).
        vence = t.vence.isoformat() if t else ""
        yield Campo(
            "Vence", EntradaFecha(value=vence, placeholder=f"hoy; o {FECHAS.removeprefix('hoy, ')}", id="vence")
        )
        hora = t.hora.strftime("%H:%M") if t and t.hora else ""
        yield Campo("Hora", Input(value=hora, placeholder="opcional, HH:MM", id="hora", compact=True))
        yield Campo(
            "Prioridad",
            Lista(
                [(p.value, p.value) for p in Prioridad],
                value=t.prioridad.value if t else "media",
                allow_blank=False,
                id="prioridad",
                compact=True,
            ),
        )
        yield Casilla(
            "Recordatorio: avisarme a su hora", value=t.recordatorio if t else True, id="recordatorio", compact=True
        )
        if self.cliente_id is None and t is None:
            yield Campo("Cliente", Input(placeholder="opcional: id o nombre", id="cliente", compact=True))

    def on_mount(self) -> None:
        if self.tarea is None:
            self.query_one("#descripcion", Input).focus()
            return
        # Opened to move the task: the date it has is proposed, and what is typed replaces
        # it; reached later with Tab, typing edits it (EntradaFecha).
        vence = self.query_one("#vence", EntradaFecha)
        vence.focus()
        vence.reemplazable()

    def guardar(self) -> int | None:
        descripcion = self.query_one("#descripcion", Input).value
        vence_texto = self.query_one("#vence", Input).value.strip() or "hoy"
        hora_texto = self.query_one("#hora", Input).value
        prioridad = str(self.query_one("#prioridad", Select).value)
        recordatorio = self.query_one("#recordatorio", Checkbox).value
        ref = self.query(Input).filter("#cliente")
        cliente_ref = ref.first().value if ref else ""
        cliente_id = self.cliente_id
        editada = self.tarea.id if self.tarea is not None else None
        # The hour the form opened with: one typed in Vence replaces it; only an hour the
        # user typed in Hora too, and a different one, is a contradiction to ask about.
        hora_de_antes = self.tarea.hora.strftime("%H:%M") if self.tarea is not None and self.tarea.hora else ""

        def accion(ctx: services.Contexto) -> Tarea:
            # «viernes 10:00» in Vence is a date and a time, as the activity form takes it.
            vence, hora_en_fecha = domain.parse_fecha_y_hora(vence_texto, ctx.hoy)
            hora = domain.parse_hora(hora_texto) if hora_texto.strip() else None
            if hora_en_fecha is not None:
                if hora is not None and hora != hora_en_fecha and hora_texto.strip() != hora_de_antes:
                    raise DatoInvalido("Escribe la hora en Vence o en Hora, no dos horas distintas.")
                hora = hora_en_fecha
            if editada is not None:
                return tareas.edit(
                    ctx, editada, descripcion=descripcion, vence=vence, hora=hora, prioridad=prioridad,
                    recordatorio=recordatorio,
                )  # fmt: skip
            if cliente_id is not None:
                cliente = clientes.get(ctx, cliente_id)
            elif cliente_ref.strip():
                cliente = clientes.resolve(ctx, cliente_ref)
            else:
                cliente = None
            return tareas.add(
                ctx, descripcion, vence, hora=hora, cliente=cliente, prioridad=prioridad, recordatorio=recordatorio
            )

        tarea = self.a3.gateway.write(accion)
        if editada is not None:
            cuando = domain.cuando_tarea(tarea.vence, tarea.hora, services.ahora().date())
            self.app.notify(f"{tarea.descripcion}: vence {cuando}", title="Tarea guardada")
        else:
            self.app.notify(f"Tarea creada: {tarea.descripcion}", title="Tareas")
        return tarea.id

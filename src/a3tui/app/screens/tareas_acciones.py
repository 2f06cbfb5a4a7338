"""What a task row offers in Mis tareas and in the ficha's Tareas tab: x marks it done
(and again, reopens it: the undo of x), + postpones it to tomorrow, Supr deletes it after
asking. The rules are services.tareas'; this is the one place the app calls them from."""

from __future__ import annotations

from datetime import timedelta

from a3tui.app.screens.base import PantallaA3
from a3tui.services import Contexto, tareas


def hecha_o_reabrir(pantalla: PantallaA3, tarea_id: int) -> None:
    """x: a pending task is done; a done one is pending again."""
    tarea = pantalla.a3.gateway.read(lambda ctx: tareas.get(ctx, tarea_id))
    if tarea.hecha:
        pantalla.write(
            lambda ctx: tareas.reopen(ctx, tarea_id), title="Tarea", done=f"Pendiente otra vez: {tarea.descripcion}"
        )
    else:
        pantalla.write(lambda ctx: tareas.done(ctx, tarea_id), title="Tarea", done=f"Hecha: {tarea.descripcion}")


def posponer(pantalla: PantallaA3, tarea_id: int) -> None:
    """+: to tomorrow (a later date: the task's form, or `a3 tarea posponer`)."""

    def accion(ctx: Contexto) -> object:
        return tareas.posponer(ctx, tarea_id, ctx.hoy + timedelta(days=1))

    pantalla.write(accion, title="Tarea", done="Pospuesta para mañana.")


def borrar(pantalla: PantallaA3, tarea_id: int) -> None:
    """Supr: asks first (the harmless answer is the default)."""
    from a3tui.app.screens.confirmar import Confirmar

    tarea = pantalla.a3.gateway.read(lambda ctx: tareas.get(ctx, tarea_id))

    def respuesta(si: bool | None) -> None:
        if si:
            pantalla.write(
                lambda ctx: tareas.borrar(ctx, tarea_id), title="Tarea", done=f"Borrada: {tarea.descripcion}"
            )

    pantalla.app.push_screen(
        Confirmar("¿Borrar la tarea?", tarea.descripcion, si="Borrar", no="Conservar", seguro=True), respuesta
    )

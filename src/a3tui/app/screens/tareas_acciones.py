"""What a task row offers in Mis tareas and in the ficha's Tareas tab: x marks it done
(and again, reopens it: the undo of x), + postpones it a day, Enter opens its form, Supr deletes it after
asking. The rules are services.tareas'; this is the one place the app calls them from."""

from __future__ import annotations

from a3tui import domain
from a3tui.app.screens.base import PantallaA3
from a3tui.models import Tarea
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
    """+: a day later than it falls due (tomorrow for one already due; another date: the
    task's form, Enter)."""

    def accion(ctx: Contexto) -> str:
        tarea = tareas.posponer(ctx, tarea_id)
        return domain.cuando_tarea(tarea.vence, tarea.hora, ctx.hoy)

    cuando = pantalla.write(accion, title="Tarea")
    if cuando is not None:
        pantalla.notify(f"Ahora vence {cuando}.", title="Tarea pospuesta")


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


def abrir(pantalla: PantallaA3, tarea_id: int) -> None:
    """Enter: the task's form, to move it to any date (earlier too) or change the rest."""
    from a3tui.app.screens.tarea import NuevaTarea
    from a3tui.services import clientes

    def leer(ctx: Contexto) -> tuple[Tarea, str]:
        tarea = tareas.get(ctx, tarea_id)
        nombre = clientes.get(ctx, tarea.cliente_id).nombre if tarea.cliente_id is not None else ""
        return tarea, nombre

    tarea, nombre = pantalla.a3.gateway.read(leer)
    pantalla.app.push_screen(NuevaTarea(tarea.cliente_id, nombre, tarea=tarea), lambda _id: pantalla.load())

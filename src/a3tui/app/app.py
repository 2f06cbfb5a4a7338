"""The a3 Textual app: four sections (Mis tareas, Clientes, Inventario, Oficina), each a mode with its own
screen stack, a ficha pushed on top, and modal forms for every change."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender

from a3tui.app.cola_de_teclas import ColaDeTeclas
from a3tui.app.messages import ClienteSelected
from a3tui.domain import imprimible
from a3tui.errors import A3Error

if TYPE_CHECKING:
    from rich.console import RenderableType

    from a3tui.app.envio import LineasEnviadas
    from a3tui.app.gateway import Gateway
    from a3tui.services.actividades import Registro
    from a3tui.store import Store

# How keys read in the footer and the help (Spanish keyboard names).
NOMBRES_TECLAS = {
    "enter": "Enter",
    "escape": "Esc",
    "question_mark": "?",
    "slash": "/",
    "pageup": "RePág",
    "pagedown": "AvPág",
    "home": "Inicio",
    "end": "Fin",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "space": "Espacio",
    "tab": "Tab",
    "delete": "Supr",
}


def nombre_tecla(tecla: str) -> str:
    """``ctrl+s`` → ``^s``, ``pagedown`` → ``AvPág``, ``question_mark`` → ``?``."""
    partes = []
    for una in tecla.split(","):
        una = una.strip()
        if una.startswith("ctrl+"):
            partes.append("^" + NOMBRES_TECLAS.get(una[5:], una[5:]))
        else:
            partes.append(NOMBRES_TECLAS.get(una, una))
    return "/".join(partes)


# The sections' screens are imported when first shown: the app's first frame is drawn
# before the data stack (SQLAlchemy, SQLModel, the models and services) is imported.


def _mis_tareas() -> Screen[Any]:
    """Mis tareas, the first screen."""
    from a3tui.app.screens.mis_tareas import MisTareasScreen

    return MisTareasScreen()


def _clientes() -> Screen[Any]:
    """The client list."""
    from a3tui.app.screens.clientes import ClientesScreen

    return ClientesScreen()


def _inventario() -> Screen[Any]:
    """The Inventario screen, imported when first opened (the app starts without it)."""
    from a3tui.app.screens.inventario import InventarioScreen

    return InventarioScreen()


def _oficina() -> Screen[Any]:
    """The Oficina screen, imported when first opened."""
    from a3tui.app.screens.oficina import OficinaScreen

    return OficinaScreen()


def _reportes() -> Screen[Any]:
    """The Reportes screen, imported when first opened."""
    from a3tui.app.screens.reportes import ReportesScreen

    return ReportesScreen()


def _apartados() -> Screen[Any]:
    """The Apartados list, imported when first opened."""
    from a3tui.app.screens.apartados import ApartadosScreen

    return ApartadosScreen()


def _servicio() -> Screen[Any]:
    """The Servicio screen (service cases), imported when first opened."""
    from a3tui.app.screens.servicio import ServicioScreen

    return ServicioScreen()


def _buscar_clientes() -> Any:
    """The palette's client search, imported when the palette first opens."""
    from a3tui.app.paleta import BuscarClientes

    return BuscarClientes


class _BarraAscii(ScrollBarRender):
    """A scroll bar without the block-eighth glyphs a Linux console font lacks."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class A3App(App[None]):
    """a3: the advisor's day, clients and their fichas, all from the keyboard."""

    CSS_PATH = "a3.tcss"
    TITLE = "a3"
    SUB_TITLE = "CRM de asesores"
    MODES = {
        "tareas": _mis_tareas,
        "clientes": _clientes,
        "inventario": _inventario,
        "oficina": _oficina,
        "reportes": _reportes,
        "apartados": _apartados,
        "servicio": _servicio,
    }
    DEFAULT_MODE = "tareas"
    COMMANDS = App.COMMANDS | {_buscar_clientes}
    BINDINGS = [
        # Shown in the top bar (BarraSuperior) rather than the footer, so they never get cut.
        Binding("t", "mis_tareas", "Mis tareas", show=False, id="a3.mis_tareas"),
        Binding("c", "clientes", "Clientes", show=False, id="a3.clientes"),
        Binding("i", "inventario", "Inventario", show=False, id="a3.inventario"),
        Binding("o", "oficina", "Oficina", show=False, id="a3.oficina"),
        Binding("R", "reportes", "Reportes", show=False, id="a3.reportes"),
        # Not in the top bar (no room at 80 columns): ? and the palette name them.
        Binding(
            "V",
            "apartados",
            "Apartados",
            tooltip="Apartados: las reservas de tus clientes",
            show=False,
            id="a3.apartados",
        ),
        Binding(
            "S",
            "servicio",
            "Servicio",
            tooltip="Servicio: los casos abiertos de tus clientes (quejas, garantías…)",
            show=False,
            id="a3.servicio",
        ),
        Binding(
            "A",
            "ajustes",
            "Ajustes de seguimiento",
            tooltip="Ajustes: días entre contactos de cada etapa",
            show=False,
            id="a3.ajustes",
        ),
        Binding("question_mark", "ayuda", "Ayuda", show=False, key_display="?", id="a3.ayuda"),
        Binding("q", "salir", "Salir", show=False, id="a3.salir"),
        Binding("ctrl+p", "command_palette", "Comandos", show=False, priority=True, id="a3.comandos"),
        Binding("ctrl+l", "redibujar", "Redibujar la pantalla", show=False, id="a3.redibujar"),
    ]

    def __init__(self, store: Store | None, *, login: str | None = None) -> None:
        """The app on an open ``store`` (``None`` only for ``A3AppAbriendo``, which opens it)."""
        super().__init__()
        # Keys typed ahead go on one at a time, each once the screen it acts on is ready.
        self._teclas = ColaDeTeclas(self, self._entregar_tecla)
        self.login = login
        # The client whose ficha was open last: the pickers propose it (ElegirCliente).
        self.cliente_reciente: int | None = None
        self._gateway: Gateway | None = None
        if store is not None:
            self._gateway = _conectar(store, login)
        self._adaptar_a_la_terminal()
        # Only the cells that changed go to the terminal (app/envio.py); A3_REPINTADO=completo
        # sends Textual's whole frames, as before.
        # On a Textual version app/textual_privado.py doesn't know, whole frames too.
        from a3tui.app.textual_privado import envio_diferencial

        self.envio: LineasEnviadas | None = None
        if envio_diferencial():
            from a3tui.app.envio import LineasEnviadas

            self.envio = LineasEnviadas()

    @property
    def gateway(self) -> Gateway:
        """The door to the services (there from the first screen that reads data on)."""
        if self._gateway is None:
            raise RuntimeError("la base de datos todavía no está abierta")
        return self._gateway

    def _adaptar_a_la_terminal(self) -> None:
        """ANSI colours on a 16-colour terminal, ASCII symbols where the font lacks ours, a
        reversed cursor row without colour (see app/terminal.py)."""

        from a3tui.app.terminal import detectar

        self.capacidades = detectar(os.environ)
        if self.capacidades.tema is not None:
            self.theme = self.capacidades.tema
        for clase in self.capacidades.clases:
            self.add_class(clase)
        # Scroll bars drawn with block eighths (▁▂▃) become a plain bar in ASCII terminals.
        ScrollBar.renderer = _BarraAscii if self.capacidades.ascii else ScrollBarRender

    # ------------------------------------------------------------ navigation

    # How often the app asks whether another process wrote (a cheap SQLite pragma).
    VIGILAR_CADA = 2.0

    # How often the app looks for reminders whose moment came (tasks with --recordatorio).
    RECORDAR_CADA = 30.0

    # ------------------------------------------------------------ keys typed ahead

    async def on_event(self, event: events.Event) -> None:
        """Keys go through the queue of keys typed ahead (app/cola_de_teclas.py)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._gateway is None:  # still opening: q leaves, other keys wait for Mis tareas
                if event.key in ("q", "ctrl+q"):
                    self.exit()
                else:
                    self._teclas.retener(event)
                return
            await self._teclas.recibir(event)
            return
        await super().on_event(event)

    async def _entregar_tecla(self, tecla: events.Key) -> None:
        """Textual's own handling of a key: the queue calls it when the key's turn comes."""
        await super().on_event(tecla)

    def on_mount(self) -> None:
        self._teclas.escuchar()
        if self.envio is not None:
            # Back from a suspended process (an editor, a shell), the terminal shows its screen.
            self.app_resume_signal.subscribe(self, lambda _app: self.envio.olvidar() if self.envio else None)
        if self._gateway is not None:
            self._vigilar_y_recordar()

    def _vigilar_y_recordar(self) -> None:
        self.set_interval(self.VIGILAR_CADA, self.vigilar, name="vigilar-cambios")
        self._avisados: set[int] | None = None
        self.set_interval(self.RECORDAR_CADA, self.recordar, name="recordatorios")
        # The first look (which reminders are already due: no bell for them) waits for the
        # first frame: start-up draws before it reads anything it doesn't show.
        self.call_after_refresh(self.recordar)

    def recordar(self) -> None:
        """Tell the advisor of each reminder once, when its moment comes while a3 is open: a
        notification and the terminal's bell (several at once: one that counts them). Those
        already due when a3 opens are on Mis tareas, the first screen: no bell for them."""
        from a3tui import services
        from a3tui.errors import A3Error
        from a3tui.services import tareas

        try:
            filas = self.gateway.read(lambda ctx: tareas.recordatorios(ctx, services.ahora()))
        except A3Error:
            return
        if self._avisados is None:
            self._avisados = {f.tarea.id for f in filas if f.tarea.id is not None}
            return
        nuevas = [f for f in filas if f.tarea.id is not None and f.tarea.id not in self._avisados]
        if not nuevas:
            return
        self._avisados.update(f.tarea.id for f in nuevas if f.tarea.id is not None)
        self.bell()
        if len(nuevas) <= 3:
            for f in nuevas:
                hora = f" {f.tarea.hora:%H:%M}" if f.tarea.hora else ""
                cliente = f" · {f.cliente}" if f.cliente else ""
                self.notify(f"{f.tarea.descripcion}{cliente}{hora}", title="Recordatorio", timeout=30)
        else:
            self.notify(
                f"{len(nuevas)} tareas con recordatorio ya están por hacer; míralas en Mis tareas (t).",
                title="Recordatorios",
                timeout=30,
            )

    def on_unmount(self) -> None:
        if self._gateway is not None:
            self._gateway.cerrar()

    def vigilar(self) -> None:
        """Show other processes' writes: the main screen on top reads its data again (a
        form or dialog open on top is left alone; the screen below reads when it returns)."""
        from textual.app import ScreenStackError
        from textual.widgets import Input, TextArea

        from a3tui.app.screens.base import PantallaA3

        self.gateway.cambio_externo()
        try:
            pantalla = self.screen
        except ScreenStackError:  # the app is closing
            return
        if not isinstance(pantalla, PantallaA3) or not pantalla.desactualizada:
            return
        if isinstance(self.focused, (Input, TextArea)) and self.focused.screen is pantalla:
            return  # not while the advisor types there (a ficha's Datos, a search): next time
        pantalla.on_screen_resume()

    def _ir(self, modo: str) -> None:
        # Leave the current section at its main screen, so coming back starts there.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_mode(modo)

    def action_mis_tareas(self) -> None:
        self._ir("tareas")

    def action_clientes(self) -> None:
        self._ir("clientes")

    def action_inventario(self) -> None:
        self._ir("inventario")

    def action_oficina(self) -> None:
        self._ir("oficina")

    def action_reportes(self) -> None:
        self._ir("reportes")

    def action_apartados(self) -> None:
        self._ir("apartados")

    def action_servicio(self) -> None:
        self._ir("servicio")

    def action_ajustes(self) -> None:
        from a3tui.app.screens.ajustes import AjustesSeguimiento

        if not isinstance(self.screen, AjustesSeguimiento):
            self.push_screen(AjustesSeguimiento())

    def action_command_palette(self) -> None:
        from a3tui.app.paleta import PaletaA3

        if self.use_command_palette and not PaletaA3.is_open(cast("App[object]", self)):
            self.push_screen(PaletaA3(placeholder="Buscar una acción o un cliente…", id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from a3tui.app.paleta import PaletaA3

        self.push_screen(PaletaA3(providers=[ThemeProvider], placeholder="Buscar un tema…"))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text field): say which key does, in Spanish."""
        self.notify("Para salir de a3 presiona q (o ctrl+q).", title="¿Quieres salir?")

    def action_salir(self) -> None:
        self.exit()

    def action_redibujar(self) -> None:
        """Ctrl+L: draw the whole screen again (another program wrote over it, say)."""
        if self.envio is not None:
            self.envio.olvidar()
        self.screen.refresh(layout=True)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Textual's repaint, reduced to the stretches the terminal doesn't show yet
        (app/envio.py). Only what Textual will really write goes through the record (the same
        conditions as Textual's own), so the record stays true."""
        from a3tui.app.textual_privado import escribe_en_terminal

        if self.envio is not None and renderable is not None and escribe_en_terminal(self):
            renderable = self.envio.filtrar(renderable, self.size, self.console)
        super()._display(screen, renderable)

    def action_ayuda(self) -> None:
        from a3tui.app.screens.ayuda import AyudaScreen

        if not isinstance(self.screen, AyudaScreen):
            self.push_screen(AyudaScreen(self.screen))

    def abrir_ficha(self, cliente_id: int) -> None:
        from a3tui.app.screens.ficha import FichaScreen

        self.push_screen(FichaScreen(cliente_id))

    def on_cliente_selected(self, mensaje: ClienteSelected) -> None:
        self.abrir_ficha(mensaje.cliente_id)

    # ------------------------------------------------------------ shared flows

    def registrar_actividad(
        self,
        cliente_id: int,
        nombre: str,
        al_terminar: Callable[[], None] | None = None,
        *,
        tarea: tuple[int, str] | None = None,
    ) -> None:
        """Open the activity form for a client; afterwards offer frío if the service suggests
        it, and, when the activity came from a task (``tarea``: its id and text), to close it.
        From a cita the form starts as its meeting (place, properties to show)."""
        from a3tui.app.screens.actividad import RegistrarActividad

        def terminado(registro: Registro | None) -> None:
            # A cita the meeting closed is done already: nothing to ask about it.
            cerradas = {c.id for c in registro.citas_cerradas} if registro is not None else set()

            def cerrar_tarea() -> None:
                if tarea is not None and tarea[0] not in cerradas:
                    self._ofrecer_cerrar_tarea(tarea, al_terminar)
                elif al_terminar is not None:
                    al_terminar()

            if registro is None:
                if al_terminar is not None:
                    al_terminar()
            elif registro.sugerir_frio:
                self._ofrecer_frio(cliente_id, registro, cerrar_tarea)
            else:
                cerrar_tarea()

        tarea_id = tarea[0] if tarea is not None else None
        self.push_screen(RegistrarActividad(cliente_id, nombre, tarea_id=tarea_id), terminado)

    def _ofrecer_cerrar_tarea(self, tarea: tuple[int, str], al_terminar: Callable[[], None] | None) -> None:
        from a3tui.app.screens.confirmar import Confirmar
        from a3tui.errors import A3Error
        from a3tui.services import tareas

        tarea_id, descripcion = tarea

        def respuesta(si: bool | None) -> None:
            if si:
                try:
                    self.gateway.write(lambda ctx: tareas.done(ctx, tarea_id))
                    self.notify(f"Hecha: {imprimible(descripcion)}", title="Tarea")
                except A3Error as error:
                    self.notify(error.mensaje, severity="error", title="No se pudo")
            if al_terminar is not None:
                al_terminar()

        self.push_screen(
            Confirmar(
                "¿Tarea hecha?",
                f"Registraste la actividad de la tarea «{imprimible(descripcion)}». ¿La marco como hecha?",
                si="Sí, hecha",
                no="Sigue pendiente",
                seguro=True,
                foco="si",
            ),
            respuesta,
        )

    def _ofrecer_frio(self, cliente_id: int, registro: Registro, al_terminar: Callable[[], None] | None) -> None:
        from a3tui import domain
        from a3tui.app.screens.confirmar import Confirmar
        from a3tui.errors import A3Error
        from a3tui.services import clientes

        def respuesta(si: bool | None) -> None:
            if si:
                try:
                    self.gateway.write(
                        lambda ctx: clientes.cambiar_temperatura(
                            ctx, clientes.get(ctx, cliente_id), domain.Temperatura.FRIO
                        )
                    )
                    self.notify("Cliente marcado como frío.", title="Temperatura")
                except A3Error as error:
                    self.notify(error.mensaje, severity="error", title="No se pudo")
            if al_terminar is not None:
                al_terminar()

        cadencia = f" (su seguimiento pasa a cada {registro.dias_si_frio} días)" if registro.dias_si_frio else ""
        self.push_screen(
            Confirmar(
                "¿Marcar como frío?",
                f"Van {registro.llamadas_sin_respuesta} llamadas sin respuesta en "
                f"{domain.VENTANA_SIN_RESPUESTA_DIAS} días. ¿Marcar al cliente como frío?{cadencia}",
                si="Marcar frío",
                no="Dejar así",
                seguro=True,
            ),
            respuesta,
        )

    # ------------------------------------------------------------ unexpected errors

    def _fatal_error(self) -> None:
        """A bug: as in the CLI, one Spanish line on the terminal and the traceback in the
        log file (A3_DEBUG=1 keeps Textual's full traceback on screen)."""
        from a3tui.app.textual_privado import excepcion_fatal, terminar_con

        error = excepcion_fatal(self)
        if os.environ.get("A3_DEBUG") or error is None:
            super()._fatal_error()
            return
        from a3tui.archivos import log_error

        path = log_error(error, "(aplicación)")
        donde = f"; los detalles están en {path}" if path else ""
        self.bell()
        terminar_con(
            self,
            f"Error: ocurrió un error inesperado ({type(error).__name__}){donde}. Usa A3_DEBUG=1 para ver el detalle.",
        )

    # ------------------------------------------------------------ notifications

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry clients' names and the services' sentences: data, never
        markup («Juan [/] Pérez»), and never a control character that would reach the terminal."""
        super().notify(imprimible(message), title=imprimible(title), severity=severity, timeout=timeout, markup=False)

    # ------------------------------------------------------------ keys and commands

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        return nombre_tecla(binding.key)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every a3 action active on ``screen``, in Spanish, plus theme and keys help."""
        vistos: set[str] = set()
        for activa in screen.active_bindings.values():
            binding = activa.binding
            if not (binding.id or "").startswith("a3.") or binding.id in vistos or not activa.enabled:
                continue
            if binding.action == "command_palette":
                continue
            vistos.add(binding.id or "")
            yield SystemCommand(
                binding.description,
                f"Tecla {self.get_key_display(binding)}",
                partial(self.run_action, binding.action, activa.node),
            )
        yield SystemCommand("Tema de colores", "Elegir el tema (claro, oscuro…)", self.action_change_theme)
        yield SystemCommand("Captura de pantalla", "Guardar la pantalla como SVG", lambda: self.deliver_screenshot())


def _conectar(store: Store, login: str | None) -> Gateway:
    """The app's gateway on ``store``; identifies the advisor (an unknown login raises A3Error)."""
    from a3tui.app.gateway import Gateway

    gateway = Gateway(store, login)
    gateway.prepare()
    return gateway


def _arranque() -> Screen[Any]:
    from a3tui.app.screens.arranque import Arranque

    return Arranque()


class A3AppAbriendo(A3App):
    """The app as `a3` starts it: its first frame (the top bar, «Abriendo…») is drawn at
    once, while a thread imports the data stack, opens the database and identifies the
    advisor; then Mis tareas takes the screen, and the keys typed meanwhile reach it.

    A database that can't be opened ends the app with ``error_al_abrir`` set, for ``run``
    to print as the command line does."""

    MODES = {**A3App.MODES, "arranque": _arranque}
    DEFAULT_MODE = "arranque"

    def __init__(self, abrir: Callable[[], Store], *, login: str | None = None) -> None:
        super().__init__(None, login=login)
        self._abrir = abrir
        self.store: Store | None = None
        self.error_al_abrir: A3Error | None = None

    def on_mount(self) -> None:
        # (A3App.on_mount runs too, after this one: Textual calls each class's handler.)
        self._abrir_en_hilo()

    @work(thread=True, name="abrir")
    def _abrir_en_hilo(self) -> None:
        """A bug raised here ends the app as any other (one Spanish line, the log)."""
        from a3tui.store import traducir_error

        try:
            store = self._abrir()
            try:
                gateway = _conectar(store, self.login)
                # Mis tareas' own imports, here rather than on the UI thread once open.
                import a3tui.app.screens.mis_tareas  # noqa: F401
            except BaseException:
                store.dispose()
                raise
        except A3Error as error:
            self.call_from_thread(self._no_se_pudo_abrir, error)
            return
        except Exception as exc:
            traducido = traducir_error(exc)
            if traducido is None:
                raise
            self.call_from_thread(self._no_se_pudo_abrir, traducido)
            return
        self.call_from_thread(self._abierta, store, gateway)

    def _no_se_pudo_abrir(self, error: A3Error) -> None:
        self.error_al_abrir = error
        self.exit(return_code=1)

    def _abierta(self, store: Store, gateway: Gateway) -> None:
        self.store = store
        self._gateway = gateway
        from a3tui.app.textual_privado import saliendo

        if saliendo(self):  # q while opening
            return
        self._vigilar_y_recordar()
        self.switch_mode("tareas")
        self.remove_mode("arranque")  # runs on its own once Mis tareas is up

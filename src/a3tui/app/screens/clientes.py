"""Clientes: the whole portfolio in a virtual list, with search as you type and filters."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Footer, Input, Select, Static

from a3tui import domain
from a3tui.app.messages import CursorMoved
from a3tui.app.screens.base import PantallaA3
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.casilla import Casilla
from a3tui.app.widgets.lista import Desplegable
from a3tui.app.widgets.lista_clientes import EncabezadoClientes, ListaClientes
from a3tui.domain import Etapa, Temperatura
from a3tui.errors import A3Error
from a3tui.services import clientes

# Wait this long after the last keystroke before querying (typing never waits for SQL).
ESPERA_BUSQUEDA = 0.15

TODAS = "todas"
FILTROS = Binding.Group("Filtros")
VALORES_FILTRO = {
    "#filtro-etapa": [TODAS, *(e.value for e in Etapa)],
    "#filtro-temperatura": [TODAS, *(t.value for t in Temperatura)],
}


class ClientesScreen(PantallaA3):
    """The client list. Enter opens a ficha; `/` searches by name, email or phone digits."""

    TITLE = "a3"
    SUB_TITLE = "Clientes"
    BINDINGS = [
        # Priority: handled before the keys typed after it reach the list, so «/nunez» typed
        # in one burst lands in the search box (a «/» is never part of a search).
        Binding("slash", "buscar", "Buscar", key_display="/", priority=True, id="a3.clientes.buscar"),
        Binding("a", "actividad", "Actividad", id="a3.clientes.actividad"),
        Binding("n", "nuevo", "Nuevo", tooltip="Nuevo cliente", id="a3.clientes.nuevo"),
        # The same letters as in the ficha: they act on the highlighted client (not in the
        # footer, which has no room at 80 columns: ? and ctrl+p list them).
        Binding("e", "etapa", "Etapa", show=False, id="a3.clientes.etapa"),
        Binding("r", "temperatura", "Temperatura", show=False, id="a3.clientes.temperatura"),
        Binding("f", "frios", "Solo fríos", id="a3.clientes.filtro_frios", group=FILTROS),
        # Only for those who can see more than their own clients (a coordinator, a suplente).
        Binding(
            "P",
            "ciclar_cartera",
            "Cartera",
            tooltip="Mis clientes, la plaza o los de un asesor (coordinador)",
            id="a3.clientes.cartera",
            group=FILTROS,
        ),
        Binding(
            "escape",
            "volver",
            "Volver",
            tooltip="Quitar los filtros; sin filtros, volver",
            show=False,
            id="a3.clientes.volver",
        ),
        Binding("down", "a_lista", "Ir a la lista", show=False, id="a3.clientes.a_lista"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # (value, label) of the portfolios this advisor may list; the first is their own.
        self._carteras: list[tuple[str, str]] = [("", "Mis clientes")]
        self._cartera = 0

    def compose(self) -> ComposeResult:
        yield BarraSuperior("clientes")
        with Horizontal(id="filtros"):
            yield Input(placeholder="/ nombre, email o teléfono", id="buscar", compact=True)
            yield Desplegable(
                [("Toda etapa", TODAS), *((e.value, e.value) for e in Etapa)],
                value=TODAS,
                allow_blank=False,
                id="filtro-etapa",
                compact=True,
            )
            yield Desplegable(
                [("Toda temperatura", TODAS), *((t.value, t.value) for t in Temperatura)],
                value=TODAS,
                allow_blank=False,
                id="filtro-temperatura",
                compact=True,
            )
            yield Casilla("Fríos", id="filtro-frios", compact=True, tooltip="Prospectos sin actividad en estos días")
            # The days of «Fríos», as `a3 cliente list --frios --dias N`: shown while it is on
            # (the search keeps its room otherwise).
            dias = Input(
                str(domain.DIAS_FRIO_DEFAULT),
                id="filtro-dias",
                restrict=r"\d{0,3}",
                max_length=3,
                compact=True,
                tooltip="Días sin actividad para contar un frío",
            )
            texto_dias = Static("días", id="filtro-dias-texto")
            dias.display = texto_dias.display = False
            yield dias
            yield texto_dias
        yield Static("Cargando clientes…", id="resumen", markup=False)
        yield EncabezadoClientes(id="encabezado")
        yield ListaClientes(self.a3.gateway, id="lista")
        yield Static("", id="detalle", markup=False)
        yield Footer(compact=True)

    @property
    def lista(self) -> ListaClientes:
        return self.query_one(ListaClientes)

    @property
    def lista_para_teclas(self) -> bool:
        return self.lista.cargado

    def on_mount(self) -> None:
        from a3tui.services import asesores

        self.lista.focus()
        try:
            self._carteras = self.a3.gateway.read(asesores.carteras_posibles)
        except A3Error:
            self._carteras = [("", "Mis clientes")]
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ciclar_cartera":
            return len(self._carteras) > 1
        return True

    def load(self) -> None:
        # What the filters say now (a client just added changed them: see mostrar_cliente).
        self.lista.load(self._filtro(), keep_cursor=self.lista.cargado)

    # ------------------------------------------------------------ filter

    def _filtro(self) -> clientes.Filtro:
        etapa = self.query_one("#filtro-etapa", Select).value
        temperatura = self.query_one("#filtro-temperatura", Select).value
        return clientes.Filtro(
            # A Select not yet given its value (still mounting) means «all».
            etapa=Etapa(etapa) if isinstance(etapa, str) and etapa != TODAS else None,
            temperatura=Temperatura(temperatura) if isinstance(temperatura, str) and temperatura != TODAS else None,
            frios=self.query_one("#filtro-frios", Checkbox).value,
            dias=self._dias_frio(),
            buscar=self.query_one("#buscar", Input).value,
            asesor=self._carteras[self._cartera][0] or None,
        )

    def _dias_frio(self) -> int:
        """The days typed for «Fríos»; while empty or out of range, the usual ones."""
        texto = self.query_one("#filtro-dias", Input).value
        dias = int(texto) if texto.isdigit() else 0
        return dias if 1 <= dias <= domain.DIAS_MAXIMO else domain.DIAS_FRIO_DEFAULT

    def _mostrar_dias(self, visibles: bool) -> None:
        for widget in (self.query_one("#filtro-dias", Input), self.query_one("#filtro-dias-texto", Static)):
            widget.display = visibles

    @on(Checkbox.Changed, "#filtro-frios")
    def _frios_cambio(self, evento: Checkbox.Changed) -> None:
        self._mostrar_dias(evento.value)

    @on(Input.Changed, "#filtro-dias")
    def _dias_cambio(self) -> None:
        self.lista.load(self._filtro(), debounce=ESPERA_BUSQUEDA)

    @on(Input.Submitted, "#filtro-dias")
    def _dias_listos(self) -> None:
        texto = self.query_one("#filtro-dias", Input).value
        if texto and self._dias_frio() != int(texto):
            self.notify(
                f"Los días de «Fríos» deben ser al menos 1; sigo con {self._dias_frio()}.",
                severity="warning",
                title="Clientes",
            )
        self.set_focus(self.lista)

    @on(Input.Changed, "#buscar")
    def _buscar_cambio(self) -> None:
        self.lista.load(self._filtro(), debounce=ESPERA_BUSQUEDA)

    @on(Input.Submitted, "#buscar")
    def _buscar_listo(self) -> None:
        self.set_focus(self.lista)

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _filtro_cambio(self) -> None:
        self.lista.load(self._filtro())

    def on_cursor_moved(self, mensaje: CursorMoved) -> None:
        # Both lines are one row high whatever they say: no layout pass (it would redraw
        # the list's scroll bar and send it down the wire on every move).
        resumen = self.query_one("#resumen", Static)
        detalle = self.query_one("#detalle", Static)
        if not mensaje.total:
            # The list's own line says why (no client matches, or none yet: sin_clientes).
            filtros = self._texto_filtro()
            resumen.update("Ningún cliente" + (filtros or " todavía"), layout=False)
            detalle.update("Agrega uno con n, o quita los filtros con Esc." if filtros else "", layout=False)
            return
        plural = "cliente" if mensaje.total == 1 else "clientes"
        total = f"{mensaje.total:,}" if self.lista.total_exacto else f"{mensaje.total:,}+ (contando…)"
        resumen.update(f"{mensaje.index + 1:,} de {total} {plural}{self._texto_filtro()}", layout=False)
        fila = mensaje.fila
        if fila is None:
            detalle.update("", layout=False)
            return
        partes = [fila.nombre]
        if fila.email:
            partes.append(fila.email)
        temperatura = domain.temperatura_vigente(fila.etapa, fila.temperatura)
        if temperatura:
            partes.append(temperatura.value)
        detalle.update(domain.imprimible(" · ".join(partes)), layout=False)

    def _texto_filtro(self) -> str:
        filtro = self.lista.filtro
        partes = []
        if filtro.asesor:
            partes.append(dict(self._carteras).get(filtro.asesor, filtro.asesor))
        if filtro.buscar.strip():
            partes.append(f"«{filtro.buscar.strip()}»")
        if filtro.etapa:
            partes.append(filtro.etapa.value)
        if filtro.temperatura:
            partes.append(filtro.temperatura.value)
        if filtro.frios:
            partes.append(f"sin actividad en {filtro.dias} días")
        return (" · " + ", ".join(partes)) if partes else ""

    # ------------------------------------------------------------ actions

    def action_buscar(self) -> None:
        # Synchronous focus: the keys typed right after «/» must land in the box.
        self.set_focus(self.query_one("#buscar", Input))

    def action_a_lista(self) -> None:
        self.set_focus(self.lista)

    def action_volver(self) -> None:
        buscar = self.query_one("#buscar", Input)
        if self.focused is buscar:
            buscar.value = ""
            self.set_focus(self.lista)
        elif self.focused is not self.lista:
            self.set_focus(self.lista)
        elif self._hay_filtros():
            self.action_quitar_filtros()  # Esc first clears the filters, then goes back
            self.notify("Sin filtros: todos tus clientes.", title="Clientes")
        else:
            self.a3.action_mis_tareas()

    def _hay_filtros(self) -> bool:
        f = self._filtro()
        return bool(f.etapa or f.temperatura or f.frios or f.buscar.strip())

    def action_etapa(self) -> None:
        from a3tui.app.screens.etapa import CambiarEtapa

        fila = self.lista.fila_actual
        if fila is None:
            self.notify("Elige primero un cliente de la lista.", severity="warning")
            return
        self.app.push_screen(CambiarEtapa(fila.id, fila.nombre, fila.etapa))

    def action_temperatura(self) -> None:
        from a3tui.app.screens.temperatura import CambiarTemperatura

        fila = self.lista.fila_actual
        if fila is None:
            self.notify("Elige primero un cliente de la lista.", severity="warning")
            return
        self.app.push_screen(CambiarTemperatura(fila.id, fila.nombre, fila.temperatura))

    def action_ciclar_cartera(self) -> None:
        self._cartera = (self._cartera + 1) % len(self._carteras)
        self.lista.load(self._filtro())
        self.notify(self._carteras[self._cartera][1], title="Cartera")

    def action_frios(self) -> None:
        self.query_one("#filtro-frios", Checkbox).toggle()

    def action_quitar_filtros(self) -> None:
        with self.prevent(Select.Changed, Checkbox.Changed, Input.Changed):
            self.query_one("#filtro-etapa", Select).value = TODAS
            self.query_one("#filtro-temperatura", Select).value = TODAS
            self.query_one("#filtro-frios", Checkbox).value = False
            self.query_one("#filtro-dias", Input).value = str(domain.DIAS_FRIO_DEFAULT)
            self.query_one("#buscar", Input).value = ""
        self._mostrar_dias(False)
        self.lista.load(self._filtro())

    def action_actividad(self) -> None:
        fila = self.lista.fila_actual
        if fila is None:
            self.notify("Elige primero un cliente de la lista.", severity="warning")
            return
        self.a3.registrar_actividad(fila.id, fila.nombre)

    def action_nuevo(self) -> None:
        from a3tui.app.screens.nuevo_cliente import NuevoCliente

        def agregado(cliente_id: int | None) -> None:
            # The form said it was added (one notice): the list shows it.
            if cliente_id is not None:
                self.mostrar_cliente(cliente_id)

        self.app.push_screen(NuevoCliente(), agregado)

    def mostrar_cliente(self, cliente_id: int) -> None:
        """Put a client in view, the cursor on it: the filters that might hide it give way
        to a search of its name (Esc clears it)."""
        try:
            nombre = self.a3.gateway.read(lambda ctx: clientes.get(ctx, cliente_id).nombre)
        except A3Error:
            return
        self._cartera = 0
        with self.prevent(Select.Changed, Checkbox.Changed, Input.Changed):
            self.query_one("#filtro-etapa", Select).value = TODAS
            self.query_one("#filtro-temperatura", Select).value = TODAS
            self.query_one("#filtro-frios", Checkbox).value = False
            self.query_one("#buscar", Input).value = nombre
        self.lista.load(self._filtro(), ir_a=cliente_id)
        self.set_focus(self.lista)

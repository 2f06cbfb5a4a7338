"""Inventario: the properties for sale, with the same filters as `a3 propiedad list` and
search as you type; from a property, show it to a client or reserve it for one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Select, Static

from a3tui import domain
from a3tui.app.screens.base import PantallaA3
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Desplegable
from a3tui.app.widgets.tabla_ligera import TablaLigera
from a3tui.domain import EstadoPropiedad
from a3tui.errors import A3Error
from a3tui.models import Propiedad
from a3tui.services import Contexto, clientes, propiedades
from a3tui.services.propiedades import DetallePropiedad, FilaPropiedad, FiltroPropiedades

ESPERA_BUSQUEDA = 0.15
# The inventory's page: a developer's list is hundreds of units; typing narrows it.
LIMITE = 300
TODAS = "todas"
ESTADOS = [TODAS, *(e.value for e in EstadoPropiedad)]


@dataclass
class InventarioLeido(Message, bubble=False):
    """A page of the inventory and its total, for the filter it was read with."""

    filtro: FiltroPropiedades
    filas: list[FilaPropiedad]
    total: int


class InventarioScreen(PantallaA3):
    """The inventory. Enter shows a property; p shows it to a client, v reserves it."""

    TITLE = "a3"
    SUB_TITLE = "Inventario"
    BINDINGS = [
        Binding("slash", "buscar", "Buscar", key_display="/", priority=True, id="a3.inventario.buscar"),
        Binding("n", "nueva", "Nueva propiedad", id="a3.inventario.nueva"),
        # m is «Más» everywhere (as in the ficha): modifying the property is one of them.
        Binding("m", "mas", "Más", tooltip="Más acciones: modificar la propiedad", id="a3.inventario.mas"),
        Binding("p", "mostrar", "Mostrar", tooltip="Mostrar o enviar a un cliente", id="a3.inventario.mostrar"),
        Binding("v", "apartar", "Apartar", id="a3.inventario.apartar"),
        Binding(
            "escape",
            "volver",
            "Volver",
            tooltip="Quitar los filtros; sin filtros, volver",
            show=False,
            id="a3.inventario.volver",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._filas: list[FilaPropiedad] = []

    def compose(self) -> ComposeResult:
        yield BarraSuperior("inventario")
        with Horizontal(id="filtros"):
            yield Input(placeholder="/ clave, desarrollo o modelo", id="inv-buscar", compact=True)
            yield Desplegable(
                [("Todo estado", TODAS), *((e.value, e.value) for e in EstadoPropiedad)],
                value=TODAS, allow_blank=False, id="inv-estado", compact=True,
            )  # fmt: skip
            yield Desplegable(
                [("Recámaras", TODAS), *((str(n), str(n)) for n in range(1, 6))],
                value=TODAS, allow_blank=False, id="inv-recamaras", compact=True,
            )  # fmt: skip
            yield Input(placeholder="precio máx.", id="inv-precio", compact=True)
        yield Static("Cargando inventario…", id="resumen", markup=False)
        yield TablaLigera(id="inv-tabla", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detalle", markup=False)
        yield Footer(compact=True)

    @property
    def tabla(self) -> DataTable[Text]:
        return self.query_one("#inv-tabla", DataTable)

    def on_mount(self) -> None:
        self.tabla.focus()

    # ------------------------------------------------------------ loading

    def _filtro(self) -> FiltroPropiedades:
        estado = self.query_one("#inv-estado", Select).value
        recamaras = self.query_one("#inv-recamaras", Select).value
        precio = self.query_one("#inv-precio", Input).value.strip()
        try:
            tope = domain.parse_dinero(precio, "El precio máximo") if precio else None
        except A3Error:
            tope = None  # still typing: the filter applies once it reads as pesos
        return FiltroPropiedades(
            estado=EstadoPropiedad(estado) if estado != TODAS else None,
            recamaras=int(str(recamaras)) if recamaras != TODAS else None,
            precio_max_centavos=tope,
            buscar=self.query_one("#inv-buscar", Input).value,
        )

    def load(self, espera: float = 0.0) -> None:
        self._leer(self._filtro(), espera)

    @work(thread=True, exclusive=True, group="inventario")
    def _leer(self, filtro: FiltroPropiedades, espera: float) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if espera and worker.cancelled_event.wait(espera):
            return

        def consulta(ctx: Contexto) -> tuple[list[FilaPropiedad], int]:
            filas = propiedades.list_(ctx, filtro, limit=LIMITE)
            total = len(filas) if len(filas) < LIMITE else propiedades.count(ctx, filtro)
            return filas, total

        try:
            filas, total = self.a3.gateway.read(consulta)
        except A3Error as error:
            from a3tui.app.messages import LoadFailed

            self.post_message(LoadFailed(error.mensaje))
            return
        if not worker.is_cancelled:
            self.post_message(InventarioLeido(filtro, filas, total))

    def on_inventario_leido(self, mensaje: InventarioLeido) -> None:
        tabla = self.tabla
        anterior = self._actual()
        self._filas = mensaje.filas
        # Cell padding is one column each side; one more for the scrollbar.
        fijas = {"Clave": 9, "Precio": 11, "Rec.": 4, "m²": 5, "Estado": 10}
        flexible = max(12, self.size.width - sum(fijas.values()) - 2 * (len(fijas) + 1) - 1)
        tabla.clear(columns=True)
        tabla.add_column("Clave", width=fijas["Clave"])
        tabla.add_column("Desarrollo y modelo", width=flexible)
        for titulo in ("Precio", "Rec.", "m²", "Estado"):
            tabla.add_column(titulo, width=fijas[titulo])
        for f in mensaje.filas:
            tabla.add_row(
                Text(domain.cortar(f.clave, fijas["Clave"])),
                Text(domain.cortar(domain.imprimible(f.desarrollo + (f" {f.modelo}" if f.modelo else "")), flexible)),
                Text(domain.format_dinero(f.precio_centavos), justify="right"),
                Text(str(f.recamaras) if f.recamaras is not None else "—", justify="right"),
                Text(f"{f.m2:g}" if f.m2 is not None else "—", justify="right"),
                Text(f.estado.value, style="bold" if f.estado == EstadoPropiedad.DISPONIBLE else "dim"),
                key=str(f.id),
            )
        if anterior is not None:
            indice = next((i for i, f in enumerate(self._filas) if f.id == anterior.id), None)
            if indice is not None:
                tabla.move_cursor(row=indice)
        partes = []
        if mensaje.filtro.buscar.strip():
            partes.append(f"«{mensaje.filtro.buscar.strip()}»")
        if mensaje.filtro.estado:
            partes.append(mensaje.filtro.estado.value)
        if mensaje.filtro.recamaras is not None:
            partes.append(f"{mensaje.filtro.recamaras} recámaras")
        if mensaje.filtro.precio_max_centavos is not None:
            partes.append(f"hasta {domain.format_dinero(mensaje.filtro.precio_max_centavos)}")
        filtro = (" · " + ", ".join(partes)) if partes else ""
        mas = f" (mostrando {len(mensaje.filas)})" if mensaje.total > len(mensaje.filas) else ""
        cuantas = "1 propiedad" if mensaje.total == 1 else f"{mensaje.total:,} propiedades"
        texto = f"{cuantas}{mas}{filtro}" if mensaje.total else f"Ninguna propiedad{filtro}"
        self.query_one("#resumen", Static).update(domain.imprimible(texto))
        self._mostrar_detalle()

    def _actual(self) -> FilaPropiedad | None:
        tabla = self.tabla
        if not self._filas or not tabla.row_count:
            return None
        fila = tabla.cursor_row
        return self._filas[fila] if 0 <= fila < len(self._filas) else None

    def _mostrar_detalle(self) -> None:
        fila = self._actual()
        detalle = self.query_one("#detalle", Static)
        # Two rows high whatever it says (a3.tcss): no layout pass (nor its redraw) on each move.
        if fila is None:
            detalle.update("Agrega una propiedad con n." if not self._filas else "", layout=False)
            return
        detalle.update(domain.imprimible(f"{fila.etiqueta} · {fila.direccion or 'sin dirección'}"), layout=False)

    @on(DataTable.RowHighlighted, "#inv-tabla")
    def _resaltada(self) -> None:
        self._mostrar_detalle()

    @on(Input.Changed, "#inv-buscar")
    def _buscar_cambio(self) -> None:
        self.load(espera=ESPERA_BUSQUEDA)

    @on(Input.Changed, "#inv-precio")
    def _precio_cambio(self) -> None:
        self.load(espera=ESPERA_BUSQUEDA)

    @on(Input.Submitted)
    def _a_la_tabla(self) -> None:
        self.set_focus(self.tabla)

    @on(Select.Changed)
    def _filtro_cambio(self) -> None:
        self.load()

    # ------------------------------------------------------------ actions

    def action_buscar(self) -> None:
        self.set_focus(self.query_one("#inv-buscar", Input))

    def action_volver(self) -> None:
        if self.focused is not self.tabla:
            self.set_focus(self.tabla)
        elif self._hay_filtros():
            self.action_quitar_filtros()  # Esc first clears the filters, then goes back
            self.notify("Sin filtros: todo el inventario.", title="Inventario")
        else:
            self.a3.action_mis_tareas()

    def _hay_filtros(self) -> bool:
        return any(
            (
                self.query_one("#inv-estado", Select).value not in (TODAS, Select.BLANK),
                self.query_one("#inv-recamaras", Select).value not in (TODAS, Select.BLANK),
                self.query_one("#inv-buscar", Input).value.strip(),
                self.query_one("#inv-precio", Input).value.strip(),
            )
        )

    def action_quitar_filtros(self) -> None:
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one("#inv-estado", Select).value = TODAS
            self.query_one("#inv-recamaras", Select).value = TODAS
            self.query_one("#inv-buscar", Input).value = ""
            self.query_one("#inv-precio", Input).value = ""
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        fila = self._actual()
        if fila is None:
            return
        propiedad_id = fila.id
        detalle = self.a3.gateway.read(lambda ctx: propiedades.detalle(ctx, propiedades.get_id(ctx, propiedad_id)))

        def accion(elegida: str | None) -> None:
            acciones = {
                "mostrar": self.action_mostrar,
                "apartar": self.action_apartar,
                "modificar": self.action_modificar,
                "mas": self.action_mas,
            }
            if elegida in acciones:
                acciones[elegida]()

        self.app.push_screen(VerPropiedad(detalle), accion)

    def action_nueva(self) -> None:
        self.app.push_screen(FormularioPropiedad(None))

    def action_mas(self) -> None:
        from a3tui.app.screens.mas import MenuMas

        if self._actual() is None:
            self.notify("Elige primero una propiedad.", severity="warning")
            return

        def elegida(accion: str | None) -> None:
            acciones = {
                "modificar": self.action_modificar,
                "mostrar": self.action_mostrar,
                "apartar": self.action_apartar,
            }
            if accion in acciones:
                acciones[accion]()

        self.app.push_screen(
            MenuMas(
                [("modificar", "", "Modificar la propiedad (precio, datos, estado)"),
                 ("mostrar", "p", "Mostrar o enviar a un cliente"),
                 ("apartar", "v", "Apartarla para un cliente")],
            ),
            elegida,
        )  # fmt: skip

    def action_modificar(self) -> None:
        fila = self._actual()
        if fila is None:
            self.notify("Elige primero una propiedad.", severity="warning")
            return
        propiedad = self.a3.gateway.read(lambda ctx: propiedades.get_id(ctx, fila.id))
        self.app.push_screen(FormularioPropiedad(propiedad))

    def action_mostrar(self) -> None:
        """p: choose a client, then how to show or send this property."""
        from a3tui.app.screens.compartir import compartir
        from a3tui.app.screens.elegir import ElegirCliente

        fila = self._actual()
        if fila is None:
            self.notify("Elige primero una propiedad.", severity="warning")
            return

        def elegido(cliente_id: int | None) -> None:
            if cliente_id is not None:
                nombre = self.a3.gateway.read(lambda ctx: clientes.get(ctx, cliente_id).nombre)
                compartir(self.a3, fila.id, fila.etiqueta, cliente_id, nombre)

        self.app.push_screen(ElegirCliente(propuesta=self.a3.cliente_reciente), elegido)

    def action_apartar(self) -> None:
        """v: choose a client, then the amount of the reservation."""
        from a3tui.app.screens.apartado import NuevoApartado
        from a3tui.app.screens.elegir import ElegirCliente

        fila = self._actual()
        if fila is None:
            self.notify("Elige primero una propiedad.", severity="warning")
            return
        if fila.estado != EstadoPropiedad.DISPONIBLE:
            self.notify(f"{fila.clave} está {fila.estado.value}.", severity="warning")
            return

        def elegido(cliente_id: int | None) -> None:
            if cliente_id is not None:
                nombre = self.a3.gateway.read(lambda ctx: clientes.get(ctx, cliente_id).nombre)
                self.app.push_screen(NuevoApartado(cliente_id, nombre, fila.id, fila.etiqueta, fila.precio_centavos))

        self.app.push_screen(ElegirCliente(propuesta=self.a3.cliente_reciente), elegido)


class FormularioPropiedad(Formulario[str | None]):
    """Add a property (``propiedad`` None) or change one; dismisses with its key."""

    def __init__(self, propiedad: Propiedad | None) -> None:
        super().__init__()
        self.propiedad = propiedad

    def titulo(self) -> str:
        return f"Modificar {self.propiedad.clave}" if self.propiedad else "Nueva propiedad"

    def campos(self) -> ComposeResult:
        p = self.propiedad
        if p is None:
            yield Campo("Clave", Input(placeholder="p. ej. CUM-A-12", id="clave", compact=True))
        yield Campo("Desarrollo", Input(value=p.desarrollo if p else "", id="desarrollo", compact=True))
        yield Campo("Modelo", Input(value=(p.modelo or "") if p else "", id="modelo", compact=True))
        precio = domain.format_dinero(p.precio_centavos)[1:] if p and p.precio_centavos else ""
        yield Campo("Precio", Input(value=precio, placeholder="pesos, p. ej. 1,250,000", id="precio", compact=True))
        yield Campo("Recámaras", Input(value=_texto(p.recamaras if p else None), id="recamaras", compact=True))
        yield Campo("Plantas", Input(value=_texto(p.plantas if p else None), id="plantas", compact=True))
        yield Campo("m²", Input(value=f"{p.m2:g}" if p and p.m2 is not None else "", id="m2", compact=True))
        yield Campo("Dirección", Input(value=(p.direccion or "") if p else "", id="direccion", compact=True))

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def guardar(self) -> str | None:
        texto = {campo.id: campo.value for campo in self.query(Input) if campo.id}
        propiedad_id = self.propiedad.id if self.propiedad else None

        def accion(ctx: Contexto) -> Propiedad:
            precio = texto["precio"].strip()
            centavos = domain.parse_dinero(precio, "El precio", minimo=domain.PRECIO_MINIMO) if precio else None
            recamaras = _entero(texto["recamaras"], "Las recámaras")
            plantas = _entero(texto["plantas"], "Las plantas")
            m2 = _decimal(texto["m2"])
            if propiedad_id is None:
                return propiedades.add(
                    ctx, texto["clave"], desarrollo=texto["desarrollo"], modelo=texto["modelo"],
                    precio_centavos=centavos, recamaras=recamaras, plantas=plantas, m2=m2,
                    direccion=texto["direccion"],
                )  # fmt: skip
            return propiedades.edit(
                ctx, propiedades.get_id(ctx, propiedad_id), desarrollo=texto["desarrollo"], modelo=texto["modelo"],
                precio_centavos=centavos, recamaras=recamaras, plantas=plantas, m2=m2, direccion=texto["direccion"],
            )  # fmt: skip

        propiedad = self.a3.gateway.write(accion)
        self.app.notify(propiedad.clave, title="Propiedad guardada")
        return propiedad.clave


def _texto(valor: int | None) -> str:
    return "" if valor is None else str(valor)


def _entero(texto: str, campo: str) -> int | None:
    from a3tui.errors import DatoInvalido

    if not texto.strip():
        return None
    if not texto.strip().isascii() or not texto.strip().isdigit():
        raise DatoInvalido(f"{campo} deben ser un número entero.")
    return int(texto.strip())


def _decimal(texto: str) -> float | None:
    from a3tui.errors import DatoInvalido

    if not texto.strip():
        return None
    try:
        return float(texto.strip().replace(",", ""))
    except ValueError:
        raise DatoInvalido("Los m² deben ser un número.") from None


class VerPropiedad(ModalScreen[str | None]):
    """A property in full: its data, who it was shown to, and its reservations. Dismisses
    with the inventory action chosen from here (p, v, m) or None."""

    BINDINGS = [
        Binding("escape,enter,q", "dismiss(None)", "Cerrar", id="a3.propiedad.cerrar"),
        Binding("p", "dismiss('mostrar')", "Mostrar", id="a3.propiedad.mostrar"),
        Binding("v", "dismiss('apartar')", "Apartar", id="a3.propiedad.apartar"),
        Binding("m", "dismiss('mas')", "Más", tooltip="Más acciones: modificar la propiedad", id="a3.propiedad.mas"),
    ]

    def __init__(self, detalle: DetallePropiedad) -> None:
        super().__init__()
        self.detalle = detalle

    def compose(self) -> ComposeResult:
        p = self.detalle.propiedad
        datos = [
            f"Precio: {domain.format_dinero(p.precio_centavos)} · {p.estado.value}",
            f"Recámaras: {_texto(p.recamaras) or '—'} · plantas: {_texto(p.plantas) or '—'} · "
            f"m²: {f'{p.m2:g}' if p.m2 is not None else '—'}",
            f"Dirección: {p.direccion or '—'}",
        ]
        apartados = [
            f"[{a.id}] {a.fecha.isoformat()} {a.cliente} · {domain.format_dinero(a.monto_centavos)} · {a.estado.value}"
            for a in self.detalle.apartados
        ] or ["(ninguno)"]
        mostrada = [f"{m.fecha:%Y-%m-%d} {m.cliente} · {m.medio.value}" for m in self.detalle.mostrada[:20]] or [
            "(nadie todavía)"
        ]
        with VerticalScroll(classes="dialogo", can_focus=True):
            yield Static(
                domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo), classes="dialogo-titulo", markup=False
            )
            yield Static(domain.imprimible("\n".join(datos)), classes="dialogo-texto", markup=False)
            yield Static("Apartados", classes="dialogo-titulo", markup=False)
            yield Static(domain.imprimible("\n".join(apartados)), classes="dialogo-texto", markup=False)
            yield Static("Se le mostró a", classes="dialogo-titulo", markup=False)
            yield Static(domain.imprimible("\n".join(mostrada)), classes="dialogo-texto", markup=False)
            yield Static("p la muestra a un cliente · v la aparta · m la modifica · Esc cierra", classes="ayuda-campo")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

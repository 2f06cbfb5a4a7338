"""The reservation forms: a new apartado (property, amount, date), and the steps of one
(escriturar, entregar, cancelar), each a small form whose refusals stay inline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from a3tui import domain
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo, EntradaFecha
from a3tui.errors import en_campo
from a3tui.models import Apartado
from a3tui.services import Contexto, apartados, clientes, propiedades
from a3tui.services.apartados import FilaApartado

if TYPE_CHECKING:
    from a3tui.app.app import A3App


def apartar(app: A3App, cliente_id: int, nombre: str) -> None:
    """Reserve a property for a client: choose an available one, then the amount and date
    (the ficha's v, and Cambiar etapa's «Apartar una propiedad»)."""
    from a3tui.app.screens.elegir import ElegirPropiedad

    def elegida(propiedad_id: int | None) -> None:
        if propiedad_id is None:
            return

        def datos(ctx: Contexto) -> tuple[str, int | None]:
            p = propiedades.get_id(ctx, propiedad_id)
            return domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo), p.precio_centavos

        etiqueta, precio = app.gateway.read(datos)
        app.push_screen(NuevoApartado(cliente_id, nombre, propiedad_id, etiqueta, precio))

    app.push_screen(ElegirPropiedad(solo_disponibles=True), elegida)


class NuevoApartado(Formulario[int | None]):
    """Reserve a property for a client; dismisses with the reservation's id."""

    BOTON = "Apartar"

    def __init__(self, cliente_id: int, nombre: str, propiedad_id: int, etiqueta: str, precio: int | None) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.propiedad_id = propiedad_id
        self.etiqueta = etiqueta
        self.precio = precio

    def titulo(self) -> str:
        return f"Apartado · {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static(
            f"Propiedad: {self.etiqueta} · precio {domain.format_dinero(self.precio)}",
            classes="ayuda-campo",
            markup=False,
        )
        yield Campo("Monto", Input(placeholder="pesos, p. ej. 25,000", id="monto", compact=True))
        yield Campo("Fecha", EntradaFecha(placeholder="hoy", id="fecha"))

    def on_mount(self) -> None:
        self.query_one("#monto", Input).focus()

    def guardar(self) -> int | None:
        monto = self.query_one("#monto", Input).value
        fecha = self.query_one("#fecha", Input).value
        cliente_id, propiedad_id = self.cliente_id, self.propiedad_id

        def accion(ctx: Contexto) -> Apartado:
            with en_campo("monto"):
                centavos = domain.parse_dinero(monto, "El monto", maximo=domain.MONTO_MAXIMO)
            with en_campo("fecha"):
                dia = domain.parse_fecha(fecha, ctx.hoy, pasado=True) if fecha.strip() else None
            return apartados.crear(
                ctx, clientes.get(ctx, cliente_id), propiedades.get_id(ctx, propiedad_id), centavos, fecha=dia
            )

        apartado = self.a3.gateway.write(accion)
        self.app.notify(f"{self.etiqueta} queda apartada.", title=f"Apartado {apartado.id}")
        return apartado.id


class PasoDeApartado(Formulario[str | None]):
    """One step of a reservation: escriturar (with the coordinator's override), entregar or
    cancelar (with the motivo). Dismisses with the new estado."""

    PASOS = {
        "escriturar": "Escriturar",
        "entregar": "Entregar",
        "cancelar": "Cancelar apartado",
    }

    def __init__(self, fila: FilaApartado, paso: str, faltantes: list[str], coordinador: bool) -> None:
        super().__init__()
        self.fila = fila
        self.paso = paso
        self.faltantes = faltantes
        self.coordinador = coordinador
        self.BOTON = {"escriturar": "Escriturar", "entregar": "Entregar", "cancelar": "Liberar la propiedad"}[paso]

    def titulo(self) -> str:
        return f"{self.PASOS[self.paso]} · apartado {self.fila.id}"

    def campos(self) -> ComposeResult:
        yield Static(f"{self.fila.cliente} · {self.fila.propiedad}", classes="ayuda-campo", markup=False)
        if self.paso == "cancelar":
            yield Campo("Motivo", Input(placeholder="obligatorio", id="motivo", compact=True))
            yield Static("La propiedad vuelve a estar disponible y el cliente pasa a cancelado.", classes="ayuda-campo")
            return
        yield Campo("Fecha", EntradaFecha(placeholder="hoy", id="fecha"))
        if self.paso == "escriturar" and self.faltantes:
            yield Static("Falta: " + "; ".join(self.faltantes), classes="mensaje-error", markup=False)
            if self.coordinador:
                yield Campo("Excepción", Input(placeholder="motivo para escriturar así", id="excepcion", compact=True))

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def guardar(self) -> str | None:
        textos = {campo.id: campo.value for campo in self.query(Input) if campo.id}
        apartado_id, paso = self.fila.id, self.paso

        def accion(ctx: Contexto) -> Apartado:
            apartado = apartados.get(ctx, apartado_id)
            if paso == "cancelar":
                return apartados.cancelar(ctx, apartado, textos.get("motivo", ""))
            fecha = textos.get("fecha", "")
            with en_campo("fecha"):
                dia = domain.parse_fecha(fecha, ctx.hoy, pasado=True) if fecha.strip() else None
            if paso == "escriturar":
                return apartados.escriturar(ctx, apartado, fecha=dia, excepcion=textos.get("excepcion") or None)
            return apartados.entregar(ctx, apartado, fecha=dia)

        apartado = self.a3.gateway.write(accion)
        self.app.notify(f"Apartado {apartado.id}: {apartado.estado.value}.", title=self.fila.cliente)
        return apartado.estado.value


class MenuApartado(ModalScreen[str | None]):
    """What can be done with a reservation: the steps its estado allows."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cerrar", id="a3.apartado.cerrar")]

    def __init__(self, fila: FilaApartado) -> None:
        super().__init__()
        self.fila = fila

    def compose(self) -> ComposeResult:
        a = self.fila.apartado
        with Vertical(classes="dialogo"):
            yield Static(f"Apartado {a.id} · {a.estado.value}", classes="dialogo-titulo", markup=False)
            monto = domain.format_dinero(a.monto_centavos)
            yield Static(
                f"{self.fila.cliente}\n{self.fila.propiedad}\n{a.fecha.isoformat()} · {monto}",
                classes="dialogo-texto",
                markup=False,
            )
            with Horizontal(classes="botones"):
                if a.estado == domain.EstadoApartado.ACTIVO:
                    yield Button("Escriturar", id="escriturar", variant="primary", compact=True)
                    yield Button("Cancelar apartado", id="cancelar", compact=True)
                elif a.estado == domain.EstadoApartado.ESCRITURADO:
                    yield Button("Entregar", id="entregar", variant="primary", compact=True)
                yield Button("Cerrar", id="cerrar", compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cerrar" else event.button.id)

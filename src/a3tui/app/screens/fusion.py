"""Merging two records of one client: both side by side, what moves, what differs (tick a
field to take the other's value), then Fusionar. The rules and the merge are the
services' (``fusion.plan`` / ``fusion.fusionar``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, DataTable, Static

from a3tui import domain
from a3tui.app.screens.formulario import SEGUIR, Formulario
from a3tui.app.widgets.casilla import Casilla
from a3tui.errors import A3Error
from a3tui.services import Contexto, clientes, fusion
from a3tui.services.fusion import Plan


class VistaFusion(Formulario[int | None]):
    """Dismisses with the survivor's id once merged. ``i`` swaps which record stays."""

    BOTON = "Fusionar"
    BINDINGS = [Binding("i", "intercambiar", "Intercambiar", id="a3.fusion.intercambiar")]

    def __init__(self, queda_id: int, otro_id: int) -> None:
        super().__init__()
        self.queda_id = queda_id
        self.otro_id = otro_id
        self.plan: Plan | None = None

    def titulo(self) -> str:
        return "Fusionar dos registros del mismo cliente"

    def _leer(self) -> Plan:
        queda_id, otro_id = self.queda_id, self.otro_id
        return self.a3.gateway.read(
            lambda ctx: fusion.plan(ctx, clientes.get(ctx, queda_id), clientes.get(ctx, otro_id))
        )

    def campos(self) -> ComposeResult:
        with VerticalScroll(id="fusion-cuerpo", can_focus=False):
            yield DataTable(id="fusion-lado", cursor_type="none", show_cursor=False)
            yield Static("", id="fusion-mover", classes="dialogo-texto", markup=False)
            yield Static("Usar el dato del otro registro:", id="fusion-tomar-titulo", classes="ayuda-campo")
            yield Horizontal(id="fusion-tomar")
        yield Static("i intercambia cuál se queda · ^s fusiona · Esc cancela", classes="ayuda-campo")

    def on_mount(self) -> None:
        self._mostrar()

    def _mostrar(self) -> None:
        try:
            self.plan = self._leer()
        except A3Error as error:
            self.plan = None
            self.mostrar_error(error.mensaje)
            return
        p = self.plan
        tabla = self.query_one("#fusion-lado", DataTable)
        tabla.clear(columns=True)
        ancho = max(20, (self.size.width or 76) // 2 - 12)
        tabla.add_column("", width=12)
        tabla.add_column(Text(f"Queda: {p.sobreviviente.id}", style="bold"), width=ancho)
        tabla.add_column(Text(f"Se une: {p.otro.id}", style="bold"), width=ancho)
        iguales = []
        for campo, titulo in fusion.CAMPOS.items():
            a = p.diferencias.get(campo)
            izquierda = a[0] if a else self._valor(p.sobreviviente, campo)
            derecha = a[1] if a else self._valor(p.otro, campo)
            if izquierda == derecha:
                # The same on both (or empty on both): one line names them all.
                if izquierda != "—":
                    iguales.append(titulo)
                continue
            estilo = "bold" if a else ""
            tabla.add_row(
                Text(titulo, style="dim"),
                Text(domain.cortar(domain.imprimible(izquierda), ancho), style=estilo),
                Text(domain.cortar(domain.imprimible(derecha), ancho), style=estilo),
            )
        repetidos = (
            f"\n{p.documentos_repetidos} documento(s) idénticos se quedan con el registro fusionado."
            if p.documentos_repetidos
            else ""
        )
        igual = f"\nIguales en los dos: {', '.join(iguales)}." if iguales else ""
        self.query_one("#fusion-mover", Static).update(f"{p.que_pasa}{repetidos}{igual}")
        contenedor = self.query_one("#fusion-tomar", Horizontal)
        contenedor.remove_children()
        tomables = [c for c in p.diferencias if c in fusion.TOMABLES]
        self.query_one("#fusion-tomar-titulo").display = bool(tomables)
        contenedor.mount_all(Casilla(fusion.CAMPOS[c], id=f"tomar-{c}", compact=True, value=False) for c in tomables)

    def _valor(self, cliente: object, campo: str) -> str:
        valor = getattr(cliente, campo, None)
        if valor is None or valor == "":
            return "—"
        if campo == "asesor_id":
            return self.a3.gateway.read(lambda ctx: clientes.nombre_asesor(ctx, int(valor)))
        return str(getattr(valor, "value", valor))

    def action_intercambiar(self) -> None:
        self.queda_id, self.otro_id = self.otro_id, self.queda_id
        self.error.limpiar()
        self._mostrar()

    def guardar(self) -> int | object:
        if self.plan is None:
            return SEGUIR
        tomar = tuple(
            caja.id.removeprefix("tomar-") for caja in self.query(Checkbox) if caja.value and caja.id is not None
        )
        queda_id, otro_id = self.queda_id, self.otro_id

        def accion(ctx: Contexto) -> Plan:
            return fusion.fusionar(ctx, clientes.get(ctx, queda_id), clientes.get(ctx, otro_id), tomar)

        hecho = self.a3.gateway.write(accion)
        self.app.notify(
            f"{hecho.otro.nombre} ({otro_id}) se unió a {hecho.sobreviviente.nombre} ({queda_id}).", title="Fusión"
        )
        return queda_id

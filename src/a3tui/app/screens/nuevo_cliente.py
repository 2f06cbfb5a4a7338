"""Nuevo cliente: the same validation and duplicate warning (phone, e-mail, name) as
`a3 cliente add`, with the cursor on the field in question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from a3tui import domain, services
from a3tui.app.screens.confirmar import preguntar_si_es_otra_persona
from a3tui.app.screens.formulario import SEGUIR, Formulario
from a3tui.app.widgets.formulario import Campo, EntradaFecha
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Origen, Temperatura
from a3tui.errors import A3Error, Duplicado, en_campo
from a3tui.models import Cliente
from a3tui.services import clientes


class NuevoCliente(Formulario[int | None]):
    """Dismisses with the new client's id."""

    TITULO = "Nuevo cliente"
    CAMPOS = {"referido_por": "#referido"}

    def campos(self) -> ComposeResult:
        yield Campo("Nombre", Input(placeholder="obligatorio", id="nombre", compact=True))
        yield Campo(
            "Teléfonos", Input(placeholder="10 dígitos; varios separados por coma", id="telefonos", compact=True)
        )
        yield Campo("Email", Input(id="email", compact=True))
        yield Campo(
            "Temperatura",
            Lista(
                [(t.value, t.value) for t in Temperatura],
                value="tibio",
                allow_blank=False,
                id="temperatura",
                compact=True,
            ),
        )
        yield Campo("Origen", Lista([(o.value, o.value) for o in Origen], prompt="opcional", id="origen", compact=True))
        yield Campo("Referido por", Input(placeholder="opcional: id o nombre del cliente", id="referido", compact=True))
        yield Campo("Dirección", Input(placeholder="opcional", id="direccion", compact=True))
        yield Campo("Primer contacto", EntradaFecha(placeholder="hoy", id="primer-contacto"))
        yield Campo("Nota", Input(placeholder="opcional", id="nota", compact=True))

    def on_mount(self) -> None:
        self.query_one("#nombre", Input).focus()

    def guardar(self, forzar: bool = False) -> object:
        texto = {campo.id: campo.value for campo in self.query(Input) if campo.id}
        origen = self.query_one("#origen", Select).value
        temperatura = str(self.query_one("#temperatura", Select).value)

        def accion(ctx: services.Contexto) -> Cliente:
            with en_campo("primer_contacto"):
                primer_contacto = (
                    domain.parse_fecha(texto["primer-contacto"], ctx.hoy, pasado=True)
                    if texto["primer-contacto"].strip()
                    else None
                )
            return clientes.add(
                ctx,
                texto["nombre"],
                telefonos=[t for t in texto["telefonos"].split(",") if t.strip()],
                email=texto["email"].strip() or None,
                direccion=texto["direccion"],
                origen=None if origen is Select.NULL else str(origen),
                referido_por=texto["referido"].strip() or None,
                temperatura=temperatura,
                primer_contacto=primer_contacto,
                nota=texto["nota"],
                forzar=forzar,
            )

        try:
            cliente = self.a3.gateway.write(accion)
        except Duplicado as duplicado:
            self.mostrar_error(duplicado.mensaje)
            # «Revisar» comes back to the field repeated.
            self.enfocar_campo(duplicado.campo)
            preguntar_si_es_otra_persona(self, duplicado, self._guardar_de_todos_modos)
            return SEGUIR
        # The one notice of this action (the list shows the client, see ClientesScreen).
        self.app.notify(f"{cliente.nombre} (id {cliente.id})", title="Cliente agregado")
        return cliente.id

    def _guardar_de_todos_modos(self) -> None:
        self.error.limpiar()
        try:
            resultado = self.guardar(forzar=True)
        except A3Error as error:
            self.mostrar_error(error.mensaje)
            self.enfocar_campo(error.campo)
            return
        if resultado is not SEGUIR and isinstance(resultado, int):
            self.dismiss(resultado)

"""The ficha's Datos tab: the client's personal and contact data, edited in place.

The form knows what it shows and which fields the user changed, and saves only those (one
service call, as `a3 cliente edit`; a phone or e-mail another client has asks first whether
this is another person). Saved, it tells its screen with ``FormularioDatos.Guardados``,
which reads the record again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Select, Static, TextArea

from a3tui import domain
from a3tui.app import formato
from a3tui.app.screens.base import a3_de
from a3tui.app.screens.confirmar import Confirmar, preguntar_si_es_otra_persona
from a3tui.app.widgets.formulario import Campo, MensajeError
from a3tui.app.widgets.lista import Lista
from a3tui.domain import Origen
from a3tui.errors import A3Error, Duplicado
from a3tui.services import Contexto, clientes
from a3tui.services.expediente import Expediente

# Field id → the keyword of clientes.edit it feeds.
CAMPOS = {
    "d-nombre": "nombre",
    "d-telefonos": "telefonos",
    "d-email": "email",
    "d-direccion": "direccion",
    "d-primer-contacto": "primer_contacto",
    "d-origen": "origen",
    "d-referido": "referido_por",
    "d-plaza": "plaza",
    "d-curp": "curp",
    "d-rfc": "rfc",
}


class EntradaLarga(TextArea):
    """A field of one paragraph that wraps: a long address is read whole at 80 columns
    instead of being cut at the field's edge (an Input shows one line). It reads and sets
    ``value`` like an Input; Enter asks to save, as in the form's other fields, so the text
    never holds a line break (nor does a pasted one: it reads as a space)."""

    @dataclass
    class Enviada(Message):
        entrada: EntradaLarga

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(
            id=id, soft_wrap=True, compact=True, tab_behavior="focus", highlight_cursor_line=False,
            placeholder=placeholder,
        )  # fmt: skip

    @property
    def value(self) -> str:
        return " ".join(self.text.splitlines())

    @value.setter
    def value(self, texto: str) -> None:
        self.load_text(" ".join(texto.splitlines()))

    def on_focus(self, event: events.Focus) -> None:
        # Reached with Tab, the cursor waits at the end, as in an Input: what is typed adds
        # to the address («… (casa azul)»).
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Enviada(self))
            return
        await super()._on_key(event)


class FormularioDatos(VerticalScroll):
    """Inputs filled from the record; ^s, Enter in a field or the button save them."""

    class Guardados(Message):
        """The changes were saved: the record is to be read again (``olvidar_cambios``
        first, so that the form shows it as stored)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._original: dict[str, str] = {}
        self._cliente_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Campo("Nombre", Input(id="d-nombre", compact=True))
        yield Campo("Teléfonos", Input(placeholder="separados por coma", id="d-telefonos", compact=True))
        yield Campo("Email", Input(id="d-email", compact=True))
        yield Campo("Dirección", EntradaLarga(id="d-direccion"), id="c-direccion")
        yield Campo("Primer contacto", Input(id="d-primer-contacto", compact=True))
        yield Campo("Origen", Lista([(o.value, o.value) for o in Origen], prompt="—", id="d-origen", compact=True))
        yield Campo("Referido por", Input(placeholder="id o nombre del cliente", id="d-referido", compact=True))
        yield Campo("Plaza", Input(id="d-plaza", compact=True))
        yield Campo("CURP", Input(placeholder="opcional", id="d-curp", compact=True))
        yield Campo("RFC", Input(placeholder="opcional, con homoclave", id="d-rfc", compact=True))
        yield MensajeError(id="error-datos")
        with Horizontal(classes="botones"):
            yield Button("Guardar datos ^s", id="guardar-datos", variant="primary", compact=True)
        yield Static("", id="info-datos", markup=False)

    def fill(self, expediente: Expediente) -> None:
        ficha = expediente.ficha
        c = ficha.cliente
        self._cliente_id = c.id
        self._original = {
            "d-nombre": c.nombre,
            "d-telefonos": ", ".join(domain.format_telefono(t) for t in ficha.telefonos),
            "d-email": c.email or "",
            "d-direccion": " ".join((c.direccion or "").splitlines()),
            "d-primer-contacto": c.primer_contacto.isoformat(),
            "d-referido": ficha.referido_por[1] if ficha.referido_por else "",
            "d-plaza": c.plaza,
            "d-origen": c.origen.value if c.origen else "",
            "d-curp": c.curp or "",
            "d-rfc": c.rfc or "",
        }
        for campo_id, valor in self._original.items():
            if campo_id != "d-origen":
                self._campo(campo_id).value = domain.imprimible(valor)
        self.query_one("#d-origen", Select).value = c.origen.value if c.origen else Select.NULL
        info = [f"Asesor: {ficha.asesor} · plaza {c.plaza}"]
        if ficha.dias_cadencia:
            info.append(f"Seguimiento cada {ficha.dias_cadencia} días")
        if c.motivo_cancelacion:
            info.append(f"Motivo de cancelación: {c.motivo_cancelacion}")
        if ficha.referidos:
            info.append("Refirió a: " + ", ".join(f"{nombre} (#{i})" for i, nombre in ficha.referidos))
        info.append(f"Alta: {formato.fecha(c.creado)} · última actualización: {formato.fecha(c.actualizado)}")
        self.query_one("#info-datos", Static).update(domain.imprimible("\n".join(info)))

    def _campo(self, campo_id: str) -> Input | EntradaLarga:
        if campo_id == "d-direccion":
            return self.query_one(f"#{campo_id}", EntradaLarga)
        return self.query_one(f"#{campo_id}", Input)

    def cambios(self) -> dict[str, str]:
        """Only the fields the user changed (a field left as it was is not sent, as in
        `a3 cliente edit`)."""
        actual = {campo_id: self._campo(campo_id).value for campo_id in CAMPOS if campo_id != "d-origen"}
        origen = self.query_one("#d-origen", Select).value
        actual["d-origen"] = "" if origen is Select.NULL else str(origen)
        return {
            CAMPOS[k]: v for k, v in actual.items() if v.strip() != domain.imprimible(self._original.get(k, "")).strip()
        }

    def olvidar_cambios(self) -> None:
        """The edits were saved: the next fill shows the record as stored."""
        self._original = {}
        for campo_id in CAMPOS:
            if campo_id != "d-origen":
                self._campo(campo_id).value = ""
        self.query_one("#d-origen", Select).value = Select.NULL

    def guardar(self) -> None:
        """Save the fields the user changed (errors are shown under the fields)."""
        self.query_one("#error-datos", MensajeError).limpiar()
        self._guardar(self.cambios())

    def _guardar(self, cambios: dict[str, str], *, forzar: bool = False) -> None:
        if not cambios:
            self.notify("No hay cambios que guardar.", title="Datos")
            return
        if self._cliente_id is None:  # no record shown yet: nothing of it to save
            return
        cliente_id = self._cliente_id

        def accion(ctx: Contexto) -> Any:
            argumentos: dict[str, Any] = dict(cambios)
            if "telefonos" in argumentos:
                argumentos["telefonos"] = [t for t in cambios["telefonos"].split(",") if t.strip()]
            if "primer_contacto" in argumentos:
                argumentos["primer_contacto"] = domain.parse_fecha(cambios["primer_contacto"], ctx.hoy, pasado=True)
            return clientes.edit(ctx, clientes.get(ctx, cliente_id), forzar=forzar, **argumentos)

        try:
            a3_de(self).gateway.write(accion)
        except Duplicado as duplicado:
            self.mostrar_error(duplicado.mensaje)
            preguntar_si_es_otra_persona(self.screen, duplicado, lambda: self._guardar(cambios, forzar=True))
            return
        except A3Error as fallo:
            self.mostrar_error(fallo.mensaje)
            return
        self.notify("Datos guardados.", title="Ficha")
        self.post_message(self.Guardados())

    def antes_de_salir(self, salir: Callable[[], object]) -> None:
        """Leaving the ficha: with changes not saved, ask first whether to discard them."""
        if not self.cambios():
            salir()
            return

        def respuesta(descartar: bool | None) -> None:
            if descartar:
                salir()

        a3_de(self).push_screen(
            Confirmar(
                "Cambios sin guardar",
                "Cambiaste datos del cliente y no los guardaste (^s en Datos). ¿Descartarlos?",
                si="Descartar",
                no="Seguir editando",
                seguro=True,
            ),
            respuesta,
        )

    def mostrar_error(self, mensaje: str) -> None:
        self.query_one("#error-datos", MensajeError).mostrar(mensaje)

    @on(Button.Pressed, "#guardar-datos")
    def _boton(self, event: Button.Pressed) -> None:
        event.stop()
        self.guardar()

    @on(Lista.Elegida)
    def _elegida(self, event: Lista.Elegida) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Input.Submitted)
    @on(EntradaLarga.Enviada)
    def _enter(self, event: Input.Submitted | EntradaLarga.Enviada) -> None:
        event.stop()
        self.guardar()

"""Compartir una propiedad con un cliente: WhatsApp (a link, copied to the clipboard), an
e-mail draft or a PDF sheet (files in the advisor's a3 folder), or in person. The share is
written in the client's history by the service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Button, Input, Select, Static

from a3tui import domain
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import MedioEnvio
from a3tui.services import Contexto, clientes, envios, propiedades
from a3tui.services.envios import Compartida

if TYPE_CHECKING:
    from a3tui.app.app import A3App


def etiqueta_de(ctx: Contexto, propiedad_id: int) -> str:
    """How a form names the property ``propiedad_id`` (key, development, model)."""
    p = propiedades.get_id(ctx, propiedad_id)
    return domain.etiqueta_propiedad(p.clave, p.desarrollo, p.modelo)


def compartir(
    app: A3App,
    propiedad_id: int,
    etiqueta: str,
    cliente_id: int,
    nombre: str,
    al_terminar: Callable[[], None] | None = None,
) -> None:
    """The share form, then what the advisor takes from it (link or file)."""

    def compartida(resultado: tuple[Compartida, Path | None] | None) -> None:
        if resultado is None:
            return
        app.push_screen(ResultadoCompartir(*resultado))
        if al_terminar is not None:
            al_terminar()

    app.push_screen(CompartirPropiedad(propiedad_id, etiqueta, cliente_id, nombre), compartida)


class CompartirPropiedad(Formulario[tuple[Compartida, Path | None] | None]):
    """Dismisses with the share (its link) and the file written, or None."""

    BOTON = "Compartir"

    def __init__(self, propiedad_id: int, etiqueta: str, cliente_id: int, nombre: str) -> None:
        super().__init__()
        self.propiedad_id = propiedad_id
        self.etiqueta = etiqueta
        self.cliente_id = cliente_id
        self.nombre = nombre

    def titulo(self) -> str:
        return f"Compartir con {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static(f"Propiedad: {self.etiqueta}", classes="ayuda-campo", markup=False)
        yield Campo(
            "Por",
            Lista(
                [("WhatsApp", MedioEnvio.WHATSAPP.value), ("Email", MedioEnvio.EMAIL.value),
                 ("PDF", MedioEnvio.PDF.value), ("En persona", MedioEnvio.EN_PERSONA.value)],
                value=MedioEnvio.WHATSAPP.value, allow_blank=False, id="medio", compact=True,
            ),
        )  # fmt: skip
        yield Campo("Mensaje", Input(placeholder="opcional: unas palabras tuyas", id="mensaje", compact=True))

    def on_mount(self) -> None:
        self.query_one("#medio", Select).focus()

    def guardar(self) -> tuple[Compartida, Path | None]:
        from a3tui.archivos import archivo_nuevo, carpeta_de_documentos, guardar_archivo

        medio = str(self.query_one("#medio", Select).value)
        mensaje = self.query_one("#mensaje", Input).value
        propiedad_id, cliente_id = self.propiedad_id, self.cliente_id
        escrito: list[Path] = []

        def accion(ctx: Contexto) -> Compartida:
            compartida = envios.compartir(
                ctx, propiedades.get_id(ctx, propiedad_id), clientes.get(ctx, cliente_id), medio, mensaje=mensaje
            )
            if compartida.archivo is not None and compartida.nombre_archivo is not None:
                destino = archivo_nuevo(carpeta_de_documentos(), compartida.nombre_archivo)
                escrito.append(guardar_archivo(destino, compartida.archivo))
            return compartida

        try:
            compartida = self.a3.gateway.write(accion)
        except BaseException:
            for archivo in escrito:  # the share was not saved: no file pretends it was
                archivo.unlink(missing_ok=True)
            raise
        if compartida.enlace and compartida.medio == MedioEnvio.WHATSAPP:
            self.app.copy_to_clipboard(compartida.enlace)
        return compartida, escrito[0] if escrito else None


class ResultadoCompartir(ModalScreen[None]):
    """What the advisor takes from a share: the link (a terminal hyperlink, also copied to
    the clipboard where the terminal allows it) or the path of the file written."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Cerrar", id="a3.compartir.cerrar")]

    def __init__(self, compartida: Compartida, archivo: Path | None) -> None:
        super().__init__()
        self.compartida = compartida
        self.archivo = archivo

    def compose(self) -> ComposeResult:
        c = self.compartida
        lineas: list[Content | str] = []
        if c.medio == MedioEnvio.WHATSAPP and c.enlace:
            lineas.append(
                "Abre este enlace en tu teléfono o computadora (ya está en tu portapapeles si tu terminal lo permite):"
            )
            lineas.append(Content.styled("Enviar por WhatsApp", Style(link=c.enlace, underline=True, bold=True)))
            # Whole: a link cut with «…» can't be copied from the screen (the dialog scrolls).
            lineas.append(Content(domain.imprimible(c.enlace)))
        elif c.medio == MedioEnvio.EMAIL:
            lineas.append(f"Borrador de email (con la ficha en PDF) en:\n{self.archivo}")
            if c.enlace:
                lineas.append(Content.styled("Abrir en tu correo", Style(link=c.enlace, underline=True)))
        elif c.medio == MedioEnvio.PDF:
            lineas.append(f"Ficha técnica en:\n{self.archivo}")
        else:
            lineas.append("Registrado: se la mostraste en persona.")
        lineas.extend(c.avisos)
        lineas.append(f"Quedó en el historial de {domain.imprimible(c.cliente.nombre)}.")
        with VerticalScroll(classes="dialogo", can_focus=True):
            yield Static(f"{c.propiedad.clave} {c.medio.como}", classes="dialogo-titulo", markup=False)
            for linea in lineas:
                yield Static(
                    linea if isinstance(linea, Content) else Content(domain.imprimible(linea)), classes="dialogo-texto"
                )
            with Horizontal(classes="botones"):
                yield Button("Listo", id="listo", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#listo", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

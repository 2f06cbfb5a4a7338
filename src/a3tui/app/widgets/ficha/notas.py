"""The ficha's Notas tab: every note, newest first, read in full; Enter corrects the
highlighted one and Supr deletes it (after asking), as `a3 nota edit` and `a3 nota borrar`."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from a3tui import domain
from a3tui.app import formato
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.lista_ligera import ListaLigera
from a3tui.models import Nota
from a3tui.services.expediente import Expediente

VACIA = "Sin notas; agrega una con n."


def _nota(nota: Nota) -> Content:
    """The note's date over its whole text (the list wraps it): data, never markup."""
    return Content.assemble((formato.fecha(nota.creado), "bold"), "\n", formato.plano(nota.texto))


class PanelNotas(ListaLigera):
    """One option per note, its text whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "corregir", "Corregir", tooltip="Corregir la nota (Notas)", id="a3.notas.corregir"),
        Binding(
            "delete", "borrar", "Borrar", key_display="Supr", tooltip="Borrar la nota (Notas)", id="a3.notas.borrar"
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, compact=True)
        self.cliente_id = 0
        self.nombre = ""
        self._notas: dict[str, Nota] = {}

    def fill(self, expediente: Expediente) -> None:
        """Show the client's notes, the highlight staying on the note it was on."""
        anterior = self.highlighted_option.id if self.highlighted_option is not None else None
        cliente = expediente.ficha.cliente
        self.cliente_id, self.nombre = cliente.id or 0, cliente.nombre
        self._notas = {str(n.id): n for n in expediente.notas}
        opciones: list[Option | None] = []
        for n, nota in enumerate(expediente.notas):
            if n:
                opciones.append(None)
            opciones.append(Option(_nota(nota), id=str(nota.id)))
        self.clear_options()
        if not opciones:
            self.add_option(Option(formato.plano(VACIA), disabled=True))
            return
        self.add_options(opciones)
        ids = [str(n.id) for n in expediente.notas]
        self.highlighted = ids.index(anterior) if anterior in ids else 0

    @property
    def nota_actual(self) -> Nota | None:
        """The highlighted note, or None (no notes)."""
        opcion = self.highlighted_option
        return self._notas.get(opcion.id or "") if opcion is not None else None

    def action_corregir(self) -> None:
        """Enter: the note's form, its text ready to correct."""
        from a3tui.app.screens.nota import NuevaNota

        nota = self.nota_actual
        if nota is not None:
            self.app.push_screen(NuevaNota(self.cliente_id, self.nombre, nota=nota))

    def action_borrar(self) -> None:
        """Supr: asks first (the harmless answer is the default)."""
        from a3tui.app.screens.confirmar import Confirmar
        from a3tui.services import notas

        nota, pantalla = self.nota_actual, self.screen
        if nota is None or nota.id is None or not isinstance(pantalla, PantallaA3):
            return
        nota_id = nota.id

        def respuesta(si: bool | None) -> None:
            if si:
                pantalla.write(
                    lambda ctx: notas.borrar(ctx, notas.get(ctx, nota_id)), title=self.nombre, done="Nota borrada."
                )

        a3_de(self).push_screen(
            Confirmar(
                "¿Borrar la nota?",
                domain.imprimible(f"{formato.fecha(nota.creado)} · {domain.cortar(nota.texto, 200)}")
                + "\nLa auditoría guarda su texto.",
                si="Borrar",
                no="Conservar",
                seguro=True,
            ),
            respuesta,
        )

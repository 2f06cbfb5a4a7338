"""The ficha's Casos tab: the client's service cases, newest first, open or not; Enter acts
on one as the Servicio screen does (screens/caso.py), and the ficha's C opens a new one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual.widgets import DataTable

from a3tui.app import formato
from a3tui.app.screens import caso
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.ficha.tablas import Fila, TablaFicha, celda, parrafo
from a3tui.services.expediente import Expediente


class TablaCasosCliente(TablaFicha):
    """The client's cases: folio, what it is about, tipo, plazo (or state), due date."""

    COLUMNAS = (("Folio", 11), ("Descripción", None), ("Tipo", 10), ("Plazo", 14), ("Vence", 10))
    VACIA = "Ninguno; C abre uno."
    COMPONENT_CLASSES: ClassVar[set[str]] = TablaFicha.COMPONENT_CLASSES | caso.COMPONENTES_PLAZO

    def __init__(self, *, id: str | None = None, classes: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, classes=f"{classes or ''} tabla-casos".strip(), zebra_stripes=zebra_stripes)

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        dibujable = a3_de(self).capacidades.dibujable
        for fila in expediente.casos:
            sobre = f"Propiedad: {fila.propiedad}" if fila.propiedad else ""
            alta = "Prioridad alta" if fila.prioridad.value == "alta" else ""
            yield (
                [
                    Text(fila.folio),
                    parrafo(fila.descripcion, alta, sobre),
                    celda(fila.tipo.value, 10),
                    Text(dibujable(caso.texto_plazo(fila)), style=caso.estilo_plazo(self, fila), no_wrap=True),
                    Text(formato.fecha(fila.vence.date())),
                ],
                str(fila.id),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a case: what can be done with it (its menu, then the step's form)."""
        event.stop()
        clave = event.row_key.value or ""
        if clave.isdigit():
            pantalla = self.screen
            releer = pantalla.on_screen_resume if isinstance(pantalla, PantallaA3) else None
            caso.atender(a3_de(self), int(clave), al_terminar=releer)

"""The ficha's tabs that are tables: history, tasks, properties shown, changes; what they share
with the tabs of the sale (widgets/ficha/venta.py); and what Enter opens on a row of each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from a3tui import domain
from a3tui.app import formato
from a3tui.app.messages import FilaElegida
from a3tui.app.screens import tareas_acciones
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.tabla_ligera import TablaLigera
from a3tui.app.widgets.tabla_virtual import Columnas, TablaVirtual, anchos
from a3tui.domain import EstadoTarea
from a3tui.services.actividades import Entrada
from a3tui.services.expediente import Expediente

Fila = tuple[list[Text], str | None]


def celda(texto: str, ancho: int | None = None) -> Text:
    """The user's text, never parsed as markup, on one line and cut to ``ancho``."""
    limpio = domain.imprimible(texto)
    return Text(domain.cortar(limpio, ancho) if ancho else limpio, no_wrap=True)


def parrafo(*lineas: str) -> Text:
    """The user's text whole, never parsed as markup: each line a paragraph its column
    wraps (the row grows to fit it), its own line breaks and runs of spaces one space."""
    return Text("\n".join(" ".join(domain.imprimible(linea).split()) for linea in lineas if linea))


class TablaFicha(TablaLigera):
    """A tab's table: fixed columns, and one flexible column that takes the rest of the width.
    What the flexible column says (a task, a property, a file's name) wraps in it: a row is
    as tall as it needs, never cut at 80 columns."""

    # Inicio and Fin go to the first and last row, as in the client list.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]
    COLUMNAS: ClassVar[Columnas] = ()
    VACIA: ClassVar[str] = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=zebra_stripes)
        self.ancho = 0
        self.expediente: Expediente | None = None

    def fill(self, expediente: Expediente, ancho: int) -> None:
        """Show ``expediente`` in ``ancho`` cells (the columns follow the terminal's width)."""
        self.ancho = ancho
        self.expediente = expediente
        self.clear(columns=True)
        flexible = 10
        for (titulo, fija), w in zip(self.COLUMNAS, anchos(self.COLUMNAS, ancho), strict=True):
            self.add_column(titulo, width=w)
            flexible = w if fija is None else flexible
        agregadas = 0
        for celdas, clave in self.filas(expediente, flexible):
            self.add_row(*celdas, key=clave, height=None)
            agregadas += 1
        if not agregadas:
            self.add_row(Text("—"), Text(self.VACIA), *[Text("") for _ in self.COLUMNAS[2:]])

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        """The rows of ``expediente`` (cells, row key) for this tab."""
        raise NotImplementedError


class TablaHistorial(TablaVirtual):
    """The client's history, newest first: only the rows on screen are ever drawn (a
    client may have hundreds of activities, and the ficha opens on this tab)."""

    COLUMNAS: ClassVar[Columnas] = (("Fecha", 16), ("Actividad", None))
    VACIA = "Sin actividades todavía; registra una con a."

    def __init__(self, *, id: str | None = None, classes: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, classes=classes, zebra_stripes=zebra_stripes)
        self.ancho = 0
        self._expediente: Expediente | None = None
        self._anteriores = 0

    def fill(self, expediente: Expediente, ancho: int) -> None:
        """Show ``expediente``'s history in ``ancho`` cells (rows are built as they are drawn)."""
        self.ancho = ancho
        self._expediente = expediente
        historial = expediente.historial
        # Entries older than the ones read are counted in a last row.
        self._anteriores = expediente.total_historial - len(historial) if historial else 0
        filas = len(historial) + (1 if self._anteriores > 0 else 0)
        self.mostrar([t for t, _ in self.COLUMNAS], anchos(self.COLUMNAS, ancho), max(1, filas))

    def celdas(self, indice: int) -> list[Text]:
        historial = self._expediente.historial if self._expediente is not None else []
        if indice < len(historial):
            entrada = historial[indice]
            return [Text(formato.fecha(entrada.actividad.fecha)), celda(entrada.resumen, self.anchos[1])]
        if historial:
            return [Text("…"), Text(f"y {self._anteriores} anteriores")]
        return [Text("—"), Text(self.VACIA)]

    def entrada(self, indice: int) -> Entrada | None:
        """The history entry shown on row ``indice`` (None: the «older» or «none» row)."""
        historial = self._expediente.historial if self._expediente is not None else []
        return historial[indice] if 0 <= indice < len(historial) else None

    def on_fila_elegida(self, mensaje: FilaElegida) -> None:
        """Enter on an entry: the entry in full (the table cuts long lines)."""
        mensaje.stop()
        entrada = self.entrada(mensaje.indice)
        if entrada is not None:
            from a3tui.app.screens.detalle import Detalle

            self.app.push_screen(Detalle(formato.fecha(entrada.actividad.fecha), entrada.resumen))


class TablaTareas(TablaFicha):
    """The client's tasks. The ficha's x, + and Supr act on the highlighted one (they are the
    ficha's keys: they work from its tab bar too); Enter opens its form."""

    COLUMNAS = (("Vence", 16), ("Descripción", None), ("Prioridad", 9), ("Estado", 12))
    VACIA = "Sin tareas; agenda una con g."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        dibujable = a3_de(self).capacidades.dibujable
        for fila in expediente.tareas:
            t = fila.tarea
            vence = t.vence.isoformat() + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
            estado = Text(dibujable(fila.estado.texto), style="bold" if fila.estado == EstadoTarea.VENCIDA else "")
            yield [Text(vence), parrafo(t.descripcion), Text(t.prioridad.value), estado], str(t.id)

    def _tarea_actual(self) -> tuple[PantallaA3, int] | None:
        """The screen and the highlighted task's id (None, said, on the «no tasks» row)."""
        if not self.row_count or not isinstance(self.screen, PantallaA3):
            return None
        clave = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        if clave is None or not clave.isdigit():
            self.notify("Elige una tarea de la lista.", severity="warning")
            return None
        return self.screen, int(clave)

    def hecha_o_reabrir(self) -> None:
        """x: the highlighted task is done; a done one is pending again."""
        if actual := self._tarea_actual():
            tareas_acciones.hecha_o_reabrir(*actual)

    def posponer(self) -> None:
        """+: the highlighted task a day later."""
        if actual := self._tarea_actual():
            tareas_acciones.posponer(*actual)

    def borrar(self) -> None:
        """Supr: delete the highlighted task, after asking."""
        if actual := self._tarea_actual():
            tareas_acciones.borrar(*actual)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a task: its form (as in Mis tareas)."""
        event.stop()
        clave = event.row_key.value or ""
        if clave.isdigit() and isinstance(self.screen, PantallaA3):
            tareas_acciones.abrir(self.screen, int(clave))


class TablaPropiedades(TablaFicha):
    COLUMNAS = (("Fecha", 16), ("Propiedad", None), ("Precio", 12), ("Medio", 10))
    VACIA = "Ninguna; p muestra o envía una."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for p in expediente.propiedades:
            yield (
                [
                    Text(formato.fecha(p.fecha)),
                    parrafo(p.propiedad),
                    Text(domain.format_dinero(p.precio_centavos)),
                    Text(p.medio.value),
                ],
                None,
            )


class TablaCambios(TablaFicha):
    """The client's audit: who changed what, when (Enter shows a row in full)."""

    COLUMNAS = (("Fecha", 16), ("Quién", 14), ("Cambio", None))
    VACIA = "Sin cambios registrados."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for n, fila in enumerate(expediente.cambios):
            yield (
                [Text(formato.fecha(fila.auditoria.fecha)), celda(fila.asesor, 14), celda(fila.resumen, flexible)],
                f"c{n}",
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a change: who changed what, in full."""
        event.stop()
        clave = event.row_key.value or ""
        if self.expediente is not None and clave.startswith("c"):
            from a3tui.app.screens.detalle import Detalle

            cambio = self.expediente.cambios[int(clave[1:])]
            titulo = f"{formato.fecha(cambio.auditoria.fecha)} · {cambio.asesor}"
            self.app.push_screen(Detalle(titulo, cambio.resumen.replace("; ", "\n")))

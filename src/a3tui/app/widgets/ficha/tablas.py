"""The ficha's tabs that are tables: history, tasks, reservations, documents, properties shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate

from a3tui import domain
from a3tui.app import formato
from a3tui.app.widgets.tabla_ligera import TablaLigera
from a3tui.domain import EstadoTarea
from a3tui.services.expediente import Expediente

Columnas = tuple[tuple[str, int | None], ...]
Fila = tuple[list[Text], str | None]


def _celda(texto: str, ancho: int | None = None) -> Text:
    """The user's text, never parsed as markup, on one line and cut to ``ancho``."""
    limpio = domain.imprimible(texto)
    return Text(domain.cortar(limpio, ancho) if ancho else limpio, no_wrap=True)


class TablaFicha(TablaLigera):
    """A tab's table: fixed columns, and one flexible column that takes the rest of the width."""

    # Inicio and Fin go to the first and last row, as in the client list.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]
    COLUMNAS: ClassVar[Columnas] = ()
    VACIA: ClassVar[str] = ""
    # Rows added when the table is filled (None: all); the rest follow as the cursor nears
    # the end, so a long history doesn't make the ficha wait for rows nobody sees yet.
    PRIMERAS: ClassVar[int | None] = None
    # How many more rows each time, and how close to the end the cursor gets first.
    TANDA: ClassVar[int] = 50

    def __init__(self, *, id: str | None = None, classes: str | None = None, zebra_stripes: bool = False) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=zebra_stripes)
        self.ancho = 0
        self._resto: Iterator[Fila] | None = None

    def fill(self, expediente: Expediente, ancho: int) -> None:
        """Show ``expediente`` in ``ancho`` cells (the columns follow the terminal's width)."""
        self.ancho = ancho
        self.clear(columns=True)
        fijas = sum(w or 0 for _, w in self.COLUMNAS) + 2 * len(self.COLUMNAS)
        flexible = max(10, ancho - fijas)
        for titulo, w in self.COLUMNAS:
            self.add_column(titulo, width=w if w is not None else flexible)
        self._resto = iter(self.filas(expediente, flexible))
        if not self._agregar(self.PRIMERAS):
            self.add_row(Text("—"), Text(self.VACIA), *[Text("") for _ in self.COLUMNAS[2:]])

    def _agregar(self, cuantas: int | None) -> int:
        """Add up to ``cuantas`` more rows (None: all that are left); how many were added."""
        resto, self._resto = self._resto, None  # (adding rows moves no cursor into here again)
        if resto is None:
            return 0
        agregadas = 0
        for celdas, clave in resto:
            self.add_row(*celdas, key=clave)
            agregadas += 1
            if cuantas is not None and agregadas >= cuantas:
                self._resto = resto
                return agregadas
        return agregadas

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        if self._resto is not None and new_coordinate.row >= self.row_count - 10:
            self._agregar(self.TANDA)

    def action_scroll_bottom(self) -> None:
        self._agregar(None)  # to the last row there is, not the last one added so far
        super().action_scroll_bottom()

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        """The rows of ``expediente`` (cells, row key) for this tab."""
        raise NotImplementedError


class TablaHistorial(TablaFicha):
    COLUMNAS = (("Fecha", 16), ("Actividad", None))
    PRIMERAS = 40
    VACIA = "Sin actividades todavía; registra una con a."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for n, entrada in enumerate(expediente.historial):
            yield [Text(formato.fecha(entrada.actividad.fecha)), _celda(entrada.resumen, flexible)], f"h{n}"
        anteriores = expediente.total_historial - len(expediente.historial)
        if expediente.historial and anteriores > 0:
            yield [Text("…"), Text(f"y {anteriores} anteriores")], None


class TablaTareas(TablaFicha):
    COLUMNAS = (("Vence", 16), ("Descripción", None), ("Prioridad", 9), ("Estado", 12))
    VACIA = "Sin tareas; agenda una con g."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for fila in expediente.tareas:
            t = fila.tarea
            vence = t.vence.isoformat() + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
            estado = Text(fila.estado.texto, style="bold" if fila.estado == EstadoTarea.VENCIDA else "")
            yield [Text(vence), _celda(t.descripcion, flexible), Text(t.prioridad.value), estado], str(t.id)


class TablaApartados(TablaFicha):
    COLUMNAS = (("Fecha", 10), ("Propiedad", None), ("Monto", 12), ("Estado", 11))
    VACIA = "Ninguno; v aparta una propiedad."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for fila in expediente.apartados:
            a = fila.apartado
            estado = a.estado.value + (f" ({a.motivo_cancelacion})" if a.motivo_cancelacion else "")
            yield (
                [
                    Text(a.fecha.isoformat()),
                    _celda(fila.propiedad, flexible),
                    Text(domain.format_dinero(a.monto_centavos)),
                    _celda(estado, 11),
                ],
                str(a.id),
            )


class TablaDocumentos(TablaFicha):
    COLUMNAS = (("Subido", 16), ("Tipo", 24), ("Archivo", None), ("Tamaño", 8))
    VACIA = "Ninguno; d agrega uno."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for d in expediente.documentos:
            yield (
                [
                    Text(formato.fecha(d.subido)),
                    _celda(d.tipo.value, 24),
                    _celda(d.nombre_archivo, flexible),
                    Text(formato.tamano(d.tamano)),
                ],
                str(d.id),
            )


class TablaPropiedades(TablaFicha):
    COLUMNAS = (("Fecha", 16), ("Propiedad", None), ("Precio", 12), ("Medio", 10))
    VACIA = "Ninguna; p muestra o envía una."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for p in expediente.propiedades:
            yield (
                [
                    Text(formato.fecha(p.fecha)),
                    _celda(p.propiedad, flexible),
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
                [Text(formato.fecha(fila.auditoria.fecha)), _celda(fila.asesor, 14), _celda(fila.resumen, flexible)],
                f"c{n}",
            )


def falta_para_escriturar(expediente: Expediente) -> str:
    """The line over the Documentos tab while a reservation waits for documents ("" if none)."""
    if expediente.ficha.cliente.etapa != domain.Etapa.APARTADO or not expediente.faltantes:
        return ""
    return domain.imprimible("✗ Falta para escriturar: " + "; ".join(expediente.faltantes) + ".")

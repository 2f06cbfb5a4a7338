"""The ficha's tabs that are tables: history, tasks, reservations, documents, properties shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from a3tui import domain
from a3tui.app import formato
from a3tui.app.widgets.tabla_ligera import TablaLigera
from a3tui.app.widgets.tabla_virtual import Columnas, TablaVirtual, anchos
from a3tui.domain import EstadoTarea
from a3tui.services.actividades import Entrada
from a3tui.services.expediente import Expediente

Fila = tuple[list[Text], str | None]


def _celda(texto: str, ancho: int | None = None) -> Text:
    """The user's text, never parsed as markup, on one line and cut to ``ancho``."""
    limpio = domain.imprimible(texto)
    return Text(domain.cortar(limpio, ancho) if ancho else limpio, no_wrap=True)


def _parrafo(*lineas: str) -> Text:
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

    def fill(self, expediente: Expediente, ancho: int) -> None:
        """Show ``expediente`` in ``ancho`` cells (the columns follow the terminal's width)."""
        self.ancho = ancho
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
            return [Text(formato.fecha(entrada.actividad.fecha)), _celda(entrada.resumen, self.anchos[1])]
        if historial:
            return [Text("…"), Text(f"y {self._anteriores} anteriores")]
        return [Text("—"), Text(self.VACIA)]

    def entrada(self, indice: int) -> Entrada | None:
        """The history entry shown on row ``indice`` (None: the «older» or «none» row)."""
        historial = self._expediente.historial if self._expediente is not None else []
        return historial[indice] if 0 <= indice < len(historial) else None


class TablaTareas(TablaFicha):
    COLUMNAS = (("Vence", 16), ("Descripción", None), ("Prioridad", 9), ("Estado", 12))
    VACIA = "Sin tareas; agenda una con g."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for fila in expediente.tareas:
            t = fila.tarea
            vence = t.vence.isoformat() + (f" {t.hora.strftime('%H:%M')}" if t.hora else "")
            estado = Text(fila.estado.texto, style="bold" if fila.estado == EstadoTarea.VENCIDA else "")
            yield [Text(vence), _parrafo(t.descripcion), Text(t.prioridad.value), estado], str(t.id)


class TablaApartados(TablaFicha):
    COLUMNAS = (("Fecha", 10), ("Propiedad", None), ("Monto", 12), ("Estado", 11))
    VACIA = "Ninguno; v aparta una propiedad."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for fila in expediente.apartados:
            a = fila.apartado
            # Why it was cancelled goes under the property, whole (the Estado column has 11 cells).
            motivo = f"Motivo: {a.motivo_cancelacion}" if a.motivo_cancelacion else ""
            yield (
                [
                    Text(a.fecha.isoformat()),
                    _parrafo(fila.propiedad, motivo),
                    Text(domain.format_dinero(a.monto_centavos)),
                    Text(a.estado.value),
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
                    _parrafo(d.nombre_archivo),
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
                    _parrafo(p.propiedad),
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

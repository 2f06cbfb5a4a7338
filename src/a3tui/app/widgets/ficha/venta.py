"""The ficha's tabs of the sale: the client's reservations (Apartados) and documents
(Documentos), and what Enter offers on a row of each — a reservation's next step, a
document's menu (open it, or delete it after asking)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.widgets import DataTable

from a3tui import domain
from a3tui.app import formato
from a3tui.app.screens.base import PantallaA3, a3_de
from a3tui.app.widgets.ficha.tablas import Fila, TablaFicha, celda, parrafo
from a3tui.services.apartados import FilaApartado
from a3tui.services.documentos import FilaDocumento
from a3tui.services.expediente import Expediente


class TablaApartados(TablaFicha):
    """The client's reservations; Enter: what can be done with one, then that step's form."""

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
                    parrafo(fila.propiedad, motivo),
                    Text(domain.format_dinero(a.monto_centavos)),
                    Text(a.estado.value),
                ],
                str(a.id),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        clave = event.row_key.value or ""
        if self.expediente is not None and clave:
            fila = next((f for f in self.expediente.apartados if str(f.id) == clave), None)
            if fila is not None:
                self._menu(fila)

    def _menu(self, fila: FilaApartado) -> None:
        from a3tui.app.screens.apartado import MenuApartado, PasoDeApartado

        a3 = a3_de(self)

        def paso(elegido: str | None) -> None:
            if elegido is None or self.expediente is None:
                return
            coordinador = bool(a3.gateway.read(lambda ctx: ctx.es_coordinador))
            a3.push_screen(PasoDeApartado(fila, elegido, self.expediente.faltantes, coordinador))

        a3.push_screen(MenuApartado(fila), paso)


class TablaDocumentos(TablaFicha):
    """The client's documents; Enter: open one, or delete it (after asking)."""

    COLUMNAS = (("Subido", 16), ("Tipo", 24), ("Archivo", None), ("Tamaño", 8))
    VACIA = "Ninguno; d agrega uno."

    def filas(self, expediente: Expediente, flexible: int) -> Iterator[Fila]:
        for d in expediente.documentos:
            yield (
                [
                    Text(formato.fecha(d.subido)),
                    celda(d.tipo.value, 24),
                    parrafo(d.nombre_archivo),
                    Text(formato.tamano(d.tamano)),
                ],
                str(d.id),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        clave = event.row_key.value or ""
        if self.expediente is not None and clave:
            documento = next((d for d in self.expediente.documentos if str(d.id) == clave), None)
            if documento is not None:
                self._menu(documento)

    def _menu(self, documento: FilaDocumento) -> None:
        from a3tui.app.screens.confirmar import Confirmar
        from a3tui.app.screens.documento import MenuDocumento
        from a3tui.services import documentos

        a3, pantalla = a3_de(self), self.screen

        def borrar(si: bool | None) -> None:
            if si and isinstance(pantalla, PantallaA3):
                documento_id = documento.id
                pantalla.write(
                    lambda ctx: documentos.borrar(ctx, documentos.get(ctx, documento_id)),
                    title="Documento",
                    done=f"Borrado: {documento.nombre_archivo}",
                )

        def elegido(accion: str | None) -> None:
            if accion == "borrar":
                a3.push_screen(
                    Confirmar(
                        "¿Borrar el documento?",
                        f"{documento.tipo.value}: {documento.nombre_archivo}\n"
                        "El historial del cliente conserva que existió.",
                        si="Borrar",
                        no="Conservar",
                    ),
                    borrar,
                )

        a3.push_screen(MenuDocumento(documento), elegido)


def falta_para_escriturar(expediente: Expediente) -> str:
    """The line over the Documentos tab while a reservation waits for documents ("" if none)."""
    if expediente.ficha.cliente.etapa != domain.Etapa.APARTADO or not expediente.faltantes:
        return ""
    return domain.imprimible("✗ Falta para escriturar: " + "; ".join(expediente.faltantes) + ".")

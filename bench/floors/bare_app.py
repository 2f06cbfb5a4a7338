"""App floor: a bare Textual app that shows a DataTable of 100 rows.

``python bare_app.py`` runs it in the terminal (the pty launch benchmark waits for
``Cliente 001`` on screen); ``BareApp`` is also driven in-process for the memory floor.
"""

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Salir")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="tabla")
        yield Footer()

    def on_mount(self) -> None:
        tabla = self.query_one(DataTable)
        tabla.add_columns("Nombre", "Teléfono", "Etapa", "Próximo contacto")
        for i in range(1, 101):
            tabla.add_row(f"Cliente {i:03d}", f"81 {1000 + i:04d} {2000 + i:04d}", "prospecto", "en 3 días")
        tabla.focus()


if __name__ == "__main__":
    BareApp().run()


class BuscarApp(App[None]):
    """Search-as-you-type floor: an Input that refills a DataTable on every keystroke."""

    NOMBRES = [
        f"{n} {a}" for n in ("María", "José", "Ana", "Luis", "Rosa") for a in ("Pérez", "García", "López", "Núñez")
    ] * 50

    def __init__(self) -> None:
        super().__init__()
        self.filtro = ""

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        yield Input(id="buscar")
        yield DataTable(id="tabla")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Nombre", "Fila")
        self._llenar("")

    def on_input_changed(self, evento) -> None:
        self._llenar(evento.value)

    def _llenar(self, texto: str) -> None:
        tabla = self.query_one(DataTable)
        tabla.clear()
        clave = texto.lower()
        for i, nombre in enumerate(n for n in self.NOMBRES if clave in n.lower()):
            if i == 100:
                break
            tabla.add_row(nombre, str(i))
        self.filtro = texto


class FichaApp(App[None]):
    """Ficha floor: Enter pushes a screen with a DataTable of 200 history rows; Esc pops it."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="lista", cursor_type="row")

    def on_mount(self) -> None:
        lista = self.query_one(DataTable)
        lista.add_columns("Nombre")
        lista.add_row("Rosa Elvira Benavides Garza")
        lista.focus()

    def on_data_table_row_selected(self, evento: DataTable.RowSelected) -> None:
        if evento.data_table.id == "lista":
            self.push_screen(HistorialScreen())


class HistorialScreen(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Volver")]

    def __init__(self) -> None:
        super().__init__()
        self.lista = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="historial", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        tabla = self.query_one(DataTable)
        tabla.add_columns("Fecha", "Actividad")
        for i in range(200):
            tabla.add_row(
                f"2026-{1 + i % 12:02d}-{1 + i % 28:02d} 12:00", f"Llamada: contestó-interesado · {5 + i % 20} min"
            )
        tabla.focus()
        self.lista = True

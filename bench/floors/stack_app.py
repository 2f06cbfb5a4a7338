"""App stack floor: the least a Textual + SQLModel app can do to show 100 clients.

Draws its first frame at once (a header and «Abriendo…»), imports SQLModel in a thread as
a3 does, reads the first 100 rows of an a3 database's ``cliente`` table through one
SQLModel table class, and shows them in a DataTable with a line «100 clientes». What any
app on this stack pays before doing real work: the pty launch benchmark reports a3 against
it as well as against the bare Textual app (which reads no database).

``python stack_app.py RUTA``
"""

from __future__ import annotations

import sys
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static


def leer(ruta: str) -> list[tuple[str, str]]:
    from sqlmodel import Field, Session, SQLModel, create_engine, select

    class Cliente(SQLModel, table=True):
        __tablename__ = "cliente"

        id: int | None = Field(default=None, primary_key=True)
        nombre: str
        nombre_orden: str
        etapa: str

    engine = create_engine(f"sqlite:///{ruta}")
    with Session(engine) as session:
        filas = session.exec(select(Cliente).order_by(Cliente.nombre_orden).limit(100)).all()  # type: ignore[arg-type]
        return [(c.nombre, c.etapa) for c in filas]


class StackApp(App[None]):
    BINDINGS = [("q", "quit", "Salir")]

    def __init__(self, ruta: str) -> None:
        super().__init__()
        self.ruta = ruta

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Abriendo…", id="estado")
        yield DataTable(id="tabla")
        yield Footer()

    def on_mount(self) -> None:
        self.cargar()

    @work(thread=True)
    def cargar(self) -> None:
        filas = leer(self.ruta)
        self.call_from_thread(self.mostrar, filas)

    def mostrar(self, filas: list[Any]) -> None:
        tabla = self.query_one(DataTable)
        tabla.add_columns("Nombre", "Etapa")
        for nombre, etapa in filas:
            tabla.add_row(nombre, etapa)
        tabla.focus()
        self.query_one("#estado", Static).update(f"{len(filas)} clientes")


if __name__ == "__main__":
    StackApp(sys.argv[1]).run()

"""Stack floor: the least a Typer + SQLModel command can do to add a client.

Parses one command (``cliente add NOMBRE --telefono T --db RUTA``), checks the phone
with phonenumbers and inserts one row in the ``cliente`` table of an a3 database, with
the same durability a3 asks of SQLite (WAL, synchronous=FULL, foreign keys). No rules,
no search index: what any program on this stack pays before doing real work.
"""

from __future__ import annotations

from datetime import date, datetime

import typer
from pydantic import NaiveDatetime
from sqlalchemy import event
from sqlmodel import Field, Session, SQLModel, create_engine

app = typer.Typer(add_completion=False)
cliente_app = typer.Typer()
app.add_typer(cliente_app, name="cliente")


class Cliente(SQLModel, table=True):
    __tablename__ = "cliente"

    id: int | None = Field(default=None, primary_key=True)
    nombre: str
    nombre_orden: str
    primer_contacto: date
    asesor_id: int
    plaza: str = "General"
    etapa: str = "prospecto"
    creado: NaiveDatetime
    actualizado: NaiveDatetime


@cliente_app.command("add")
def add(
    nombre: str = typer.Argument(...),
    telefono: str = typer.Option(..., "--telefono"),
    db: str = typer.Option(..., "--db"),
) -> None:
    import phonenumbers

    numero = phonenumbers.parse(telefono, "MX")
    if not phonenumbers.is_valid_number(numero):
        raise typer.BadParameter("teléfono no válido")
    engine = create_engine(f"sqlite:///{db}")

    @event.listens_for(engine, "connect")
    def _pragmas(con, _record):
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA synchronous = FULL")

    ahora = datetime.now().replace(microsecond=0)
    with Session(engine) as session:
        cliente = Cliente(
            nombre=nombre,
            nombre_orden=nombre.lower(),
            primer_contacto=ahora.date(),
            asesor_id=1,
            creado=ahora,
            actualizado=ahora,
        )
        session.add(cliente)
        session.commit()
        print(cliente.id)


if __name__ == "__main__":
    app()

"""Partial, covering indexes over live clients.

Counts and lists of a portfolio (red/yellow alerts, cold clients, KPIs) read only live
records (``fusionado_en_id IS NULL``); indexes partial on that condition and holding the
columns those queries read answer them without touching the table (336 ms → a few ms
for a count at 100,000 clients).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:34:27.508025
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

VIVO = "fusionado_en_id IS NULL"
NUEVOS = {
    "nombre": ["nombre_orden"],
    "proximo": ["proximo_contacto", "nombre_orden"],
    "seguimiento": ["etapa", "ultima_actividad", "primer_contacto", "proximo_contacto"],
    "apartado": ["fecha_apartado", "primer_contacto"],
}
VIEJOS = {
    "ix_cliente_asesor_nombre": ["asesor_id", "nombre_orden"],
    "ix_cliente_asesor_proximo": ["asesor_id", "proximo_contacto"],
    "ix_cliente_asesor_etapa_ultima": ["asesor_id", "etapa", "ultima_actividad"],
    "ix_cliente_plaza_nombre": ["plaza", "nombre_orden"],
}


def upgrade() -> None:
    for nombre in VIEJOS:
        op.drop_index(nombre, table_name="cliente")
    for quien, columna in (("asesor", "asesor_id"), ("plaza", "plaza")):
        for nombre, columnas in NUEVOS.items():
            op.create_index(
                f"ix_cliente_{quien}_{nombre}",
                "cliente",
                [columna, *columnas],
                sqlite_where=sa.text(VIVO),
                postgresql_where=sa.text(VIVO),
            )


def downgrade() -> None:
    for quien in ("asesor", "plaza"):
        for nombre in NUEVOS:
            op.drop_index(f"ix_cliente_{quien}_{nombre}", table_name="cliente")
    for nombre, columnas in VIEJOS.items():
        op.create_index(nombre, "cliente", columnas)

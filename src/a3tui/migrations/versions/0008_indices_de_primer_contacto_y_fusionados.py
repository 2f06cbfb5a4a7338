"""Indexes for the dashboard's counts and the ficha at 100,000 clients

``ix_cliente_{asesor,plaza}_primer``: the conversion KPI counts a portfolio's clients by
first contact; without it SQLite read every client's row (142 ms at 100,000; a covering
range count now). ``ix_cliente_fusionado_en``: the ficha looks for records merged into
the client; without it, a scan of the table (13 ms at 100,000).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 01:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

VIVO = "fusionado_en_id IS NULL"
FUSIONADO = "fusionado_en_id IS NOT NULL"


def upgrade() -> None:
    for quien, columna in (("asesor", "asesor_id"), ("plaza", "plaza")):
        op.create_index(
            f"ix_cliente_{quien}_primer",
            "cliente",
            [columna, "primer_contacto"],
            sqlite_where=sa.text(VIVO),
            postgresql_where=sa.text(VIVO),
        )
    op.create_index(
        "ix_cliente_fusionado_en",
        "cliente",
        ["fusionado_en_id"],
        sqlite_where=sa.text(FUSIONADO),
        postgresql_where=sa.text(FUSIONADO),
    )


def downgrade() -> None:
    op.drop_index("ix_cliente_fusionado_en", table_name="cliente")
    for quien in ("asesor", "plaza"):
        op.drop_index(f"ix_cliente_{quien}_primer", table_name="cliente")

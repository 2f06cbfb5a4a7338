"""detalle only for system entries

A meeting used to keep the keys of the properties shown both in ``actividad.detalle`` (a
comma list) and as ``propiedad_mostrada`` rows. The rows are the record; the column now
means one thing, the readable detail of a system entry.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 19:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE actividad SET detalle = NULL WHERE tipo <> 'sistema'"))


def downgrade() -> None:
    # Nothing to restore: the properties of each meeting are still its propiedad_mostrada rows.
    pass

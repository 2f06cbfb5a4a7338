"""a follow-up task knows the activity it follows: the date agreed with the client

``tarea.actividad_id`` (both engines): the activity whose follow-up the task is («contestó,
llamar después» + viernes). While it is pending, its date is the client's next contact
(``domain.proximo_contacto``), not the cadence's; any other task leaves the cadence alone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 19:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tarea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actividad_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_tarea_actividad_id', 'actividad', ['actividad_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('tarea', schema=None) as batch_op:
        batch_op.drop_constraint('fk_tarea_actividad_id', type_='foreignkey')
        batch_op.drop_column('actividad_id')

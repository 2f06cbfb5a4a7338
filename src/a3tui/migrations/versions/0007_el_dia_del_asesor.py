"""the advisor's day: inbound contacts and appointments

``actividad.entrante``: the client called or wrote (an inbound contact is an answer).
``tarea.cita`` and ``tarea.lugar``: a meeting scheduled for later is a task at a time and
a place, shown in the agenda and Mis tareas, closed when the meeting is logged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 00:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actividad', schema=None) as batch_op:
        batch_op.add_column(sa.Column('entrante', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('tarea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cita', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('lugar', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('tarea', schema=None) as batch_op:
        batch_op.drop_column('lugar')
        batch_op.drop_column('cita')

    with op.batch_alter_table('actividad', schema=None) as batch_op:
        batch_op.drop_column('entrante')

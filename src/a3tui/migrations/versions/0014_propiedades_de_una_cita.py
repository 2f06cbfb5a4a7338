"""a cita keeps the properties to show: the meeting logged from it starts with them

``tarea.propiedades`` (both engines): the keys of the properties the advisor will show at
a scheduled meeting (``a3 actividad reunion … --fecha viernes --propiedades CUM-A-12``, or
the activity form with a future date), separated by commas. Logging the meeting from the
cita (``a`` on it in Mis tareas) proposes them as the properties shown. A plain column of
``tarea``: the task's row-level policy and grants cover it on PostgreSQL.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines: no rebuild of the table (on SQLite a rebuild would
    # drop the AUTOINCREMENT that 0013 gave it).
    op.add_column("tarea", sa.Column("propiedades", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    # DROP COLUMN in place (SQLite 3.35 and later), for the same reason.
    op.drop_column("tarea", "propiedades")

"""la oficina: absences covered by a suplente, transfers' rejection reason, the audit by
client and append-only, and a first coordinator

- ``suplencia``: while an advisor is away, another one works their clients.
- ``transferencia.motivo_rechazo``: why a coordinator turned a request down.
- ``auditoria.cliente_id`` (with an index by client and date): a client's «Cambios».
- The audit is append-only: the database refuses UPDATE and DELETE on it (triggers).
- A database where nobody was a coordinator (they could only be made by editing the file)
  gets its first advisor as coordinator: the one who created it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# SQLite's way. On PostgreSQL a trigger function refuses the same (with an integrity
# error, as SQLite's RAISE(ABORT) gives), TRUNCATE included.
_PG_FUNCION = """
CREATE FUNCTION auditoria_solo_altas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'la auditoria solo admite altas' USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""
_PG_TRIGGERS = {
    "auditoria_sin_cambios": "BEFORE UPDATE OR DELETE ON auditoria FOR EACH ROW",
    "auditoria_sin_vaciar": "BEFORE TRUNCATE ON auditoria FOR EACH STATEMENT",
}
_TRIGGERS = {
    "auditoria_sin_cambios": "UPDATE",
    "auditoria_sin_borrados": "DELETE",
}


def upgrade() -> None:
    op.create_table('suplencia',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('titular_id', sa.Integer(), nullable=False),
    sa.Column('suplente_id', sa.Integer(), nullable=False),
    sa.Column('desde', sa.Date(), nullable=False),
    sa.Column('hasta', sa.Date(), nullable=False),
    sa.Column('motivo', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('creada_por_id', sa.Integer(), nullable=False),
    sa.Column('creada', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['creada_por_id'], ['asesor.id'], ),
    sa.ForeignKeyConstraint(['suplente_id'], ['asesor.id'], ),
    sa.ForeignKeyConstraint(['titular_id'], ['asesor.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('suplencia', schema=None) as batch_op:
        batch_op.create_index('ix_suplencia_suplente', ['suplente_id', 'hasta'], unique=False)
        batch_op.create_index(batch_op.f('ix_suplencia_titular_id'), ['titular_id'], unique=False)

    with op.batch_alter_table('transferencia', schema=None) as batch_op:
        batch_op.add_column(sa.Column('motivo_rechazo', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cliente_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_auditoria_cliente_fecha', ['cliente_id', 'fecha'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for nombre, operacion in _TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {nombre} BEFORE {operacion} ON auditoria "
                "BEGIN SELECT RAISE(ABORT, 'la auditoria solo admite altas'); END"
            )
    elif bind.dialect.name == "postgresql":
        op.execute(_PG_FUNCION)
        for nombre, cuando in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {nombre} {cuando} EXECUTE FUNCTION auditoria_solo_altas()")

    hay_coordinador = bind.execute(sa.text("SELECT 1 FROM asesor WHERE rol = 'coordinador' LIMIT 1")).first()
    if hay_coordinador is None:
        bind.execute(
            sa.text(
                "UPDATE asesor SET rol = 'coordinador' WHERE id = "
                "(SELECT id FROM asesor ORDER BY creado, id LIMIT 1)"
            )
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for nombre in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {nombre}")
    elif bind.dialect.name == "postgresql":
        for nombre in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {nombre} ON auditoria")
        op.execute("DROP FUNCTION IF EXISTS auditoria_solo_altas()")
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.drop_index('ix_auditoria_cliente_fecha')
        batch_op.drop_column('cliente_id')
    with op.batch_alter_table('transferencia', schema=None) as batch_op:
        batch_op.drop_column('motivo_rechazo')
    with op.batch_alter_table('suplencia', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suplencia_titular_id'))
        batch_op.drop_index('ix_suplencia_suplente')
    op.drop_table('suplencia')

"""la venta: inventory search, reservations' dates, documents stored in the database,
CURP/RFC, and the stages' checklists ticked by hand

- ``propiedad_termino``: the inventory's search index, one row per folded word of a
  property's key, development, model and address (filled for the properties that exist).
- ``apartado``: dates of escritura and entrega, the coordinator's override reason, and a
  partial unique index: one live reservation per property.
- ``documento``: the file's format and the date printed on it; the bytes move into
  ``documento_archivo`` (in the database: one transaction with the record, in every
  backup); no copy was ever written outside it, so ``ruta`` goes.
- ``cliente.curp`` and ``cliente.rfc``; ``asesor.telefono`` (printed on technical sheets);
  ``paso_etapa`` for checklist steps ticked by hand.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 20:00:00
"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# The folding rule as this revision defined it (a migration carries its own copy).
_WORD = re.compile(r"[0-9a-z]+")


def _terminos(clave: str, *partes: str | None) -> set[str]:
    texto = " ".join(p for p in (clave, *partes) if p)
    decomposed = unicodedata.normalize("NFKD", texto)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return set(_WORD.findall(stripped)) | {clave.casefold()}


def upgrade() -> None:
    op.create_table('paso_etapa',
    sa.Column('cliente_id', sa.Integer(), nullable=False),
    sa.Column('etapa', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('clave', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hecho', sa.Boolean(), nullable=False),
    sa.Column('asesor_id', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['asesor_id'], ['asesor.id'], ),
    sa.ForeignKeyConstraint(['cliente_id'], ['cliente.id'], ),
    sa.PrimaryKeyConstraint('cliente_id', 'etapa', 'clave')
    )
    op.create_table('documento_archivo',
    sa.Column('documento_id', sa.Integer(), nullable=False),
    sa.Column('datos', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['documento_id'], ['documento.id'], ),
    sa.PrimaryKeyConstraint('documento_id')
    )
    with op.batch_alter_table('apartado', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fecha_escritura', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fecha_entrega', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('motivo_excepcion', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index('ux_apartado_propiedad_activo', ['propiedad_id'], unique=True, sqlite_where=sa.text("estado = 'activo'"), postgresql_where=sa.text("estado = 'activo'"))

    with op.batch_alter_table('asesor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('telefono', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    with op.batch_alter_table('cliente', schema=None) as batch_op:
        batch_op.add_column(sa.Column('curp', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('rfc', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.add_column(sa.Column('formato', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('fecha_documento', sa.Date(), nullable=True))
        batch_op.create_index('ux_documento_cliente_sha256', ['cliente_id', 'sha256'], unique=True)
        batch_op.drop_column('ruta')

    with op.batch_alter_table('propiedad', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actualizado', sa.DateTime(), nullable=True))
    op.create_table('propiedad_termino',
    sa.Column('termino', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('propiedad_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['propiedad_id'], ['propiedad.id'], ),
    sa.PrimaryKeyConstraint('termino', 'propiedad_id')
    )
    with op.batch_alter_table('propiedad_termino', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_propiedad_termino_propiedad_id'), ['propiedad_id'], unique=False)

    bind = op.get_bind()
    filas = bind.execute(sa.text("SELECT id, clave, desarrollo, modelo, direccion FROM propiedad")).all()
    terminos = [
        {"termino": t, "propiedad_id": f[0]} for f in filas for t in sorted(_terminos(f[1], f[2], f[3], f[4]))
    ]
    if terminos:
        bind.execute(
            sa.text("INSERT INTO propiedad_termino (termino, propiedad_id) VALUES (:termino, :propiedad_id)"),
            terminos,
        )


def downgrade() -> None:
    with op.batch_alter_table('propiedad_termino', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_propiedad_termino_propiedad_id'))
    op.drop_table('propiedad_termino')
    with op.batch_alter_table('propiedad', schema=None) as batch_op:
        batch_op.drop_column('actualizado')
    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ruta', sa.VARCHAR(), nullable=False, server_default=''))
        batch_op.drop_index('ux_documento_cliente_sha256')
        batch_op.drop_column('fecha_documento')
        batch_op.drop_column('formato')
    with op.batch_alter_table('cliente', schema=None) as batch_op:
        batch_op.drop_column('rfc')
        batch_op.drop_column('curp')
    with op.batch_alter_table('asesor', schema=None) as batch_op:
        batch_op.drop_column('telefono')
    with op.batch_alter_table('apartado', schema=None) as batch_op:
        batch_op.drop_index('ux_apartado_propiedad_activo', sqlite_where=sa.text("estado = 'activo'"))
        batch_op.drop_column('motivo_excepcion')
        batch_op.drop_column('fecha_entrega')
        batch_op.drop_column('fecha_escritura')
    op.drop_table('documento_archivo')
    op.drop_table('paso_etapa')

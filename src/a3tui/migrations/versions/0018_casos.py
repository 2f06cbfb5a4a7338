"""service cases with a folio: ``caso`` and its notes, ``caso_nota`` (issue 30 point 1)

Both engines: a client's service cases (a complaint, a warranty claim, a question…), each
with its kind, priority, state, the advisor who attends it, the property it is about, its
due time (the kind's SLA) and the notes of its follow-up. A case is never deleted: it is
closed. Its folio (``C-2026-0007``) is derived from its id and the year it was opened, so
no counter row has to be locked to open one; on SQLite both tables are ``AUTOINCREMENT``
(as migration 0013 made the tables a3 deletes from), so no id, and no folio, is handed out
twice even if a row is deleted by hand.

On PostgreSQL a case and its notes follow their client's visibility (row-level security:
the policy of migration 0009's ``DE_UN_CLIENTE`` tables), their changes tell the open apps
to read again (``a3_avisar``), and the office's role may use their sequences. The table
and column grants are ``a3_conceder_al_equipo()``'s, run after every upgrade (0016, 0017):
no DELETE.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 02:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLAS = ("caso", "caso_nota")

# A row is visible, and may be written, when its client is (the client's own policy
# decides: migration 0009's rule for the tables that hang off a client); a note, when its
# case is too and is that client's (no note slipped into a case one can't see).
POLITICAS = {
    "caso": "EXISTS (SELECT 1 FROM cliente c WHERE c.id = caso.cliente_id)",
    "caso_nota": (
        "EXISTS (SELECT 1 FROM cliente c WHERE c.id = caso_nota.cliente_id) "
        "AND EXISTS (SELECT 1 FROM caso k WHERE k.id = caso_nota.caso_id AND k.cliente_id = caso_nota.cliente_id)"
    ),
}


def upgrade() -> None:
    texto = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "caso",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cliente_id", sa.Integer(), nullable=False),
        sa.Column("propiedad_id", sa.Integer(), nullable=True),
        sa.Column("asesor_id", sa.Integer(), nullable=False),
        sa.Column("abierto_por_id", sa.Integer(), nullable=False),
        sa.Column("tipo", texto(), nullable=False),
        sa.Column("prioridad", texto(), nullable=False),
        sa.Column("estado", texto(), nullable=False),
        sa.Column("descripcion", texto(), nullable=False),
        sa.Column("resolucion", texto(), nullable=True),
        sa.Column("abierto", sa.DateTime(), nullable=False),
        sa.Column("vence", sa.DateTime(), nullable=False),
        sa.Column("resuelto", sa.DateTime(), nullable=True),
        sa.Column("cerrado", sa.DateTime(), nullable=True),
        sa.Column("reaperturas", sa.Integer(), nullable=False),
        sa.Column("actualizado", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["cliente_id"], ["cliente.id"]),
        sa.ForeignKeyConstraint(["propiedad_id"], ["propiedad.id"]),
        sa.ForeignKeyConstraint(["asesor_id"], ["asesor.id"]),
        sa.ForeignKeyConstraint(["abierto_por_id"], ["asesor.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_caso_estado_vence", "caso", ["estado", "vence"])
    op.create_index("ix_caso_cliente_abierto", "caso", ["cliente_id", "abierto"])
    op.create_index("ix_caso_asesor_estado_vence", "caso", ["asesor_id", "estado", "vence"])
    op.create_table(
        "caso_nota",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("caso_id", sa.Integer(), nullable=False),
        sa.Column("cliente_id", sa.Integer(), nullable=False),
        sa.Column("asesor_id", sa.Integer(), nullable=False),
        sa.Column("texto", texto(), nullable=False),
        sa.Column("creado", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["caso_id"], ["caso.id"]),
        sa.ForeignKeyConstraint(["cliente_id"], ["cliente.id"]),
        sa.ForeignKeyConstraint(["asesor_id"], ["asesor.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_caso_nota_caso_creado", "caso_nota", ["caso_id", "creado"])
    if op.get_bind().dialect.name != "postgresql":
        return
    for tabla, politica in POLITICAS.items():
        op.execute(f"ALTER TABLE {tabla} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY a3_equipo ON {tabla} USING ({politica})")
    for tabla in TABLAS:
        op.execute(
            f"CREATE TRIGGER a3_avisar AFTER INSERT OR UPDATE OR DELETE ON {tabla} "
            "FOR EACH STATEMENT EXECUTE FUNCTION a3_avisar()"
        )
    # The sequences existing in 0011 got USAGE there; these are new.
    op.execute(
        """
        DO $$
        BEGIN
            EXECUTE format('GRANT USAGE ON SEQUENCE caso_id_seq, caso_nota_id_seq TO %I', a3_rol_equipo());
        END
        $$;
        """
    )


def downgrade() -> None:
    op.drop_index("ix_caso_nota_caso_creado", table_name="caso_nota")
    op.drop_table("caso_nota")
    op.drop_index("ix_caso_asesor_estado_vence", table_name="caso")
    op.drop_index("ix_caso_cliente_abierto", table_name="caso")
    op.drop_index("ix_caso_estado_vence", table_name="caso")
    op.drop_table("caso")

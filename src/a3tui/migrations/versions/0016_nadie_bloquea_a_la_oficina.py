"""team mode: no advisor can lock a table the office needs (issue 24 point 7)

PostgreSQL lets a role take ``LOCK TABLE … IN SHARE MODE`` (or stronger, up to ACCESS
EXCLUSIVE, which stops every read) on any table where it holds the table-level UPDATE,
DELETE or TRUNCATE privilege. Until now the office's role held UPDATE and DELETE on every
table, so an advisor with ``psql`` could freeze the office with one statement.

``a3_conceder_al_equipo()`` gives the office's role what a3 needs and no more: SELECT and
INSERT; UPDATE column by column (every column but ``id``: a column-level grant does not
allow LOCK TABLE); DELETE only on the tables a3 deletes rows from (``BORRABLES``); nothing
on ``alembic_version`` beyond reading it, and only INSERT on ``auditoria``. a3 runs it
after every upgrade of the schema (store_pg._migrar), so a column or table a later
migration adds gets its grant too.

What remains (README, «Modo equipo»): on the tables in ``BORRABLES`` an advisor can still
take such a lock; every wait for it ends after ``lock_timeout`` with a Spanish message.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08 01:00:00
"""

from alembic import op


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The tables a3 deletes rows from (services: a note, a task, a document and its stored copy,
# a suplencia not yet started; the phones and the search words of a client or a property
# are rewritten whole).
BORRABLES = (
    "nota", "tarea", "documento", "documento_archivo", "telefono", "cliente_termino", "propiedad_termino",
    "suplencia",
)  # fmt: skip


def _conceder(esquema: str) -> str:
    borrables = ", ".join(f"'{t}'" for t in BORRABLES)
    return f"""
CREATE OR REPLACE FUNCTION a3_conceder_al_equipo() RETURNS void LANGUAGE plpgsql
SET search_path = {esquema}, pg_temp AS $$
DECLARE
    equipo text := {esquema}.a3_rol_equipo();
    tabla record;
    columnas text;
BEGIN
    FOR tabla IN
        SELECT c.oid, c.relname FROM pg_catalog.pg_class c
        WHERE c.relnamespace = '{esquema}'::regnamespace AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        -- Revoking a table-level privilege revokes its column-level grants too.
        EXECUTE format('REVOKE ALL ON %I FROM %I', tabla.relname, equipo);
        EXECUTE format('GRANT SELECT ON %I TO %I', tabla.relname, equipo);
        CONTINUE WHEN tabla.relname = 'alembic_version';
        EXECUTE format('GRANT INSERT ON %I TO %I', tabla.relname, equipo);
        CONTINUE WHEN tabla.relname = 'auditoria';
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columnas
        FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = tabla.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'id';
        IF columnas IS NOT NULL THEN
            EXECUTE format('GRANT UPDATE (%s) ON %I TO %I', columnas, tabla.relname, equipo);
        END IF;
        IF tabla.relname IN ({borrables}) THEN
            EXECUTE format('GRANT DELETE ON %I TO %I', tabla.relname, equipo);
        END IF;
    END LOOP;
END
$$;
"""


def _esquema() -> str:
    nombre = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + str(nombre).replace('"', '""') + '"'


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_conceder(_esquema()))
    op.execute("SELECT a3_conceder_al_equipo()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS a3_conceder_al_equipo()")
    # The grants of 0011: table-level UPDATE and DELETE again (not on asesor, propiedad).
    op.execute(
        """
        DO $$
        BEGIN
            EXECUTE format('GRANT UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), a3_rol_equipo());
            EXECUTE format('REVOKE UPDATE, DELETE ON auditoria, asesor, propiedad FROM %I', a3_rol_equipo());
            EXECUTE format('GRANT UPDATE ON asesor, propiedad TO %I', a3_rol_equipo());
            EXECUTE format('REVOKE UPDATE, DELETE ON alembic_version FROM %I', a3_rol_equipo());
        END
        $$;
        """
    )

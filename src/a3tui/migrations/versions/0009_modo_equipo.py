"""team mode on PostgreSQL: the office's role and row-level security

Nothing changes on SQLite. On PostgreSQL:

- ``<database>_equipo`` (NOLOGIN) is the role every advisor's login role belongs to; it
  may read and write a3's tables, but only add rows to ``auditoria`` and not touch
  ``alembic_version``.
- Row-level security on ``cliente`` and every table that hangs off a client: an advisor
  sees and writes the rows of their own clients, of the clients of the advisors they
  cover as suplente today, and, as coordinator, of their plaza
  (``a3_asesores_visibles``, ``a3_plaza_coordinada``: the services' rule in
  ``clientes.cartera`` / ``asesores``).
  A table's rows hang off a client through ``EXISTS (SELECT 1 FROM cliente WHERE id =
  cliente_id)``, which is itself filtered: one rule, written once (and one look-up by
  primary key per row, not a scan of the portfolio).
- Every committed change to the office's data sends a notification on channel
  ``a3_cambios`` (one per transaction): the app listens and reads again, as it asks
  SQLite's ``data_version`` on a file.
- The database's owner and superusers are not subject to it (PostgreSQL's own rule): the
  office's administrator sets up, migrates and backs up.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 01:20:00
"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Tables whose rows belong to one client (cliente_id NOT NULL).
DE_UN_CLIENTE = (
    "telefono",
    "cliente_termino",
    "actividad",
    "nota",
    "propiedad_mostrada",
    "apartado",
    "documento",
    "paso_etapa",
    "transferencia",
)

# A client is visible to the current role by its advisor or its plaza. Each function is
# wrapped in a sub-select so PostgreSQL computes it once per statement, not once per row
# (a ficha's 200 activities each ask whether their client is visible).
_CLIENTE_VISIBLE = (
    "asesor_id = ANY ((SELECT a3_asesores_visibles())::integer[]) OR plaza = (SELECT a3_plaza_coordinada())"
)

# A row of ``tabla`` is visible when its client is (the client's own policy decides).
_DE_CLIENTE = "EXISTS (SELECT 1 FROM cliente c WHERE c.id = {tabla}.cliente_id)"

# Tables whose changes the open apps are told of.
AVISAN = (
    "asesor", "cliente", "telefono", "actividad", "nota", "tarea", "propiedad", "propiedad_mostrada",
    "apartado", "documento", "paso_etapa", "transferencia", "suplencia", "ajuste",
)  # fmt: skip

AVISO = """
CREATE FUNCTION a3_avisar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('a3_cambios', '');
    RETURN NULL;
END
$$;
"""

FUNCIONES = """
CREATE FUNCTION a3_asesor_actual() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT id FROM asesor WHERE login = current_user AND activo
$$;

-- Whose clients the current role may see: its own advisor's and those of the advisors
-- it covers as suplente today; and, for a coordinator, the plaza.
CREATE FUNCTION a3_asesores_visibles() RETURNS integer[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(id), '{}') FROM (
        SELECT yo.id FROM asesor yo WHERE yo.login = current_user AND yo.activo
        UNION
        SELECT s.titular_id FROM suplencia s JOIN asesor yo ON yo.id = s.suplente_id
        WHERE yo.login = current_user AND yo.activo AND current_date BETWEEN s.desde AND s.hasta
    ) visibles
$$;

CREATE FUNCTION a3_plaza_coordinada() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT plaza FROM asesor WHERE login = current_user AND activo AND rol = 'coordinador'
$$;
"""

# The duplicate rule (a phone or e-mail already in the office) must see every client, not
# only those the advisor may read: this function runs as the database's owner and answers
# only which client and whose, never its data.
DUPLICADO = """
DO $$
BEGIN
    EXECUTE format($f$
        CREATE FUNCTION a3_duplicado(numeros text[], correo text, excluir integer)
        RETURNS TABLE (cliente_id integer, asesor_id integer, por_correo boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
            SELECT c.id, c.asesor_id, (correo IS NOT NULL AND c.email = correo)
            FROM cliente c
            WHERE c.fusionado_en_id IS NULL AND c.id IS DISTINCT FROM excluir
              AND (c.id IN (SELECT t.cliente_id FROM telefono t WHERE t.numero = ANY(numeros))
                   OR (correo IS NOT NULL AND c.email = correo))
            ORDER BY c.id
            LIMIT 1
        $body$
    $f$, current_schema());
END
$$;
"""

ROL = """
DO $$
DECLARE
    equipo text := current_database() || '_equipo';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = equipo) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', equipo);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), equipo);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), equipo);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), equipo);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON auditoria FROM %I', equipo);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM %I', equipo);
    -- The role's name stays with the database (a copy made from it as a template, or the
    -- database renamed, keeps the role its grants name).
    EXECUTE format(
        'CREATE FUNCTION a3_rol_equipo() RETURNS text LANGUAGE sql IMMUTABLE AS %L',
        format('SELECT %L::text', equipo)
    );
END
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCIONES)
    op.execute(DUPLICADO)
    op.execute(ROL)
    op.execute(AVISO)
    for tabla in AVISAN:
        op.execute(
            f"CREATE TRIGGER a3_avisar AFTER INSERT OR UPDATE OR DELETE ON {tabla} "
            "FOR EACH STATEMENT EXECUTE FUNCTION a3_avisar()"
        )
    op.execute("ALTER TABLE cliente ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY a3_equipo ON cliente USING ({_CLIENTE_VISIBLE}) WITH CHECK ({_CLIENTE_VISIBLE})"
    )
    for tabla in DE_UN_CLIENTE:
        op.execute(f"ALTER TABLE {tabla} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY a3_equipo ON {tabla} USING ({_DE_CLIENTE.format(tabla=tabla)})")
    op.execute("ALTER TABLE documento_archivo ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY a3_equipo ON documento_archivo USING "
        "(EXISTS (SELECT 1 FROM documento d WHERE d.id = documento_archivo.documento_id))"
    )
    # A task without a client is its advisor's own.
    op.execute("ALTER TABLE tarea ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY a3_equipo ON tarea USING (CASE WHEN cliente_id IS NULL THEN asesor_id = a3_asesor_actual() "
        f"ELSE {_DE_CLIENTE.format(tabla='tarea')} END)"
    )
    # The audit: anyone adds rows (grants refuse changing them); each reads what concerns
    # them (their own actions, their clients'; a coordinator, everything).
    op.execute("ALTER TABLE auditoria ENABLE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY a3_equipo_alta ON auditoria FOR INSERT WITH CHECK (true)")
    op.execute(
        "CREATE POLICY a3_equipo_lectura ON auditoria FOR SELECT USING ("
        f"asesor_id = a3_asesor_actual() OR {_DE_CLIENTE.format(tabla='auditoria')} "
        "OR EXISTS (SELECT 1 FROM asesor yo WHERE yo.login = current_user AND yo.activo AND yo.rol = 'coordinador'))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for tabla in AVISAN:
        op.execute(f"DROP TRIGGER IF EXISTS a3_avisar ON {tabla}")
    op.execute("DROP FUNCTION IF EXISTS a3_avisar()")
    for tabla in (*DE_UN_CLIENTE, "cliente", "documento_archivo", "tarea"):
        op.execute(f"DROP POLICY IF EXISTS a3_equipo ON {tabla}")
        op.execute(f"ALTER TABLE {tabla} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP POLICY IF EXISTS a3_equipo_alta ON auditoria")
    op.execute("DROP POLICY IF EXISTS a3_equipo_lectura ON auditoria")
    op.execute("ALTER TABLE auditoria DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS a3_asesores_visibles()")
    op.execute("DROP FUNCTION IF EXISTS a3_plaza_coordinada()")
    op.execute("DROP FUNCTION IF EXISTS a3_asesor_actual()")
    op.execute("DROP FUNCTION IF EXISTS a3_rol_equipo()")
    op.execute("DROP FUNCTION IF EXISTS a3_duplicado(text[], text, integer)")

"""team mode: deletes through one function, so no advisor can lock a table (issue 24 point 7)

0016 left DELETE on the eight tables a3 deletes rows from, and with it an advisor's
``LOCK TABLE nota IN ACCESS EXCLUSIVE MODE`` (PostgreSQL allows every lock mode to a role
with table-level DELETE). Now the office's role deletes nothing itself: a3 calls
``a3_borrar(tabla, ids)``, which runs as the database's owner and deletes only what the
caller may delete — the rows of clients they see (a task without a client: their own), a
property's search words, a suplencia of a plaza they coordinate — by the same rules as the
row-level policies and guards. The caller is ``session_user`` (the role that logged in):
inside the function ``current_user`` is the owner.

The rules take the login as an argument (``a3_asesor_de``, ``a3_asesores_visibles_de``,
``a3_plaza_coordinada_de``, ``a3_plaza_a_cargo_de``, ``a3_confiable_de``); the functions
the policies call (``a3_asesor_actual()``…) are the same rules for ``current_user``.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 01:30:00
"""

from alembic import op


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _borrable(s: str, cliente_id: str) -> str:
    """The client ``cliente_id`` is one the caller may change (the policy of migration 0009,
    for ``session_user``): a variable of a3_borrar for each of visibles, coordinada, confiable."""
    return (
        f"EXISTS (SELECT 1 FROM {s}.cliente c WHERE c.id = {cliente_id} "
        "AND (confiable OR c.asesor_id = ANY (visibles) OR c.plaza = coordinada))"
    )


def _funciones(s: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION a3_asesor_de(quien name) RETURNS integer LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT id FROM {s}.asesor WHERE login = quien AND activo
$$;

CREATE OR REPLACE FUNCTION a3_asesores_visibles_de(quien name) RETURNS integer[] LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT coalesce(array_agg(id), '{{}}') FROM (
        SELECT yo.id FROM {s}.asesor yo WHERE yo.login = quien AND yo.activo
        UNION
        SELECT s.titular_id FROM {s}.suplencia s JOIN {s}.asesor yo ON yo.id = s.suplente_id
        WHERE yo.login = quien AND yo.activo AND current_date BETWEEN s.desde AND s.hasta
    ) visibles
$$;

CREATE OR REPLACE FUNCTION a3_plaza_coordinada_de(quien name) RETURNS text LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT plaza FROM {s}.asesor WHERE login = quien AND activo AND rol = 'coordinador'
$$;

CREATE OR REPLACE FUNCTION a3_confiable_de(quien name) RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = quien), false)
        OR pg_catalog.pg_has_role(
            quien,
            (SELECT datdba FROM pg_catalog.pg_database WHERE datname = current_database()),
            'MEMBER')
$$;

CREATE OR REPLACE FUNCTION a3_plaza_a_cargo_de(quien name, p text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM {s}.asesor yo
        WHERE yo.login = quien AND yo.activo AND yo.rol = 'coordinador'
          AND (yo.plaza = p OR NOT EXISTS (
                SELECT 1 FROM {s}.asesor c WHERE c.plaza = p AND c.activo AND c.rol = 'coordinador'))
    )
$$;

CREATE OR REPLACE FUNCTION a3_asesor_actual() RETURNS integer LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$ SELECT {s}.a3_asesor_de(current_user) $$;

CREATE OR REPLACE FUNCTION a3_asesores_visibles() RETURNS integer[] LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$ SELECT {s}.a3_asesores_visibles_de(current_user) $$;

CREATE OR REPLACE FUNCTION a3_plaza_coordinada() RETURNS text LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$ SELECT {s}.a3_plaza_coordinada_de(current_user) $$;

CREATE OR REPLACE FUNCTION a3_confiable() RETURNS boolean LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$ SELECT {s}.a3_confiable_de(current_user) $$;

CREATE OR REPLACE FUNCTION a3_plaza_a_cargo(p text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$ SELECT {s}.a3_plaza_a_cargo_de(current_user, p) $$;

-- Deletes for the office's role: the rows ``ids`` name in ``tabla`` (by ``id``; by the
-- client, the document or the property for the rows that hang off them) that the caller
-- may delete; returns how many went. Rows the caller may not touch are left, as row
-- security would leave them.
CREATE OR REPLACE FUNCTION a3_borrar(tabla text, ids integer[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
DECLARE
    confiable boolean := {s}.a3_confiable_de(session_user);
    visibles integer[] := {s}.a3_asesores_visibles_de(session_user);
    coordinada text := {s}.a3_plaza_coordinada_de(session_user);
    yo integer := {s}.a3_asesor_de(session_user);
    n integer;
BEGIN
    IF NOT confiable THEN
        -- The audit's who and when are the server's (a3_auditoria_firma's rule, which
        -- trusts the owner this function runs as).
        PERFORM set_config('a3.asesor_id', coalesce(yo::text, ''), true);
        PERFORM set_config('a3.ahora', '', true);
    END IF;
    CASE tabla
    WHEN 'nota' THEN
        DELETE FROM {s}.nota t WHERE t.id = ANY (ids)
            AND {_borrable(s, "t.cliente_id")};
    WHEN 'documento' THEN
        DELETE FROM {s}.documento t WHERE t.id = ANY (ids)
            AND {_borrable(s, "t.cliente_id")};
    WHEN 'documento_archivo' THEN
        DELETE FROM {s}.documento_archivo t WHERE t.documento_id = ANY (ids)
            AND EXISTS (SELECT 1 FROM {s}.documento d WHERE d.id = t.documento_id
                        AND {_borrable(s, "d.cliente_id")});
    WHEN 'telefono' THEN
        DELETE FROM {s}.telefono t WHERE t.cliente_id = ANY (ids)
            AND {_borrable(s, "t.cliente_id")};
    WHEN 'cliente_termino' THEN
        DELETE FROM {s}.cliente_termino t WHERE t.cliente_id = ANY (ids)
            AND {_borrable(s, "t.cliente_id")};
    WHEN 'tarea' THEN
        DELETE FROM {s}.tarea t WHERE t.id = ANY (ids)
            AND CASE WHEN t.cliente_id IS NULL THEN confiable OR t.asesor_id = yo
                     ELSE {_borrable(s, "t.cliente_id")} END;
    WHEN 'propiedad_termino' THEN
        -- The inventory is the office's: anyone who may change a property rewrites its words.
        DELETE FROM {s}.propiedad_termino t WHERE t.propiedad_id = ANY (ids);
    WHEN 'suplencia' THEN
        IF NOT confiable AND EXISTS (
            SELECT 1 FROM {s}.suplencia s JOIN {s}.asesor a ON a.id IN (s.titular_id, s.suplente_id)
            WHERE s.id = ANY (ids) AND NOT {s}.a3_plaza_a_cargo_de(session_user, a.plaza)
        ) THEN
            RAISE EXCEPTION 'a3: solo un coordinador de la plaza nombra o quita suplentes'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM {s}.suplencia t WHERE t.id = ANY (ids);
    ELSE
        RAISE EXCEPTION 'a3: a3_borrar no borra de %', tabla USING ERRCODE = 'insufficient_privilege';
    END CASE;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
"""


def _esquema() -> str:
    nombre = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + str(nombre).replace('"', '""') + '"'


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_funciones(_esquema()))
    op.execute("REVOKE ALL ON FUNCTION a3_borrar(text, integer[]) FROM PUBLIC")
    op.execute(
        """
        DO $$
        BEGIN
            EXECUTE format('GRANT EXECUTE ON FUNCTION a3_borrar(text, integer[]) TO %I', a3_rol_equipo());
        END
        $$;
        """
    )
    # From now on the office's role deletes nothing itself: 0016's grants without DELETE.
    op.execute(_conceder(_esquema()))
    op.execute("SELECT a3_conceder_al_equipo()")


def _conceder(s: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION a3_conceder_al_equipo() RETURNS void LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
DECLARE
    equipo text := {s}.a3_rol_equipo();
    tabla record;
    columnas text;
BEGIN
    FOR tabla IN
        SELECT c.oid, c.relname FROM pg_catalog.pg_class c
        WHERE c.relnamespace = '{s}'::regnamespace AND c.relkind IN ('r', 'p')
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
    END LOOP;
END
$$;
"""


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS a3_borrar(text, integer[])")

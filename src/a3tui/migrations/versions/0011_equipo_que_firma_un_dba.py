"""team mode: who you are, what you may change and who did what, decided by the database

Nothing changes on SQLite. On PostgreSQL, against an advisor connecting with ``psql``:

- The policy helpers (``a3_asesor_actual``, ``a3_asesores_visibles``,
  ``a3_plaza_coordinada``) name their tables with the schema and run with a fixed
  ``search_path`` (``pg_temp`` last): a temporary table called ``asesor`` no longer
  stands in for the real one (an advisor who made one read and wrote the whole office).
- ``asesor``, ``suplencia`` and ``ajuste`` are written only as the services allow
  (``services/asesores.py``, ``ajustes.py``), checked by triggers: a coordinator acts on
  the advisors of her plaza (or of a plaza nobody coordinates yet, to open it); an advisor
  changes only their own name and phone; nobody but the database's owner deletes an
  advisor or a property (a3 never does) or changes a login. Every change of those three tables is audited by the
  database itself, whoever makes it (a3 or plain SQL).
- The audit's who and when are the server's: for anyone but the owner and superusers, an
  audit row's ``asesor_id`` is the advisor the connection logs in as and its ``fecha`` the
  server's clock, whatever was sent. A row may name only a client its author can see, and
  a coordinator reads the audit of her plaza (its clients, and the office records its
  people changed), as ``auditoria.list_`` shows it.
- A transfer may be asked for only a client its requester can see, by the requester, from
  the client's advisor; only a coordinator of a plaza involved decides it (the receiving
  plaza approves) and its other fields don't change.
- Sequences can be used (``nextval``) but not read (``last_value``).
- ``a3_duplicado`` answers for ten phones a call at most (what one client has).

The owner and superusers are trusted (``a3_confiable``): PostgreSQL lets them do anything
to the data in any case.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:00:00
"""

from alembic import op


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The duplicate oracle answers for at most this many phones a call (a client's phones;
# store_pg.duplicado_en_la_oficina asks in batches of it), not for a list of a hundred.
MAX_TELEFONOS = 10


def _funciones(s: str) -> str:
    """The helpers, with schema ``s`` named in every table and a fixed search_path."""
    return f"""
CREATE OR REPLACE FUNCTION a3_asesor_actual() RETURNS integer LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT id FROM {s}.asesor WHERE login = current_user AND activo
$$;

CREATE OR REPLACE FUNCTION a3_asesores_visibles() RETURNS integer[] LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT coalesce(array_agg(id), '{{}}') FROM (
        SELECT yo.id FROM {s}.asesor yo WHERE yo.login = current_user AND yo.activo
        UNION
        SELECT s.titular_id FROM {s}.suplencia s JOIN {s}.asesor yo ON yo.id = s.suplente_id
        WHERE yo.login = current_user AND yo.activo AND current_date BETWEEN s.desde AND s.hasta
    ) visibles
$$;

CREATE OR REPLACE FUNCTION a3_plaza_coordinada() RETURNS text LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT plaza FROM {s}.asesor WHERE login = current_user AND activo AND rol = 'coordinador'
$$;

-- The database's owner (or a member of its role) and superusers: PostgreSQL exempts them
-- from row security, and a3 trusts what they send.
CREATE FUNCTION a3_confiable() RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), false)
        OR pg_catalog.pg_has_role(
            current_user,
            (SELECT datdba FROM pg_catalog.pg_database WHERE datname = current_database()),
            'MEMBER')
$$;

-- Whether the current role, an active coordinator, acts on plaza ``p``: hers, or one that
-- no active coordinator has yet (someone opens a new plaza). services/asesores.a_cargo.
CREATE FUNCTION a3_plaza_a_cargo(p text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = {s}, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM {s}.asesor yo
        WHERE yo.login = current_user AND yo.activo AND yo.rol = 'coordinador'
          AND (yo.plaza = p OR NOT EXISTS (
                SELECT 1 FROM {s}.asesor c WHERE c.plaza = p AND c.activo AND c.rol = 'coordinador'))
    )
$$;

CREATE FUNCTION a3_negar(que text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a3: %', que USING ERRCODE = 'insufficient_privilege';
END
$$;

-- asesor: what services/asesores.py allows, for anyone but the trusted.
CREATE FUNCTION a3_asesor_guardia() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
BEGIN
    IF {s}.a3_confiable() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM {s}.a3_negar('solo el administrador borra asesores');
    ELSIF TG_OP = 'INSERT' THEN
        IF NOT {s}.a3_plaza_a_cargo(NEW.plaza) THEN
            PERFORM {s}.a3_negar('solo un coordinador de la plaza agrega asesores en ella');
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.login IS DISTINCT FROM OLD.login
       OR NEW.creado IS DISTINCT FROM OLD.creado THEN
        PERFORM {s}.a3_negar('el login de un asesor no cambia');
    END IF;
    IF OLD.login = current_user AND OLD.activo AND NEW.activo
       AND NEW.rol IS NOT DISTINCT FROM OLD.rol AND NEW.plaza IS NOT DISTINCT FROM OLD.plaza THEN
        RETURN NEW;  -- their own name and phone
    END IF;
    IF NOT ({s}.a3_plaza_a_cargo(OLD.plaza) AND {s}.a3_plaza_a_cargo(NEW.plaza)) THEN
        PERFORM {s}.a3_negar('solo un coordinador de la plaza cambia a sus asesores');
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION a3_suplencia_guardia() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
DECLARE
    fila record;
BEGIN
    IF {s}.a3_confiable() THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    FOR fila IN
        SELECT a.plaza FROM {s}.asesor a
        WHERE a.id IN (OLD.titular_id, OLD.suplente_id, NEW.titular_id, NEW.suplente_id)
    LOOP
        IF NOT {s}.a3_plaza_a_cargo(fila.plaza) THEN
            PERFORM {s}.a3_negar('solo un coordinador de la plaza nombra o quita suplentes');
        END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF {s}.a3_plaza_coordinada() IS NULL THEN
        PERFORM {s}.a3_negar('solo un coordinador nombra suplentes');
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.creada_por_id := {s}.a3_asesor_actual();
        NEW.creada := localtimestamp(0);
    ELSIF NEW.creada_por_id IS DISTINCT FROM OLD.creada_por_id OR NEW.creada IS DISTINCT FROM OLD.creada THEN
        PERFORM {s}.a3_negar('quién nombró una suplencia no cambia');
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION a3_ajuste_guardia() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
BEGIN
    IF NOT {s}.a3_confiable() AND {s}.a3_plaza_coordinada() IS NULL THEN
        PERFORM {s}.a3_negar('solo un coordinador cambia los ajustes de la oficina');
    END IF;
    RETURN coalesce(NEW, OLD);
END
$$;

-- One audit row per changed row of asesor, suplencia or ajuste, written by the database
-- (a3's own audit leaves these tables to it on PostgreSQL): the fields before → after, as
-- services/auditoria.py writes them. Who and when: what a3 says it is (``a3.asesor_id``,
-- ``a3.ahora``), which the audit's own trigger replaces for anyone but the trusted.
CREATE FUNCTION a3_auditar() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
DECLARE
    viejo jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    nuevo jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    accion text := CASE TG_OP WHEN 'INSERT' THEN 'alta' WHEN 'UPDATE' THEN 'cambio' ELSE 'baja' END;
    cambios jsonb;
BEGIN
    SELECT jsonb_object_agg(k, jsonb_build_array(viejo -> k, nuevo -> k)) INTO cambios
    FROM jsonb_object_keys(coalesce(nuevo, viejo)) AS k
    WHERE k NOT IN ('id', 'creado', 'creada', 'actualizado')
      AND CASE accion
          WHEN 'alta' THEN coalesce(nuevo -> k, 'null') NOT IN ('null', '""')
          WHEN 'baja' THEN coalesce(viejo -> k, 'null') <> 'null'
          ELSE (viejo -> k) IS DISTINCT FROM (nuevo -> k) OR (TG_TABLE_NAME = 'ajuste' AND k = 'clave')
      END;
    IF accion = 'cambio' AND (cambios IS NULL OR cambios - 'clave' = '{{}}') THEN
        RETURN NULL;
    END IF;
    INSERT INTO {s}.auditoria (fecha, asesor_id, accion, entidad, entidad_id, cliente_id, detalle)
    VALUES (
        coalesce(nullif(current_setting('a3.ahora', true), '')::timestamp, localtimestamp(0)),
        coalesce(nullif(current_setting('a3.asesor_id', true), '')::integer, {s}.a3_asesor_actual()),
        accion, TG_TABLE_NAME,
        CASE WHEN TG_TABLE_NAME = 'ajuste' THEN NULL ELSE (coalesce(nuevo, viejo) ->> 'id')::integer END,
        NULL, cambios::text);
    RETURN NULL;
END
$$;

-- The audit's who and when come from the server for anyone but the trusted.
CREATE FUNCTION a3_auditoria_firma() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
BEGIN
    IF NOT {s}.a3_confiable() THEN
        NEW.asesor_id := {s}.a3_asesor_actual();
        NEW.fecha := localtimestamp(0);
    END IF;
    RETURN NEW;
END
$$;

-- A transfer's decision is a coordinator's of a plaza it involves (the receiving one
-- approves: services/transferencias.aprobar); what was asked doesn't change.
CREATE FUNCTION a3_transferencia_guardia() RETURNS trigger LANGUAGE plpgsql
SET search_path = {s}, pg_temp AS $$
DECLARE
    de_plaza text := (SELECT plaza FROM {s}.asesor WHERE id = OLD.de_asesor_id);
    a_plaza text := (SELECT plaza FROM {s}.asesor WHERE id = OLD.a_asesor_id);
    mia text := {s}.a3_plaza_coordinada();
BEGIN
    IF {s}.a3_confiable() THEN
        RETURN NEW;
    END IF;
    IF (NEW.cliente_id, NEW.de_asesor_id, NEW.a_asesor_id, NEW.motivo, NEW.solicitada_por_id, NEW.solicitada_en)
       IS DISTINCT FROM
       (OLD.cliente_id, OLD.de_asesor_id, OLD.a_asesor_id, OLD.motivo, OLD.solicitada_por_id, OLD.solicitada_en) THEN
        PERFORM {s}.a3_negar('lo que se pidió en una transferencia no cambia');
    END IF;
    IF NEW.estado IS DISTINCT FROM OLD.estado OR NEW.resuelta_por_id IS DISTINCT FROM OLD.resuelta_por_id THEN
        IF mia IS NULL OR (mia IS DISTINCT FROM de_plaza AND mia IS DISTINCT FROM a_plaza) THEN
            PERFORM {s}.a3_negar('solo un coordinador de la plaza decide una transferencia');
        END IF;
        IF NEW.estado = 'aprobada' AND mia IS DISTINCT FROM a_plaza THEN
            PERFORM {s}.a3_negar('una transferencia la aprueba la plaza que recibe al cliente');
        END IF;
        IF NEW.resuelta_por_id IS NOT NULL AND NEW.resuelta_por_id IS DISTINCT FROM {s}.a3_asesor_actual() THEN
            PERFORM {s}.a3_negar('quien decide una transferencia es quien la resuelve');
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION a3_duplicado(numeros text[], correo text, excluir integer)
RETURNS TABLE (cliente_id integer, asesor_id integer, por_correo boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp AS $body$
    SELECT c.id, c.asesor_id, (correo IS NOT NULL AND c.email = correo)
    FROM {s}.cliente c
    WHERE c.fusionado_en_id IS NULL AND c.id IS DISTINCT FROM excluir
      AND (c.id IN (SELECT t.cliente_id FROM {s}.telefono t WHERE t.numero = ANY(numeros[1:{MAX_TELEFONOS}]))
           OR (correo IS NOT NULL AND c.email = correo))
    ORDER BY c.id
    LIMIT 1
$body$;
"""


_AUDITORIA_LECTURA_0009 = (
    "asesor_id = a3_asesor_actual() OR EXISTS (SELECT 1 FROM cliente c WHERE c.id = auditoria.cliente_id) "
    "OR EXISTS (SELECT 1 FROM asesor yo WHERE yo.login = current_user AND yo.activo AND yo.rol = 'coordinador')"
)
_AUDITORIA_LECTURA = (
    "asesor_id = (SELECT a3_asesor_actual()) "
    "OR (cliente_id IS NOT NULL AND EXISTS (SELECT 1 FROM cliente c WHERE c.id = auditoria.cliente_id)) "
    "OR (cliente_id IS NULL AND EXISTS (SELECT 1 FROM asesor a WHERE a.id = auditoria.asesor_id "
    "AND a.plaza = (SELECT a3_plaza_coordinada())))"
)
_AUDITORIA_ALTA = "cliente_id IS NULL OR EXISTS (SELECT 1 FROM cliente c WHERE c.id = auditoria.cliente_id)"

_TRANSFERENCIA_VISIBLE = (
    "EXISTS (SELECT 1 FROM cliente c WHERE c.id = transferencia.cliente_id)"
    " OR (SELECT a3_asesor_actual()) IN (de_asesor_id, a_asesor_id, solicitada_por_id)"
    " OR EXISTS (SELECT 1 FROM asesor a WHERE a.id IN (de_asesor_id, a_asesor_id)"
    " AND a.plaza = (SELECT a3_plaza_coordinada()))"
)
# Asked by its requester, for a client they see, from that client's advisor.
_TRANSFERENCIA_ALTA = (
    "solicitada_por_id = (SELECT a3_asesor_actual())"
    " AND EXISTS (SELECT 1 FROM cliente c WHERE c.id = transferencia.cliente_id"
    " AND c.asesor_id = transferencia.de_asesor_id)"
)

# Trigger (named as its function) → its table and when it fires.
GUARDIAS = {
    "a3_asesor_guardia": ("asesor", "BEFORE INSERT OR UPDATE OR DELETE"),
    "a3_suplencia_guardia": ("suplencia", "BEFORE INSERT OR UPDATE OR DELETE"),
    "a3_ajuste_guardia": ("ajuste", "BEFORE INSERT OR UPDATE OR DELETE"),
    "a3_auditoria_firma": ("auditoria", "BEFORE INSERT"),
    "a3_transferencia_guardia": ("transferencia", "BEFORE UPDATE"),
}
AUDITADAS_POR_LA_BASE = ("asesor", "suplencia", "ajuste")


def _esquema() -> str:
    nombre = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + str(nombre).replace('"', '""') + '"'


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_funciones(_esquema()))
    for nombre, (tabla, cuando) in GUARDIAS.items():
        op.execute(f"CREATE TRIGGER {nombre} {cuando} ON {tabla} FOR EACH ROW EXECUTE FUNCTION {nombre}()")
    for tabla in AUDITADAS_POR_LA_BASE:
        op.execute(
            f"CREATE TRIGGER a3_auditar AFTER INSERT OR UPDATE OR DELETE ON {tabla} "
            "FOR EACH ROW EXECUTE FUNCTION a3_auditar()"
        )
    op.execute("DROP POLICY a3_equipo_alta ON auditoria")
    op.execute(f"CREATE POLICY a3_equipo_alta ON auditoria FOR INSERT WITH CHECK ({_AUDITORIA_ALTA})")
    op.execute("DROP POLICY a3_equipo_lectura ON auditoria")
    op.execute(f"CREATE POLICY a3_equipo_lectura ON auditoria FOR SELECT USING ({_AUDITORIA_LECTURA})")
    op.execute("DROP POLICY a3_equipo ON transferencia")
    op.execute(f"CREATE POLICY a3_equipo_lectura ON transferencia FOR SELECT USING ({_TRANSFERENCIA_VISIBLE})")
    op.execute(f"CREATE POLICY a3_equipo_alta ON transferencia FOR INSERT WITH CHECK ({_TRANSFERENCIA_ALTA})")
    op.execute(
        f"CREATE POLICY a3_equipo_cambio ON transferencia FOR UPDATE USING ({_TRANSFERENCIA_VISIBLE}) "
        f"WITH CHECK ({_TRANSFERENCIA_VISIBLE})"
    )
    op.execute(
        """
        DO $$
        BEGIN
            EXECUTE format('REVOKE SELECT ON ALL SEQUENCES IN SCHEMA %I FROM %I', current_schema(), a3_rol_equipo());
            EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), a3_rol_equipo());
            EXECUTE format('REVOKE DELETE ON asesor, propiedad FROM %I', a3_rol_equipo());
        END
        $$;
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        DO $$
        BEGIN
            EXECUTE format('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), a3_rol_equipo());
            EXECUTE format('GRANT DELETE ON asesor, propiedad TO %I', a3_rol_equipo());
        END
        $$;
        """
    )
    for tabla in AUDITADAS_POR_LA_BASE:
        op.execute(f"DROP TRIGGER IF EXISTS a3_auditar ON {tabla}")
    for nombre, (tabla, _cuando) in GUARDIAS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {nombre} ON {tabla}")
    for politica in ("a3_equipo_lectura", "a3_equipo_alta", "a3_equipo_cambio"):
        op.execute(f"DROP POLICY IF EXISTS {politica} ON transferencia")
    op.execute(
        f"CREATE POLICY a3_equipo ON transferencia USING ({_TRANSFERENCIA_VISIBLE}) "
        f"WITH CHECK ({_TRANSFERENCIA_VISIBLE})"
    )
    op.execute("DROP POLICY a3_equipo_lectura ON auditoria")
    op.execute(f"CREATE POLICY a3_equipo_lectura ON auditoria FOR SELECT USING ({_AUDITORIA_LECTURA_0009})")
    op.execute("DROP POLICY a3_equipo_alta ON auditoria")
    op.execute("CREATE POLICY a3_equipo_alta ON auditoria FOR INSERT WITH CHECK (true)")
    for funcion in (
        "a3_auditar()", "a3_auditoria_firma()", "a3_transferencia_guardia()", "a3_asesor_guardia()",
        "a3_suplencia_guardia()", "a3_ajuste_guardia()", "a3_negar(text)", "a3_plaza_a_cargo(text)",
        "a3_confiable()",
    ):  # fmt: skip
        op.execute(f"DROP FUNCTION IF EXISTS {funcion}")
    # The helpers as 0009 made them: the caller's search_path.
    for funcion in ("a3_asesor_actual()", "a3_asesores_visibles()", "a3_plaza_coordinada()"):
        op.execute(f"ALTER FUNCTION {funcion} RESET ALL")

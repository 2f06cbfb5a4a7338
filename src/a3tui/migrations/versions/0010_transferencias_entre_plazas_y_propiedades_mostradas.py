"""team mode: transfers between plazas; an index for the properties shown in the ficha

- ``ix_mostrada_actividad`` (both engines): the ficha looks up the properties shown in
  each activity of its history by ``actividad_id``; without the index, a scan of every
  property ever shown (and, under row-level security, a plan that walked the whole
  inventory: 42 ms of an 80 ms ficha at 20,000 clients).
- On PostgreSQL, the policies follow the services' transfer rule
  (services/transferencias.py): a client asked to move to another plaza is visible to
  that plaza's coordinators while the request waits (they decide, so they read the client
  and, approving, change it); and a transfer is visible to whoever is part of it (asked
  for it, gives or receives the client) and to the coordinators of both plazas, as
  ``transferencias.list_`` shows it, even once the client has left.
- On PostgreSQL, search under row-level security reads the advisor's portfolio, not the
  office: a search matches many rows of the term index (``cliente_termino``), and its
  policy («the client is visible») was computed by reading every client of the office and
  keeping the visible ones (a hashed sub-plan over a scan of ``cliente``: 10 ms a statement
  at 20,000 clients, five times that at 100,000). Its policy now builds the visible set
  from an index on the client's advisor (``ix_cliente_asesor``, PostgreSQL only: SQLite has
  no policies), the coordinated plaza only for a coordinator, and the clients waiting to
  be received. The other tables keep the per-row check, which is cheaper for the few rows
  of one client that they are read by.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 03:40:00
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# The clients waiting to move into the plaza the logged-in role coordinates. It runs as the
# database's owner (a pending transfer's client isn't visible to that coordinator yet), so
# it asks for ``session_user`` (inside it ``current_user`` is the owner) and answers only
# client ids.
POR_RECIBIR = """
DO $$
BEGIN
    EXECUTE format($f$
        CREATE FUNCTION a3_clientes_por_recibir() RETURNS integer[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS $body$
            SELECT coalesce(array_agg(t.cliente_id), '{}')
            FROM transferencia t JOIN asesor destino ON destino.id = t.a_asesor_id
            WHERE t.estado = 'solicitada'
              AND destino.plaza = (SELECT plaza FROM asesor
                                   WHERE login = session_user AND activo AND rol = 'coordinador')
        $body$
    $f$, current_schema());
END
$$;
"""

_CLIENTE_VISIBLE = (
    "asesor_id = ANY ((SELECT a3_asesores_visibles())::integer[]) OR plaza = (SELECT a3_plaza_coordinada())"
    " OR id = ANY ((SELECT a3_clientes_por_recibir())::integer[])"
)
_CLIENTE_VISIBLE_0009 = (
    "asesor_id = ANY ((SELECT a3_asesores_visibles())::integer[]) OR plaza = (SELECT a3_plaza_coordinada())"
)

_TRANSFERENCIA_VISIBLE = (
    "EXISTS (SELECT 1 FROM cliente c WHERE c.id = transferencia.cliente_id)"
    " OR (SELECT a3_asesor_actual()) IN (de_asesor_id, a_asesor_id, solicitada_por_id)"
    " OR EXISTS (SELECT 1 FROM asesor a WHERE a.id IN (de_asesor_id, a_asesor_id)"
    " AND a.plaza = (SELECT a3_plaza_coordinada()))"
)


# The term index's rows, visible when their client is: the same rule as ``cliente``'s
# policy, written as a set each part of which an index finds (see the docstring).
_TERMINO_VISIBLE = (
    "cliente_id IN ("
    "SELECT c.id FROM cliente c WHERE c.asesor_id = ANY ((SELECT a3_asesores_visibles())::integer[])"
    " UNION ALL SELECT c.id FROM cliente c"
    " WHERE (SELECT a3_plaza_coordinada()) IS NOT NULL AND c.plaza = (SELECT a3_plaza_coordinada())"
    " UNION ALL SELECT unnest((SELECT a3_clientes_por_recibir())::integer[]))"
)
_TERMINO_VISIBLE_0009 = "EXISTS (SELECT 1 FROM cliente c WHERE c.id = cliente_termino.cliente_id)"


def _politica(tabla: str, condicion: str) -> None:
    op.execute(f"DROP POLICY a3_equipo ON {tabla}")
    op.execute(f"CREATE POLICY a3_equipo ON {tabla} USING ({condicion}) WITH CHECK ({condicion})")


def upgrade() -> None:
    op.create_index("ix_mostrada_actividad", "propiedad_mostrada", ["actividad_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(POR_RECIBIR)
    _politica("cliente", _CLIENTE_VISIBLE)
    _politica("transferencia", _TRANSFERENCIA_VISIBLE)
    op.create_index("ix_cliente_asesor", "cliente", ["asesor_id"])
    _politica("cliente_termino", _TERMINO_VISIBLE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _politica("cliente_termino", _TERMINO_VISIBLE_0009)
        op.drop_index("ix_cliente_asesor", table_name="cliente")
        _politica("transferencia", "EXISTS (SELECT 1 FROM cliente c WHERE c.id = transferencia.cliente_id)")
        _politica("cliente", _CLIENTE_VISIBLE_0009)
        op.execute("DROP FUNCTION IF EXISTS a3_clientes_por_recibir()")
    op.drop_index("ix_mostrada_actividad", table_name="propiedad_mostrada")

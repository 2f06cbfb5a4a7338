"""Alembic environment: a3 passes an open connection in ``config.attributes``."""

from alembic import context
from sqlmodel import SQLModel

from a3tui import models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - a3 always passes its connection
    raise RuntimeError("a3 migrations run through a3tui.store.migrate()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

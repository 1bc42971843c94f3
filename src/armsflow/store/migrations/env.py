"""Alembic environment: the connection comes from armsflow.store.migrate, the metadata from the schema."""
from alembic import context

from armsflow.store.schema import Base
import armsflow.store.watches  # noqa: E402,F401  (declares the watches table on Base)
import armsflow.store.users  # noqa: E402,F401  (declares users and api_tokens on Base)
import armsflow.store.deliveries  # noqa: E402,F401  (declares monitor_deliveries on Base)

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()

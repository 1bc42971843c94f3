"""Running a store's migrations down to a revision, for the tests that take a migration both ways."""
from __future__ import annotations

from alembic import command

from armsflow.store.migrate import config


def downgrade(engine, revision: str) -> None:
    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)

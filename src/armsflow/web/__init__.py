"""The web dashboard and REST API: the store's evidence one click from every number, for people and notebooks."""
from armsflow.web.app import create_app

__all__ = ["create_app"]

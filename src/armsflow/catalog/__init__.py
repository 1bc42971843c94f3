"""Reference catalogue: states, non-state actors, firms, weapon systems, equipment nouns, regions and blocs."""
from armsflow.catalog.loader import Catalog, CatalogError, load_catalog, validate

__all__ = ["Catalog", "CatalogError", "load_catalog", "validate"]

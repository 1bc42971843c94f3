"""Exporting transfer records: CSV, JSON Lines, Parquet, GraphML and GeoJSON.

Every writer is a pure function over a list of ``TransferRecord`` plus plain lookups (code -> name, code ->
(lat, lon)) and returns how many records it wrote; pyarrow and networkx are imported only by their own writers.
Every shell reaches them through one registry (registry.py: ``FORMATS``, ``write``).
"""
from armsflow.export.geojson import write_geojson
from armsflow.export.graphml import write_graphml
from armsflow.export.lookups import actor_kinds, actor_names
from armsflow.export.parquet import write_parquet
from armsflow.export.registry import FORMATS
from armsflow.export.rows import COLUMNS, record_dict
from armsflow.export.text import write_csv, write_jsonl


__all__ = ["COLUMNS", "FORMATS", "actor_kinds", "actor_names", "record_dict", "write_csv", "write_geojson",
           "write_graphml", "write_jsonl", "write_parquet"]

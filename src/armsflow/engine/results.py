"""What the library returns from a query: a list of typed records that also turns into rows or a data frame.

pandas and polars are optional (the ``dataframes`` extra): they are imported only when a frame is asked for, and a
missing one is one clear ImportError naming the extra.
"""
from __future__ import annotations

from typing import Callable, Generic, Iterable, TypeVar

T = TypeVar("T")


class MissingExtra(ImportError):
    """A data-frame library is not installed."""


def _library(name: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtra(f"{name} is not installed: pip install 'armsflow[dataframes]' (or pip install {name})") \
            from None


class Results(list, Generic[T]):
    """Typed records (dataclasses) in order; ``rows()`` gives them as dicts with the REST API's field names."""

    def __init__(self, items: Iterable[T] = (), to_rows: Callable[[list], list[dict]] | None = None):
        super().__init__(items)
        self._to_rows = to_rows

    def rows(self) -> list[dict]:
        if self._to_rows is not None:
            return self._to_rows(list(self))
        from armsflow.engine.listing import plain_rows

        return plain_rows(self)

    def to_pandas(self):
        """A pandas DataFrame, one row per record (needs pandas)."""
        pd = _library("pandas")
        return pd.DataFrame(self.rows())

    def to_polars(self):
        """A polars DataFrame, one row per record (needs polars)."""
        pl = _library("polars")
        return pl.DataFrame(self.rows(), infer_schema_length=None)

"""Analyses over transfer records.

``shares`` (supplier shares, concentration, bloc alignment), ``entrants``, ``dyads``, ``drones`` and ``network`` are
pure functions of a ``Dataset`` (``analyze.dataset``): the records that a region, a period, an evidence threshold and
a source select, with the register's TIV values beside the register records. ``dataset.load_dataset`` reads the
store through ``store.queries``. Nothing in this package imports ``cli`` or ``web``.
"""

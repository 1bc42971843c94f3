"""The REST API (``/api/v1``), one module per resource; each module's ``router`` is mounted by ``web.app``."""

"""Server-rendered pages, one module per page family; each module's ``router`` is mounted by ``web.app``."""

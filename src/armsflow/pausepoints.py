"""Test-only pause points: a test stops a run at a known moment to kill or interrupt it there, instead of sleeping
and hoping that the moment has come (on a loaded machine that is a race the test loses now and then).

Off unless ``ARMSFLOW_TEST_PAUSE=NAME:N:PATH`` is set (read once, at import; a point then costs a function call).
The N-th time (counting from 1) the process reaches the point called NAME, it writes its pid to PATH and waits
until PATH is removed, then goes on. A signal ends the wait like any other moment of the run: SIGINT raises
KeyboardInterrupt there, SIGKILL kills. The points:

- ``extract.file``: ``armsflow extract``, before each input (N=2: the first one has been dealt with)
- ``ingest.chunk``: the local ingest, after each chunk of documents is committed (or found already stored)
- ``store.documents``: inside the transaction that stores a chunk's new documents, before its commit
- ``ingest.fuse``: after every document is stored, before the records of the pairs marked unfused are fused
- ``store.register``: inside the transaction of a register import, after every row and record is written
- ``monitor.queued``: a monitor cycle has queued its matches, before the watches' marks move (engine/monitor.py)
- ``monitor.deliver``: before each channel's digest is sent (N=2: the first channel has delivered)
"""
from __future__ import annotations

import os
import time

_SPEC = os.environ.get("ARMSFLOW_TEST_PAUSE")
_seen: dict[str, int] = {}


def pause(name: str) -> None:
    """Wait at point ``name`` when the environment asks for it (see the module docstring); else return at once."""
    if _SPEC is None:
        return
    point, count, path = _SPEC.split(":", 2)
    if point != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] != int(count):
        return
    with open(path + ".tmp", "w") as f:          # appears whole: the test may read it at once
        f.write(str(os.getpid()))
    os.replace(path + ".tmp", path)
    while os.path.exists(path):
        time.sleep(0.01)

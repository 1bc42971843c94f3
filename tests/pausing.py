"""Stop a child armsflow process at a named point (src/armsflow/pausepoints.py) before killing or interrupting it:
the signal then lands where the test says, however loaded the machine is."""
from __future__ import annotations

import os
import time
from pathlib import Path

HANG_GUARD = 900          # seconds: only bounds a hang; a loaded machine may take long to get anywhere


def paused_env(env: dict, point: str, n: int, flag: Path) -> dict:
    """``env`` for a child that stops the ``n``-th time it reaches ``point`` and writes ``flag`` when it does."""
    Path(flag).unlink(missing_ok=True)
    return {**env, "ARMSFLOW_TEST_PAUSE": f"{point}:{n}:{flag}"}


def wait_until_paused(proc, flag: Path, guard: float = HANG_GUARD) -> None:
    """Until the child is waiting at its point; an AssertionError (with its stderr) when it ends instead."""
    deadline = time.monotonic() + guard
    while not Path(flag).exists():
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"the run ended (status {proc.returncode}) before it reached its pause point: "
                                 f"{err.decode() if isinstance(err, bytes) else err}")
        assert time.monotonic() < deadline, f"the run did not reach its pause point in {guard} s"
        time.sleep(0.01)
    assert int(Path(flag).read_text()) == proc.pid


def resume(flag: Path) -> None:
    os.unlink(flag)

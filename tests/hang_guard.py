"""Linear-time checks without wall-clock asserts: run the code on an input so large that a quadratic algorithm
would need hours (10^6 characters: ~10^12 steps), in a fresh interpreter, with a timeout that only bounds a hang.
A linear one finishes in seconds even on a loaded machine; the timeout is far above that and far below the hours."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

HANG = 600          # seconds: a hang, not a slow run


def run_bounded(code: str, timeout: float = HANG):
    """Run ``code`` (which prints one JSON value last) in a new Python; returns that value. Fails on a hang."""
    try:
        proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running after {timeout} s: not linear") from None
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])

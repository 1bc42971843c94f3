"""Running a command with one of its output streams on a pseudo-terminal, as a person at a shell would see it."""
from __future__ import annotations

import os
import pty
import subprocess


def on_terminal(cmd: list[str], env: dict, stream: str = "stdout", timeout: float = 600) -> tuple[int, str, str]:
    """Run ``cmd`` with ``stream`` ("stdout" or "stderr") on a pseudo-terminal and the other piped: (exit status,
    stdout, stderr) as text."""
    primary, secondary = pty.openpty()
    try:
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: secondary}
        proc = subprocess.Popen(cmd, stdout=pipes["stdout"], stderr=pipes["stderr"], env=env)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:                # the terminal's other end is closed: everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
        piped = (proc.stderr if stream == "stdout" else proc.stdout).read().decode("utf-8", "replace")
        proc.wait(timeout=timeout)
    finally:
        os.close(primary)
    shown = b"".join(chunks).decode("utf-8", "replace")
    return (proc.returncode, shown, piped) if stream == "stdout" else (proc.returncode, piped, shown)

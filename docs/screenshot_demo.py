"""The README's picture of the demo: ``python docs/screenshot_demo.py`` writes docs/demo-overview.png.

Builds the demo store (``armsflow demo --no-serve``) in a temporary folder and takes its overview page with
docs/screenshots.py (headless Chromium over ``armsflow serve``). Rerun it after changing the overview.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    target = HERE / "demo-overview.png"
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "armsflow", "demo", "--no-serve", "--dir", str(store)], check=True)
        subprocess.run([sys.executable, str(HERE / "screenshots.py"), "--db", str(store / "store.sqlite"),
                        "--out", tmp, "--only", "overview", "--state", "POL"], check=True)
        shutil.move(Path(tmp) / "overview.png", target)
    print(target)


if __name__ == "__main__":
    main()

"""Briefings rendered to PNG, to look at them as a reader would (and for the pictures in the README).

- ``pdf_to_pngs``: each PDF page as a PNG, with pypdfium2 (a wheel that bundles PDFium; no system packages).
- ``pdf_overview``: the first pages of a PDF side by side in one PNG.
- ``html_to_png``: a screenshot of the HTML page by headless Chromium (Debian's ``chromium``), offline: the
  browser gets flags that stop its own background traffic, and the page itself loads nothing.

    python -m armsflow.report.render brief.pdf out.png [--pages 3]
    python -m armsflow.report.render brief.html out.png [--width 1200 --height 2400]
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class RenderError(RuntimeError):
    pass


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) binary: ``$ARMSFLOW_CHROMIUM``, else the first on PATH, else None."""
    env = os.environ.get("ARMSFLOW_CHROMIUM")
    if env and Path(env).is_file() and os.access(env, os.X_OK):
        return env
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_png(html: str | Path, out: str | Path, width: int = 1200, height: int = 2400,
                timeout: float = 120, chromium: str | None = None) -> Path:
    """Screenshot the HTML file ``html`` into ``out`` at ``width`` × ``height`` CSS pixels.

    Raises RenderError when no Chromium is installed (``apt-get install chromium`` on Debian) or it fails.
    """
    binary = chromium or find_chromium()
    if not binary:
        raise RenderError("no Chromium found (Debian/Ubuntu: apt-get install chromium; or set ARMSFLOW_CHROMIUM)")
    src = Path(html).resolve()
    if not src.is_file():
        raise RenderError(f"{html}: no such file")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="armsflow-chromium-") as profile:
        shot = Path(profile) / "shot.png"
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
               "--no-default-browser-check", "--disable-dev-shm-usage",
               f"--user-data-dir={profile}", f"--screenshot={shot}", f"--window-size={int(width)},{int(height)}",
               src.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise RenderError(f"chromium took longer than {timeout:g} s") from None
        except OSError as exc:
            raise RenderError(f"chromium could not start: {exc}") from None
        if proc.returncode != 0 or not shot.is_file() or shot.stat().st_size == 0:
            tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
            raise RenderError(f"chromium failed (exit {proc.returncode}): {' | '.join(tail)}")
        shutil.move(str(shot), out)
    return out


def pdf_to_pngs(pdf: str | Path, out_dir: str | Path, scale: float = 1.5, pages: int | None = None,
                stem: str = "page") -> list[Path]:
    """Each page of ``pdf`` (the first ``pages`` of them) as ``out_dir/page-N.png``; ``scale`` 1 = 72 dpi."""
    import pypdfium2 as pdfium

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    written = []
    try:
        count = len(doc) if pages is None else min(pages, len(doc))
        for i in range(count):
            page = doc[i]
            image = page.render(scale=scale).to_pil()
            path = out_dir / f"{stem}-{i + 1}.png"
            image.save(path, optimize=True)
            written.append(path)
            page.close()
    finally:
        doc.close()
    return written


def pdf_overview(pdf: str | Path, out: str | Path, pages: int = 3, scale: float = 1.3, gap: int = 24) -> Path:
    """The first ``pages`` pages of ``pdf`` side by side on a grey background, in one PNG."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(str(pdf))
    try:
        images = [doc[i].render(scale=scale).to_pil().convert("RGB") for i in range(min(pages, len(doc)))]
    finally:
        doc.close()
    if not images:
        raise RenderError(f"{pdf}: the PDF has no pages")
    w = sum(im.width for im in images) + gap * (len(images) + 1)
    h = max(im.height for im in images) + 2 * gap
    sheet = Image.new("RGB", (w, h), (200, 205, 210))
    x = gap
    for im in images:
        shadow = Image.new("RGB", (im.width, im.height), (150, 155, 160))
        sheet.paste(shadow, (x + 4, gap + 4))
        sheet.paste(im, (x, gap))
        x += im.width + gap
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m armsflow.report.render",
                                 description="Render a briefing (PDF or HTML) to PNG.")
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=3, help="PDF: pages side by side (default 3)")
    ap.add_argument("--width", type=int, default=1200, help="HTML: window width (default 1200)")
    ap.add_argument("--height", type=int, default=2400, help="HTML: window height (default 2400)")
    args = ap.parse_args(argv)
    try:
        if args.src.lower().endswith(".pdf"):
            print(pdf_overview(args.src, args.out, pages=args.pages))
        else:
            print(html_to_png(args.src, args.out, width=args.width, height=args.height))
    except RenderError as exc:
        print(f"armsflow: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Small charts drawn by the server as inline SVG, styled by classes from armsflow.css.

The site's Content-Security-Policy allows no inline style (no ``style=`` attribute, no ``<style>`` element), so the
charts here carry geometry and class names only, and every piece of text is escaped (``Markup.format`` escapes its
arguments). ``csp_safe_svg`` makes a briefing chart drawn by matplotlib (report/charts.py) obey the same rule:
its ``style`` attributes become SVG presentation attributes, which no CSP governs.

The overview's flow map, which has more to it, is in web/flowmap.py.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape


def bar(fraction: float | None, width: int = 120, height: int = 10, label: str = "") -> Markup:
    """A horizontal bar for a table cell: ``fraction`` (0..1) of ``width`` filled. Pages draw hundreds of them, so the
    SVG is one f-string of numbers; only a given ``label`` is text, and it is escaped."""
    f = 0.0 if fraction is None or fraction != fraction else max(0.0, min(1.0, float(fraction)))
    w, h = int(width), int(height)
    lab = escape(label) if label else f"{100 * f:.0f}%"
    return Markup(f'<svg class="bar" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{lab}">'
                  f'<rect class="bar-bg" x="0" y="0" width="{w}" height="{h}" rx="2"></rect>'
                  f'<rect class="bar-fill" x="0" y="0" width="{f * w:.1f}" height="{h}" rx="2"></rect></svg>')


# --- briefing charts under a strict CSP ------------------------------------------------------------------------------

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_EL = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
# properties that SVG also accepts as attributes (a presentation attribute is not "inline style" to a CSP)
_PRESENTATION = {"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
                 "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
                 "clip-path", "clip-rule", "mask", "font-family", "font-size", "font-weight", "font-style",
                 "text-anchor", "dominant-baseline", "visibility", "display", "color", "marker-start", "marker-mid",
                 "marker-end", "paint-order", "vector-effect", "shape-rendering", "letter-spacing"}


def _attrs(declarations: str) -> str:
    out = []
    for decl in declarations.split(";"):
        if ":" not in decl:
            continue
        prop, value = (p.strip() for p in decl.split(":", 1))
        if prop.lower() in _PRESENTATION and value and '"' not in value:
            out.append(f' {prop.lower()}="{value}"')
    return "".join(out)


def csp_safe_svg(svg: str) -> str:
    """``svg`` with every ``style`` attribute turned into presentation attributes and ``<style>`` elements removed
    (matplotlib's only rule, ``*{stroke-linecap:butt;stroke-linejoin:round}``, moves to the root element, whence
    it is inherited)."""
    root_rules = "".join(_attrs(body.split("{", 1)[1].rsplit("}", 1)[0]) for body in _STYLE_EL.findall(svg)
                         if "{" in body and body.strip().startswith("*"))
    svg = _STYLE_EL.sub("", svg)
    svg = _STYLE_ATTR.sub(lambda m: _attrs(m.group(1)), svg)
    if root_rules:
        svg = svg.replace("<svg", "<svg" + root_rules, 1)
    return svg

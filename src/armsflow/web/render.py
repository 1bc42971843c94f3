"""Server-side rendering: one Jinja environment with autoescape on, and the few helpers templates need.

Everything a template prints is escaped unless it went through ``highlight`` (which escapes each piece itself) or
is a chart the server drew. Templates never mark document text ``|safe``.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from armsflow.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Path(__file__).parent / "templates"
STATUS_ORDER = ["interest", "negotiating", "ordered", "delivered", "cancelled"]


def highlight(text: str, spans) -> Markup:
    """``text`` escaped, with each (start, end[, css class, title]) span wrapped in <mark>; overlaps are merged."""
    spans = sorted((s[0], s[1], *s[2:]) for s in spans if 0 <= s[0] < s[1] <= len(text))
    out, pos = [], 0
    for span in spans:
        start, end = span[0], span[1]
        if start < pos:                       # overlapping evidence: extend the previous mark instead
            start = pos
            if start >= end:
                continue
        css = span[2] if len(span) > 2 else ""
        title = span[3] if len(span) > 3 else ""
        anchor = span[4] if len(span) > 4 else ""
        out.append(escape(text[pos:start]))
        attrs = Markup("")
        if css:
            attrs += Markup(' class="{}"').format(css)
        if title:
            attrs += Markup(' title="{}"').format(title)
        if anchor:
            attrs += Markup(' id="{}"').format(anchor)
        out.append(Markup("<mark{}>{}</mark>").format(attrs, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def segments(parts) -> Markup:
    """A search snippet given as (text, is_match) pieces, escaped, matches in <mark>."""
    return Markup("").join(Markup("<mark>{}</mark>").format(t) if hit else escape(t) for t, hit in parts)


def make_templates(names: dict[str, str]) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.auto_reload = False          # templates ship with the package: no stat() of the file on every page
    env.globals["actor_name"] = lambda code: names.get(code, code) if code else "unknown"
    env.globals["STATUS_ORDER"] = STATUS_ORDER
    env.globals["CSRF_FIELD"] = CSRF_FIELD
    env.globals["query"] = _query
    env.filters["highlight"] = highlight
    env.filters["segments"] = segments
    env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.0f}%"
    env.filters["num"] = lambda x: "–" if x is None else f"{x:,}"
    return templates


def _query(request: Request, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a key): links that keep the filters."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = v
    return "?" + urlencode(params) if params else "?"


def context(request: Request, **values) -> dict:
    """What every page template gets: the request, the viewer and a CSRF token for its forms."""
    from armsflow.web.deps import viewer

    v = viewer(request)
    values.setdefault("viewer", v)
    wants = v.signed_in or values.pop("needs_csrf", False)     # anonymous readers get no cookie at all
    values["csrf"] = csrf_token(request.session) if wants and "session" in request.scope else ""
    values["require_login"] = request.app.state.settings.require_login
    return values


def page(request: Request, template: str, status_code: int = 200, **values):
    return request.app.state.templates.TemplateResponse(request, template, context(request, **values),
                                                        status_code=status_code)

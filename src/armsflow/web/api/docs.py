"""``/api/v1/docs``: an API reference page written by the server from its own OpenAPI spec.

Swagger UI would load scripts from a CDN (no network here) or need inline script (the CSP forbids it); this page
is plain HTML with every string of the spec escaped, styled by one vendored stylesheet, and needs no JavaScript.
The machine-readable spec stays at ``/api/v1/openapi.json``.
"""
from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()
METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(_type(s) for s in schema[key])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    t = schema.get("type", "")
    if t == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if schema.get("format"):
        return f"{t} ({schema['format']})"
    return str(t)


def _limits(schema: dict) -> str:
    bits = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "min length"),
                       ("maxLength", "max length"), ("pattern", "pattern"), ("default", "default")):
        if key in schema:
            bits.append(f"{label} {schema[key]}")
    for sub in schema.get("anyOf", []):
        bits += [b for b in _limits(sub).split("; ") if b and b not in bits]
    return "; ".join(bits)


def _operation(path: str, method: str, op: dict) -> str:
    anchor = escape(op.get("operationId", f"{method}-{path}"))
    out = [f'<section class="op" id="{anchor}"><h3><span class="method method-{method}">{method.upper()}</span> '
           f'<code>{escape(path)}</code></h3>']
    if op.get("summary"):
        out.append(f"<p class=\"summary\">{escape(op['summary'])}</p>")
    if op.get("description"):
        out.append(f"<p>{escape(op['description'])}</p>")
    params = op.get("parameters", [])
    if params:
        out.append("<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th>"
                   "<th>Limits</th><th>Meaning</th></tr></thead><tbody>")
        for p in params:
            schema = p.get("schema", {})
            out.append(f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p.get('in', ''))}</td>"
                       f"<td>{escape(_type(schema))}</td><td>{'yes' if p.get('required') else 'no'}</td>"
                       f"<td>{escape(_limits(schema))}</td>"
                       f"<td>{escape(p.get('description') or schema.get('description') or '')}</td></tr>")
        out.append("</tbody></table>")
    body = op.get("requestBody")
    if body:
        kinds = ", ".join(f"{ct} ({_type(c.get('schema', {}))})" for ct, c in body.get("content", {}).items())
        out.append(f"<p><strong>Body:</strong> {escape(kinds)}</p>")
    responses = op.get("responses", {})
    if responses:
        out.append("<ul class=\"responses\">")
        for status, r in responses.items():
            schema = next(iter(r.get("content", {}).values()), {}).get("schema", {})
            shape = f" — {_type(schema)}" if schema else ""
            out.append(f"<li><code>{escape(str(status))}</code> {escape(r.get('description', ''))}"
                       f"{escape(shape)}</li>")
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _schema(name: str, schema: dict) -> str:
    rows = "".join(f"<tr><td><code>{escape(k)}</code></td><td>{escape(_type(v))}</td>"
                   f"<td>{escape(v.get('description', ''))}</td></tr>"
                   for k, v in schema.get("properties", {}).items())
    return (f'<section class="schema" id="schema-{escape(name)}"><h3>{escape(name)}</h3>'
            f"<p>{escape(schema.get('description', ''))}</p><table><thead><tr><th>Field</th><th>Type</th>"
            f"<th>Meaning</th></tr></thead><tbody>{rows}</tbody></table></section>")


def render(spec: dict) -> str:
    info = spec.get("info", {})
    ops, toc = [], []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                op = item[method]
                anchor = escape(op.get("operationId", f"{method}-{path}"))
                toc.append(f'<li><a href="#{anchor}"><span class="method method-{method}">{method.upper()}</span> '
                           f"<code>{escape(path)}</code></a> {escape(op.get('summary', ''))}</li>")
                ops.append(_operation(path, method, op))
    schemas = "".join(_schema(n, s) for n, s in spec.get("components", {}).get("schemas", {}).items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(info.get('title', 'API'))} API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/apidocs/apidocs.css"></head>
<body><main class="apidocs">
<h1>{escape(info.get('title', ''))} REST API, version {escape(str(info.get('version', '')))}</h1>
<p class="lede">{escape(info.get('summary', ''))} Every endpoint below answers JSON under <code>/api/v1</code>;
the machine-readable spec is <a href="/api/v1/openapi.json">openapi.json</a>.</p>
<h2>Authentication</h2>
<p>Reading needs no login unless the server was started to require one. Writing (posting a document, reviewing a
claim) needs an API token: create one with <code>armsflow user token NAME --label LABEL</code> and send it as
<code>Authorization: Bearer TOKEN</code>. Errors are JSON: <code>{{"detail": ...}}</code>.</p>
<h2>Endpoints</h2><ul class="toc">{''.join(toc)}</ul>
{''.join(ops)}
<h2>Shapes</h2>{schemas}
<p><a href="/">Back to armsflow</a></p>
</main></body></html>"""


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(render(request.app.openapi()))

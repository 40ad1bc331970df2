"""Jinja2 environment (autoescape on for every template) and small formatting filters."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

import orjson
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse

from privacyscope.web.db import cell


def _pretty(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()


def _num(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return "" if value is None else str(value)


def _size(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "bytes" else f"{value:,.1f} {unit}"
        value /= 1024
    return str(n)


def _qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return ("?" + urlencode(merged)) if merged else ""


@cache
def env() -> Environment:
    e = Environment(
        loader=PackageLoader("privacyscope.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters.update(pretty=_pretty, num=_num, size=_size, cell=cell, day=lambda t: (t or "?")[:10])
    e.globals.update(qs=_qs)
    return e


def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env().get_template(template).render(**context), status_code=status_code)

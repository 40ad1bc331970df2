"""HTML (self-contained, offline), PDF (WeasyPrint, same HTML) and JSON renderings of a brief."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import orjson

from privacyscope.brief.model import Brief, brief_to_dict
from privacyscope.errors import InputError
from privacyscope.facts import PLATFORM_NAMES, is_stale

URL_RE = re.compile(r"https?://[^\s)\"'<>]+")
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("privacyscope.brief", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def link_of(source: str) -> str | None:
    """The first http(s) URL in a source string; never javascript:, data: or relative links."""
    match = URL_RE.search(source)
    return match.group(0).rstrip(".,;") if match else None


_ENV.filters["link_of"] = link_of


def _css() -> str:
    return (Path(__file__).parent / "templates" / "brief.css").read_text(encoding="utf-8")


def render_html(brief: Brief) -> str:
    newest = brief.newest_source
    context: dict[str, Any] = {
        "b": brief,
        "css": _css(),
        "names": PLATFORM_NAMES,
        "newest": newest,
        "stale_count": brief.stale_count,
        "statement_count": len(brief.all_statements()),
        "fact_stale": {f.id: is_stale(f, brief.as_of, brief.stale_after_days) for f in brief.cited},
    }
    return _ENV.get_template("brief.html.j2").render(**context)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"offline renderer: refusing to fetch {url[:80]}")


def render_pdf(html: str, out: Path) -> None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # missing pango libraries surface as OSError
        raise InputError(
            f"PDF output needs WeasyPrint and pango ({type(exc).__name__})", path=str(out)
        ) from None
    try:
        HTML(string=html, url_fetcher=_no_fetch).write_pdf(str(out))
    except OSError as exc:
        raise InputError(f"cannot write PDF: {exc.strerror or exc}", path=str(out)) from None


def render_json(brief: Brief) -> bytes:
    return orjson.dumps(brief_to_dict(brief), option=orjson.OPT_INDENT_2)

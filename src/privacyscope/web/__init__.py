"""The local web dashboard (``privacyscope serve``): upload an export, explore the audit.

Starlette + Jinja2, server-rendered pages, one small vendored script for uploads. Binds to
127.0.0.1 only and requires a per-start token on every request. See docs/web.md and
docs/adr/0005-web-dashboard.md.
"""

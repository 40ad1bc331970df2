"""Jinja2 templates of the scanner (package so that setuptools ships them)."""

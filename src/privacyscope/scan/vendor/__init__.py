"""Vendored third-party files (see README.txt)."""

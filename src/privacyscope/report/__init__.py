"""Reporters: every one renders the same AuditResult (terminal, HTML, JSON; SQLite in store)."""

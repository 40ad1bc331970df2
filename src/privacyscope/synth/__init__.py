"""Synthetic data shared by every platform's export generator (no real personal data)."""

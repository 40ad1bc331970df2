"""Errors that end a command with a clear one-line message and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: not an export, broken file, hostile archive. Exit code 2, no traceback."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, where: str | None = None) -> None:
        self.message = message
        self.path = path
        self.where = where
        super().__init__(self.one_line())

    def one_line(self) -> str:
        place = ""
        if self.path:
            place = self.path
            if self.where:
                place += f" ({self.where})"
            place += ": "
        return (place + self.message).replace("\n", " ").replace("\r", " ")


class UsageError(InputError):
    """Wrong options or arguments given by the user."""

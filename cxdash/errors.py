"""Errors the core raises; pages show them translated through their message key."""

from __future__ import annotations

from typing import Any


class CxDashError(Exception):
    """An error a user can read: a catalog key plus the values its message needs."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.key
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.key} ({args})"


class InvalidInput(CxDashError):
    """The user's input (a file, a form, a parameter) cannot be used as it is."""


class StorageError(CxDashError):
    """The workspace database cannot be opened, read or written."""


class NotFound(CxDashError):
    """A record the user asked for does not exist (any more)."""


class StaleEdit(CxDashError):
    """Someone else saved the record after it was loaded; carries the current value."""


class PermissionDenied(CxDashError):
    """The current user's role does not allow this action."""

"""Users, their roles and password hashes, and the login attempts that rate-limit them."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from cxdash.access import Role
from cxdash.errors import InvalidInput
from cxdash.storage.audit import record
from cxdash.storage.db import Store


def users_configured(store: Store) -> bool:
    """Return whether any active user exists (then logging in is required)."""
    return bool(store.scalar("SELECT count(*) FROM users WHERE active"))


def list_users(store: Store) -> pd.DataFrame:
    """Return every user without password hashes."""
    return store.df(
        "SELECT name, display_name, email, role, active, created_at, updated_at"
        " FROM users ORDER BY name"
    )


def find_user(store: Store, *, name: str | None = None, email: str | None = None) -> dict | None:
    """Return one active user's row (with its hash) by name or e-mail, or None."""
    column, value = ("name", name) if name else ("lower(email)", (email or "").lower())
    found = store.df(f"SELECT * FROM users WHERE active AND {column} = ?", [value])
    return None if found.empty else found.iloc[0].to_dict()


def save_user(
    store: Store,
    name: str,
    role: Role,
    password_hash: str | None,
    *,
    display_name: str = "",
    email: str = "",
) -> None:
    """Create a user or update its role, names and (when given) password hash; admins only."""
    if not name.strip():
        raise InvalidInput("users.name_required")
    with store.transaction(Role.ADMIN) as tx:
        exists = tx.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()
        if exists and exists[0]:
            tx.execute(
                "UPDATE users SET role = ?, display_name = ?, email = ?, active = true,"
                " password_hash = coalesce(?, password_hash), updated_at = current_timestamp"
                " WHERE name = ?",
                [str(role), display_name, email, password_hash, name],
            )
        else:
            tx.execute(
                "INSERT INTO users (name, display_name, email, role, password_hash)"
                " VALUES (?, ?, ?, ?, ?)",
                [name, display_name, email, str(role), password_hash],
            )
        record(tx, "user.save", "user", name, role=str(role), password_changed=bool(password_hash))


def deactivate_user(store: Store, name: str) -> None:
    """Switch a user off (kept for the audit trail); admins only."""
    with store.transaction(Role.ADMIN) as tx:
        tx.execute(
            "UPDATE users SET active = false, updated_at = current_timestamp WHERE name = ?", [name]
        )
        record(tx, "user.deactivate", "user", name)


def recent_failures(store: Store, name: str, since: datetime) -> list[datetime]:
    """Return the times of failed logins for name since the given moment, oldest first."""
    rows = store.rows(
        "SELECT attempted_at FROM login_attempts WHERE name = ? AND NOT succeeded"
        " AND attempted_at >= ? ORDER BY attempted_at",
        [name, since],
    )
    return [r[0] for r in rows]


def log_attempt(store: Store, name: str, at: datetime, succeeded: bool) -> None:
    """Record one login attempt (anyone may, since it happens before logging in)."""
    with store.transaction(Role.RESPONDENT) as tx:
        tx.execute("INSERT INTO login_attempts VALUES (?, ?, ?)", [name, at, succeeded])
        if succeeded:
            record(tx, "user.login", "user", name)

"""Logging in: argon2 password hashes, rate-limited attempts, and the actor a login yields."""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cxdash.access import Actor, Role
from cxdash.errors import PermissionDenied
from cxdash.storage import Store
from cxdash.storage.users import find_user, log_attempt, recent_failures

MAX_FAILURES = 5
LOCK_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password (RFC 9106 parameters as argon2-cffi sets them)."""
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Return whether the password matches the stored hash."""
    if not password_hash:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def wait_before_next_try(failures: list[datetime], now: datetime) -> timedelta:
    """Return how long a user must wait: zero until MAX_FAILURES failures fall in the window."""
    recent = [f for f in failures if now - f < LOCK_WINDOW]
    if len(recent) < MAX_FAILURES:
        return timedelta(0)
    return max(recent[-MAX_FAILURES] + LOCK_WINDOW - now, timedelta(0))


def authenticate(store: Store, name: str, password: str, now: datetime) -> Actor:
    """Return the actor for a correct name and password; refuse, and count, anything else."""
    wait = wait_before_next_try(recent_failures(store, name, now - LOCK_WINDOW), now)
    if wait > timedelta(0):
        raise PermissionDenied("auth.locked", minutes=int(wait.total_seconds() // 60) + 1)
    user = find_user(store, name=name)
    ok = user is not None and verify_password(user.get("password_hash"), password)
    log_attempt(store, name, now, ok)
    if not ok or user is None:
        raise PermissionDenied("auth.bad_login")
    return Actor(str(user["name"]), Role(str(user["role"])))


def actor_for_email(store: Store, email: str) -> Actor:
    """Return the actor of a single-sign-on user, who must be registered by e-mail."""
    user = find_user(store, email=email)
    if user is None:
        raise PermissionDenied("auth.sso_unknown", email=email)
    return Actor(str(user["name"]), Role(str(user["role"])))

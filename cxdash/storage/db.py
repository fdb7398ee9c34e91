"""The DuckDB connection of a workspace: cursors, write transactions and named migrations."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cxdash.access import Role, current_actor
from cxdash.errors import PermissionDenied, StorageError

_CONTEXTLIB = contextmanager.__code__.co_filename
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_AUDIT = threading.local()
_LOCKED_HINTS = ("could not set lock", "conflicting lock", "resource temporarily unavailable")
_READONLY_HINTS = ("read-only file system", "permission denied", "read only")
_FULL_HINTS = ("no space left", "disk full")
_CORRUPT_HINTS = ("not a valid duckdb", "corrupt", "invalid magic", "unsupported version")


def storage_error(exc: BaseException, path: Path | str) -> StorageError:
    """Return the translated storage error that explains a DuckDB failure on path."""
    text = str(exc).lower()
    for hints, key in (
        (_LOCKED_HINTS, "storage.in_use"),
        (_FULL_HINTS, "storage.disk_full"),
        (_READONLY_HINTS, "storage.read_only"),
        (_CORRUPT_HINTS, "storage.corrupt"),
    ):
        if any(h in text for h in hints):
            return StorageError(key, path=str(path))
    return StorageError("storage.failed", path=str(path), detail=str(exc)[:300])


@dataclass(frozen=True)
class Migration:
    """One named schema step: its file name (the order) and its SQL."""

    name: str
    sql: str


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Return the schema steps in the order they apply (by file name)."""
    files = sorted(directory.glob("*.sql"))
    return [Migration(p.stem, p.read_text(encoding="utf-8")) for p in files]


def mark_audited() -> None:
    """Tell the running transaction that its body wrote its own audit entry."""
    _AUDIT.recorded = True


def _caller_name() -> str:
    frame = sys._getframe(1)
    while frame and frame.f_code.co_filename in (__file__, _CONTEXTLIB):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "unknown"
    module = frame.f_globals.get("__name__", "?")
    return f"{module}.{frame.f_code.co_qualname}"


def _record_automatic(cur: duckdb.DuckDBPyConnection, caller: str) -> None:
    actor = current_actor()
    exists = cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_log'"
    ).fetchone()
    if exists and exists[0]:
        cur.execute(
            "INSERT INTO audit_log (actor, role, action, detail) VALUES (?, ?, ?, ?)",
            [actor.name, str(actor.role), caller, json.dumps({"automatic": True})],
        )


class Store:
    """A workspace database: one DuckDB connection, a cursor per query, one writer at a time."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
        self._write_lock = threading.RLock()
        if not read_only:
            self.migrate()

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a fresh cursor, safe to use from the calling thread only."""
        return self._con.cursor()

    def df(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run one read query with bound parameters and return its rows as a DataFrame."""
        cur = self.cursor()
        try:
            return cur.execute(sql, params or []).df()
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
        finally:
            cur.close()

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        """Run one read query with bound parameters and return its rows as tuples."""
        cur = self.cursor()
        try:
            return cur.execute(sql, params or []).fetchall()
        except duckdb.Error as exc:
            raise storage_error(exc, self.path) from exc
        finally:
            cur.close()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one read query and return the first column of its first row (None when empty)."""
        found = self.rows(sql, params)
        return found[0][0] if found else None

    @contextmanager
    def transaction(
        self, needs: Role = Role.EDITOR, *, audit: bool = True
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor inside one write transaction: all of it commits, or none of it does.

        The current actor must hold at least the `needs` role; this is the server-side check
        behind every write path. Unless the body records its own audit entry, one naming the
        calling function is written in the same transaction.
        """
        caller = _caller_name()
        actor = current_actor()
        if not actor.may(needs):
            raise PermissionDenied("auth.not_allowed", user=actor.name, role=str(actor.role))
        if self.read_only:
            raise StorageError("storage.read_only", path=str(self.path))
        with self._write_lock:
            cur = self.cursor()
            cur.begin()
            _AUDIT.recorded = False
            try:
                yield cur
                if audit and not _AUDIT.recorded:
                    _record_automatic(cur, caller)
                cur.commit()
            except BaseException as exc:
                cur.rollback()
                if isinstance(exc, duckdb.Error):
                    raise storage_error(exc, self.path) from exc
                raise
            finally:
                cur.close()

    def applied_migrations(self) -> list[str]:
        """Return the names of the schema steps applied to this database, in order."""
        return [r[0] for r in self.rows("SELECT name FROM schema_migrations ORDER BY name")]

    def migrate(self, migrations: list[Migration] | None = None) -> list[str]:
        """Apply the schema steps not yet applied, each in one transaction; return their names."""
        with self._write_lock:
            cur = self.cursor()
            try:
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations("
                    "name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
                )
            except duckdb.Error as exc:
                raise storage_error(exc, self.path) from exc
            finally:
                cur.close()
        done = set(self.applied_migrations())
        applied = []
        for step in migrations if migrations is not None else load_migrations():
            if step.name in done:
                continue
            with self.transaction(Role.RESPONDENT, audit=False) as tx:
                tx.execute(step.sql)
                tx.execute("INSERT INTO schema_migrations(name) VALUES (?)", [step.name])
            applied.append(step.name)
        return applied


def open_store(path: Path | str, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when needed) the workspace database at path."""
    return Store(path, read_only=read_only)

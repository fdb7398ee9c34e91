"""Snapshots of a whole workspace: DuckDB EXPORT DATABASE to Parquet, and an in-place restore."""

from __future__ import annotations

import re
from pathlib import Path

from cxdash.access import Role
from cxdash.storage.audit import record
from cxdash.storage.db import Store

# The audit log is kept through a restore (and the restore itself is appended to it), so that
# what happened between the backup and the restore stays on record.
KEPT_TABLES = frozenset({"audit_log"})
KEPT_SEQUENCES = frozenset({"seq_audit"})
_COPY = re.compile(r"^COPY\s+(?P<table>.+?)\s+FROM\s+'(?P<path>(?:[^']|'')+)'(?P<rest>.*)$", re.I)


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_snapshot(store: Store, folder: Path) -> None:
    """Write every table of the workspace to folder as Parquet plus its schema.sql and load.sql."""
    cur = store.cursor()
    try:
        cur.execute(f"EXPORT DATABASE {_quote_path(folder)} (FORMAT parquet)")
    finally:
        cur.close()


def table_names(store: Store) -> list[str]:
    """Return the workspace's own tables, sorted."""
    rows = store.rows(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main'"
        " ORDER BY table_name"
    )
    return [r[0] for r in rows]


def table_fingerprints(store: Store) -> dict[str, tuple[int, str]]:
    """Return each table's row count and an order-independent checksum of its content."""
    prints = {}
    for name in table_names(store):
        ident = '"' + name.replace('"', '""') + '"'
        row = store.rows(
            f"SELECT count(*), coalesce(bit_xor(hash(t::VARCHAR)), 0)::VARCHAR FROM {ident} AS t"
        )[0]
        prints[name] = (int(row[0]), str(row[1]))
    return prints


def _mentions_kept(statement: str) -> bool:
    return any(name in statement for name in KEPT_TABLES | KEPT_SEQUENCES)


def _schema_statements(folder: Path) -> list[str]:
    text = (folder / "schema.sql").read_text(encoding="utf-8")
    parts = [p.strip() for p in re.split(r";\s*\n", text) if p.strip()]
    return [p for p in parts if not _mentions_kept(p)]


def _load_statements(folder: Path) -> list[str]:
    statements = []
    for line in (folder / "load.sql").read_text(encoding="utf-8").splitlines():
        match = _COPY.match(line.strip())
        if match and not _mentions_kept(match["table"]):
            local = folder / Path(match["path"].replace("''", "'")).name
            statements.append(f"COPY {match['table']} FROM {_quote_path(local)}{match['rest']}")
    return statements


def restore_snapshot(store: Store, folder: Path, label: str) -> None:
    """Replace the workspace (all but its audit log) with the snapshot in folder, atomically."""
    schema = _schema_statements(folder)
    loads = _load_statements(folder)
    tables = [t for t in table_names(store) if t not in KEPT_TABLES]
    sequences = [r[0] for r in store.rows("SELECT sequence_name FROM duckdb_sequences()")]
    with store.transaction(Role.ADMIN) as tx:
        for name in tables:
            tx.execute('DROP TABLE "' + name.replace('"', '""') + '" CASCADE')
        for name in sequences:
            if name not in KEPT_SEQUENCES:
                tx.execute('DROP SEQUENCE IF EXISTS "' + name.replace('"', '""') + '" CASCADE')
        for statement in schema:
            tx.execute(statement)
        for statement in loads:
            tx.execute(statement)
        record(tx, "workspace.restore", "workspace", None, backup=label)


def record_backup(store: Store, name: str, tables: int) -> None:
    """Append an audit entry for a backup someone made (the zip is written before it)."""
    with store.transaction(needs=Role.ADMIN) as tx:
        record(tx, "workspace.backup", "workspace", None, backup=name, tables=tables)

"""Snapshots of a whole workspace: DuckDB EXPORT DATABASE to Parquet, and an in-place restore."""

from __future__ import annotations

import re
from pathlib import Path

from cxdash.access import Role
from cxdash.storage.db import Store

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


def _load_statements(folder: Path) -> list[str]:
    statements = []
    for line in (folder / "load.sql").read_text(encoding="utf-8").splitlines():
        match = _COPY.match(line.strip())
        if match:
            local = folder / Path(match["path"].replace("''", "'")).name
            statements.append(f"COPY {match['table']} FROM {_quote_path(local)}{match['rest']}")
    return statements


def restore_snapshot(store: Store, folder: Path) -> None:
    """Replace the whole workspace with the snapshot in folder, in one transaction."""
    schema = (folder / "schema.sql").read_text(encoding="utf-8")
    loads = _load_statements(folder)
    tables = table_names(store)
    sequences = [r[0] for r in store.rows("SELECT sequence_name FROM duckdb_sequences()")]
    with store.transaction(Role.ADMIN) as tx:
        for name in tables:
            tx.execute('DROP TABLE "' + name.replace('"', '""') + '" CASCADE')
        for name in sequences:
            tx.execute('DROP SEQUENCE IF EXISTS "' + name.replace('"', '""') + '" CASCADE')
        if schema.strip():
            tx.execute(schema)
        for statement in loads:
            tx.execute(statement)

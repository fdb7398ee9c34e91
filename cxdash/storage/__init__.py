"""The only package that speaks SQL: the DuckDB workspace, its schema and its queries.

`db` owns the connection, transactions and migrations; each other module holds the queries of one
domain concept and takes a `Store` as its first argument.
"""

from cxdash.storage.db import Store, open_store

__all__ = ["Store", "open_store"]

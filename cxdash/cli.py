"""The command line: the same core functions as the pages, for automation and benchmarks."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cxdash import config
from cxdash.errors import CxDashError
from cxdash.i18n import translate
from cxdash.storage import Store, open_store

Handler = Callable[[argparse.Namespace], int]


def _say(key: str, **params: object) -> None:
    print(translate(key, config.default_language(), **params))


def cmd_init(args: argparse.Namespace) -> int:
    """Create (or migrate) the workspace database."""
    store = open_store(config.db_path(args.db))
    _say("cli.init_done", path=str(store.path), steps=len(store.applied_migrations()))
    store.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Seed the demo workspace."""
    from cxdash.demo import seed_demo

    path = config.db_path(args.db)
    if args.if_missing and path.exists():
        _say("cli.demo_exists", path=str(path))
        return 0
    if args.force and path.exists():
        path.unlink()
        Path(f"{path}.wal").unlink(missing_ok=True)
    store: Store = open_store(path)
    count = seed_demo(store)
    store.close()
    _say("cli.demo_done", path=str(path), items=count)
    return 0


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add the --db option every command that opens a workspace takes."""
    parser.add_argument("--db", help="database path (default: CXDASH_DB or data/cxdash.duckdb)")


def db_path_of(args: argparse.Namespace) -> Path:
    """Return the workspace path a command was given (--db, then CXDASH_DB, then the default)."""
    return config.db_path(getattr(args, "db", None))


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m cxdash", description="cxdash command line")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create or migrate the workspace database")
    init.set_defaults(handler=cmd_init)
    demo = sub.add_parser("demo", help="seed the demo workspace")
    demo.add_argument("--if-missing", action="store_true", help="only when the database is new")
    demo.add_argument("--force", action="store_true", help="replace an existing database")
    demo.set_defaults(handler=cmd_demo)
    for sp in (init, demo):
        add_db_option(sp)
    import cxdash.commands as commands

    for found in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"cxdash.commands.{found.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (2 for a user-facing error)."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CxDashError as err:
        print(translate(err.key, config.default_language(), **err.params), file=sys.stderr)
        return 2

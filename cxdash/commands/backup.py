"""`python -m cxdash backup|restore`: workspace backups from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from cxdash import config
from cxdash.backup import create_backup, restore_backup
from cxdash.i18n import translate
from cxdash.storage import open_store
from cxdash.storage.backup import record_backup, table_fingerprints


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a backup zip of the workspace."""
    from cxdash.cli import db_path_of

    store = open_store(db_path_of(args))
    try:
        path = create_backup(store, Path(args.out) if args.out else config.backup_dir())
        if not store.read_only:
            record_backup(store, path.name, len(table_fingerprints(store)))
    finally:
        store.close()
    print(translate("cli.backup_done", config.default_language(), path=str(path)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the workspace with a verified backup."""
    from cxdash.cli import db_path_of

    store = open_store(db_path_of(args))
    try:
        info = restore_backup(store, Path(args.file))
    finally:
        store.close()
    lang = config.default_language()
    print(translate("cli.restore_done", lang, created_at=info.created_at, tables=len(info.tables)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the backup and restore subcommands."""
    from cxdash.cli import add_db_option

    backup = sub.add_parser("backup", help="write a backup zip of the workspace")
    backup.add_argument("--out", help="folder for the zip (default: data/backups)")
    backup.set_defaults(handler=cmd_backup)
    restore = sub.add_parser("restore", help="replace the workspace with a verified backup")
    restore.add_argument("file", help="a backup zip made by `backup`")
    restore.set_defaults(handler=cmd_restore)
    for parser in (backup, restore):
        add_db_option(parser)

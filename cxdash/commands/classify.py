"""`python -m cxdash classify`: retrain on the human labels and label every other item."""

from __future__ import annotations

import argparse
from typing import Any

from cxdash import config
from cxdash.cli import add_db_option
from cxdash.i18n import translate
from cxdash.storage import open_store


def cmd_classify(args: argparse.Namespace) -> int:
    """Run the classification on the workspace and print what it did."""
    from cxdash.classify import run_classification
    from cxdash.storage.taxonomy import current_version, save_taxonomy
    from cxdash.taxonomy import builtin_taxonomy

    store = open_store(config.db_path(args.db))
    try:
        if args.taxonomy and current_version(store) is None:
            save_taxonomy(store, builtin_taxonomy(args.taxonomy), "builtin", args.taxonomy)
        run = run_classification(store)
    finally:
        store.close()
    origins = ", ".join(f"{k} {v}" for k, v in sorted(run.by_origin.items()))
    lang = config.default_language()
    print(
        translate(
            "classify.cli_done", lang, items=run.items, trained=run.trained_on, origins=origins
        )
    )
    return 0


def register(subparsers: Any) -> None:
    """Add the classify subcommand."""
    parser = subparsers.add_parser("classify", help="train on human labels and label every item")
    parser.add_argument(
        "--taxonomy", choices=("telecom", "ecommerce"), help="built-in taxonomy when none is loaded"
    )
    add_db_option(parser)
    parser.set_defaults(handler=cmd_classify)

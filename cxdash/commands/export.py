"""`python -m cxdash export feedback`: the filtered feedback as CSV or XLSX, to a file or stdout."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cxdash import config
from cxdash.errors import InvalidInput
from cxdash.explore import DIMENSIONS, FeedbackFilter, make_filter
from cxdash.export import FORMATS, format_for, write_export
from cxdash.i18n import translate
from cxdash.storage import Store, open_store
from cxdash.storage.explore import iter_export


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export feedback` command and its filter options."""
    from cxdash.cli import add_db_option

    parser = subparsers.add_parser("export", help="export data from the workspace")
    what = parser.add_subparsers(dest="what", required=True)
    feedback = what.add_parser("feedback", help="export feedback items (filtered) to CSV or XLSX")
    add_db_option(feedback)
    feedback.add_argument("--out", help="file to write (.csv or .xlsx); CSV to stdout without it")
    feedback.add_argument("--format", choices=FORMATS, help="format when it is not the extension")
    feedback.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    feedback.add_argument("--to", dest="end", help="last day (inclusive), YYYY-MM-DD")
    feedback.add_argument("--search", help="only items whose text contains this (any case)")
    for dim in DIMENSIONS:
        feedback.add_argument(
            f"--{dim}", action="append", help=f"keep this {dim} (repeat or comma-separate)"
        )
    feedback.set_defaults(handler=export_feedback)


def _day(value: str | None) -> date | None:
    """Return the ISO date a user typed, or None; a translated error when it is not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput("explore.bad_date", value=value) from exc


def filter_from_args(args: argparse.Namespace) -> FeedbackFilter:
    """Return the feedback filter the command-line options describe."""
    chosen = {
        dim: [
            v.strip() for given in getattr(args, dim) or [] for v in given.split(",") if v.strip()
        ]
        for dim in DIMENSIONS
    }
    return make_filter(start=_day(args.start), end=_day(args.end), text=args.search, chosen=chosen)


def export_feedback(args: argparse.Namespace) -> int:
    """Write the filtered feedback to --out (atomically) or as CSV to stdout; return 0."""
    flt = filter_from_args(args)
    path = config.db_path(args.db)
    if not path.exists():
        raise InvalidInput("export.no_workspace", path=str(path))
    fmt = args.format or (format_for(args.out) if args.out else "csv")
    store = open_store(path, read_only=True)
    try:
        if not args.out:
            write_export(iter_export(store, flt), fmt, sys.stdout.buffer)
            sys.stdout.flush()
            return 0
        rows = _write_file(store, flt, fmt, Path(args.out))
    finally:
        store.close()
    print(translate("export.cli_done", config.default_language(), rows=rows, path=args.out))
    return 0


def _write_file(store: Store, flt: FeedbackFilter, fmt: str, out: Path) -> int:
    """Write the export next to out, then move it into place; return the row count."""
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as handle:
            rows = write_export(iter_export(store, flt), fmt, handle)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return rows

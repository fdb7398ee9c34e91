"""`python -m cxdash import FILE`: the import pipeline for automation (nightly exports)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from cxdash import config
from cxdash.errors import InvalidInput
from cxdash.i18n import translate
from cxdash.ingest.mapping import parse_map_options
from cxdash.ingest.pipeline import ImportOptions, Prepared, commit, prepare
from cxdash.ingest.validate import Problem
from cxdash.storage import open_store

CLI_MAX_BYTES = 4 * 1024**3


def _say(key: str, file: TextIO | None = None, **params: object) -> None:
    print(translate(key, config.default_language(), **params), file=file or sys.stdout)


def problem_line(problem: Problem, lang: str) -> str:
    """Return one problem as a translated line of the problem list."""
    message = translate(problem.key, lang, **problem.params)
    if problem.row is None:
        return translate("import.cli.file_problem", lang, message=message)
    field = translate(f"import.field.{problem.field}", lang) if problem.field else "—"
    return translate("import.cli.problem_line", lang, row=problem.row, field=field, message=message)


def _print_problems(prepared: Prepared) -> None:
    lang = config.default_language()
    for problem in prepared.report.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    report = prepared.report
    _say("import.cli.problem_total", sys.stderr, count=len(report.problems), rows=report.bad_rows)


def cmd_import(args: argparse.Namespace) -> int:
    """Import one file; exit 2 with the problem list (nothing written) unless told to skip."""
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput("import.no_such_file", path=str(path))
    options = ImportOptions(
        mapping=parse_map_options(args.map) or None,
        channel=args.channel,
        rating_max=args.rating_max,
        source=args.source,
    )
    store = open_store(config.db_path(args.db))
    try:
        prepared = prepare(store, path.read_bytes(), path.name, options, max_bytes=CLI_MAX_BYTES)
        _say("import.cli.mapping", mapping=prepared.mapping)
        if not prepared.report.clean and not args.skip_bad_rows:
            _print_problems(prepared)
            return 2
        done = commit(store, prepared, skip_bad_rows=args.skip_bad_rows)
    finally:
        store.close()
    _say(
        "import.cli.summary",
        imported=done.imported,
        rows=prepared.report.rows,
        skipped=done.skipped,
        batch=done.batch_id,
        name=path.name,
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `import` subcommand."""
    from cxdash.cli import add_db_option

    cmd = subparsers.add_parser("import", help="import a CSV, XLSX, JSON/JSONL or Parquet file")
    cmd.add_argument("file", help="the file to import")
    add_db_option(cmd)
    cmd.add_argument(
        "--map", action="append", default=[], metavar="FIELD=COLUMN", help="map a column"
    )
    cmd.add_argument("--channel", help="channel for rows that name none")
    cmd.add_argument("--rating-max", type=float, help="rating scale (5, 10, 100 …)")
    cmd.add_argument("--source", help="source name recorded with the batch")
    cmd.add_argument(
        "--skip-bad-rows", action="store_true", help="import the rows without problems"
    )
    cmd.set_defaults(handler=cmd_import)

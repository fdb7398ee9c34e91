"""`python -m cxdash report`: export the one-page report of a solution or a cycle to a file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cxdash import config
from cxdash.cli import add_db_option
from cxdash.errors import InvalidInput
from cxdash.i18n import translate
from cxdash.report import build_report
from cxdash.reports import FORMATS, export_report
from cxdash.solutions import solution_from_record
from cxdash.storage import open_store
from cxdash.storage.cycles import current_cycle_id
from cxdash.storage.solutions import cycle_name, cycle_solution_ids, load_solution


def cmd_report(args: argparse.Namespace) -> int:
    """Write the report file and say where it went."""
    lang = args.lang or config.default_language()
    as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()
    store = open_store(config.db_path(args.db), read_only=True)
    try:
        if args.solution is not None:
            ids, title = [args.solution], None
        else:
            cycle_id = args.cycle if args.cycle is not None else current_cycle_id(store)
            ids = cycle_solution_ids(store, cycle_id)
            title = translate("report.cycle_title", lang, cycle=cycle_name(store, cycle_id))
        if not ids:
            raise InvalidInput("report.empty")
        solutions = [solution_from_record(load_solution(store, i)) for i in ids]
    finally:
        store.close()
    report = build_report(solutions, title or solutions[0].title, lang, as_of)
    out = Path(args.out)
    out.write_bytes(export_report(report, out.suffix.lstrip(".").lower()))
    print(translate("report.cli.done", lang, path=str(out), sections=len(report.sections)))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `report` subcommand."""
    parser = subparsers.add_parser("report", help="export the one-page report (pptx, pdf, md)")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--solution", type=int, help="solution id (default: the open cycle)")
    target.add_argument("--cycle", type=int, help="cycle id")
    parser.add_argument("--out", required=True, help=f"output file: .{', .'.join(FORMATS)}")
    parser.add_argument("--lang", choices=list(config.LANGUAGES), help="report language")
    parser.add_argument("--as-of", help="report date (YYYY-MM-DD, default today)")
    add_db_option(parser)
    parser.set_defaults(handler=cmd_report)

"""Command line: `python -m analytics COMMAND …` runs the same engine as the dashboard."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

from analytics import store
from analytics.config import MIN_GROUP_SIZE_FLOOR, PROJECT_ROOT, SETTINGS
from analytics.contract import KINDS
from analytics.ingest.load import import_files
from analytics.ingest.mapping import MappingError, MappingFile
from analytics.ingest.messages import LANGUAGES, Text

SAMPLE_DIR = PROJECT_ROOT / "sample_data"


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from exc


def _min_group(text: str) -> int:
    value = int(text)
    if value < MIN_GROUP_SIZE_FLOOR:
        raise argparse.ArgumentTypeError(
            f"the minimum group size is never below {MIN_GROUP_SIZE_FLOOR}"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Koers HR analytics: load HRIS exports and compute HR metrics.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser(
        "load",
        help="import HRIS export files into the store",
        description="Import CSV/TXT, XLSX or Parquet exports. The table each file feeds is "
        "detected from its columns. One transaction: all files land, or none.",
    )
    load.add_argument("files", nargs="+", type=Path, metavar="FILE", help="export files")
    load.add_argument(
        "--db", type=Path, help="store file (default: $KOERS_DB or data/koers.duckdb)"
    )
    load.add_argument("--kind", choices=KINDS, help="force the table the files feed")
    load.add_argument(
        "--mapping", type=Path, help="TOML mapping file (columns, values, date order)"
    )
    load.add_argument("--sheet", help="the Excel sheet to read (default: the first)")
    load.add_argument(
        "--date-order",
        choices=("dmy", "mdy", "ymd"),
        help="how dates are written, when the values cannot tell (every day 12 or less)",
    )
    load.add_argument(
        "--keep-valid",
        action="store_true",
        help="load the valid rows and write rejected rows to <file>.rejects.csv next to the input",
    )
    load.add_argument(
        "--replace",
        action="store_true",
        help="empty the tables these files feed before loading (a full re-export)",
    )
    load.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the import report and its messages: en (default) or nl (Dutch)",
    )

    sample = commands.add_parser(
        "sample",
        help="write the sample organisation's export files",
        description="Generate the fictional sample organisation (fixed seed) as Dutch exports.",
    )
    sample.add_argument("--out", type=Path, default=SAMPLE_DIR, help="output folder")
    sample.add_argument("--employees", type=int, default=1500, help="approximate headcount")
    sample.add_argument("--years", type=int, default=7, help="number of years (from 2019)")
    sample.add_argument("--seed", type=int, default=2024, help="random seed")
    sample.add_argument(
        "--load", action="store_true", help="also load the written files into the store (--db)"
    )
    sample.add_argument("--db", type=Path, help="store file for --load")

    metrics = commands.add_parser(
        "metrics",
        help="compute metrics for a period",
        description="Compute HR metrics over a period (both ends included).",
    )
    metrics.add_argument("--db", type=Path, help="store file")
    metrics.add_argument("--from", dest="start", type=_iso_date, required=True, help="YYYY-MM-DD")
    metrics.add_argument("--to", dest="end", type=_iso_date, required=True, help="YYYY-MM-DD")
    metrics.add_argument("--by", metavar="COLUMN", help="break down by a dimension")
    metrics.add_argument("--json", action="store_true", help="print JSON")
    metrics.add_argument(
        "--min-group-size",
        type=_min_group,
        default=SETTINGS["min_group_size"].default,
        help=SETTINGS["min_group_size"].help,
    )

    rollback = commands.add_parser(
        "rollback",
        help="put the previous version of the store back",
        description="Discard the latest import by restoring the previous store version "
        f"(the last {SETTINGS['keep_versions'].default} are kept).",
    )
    rollback.add_argument("--db", type=Path, help="store file")

    glossary = commands.add_parser(
        "glossary",
        help="print the metric glossary (from the registry)",
        description="Print every metric's definition, or rewrite the README's glossary section.",
    )
    glossary.add_argument(
        "--update", type=Path, metavar="README", help="rewrite the glossary section of this file"
    )

    status = commands.add_parser("status", help="show the store's tables and import log")
    status.add_argument("--db", type=Path, help="store file")
    return parser


def _cmd_load(args: argparse.Namespace) -> int:
    try:
        mapping = MappingFile.load(args.mapping) if args.mapping else MappingFile()
    except MappingError as exc:
        print(Text("cli_error", message=exc.text).render(args.lang), file=sys.stderr)
        return 1
    # Options on the command line win over the mapping file.
    if args.sheet or args.date_order:
        mapping = dataclasses.replace(
            mapping,
            sheet=args.sheet or mapping.sheet,
            date_order=args.date_order or mapping.date_order,
        )
    report = import_files(
        args.files,
        db=args.db,
        kind=args.kind,
        mapping_file=mapping,
        keep_valid=args.keep_valid,
        replace=args.replace,
        language=args.lang,
    )
    text = report.format(language=args.lang)
    if report.loaded:
        print(text)
        return 0
    print(text, file=sys.stderr)
    return 1


def _cmd_sample(args: argparse.Namespace) -> int:
    from sample_data.generate import generate

    written = generate(args.out, employees=args.employees, years=args.years, seed=args.seed)
    for kind, path in written.items():
        print(f"{kind}: {path}")
    if args.load:
        report = import_files(list(written.values()), db=args.db, replace=True)
        print(report.format(), file=sys.stdout if report.loaded else sys.stderr)
        return 0 if report.loaded else 1
    return 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    from analytics.metrics import Filters, MetricsError, Period, Settings, compute_metrics

    if args.end < args.start:
        print("error: --to is before --from", file=sys.stderr)
        return 1
    con = store.connect_reader(args.db)
    try:
        filters = Filters(
            Period(args.start, args.end), settings=Settings(min_group_size=args.min_group_size)
        )
        result = compute_metrics(con, filters, by=args.by)
    except MetricsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(_metrics_text(result, args.min_group_size))
    return 0


def _metrics_text(result: dict, min_group_size: int) -> str:
    period = result["period"]
    lines = [f"Period {period['start']} – {period['end']}"]

    def block(metrics: dict, indent: str) -> None:
        for key, value in metrics.items():
            shown = (
                "–" if value is None else (f"{value:.4f}" if isinstance(value, float) else value)
            )
            lines.append(f"{indent}{key}: {shown}")

    withheld = (
        f"  not shown: fewer than {min_group_size} people (or it would reveal a group that is)"
    )
    if "groups" in result:
        for group in result["groups"]:
            lines.append(f"{result['by']} = {group['group']}")
            if group["suppressed"]:
                lines.append(withheld)
            else:
                block(group["metrics"], "  ")
    elif all(value is None for value in result["metrics"].values()):
        lines.append(withheld)
    else:
        block(result["metrics"], "  ")
    return "\n".join(lines)


def _cmd_rollback(args: argparse.Namespace) -> int:
    try:
        version = store.rollback(args.db)
    except store.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Restored the previous version; data version is now {version}.")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    con = store.connect_reader(args.db)
    try:
        print(f"store: {store.StoreFiles.resolve(args.db).path.name}")
        print(f"data version: {store.data_version(con)}")
        for table, count in store.table_counts(con).items():
            print(f"  {table}: {count} rows")
        log = con.sql(
            "SELECT imported_at, file_name, kind, rows_loaded, rows_rejected FROM import_log "
            "ORDER BY import_id DESC LIMIT 10"
        ).fetchall()
        for imported_at, name, kind, loaded, rejected in log:
            print(
                f"  {imported_at:%Y-%m-%d %H:%M} {name} → {kind}: "
                f"{loaded} loaded, {rejected} rejected"
            )
    finally:
        con.close()
    return 0


def _cmd_glossary(args: argparse.Namespace) -> int:
    from analytics.registry import glossary_markdown, readme_with_glossary

    if args.update:
        text = args.update.read_text(encoding="utf-8")
        args.update.write_text(readme_with_glossary(text), encoding="utf-8")
        print(f"glossary written to {args.update.name}")
    else:
        print(glossary_markdown())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "load": _cmd_load,
        "sample": _cmd_sample,
        "metrics": _cmd_metrics,
        "rollback": _cmd_rollback,
        "status": _cmd_status,
        "glossary": _cmd_glossary,
    }
    return handlers[args.command](args)

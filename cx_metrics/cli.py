"""The ``cx-metrics`` command line: demo data, the demo build and its summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cx_metrics.demo_data.generator import DemoConfig
from cx_metrics.demo_data.writers import write_csv, write_parquet

# The bundled demo seeds are named cx_demo__<table> (aliased to <table> in dbt_project.yml).
DEMO_SEED_PREFIX = "cx_demo__"


def _generate(args: argparse.Namespace) -> int:
    config = DemoConfig(customers=args.customers, seed=args.seed)
    if args.no_bad_rows:
        config = DemoConfig(customers=args.customers, seed=args.seed, bad_rows={})
    out = Path(args.out)
    if args.format == "csv":
        counts = write_csv(config, out, prefix=args.prefix)
    else:
        counts = write_parquet(config, out)
    for table, rows in counts.items():
        print(f"{table:20s} {rows:>12,d} rows -> {out / (args.prefix + table)}.{args.format}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cx-metrics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate-data", help="write deterministic demo inputs")
    generate.add_argument("--format", choices=["csv", "parquet"], default="csv")
    generate.add_argument("--out", default="seeds/demo", help="output folder")
    generate.add_argument("--customers", type=int, default=DemoConfig.customers)
    generate.add_argument("--seed", type=int, default=DemoConfig.seed)
    generate.add_argument(
        "--prefix", default=DEMO_SEED_PREFIX, help="file name prefix of CSV output"
    )
    generate.add_argument("--no-bad-rows", action="store_true", help="only valid rows")
    generate.set_defaults(handler=_generate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

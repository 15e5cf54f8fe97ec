"""The ``cx-metrics`` command line: demo data, the demo build and its summary, validation,
refreshes, the dashboard and the alert round.

Each command imports the modules it needs when it runs (no import cycle is involved): dbt and
Great Expectations take seconds to import, and `generate-data` or `--help` need neither.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from cx_metrics.demo_data.generator import DemoConfig
from cx_metrics.demo_data.writers import write_csv, write_parquet
from cx_metrics.extras import require

if TYPE_CHECKING:
    from cx_metrics.expectations.runner import Scope
    from cx_metrics.project import DbtSettings

# The bundled demo seeds are named cx_demo__<table> (aliased to <table> in dbt_project.yml).
DEMO_SEED_PREFIX = "cx_demo__"


def _generate(args: argparse.Namespace) -> int:
    options: dict[str, object] = {"seed": args.seed}
    if args.no_bad_rows:
        options["bad_rows"] = {}
    if args.responses:
        config = DemoConfig.for_responses(args.responses, **options)
    else:
        config = DemoConfig(customers=args.customers, **options)
    out = Path(args.out)
    if args.format == "csv":
        counts = write_csv(config, out, prefix=args.prefix)
        prefix = args.prefix
    else:
        counts = write_parquet(config, out, workers=args.workers)
        prefix = ""
    for table, rows in counts.items():
        print(f"{table:20s} {rows:>12,d} rows -> {out / (prefix + table)}.{args.format}")
    return 0


def build(dbt_args: list[str]) -> bool:
    """Run ``dbt build`` quietly and print one line per outcome; True when all passed."""
    from cx_metrics.project import run_dbt

    result = run_dbt(["build", "--quiet", *dbt_args])
    if result.result is None:
        print(f"dbt build could not start: {result.exception}", file=sys.stderr)
        return False
    # Exposures are listed with status no-op: nothing is built for them.
    results = [r for r in result.result.results if str(r.node.resource_type) != "exposure"]
    passed = sum(str(r.status) in ("success", "pass") for r in results)
    kinds = Counter(str(r.node.resource_type).replace("_", " ") for r in results)
    detail = ", ".join(f"{n} {kind}s" for kind, n in sorted(kinds.items()))
    others = Counter(str(r.status) for r in results if str(r.status) not in ("success", "pass"))
    extra = "".join(f", {n} {status}" for status, n in sorted(others.items()))
    print(f"dbt build: {passed} of {len(results)} passed{extra} ({detail})")
    for r in results:
        if str(r.status) in ("error", "fail"):
            print(f"  {r.status}: {r.node.unique_id}: {r.message}", file=sys.stderr)
    return bool(result.success)


def _build(args: argparse.Namespace) -> int:
    return 0 if build(args.dbt_args) else 1


def _dbt_options(args: argparse.Namespace) -> list[str]:
    options = []
    if args.project_dir:
        options += ["--project-dir", args.project_dir]
    if args.profiles_dir:
        options += ["--profiles-dir", args.profiles_dir]
    if args.target:
        options += ["--target", args.target]
    if args.vars:
        options += ["--vars", args.vars]
    return options


def run_validation(
    dbt_args: list[str],
    verbose: bool,
    chunk_rows: int | None = None,
    report_json: str | None = None,
    dagster_pipes: bool = False,
    row_by_row: bool = False,
    scope: Scope | None = None,
) -> bool:
    """Validate the inputs, print the report (or just its verdict); True unless blocked.
    With dagster_pipes, also report each input's check to the Dagster step that started it."""
    import json

    from cx_metrics.expectations.report import render, to_json
    from cx_metrics.expectations.runner import DEFAULT_CHUNK_ROWS, validate

    report = validate(
        dbt_args, chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS, row_by_row=row_by_row, scope=scope
    )
    print(render(report, verbose=verbose))
    if report_json:
        Path(report_json).write_text(json.dumps(to_json(report), indent=2))
    if dagster_pipes:
        from cx_metrics.expectations.pipes import report_to_dagster

        report_to_dagster(report)
    if not verbose and report.data_docs:
        print(f"  (details: cx-metrics validate; Data Docs: {report.data_docs})")
    return not report.blocked


def _validate(args: argparse.Namespace) -> int:
    require("validate", "cx-metrics validate")
    from cx_metrics.expectations.runner import Scope

    passed = run_validation(
        _dbt_options(args),
        verbose=True,
        chunk_rows=args.chunk_rows,
        report_json=args.report_json,
        dagster_pipes=args.dagster_pipes,
        row_by_row=args.row_by_row,
        scope=Scope(only=args.only, new_loads=args.new_loads),
    )
    # Under Dagster a blocked input is a failed check, not a failed step.
    return 0 if passed or args.dagster_pipes else 1


# `demo --source`: the vars that read the demo data in a connector's shape (the demo project's
# models/demo_sources/, docs/connectors.md) instead of the contract tables.
DEMO_SOURCES = {
    "qualtrics": {
        "cx_survey_source": "qualtrics",
        # The demo follow-ups, keyed by the Qualtrics answers' ids.
        "cx_feedback_followups_identifier": "feedback_followups_qualtrics",
    },
    "zendesk": {"cx_tickets_source": "zendesk"},
}


def demo_source_args(sources: str | None, dbt_args: list[str]) -> list[str]:
    """dbt_args with the vars of `demo --source a,b` merged into its --vars (the package's
    own unit tests off: their fixtures are contract rows)."""
    if not sources:
        return dbt_args
    import json

    import yaml

    from cx_metrics.project import option

    names = [name.strip() for name in sources.split(",") if name.strip()]
    unknown = sorted(set(names) - set(DEMO_SOURCES))
    if unknown:
        raise SystemExit(
            f"cx-metrics demo: --source {', '.join(unknown)}: the demo data comes in these"
            f" shapes: {', '.join(DEMO_SOURCES)}."
        )
    given = option(dbt_args, "--vars")
    merged = yaml.safe_load(given) if given else {}
    merged.update({"cx_demo_source": names, "cx_unit_tests": False})
    for name in names:
        merged.update(DEMO_SOURCES[name])
    rest = dbt_args
    if given:
        at = dbt_args.index("--vars")
        rest = dbt_args[:at] + dbt_args[at + 2 :]
    return [*rest, "--vars", json.dumps(merged)]


def _demo(args: argparse.Namespace) -> int:
    require(["validate", "dashboard"], "cx-metrics demo")
    from cx_metrics.project import duckdb_path, run_dbt
    from cx_metrics.summary import render

    args.dbt_args = demo_source_args(args.source, args.dbt_args)
    path = duckdb_path()
    print(f"Building cx_metrics on DuckDB ({path}) with the bundled demo data...")
    # The demo inputs are seeds: load them, validate them, then build.
    if not run_dbt(["seed", "--quiet", *args.dbt_args]).success:
        print("dbt seed failed", file=sys.stderr)
        return 1
    # With --source, the demo data in the connectors' shapes: models over the seeds.
    shaped = ["--select", "cx_metrics_integration_tests.demo_sources"]
    if args.source and not run_dbt(["run", "--quiet", *shaped, *args.dbt_args]).success:
        print("dbt run of the connector-shaped demo data failed", file=sys.stderr)
        return 1
    if not run_validation(args.dbt_args, verbose=False):
        return 1
    if not build(args.dbt_args):
        return 1
    print()
    print(render(path))
    return _demo_dashboard(args.dbt_args)


def _demo_dashboard(dbt_args: list[str]) -> int:
    from cx_metrics.project import DbtSettings, option

    settings = DbtSettings.resolve(
        option(dbt_args, "--project-dir"),
        option(dbt_args, "--profiles-dir"),
        option(dbt_args, "--target"),
        option(dbt_args, "--vars"),
    )
    return write_dashboard(settings, None, False, "Dashboard (open it in a browser)")


def _summary(args: argparse.Namespace) -> int:
    from cx_metrics.project import duckdb_path
    from cx_metrics.summary import render

    print(render(Path(args.duckdb_file).resolve() if args.duckdb_file else duckdb_path()))
    return 0


def _refresh(args: argparse.Namespace) -> int:
    require("validate", "cx-metrics refresh (it validates the inputs first)")
    from cx_metrics.refresh import main

    return main(args.project_dir, args.profiles_dir, args.target, args.vars, args.docs)


def _absolute(path: str) -> str:
    """A folder option made absolute, so that `--project-dir .` works everywhere (GX refuses
    relative folders)."""
    return str(Path(path).resolve())


def _add_project_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--project-dir",
        type=_absolute,
        help="the dbt project that installs cx_metrics (default: $CX_DBT_PROJECT_DIR, else the"
        " current folder if it is a dbt project, else a checkout's demo, integration_tests/)",
    )
    command.add_argument(
        "--profiles-dir",
        type=_absolute,
        help="where its profiles.yml is (default: $CX_DBT_PROFILES_DIR or $DBT_PROFILES_DIR, else"
        " the project folder if it has one, else ~/.dbt)",
    )
    command.add_argument("--target", help="dbt target (default: the profile's)")
    command.add_argument("--vars", help="dbt vars, e.g. '{cx_source_schema: raw}'")


def _dashboard(args: argparse.Namespace) -> int:
    require("dashboard", "cx-metrics dashboard")
    from cx_metrics.project import DbtSettings

    settings = DbtSettings.resolve(args.project_dir, args.profiles_dir, args.target, args.vars)
    return write_dashboard(settings, args.out, args.include_details, "Dashboard")


def write_dashboard(
    settings: DbtSettings, out: str | None, include_details: bool, label: str
) -> int:
    """Render the dashboard and print its path; a clear message, not a traceback, when the
    tables cannot be read or hold nothing to draw."""
    from cx_metrics.dashboard.build import render_dashboard
    from cx_metrics.dashboard.tables import TableError

    try:
        path = render_dashboard(settings, out, include_details=include_details)
    except TableError as error:
        print(f"cx-metrics dashboard: {error}", file=sys.stderr)
        return 1
    print(f"{label}: {path}")
    return 0


def _add_dashboard(commands: argparse._SubParsersAction) -> None:
    dashboard = commands.add_parser(
        "dashboard", help="write the CX dashboard (one self-contained HTML file) from the tables"
    )
    _add_project_options(dashboard)
    dashboard.add_argument(
        "--out",
        help="the HTML file (default: $CX_DASHBOARD_PATH, else cx_dashboard.html in the"
        " dbt project's folder)",
    )
    dashboard.add_argument(
        "--include-details",
        action="store_true",
        help="also list the oldest overdue answers with their response and customer ids and"
        " comments (not for company-wide sharing)",
    )
    dashboard.set_defaults(handler=_dashboard)


def _alerts(args: argparse.Namespace) -> int:
    from cx_metrics.alerts.ledger import LedgerBusy
    from cx_metrics.alerts.queue import QueueError
    from cx_metrics.alerts.rounds import send_round
    from cx_metrics.project import DbtSettings

    settings = DbtSettings.resolve(args.project_dir, args.profiles_dir, args.target, args.vars)
    try:
        result = send_round(settings)
    except (LedgerBusy, QueueError) as error:
        print(f"cx-metrics alerts: {error}", file=sys.stderr)
        return 1
    print(f"cx-metrics alerts: {result.summary()}")
    return 0


def _add_alerts(commands: argparse._SubParsersAction) -> None:
    alerts = commands.add_parser(
        "alerts",
        help="one alert round: alert new negative answers, escalate overdue ones, retry failed"
        " deliveries; recorded in the ledger ($CX_ALERTS_DIR)",
    )
    _add_project_options(alerts)
    alerts.set_defaults(handler=_alerts)


def _add_generate(commands: argparse._SubParsersAction) -> None:
    generate = commands.add_parser("generate-data", help="write deterministic demo inputs")
    generate.add_argument("--format", choices=["csv", "parquet"], default="csv")
    generate.add_argument("--out", default="integration_tests/seeds/demo", help="output folder")
    generate.add_argument("--customers", type=int, default=DemoConfig.customers)
    generate.add_argument(
        "--responses", type=int, help="about this many survey responses (sets --customers)"
    )
    generate.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes (Parquet only)"
    )
    generate.add_argument("--seed", type=int, default=DemoConfig.seed)
    generate.add_argument(
        "--prefix", default=DEMO_SEED_PREFIX, help="file name prefix of CSV output"
    )
    generate.add_argument("--no-bad-rows", action="store_true", help="only valid rows")
    generate.set_defaults(handler=_generate)


def _add_dbt_commands(commands: argparse._SubParsersAction) -> None:
    for name, handler, text in [
        ("build", _build, "dbt build of every model, seed and test"),
        ("demo", _demo, "build on DuckDB with the demo data and print the headline metrics"),
    ]:
        # Every other option is dbt's (main() hands them over in their order).
        command = commands.add_parser(
            name,
            help=text,
            allow_abbrev=False,
            usage=f"cx-metrics {name}{' [--source S]' if name == 'demo' else ''} [dbt options]",
            epilog="Other options go to dbt as they are, e.g. --vars '{...}' or --target.",
        )
        if name == "demo":
            command.add_argument(
                "--source",
                help="the demo data in connectors' shapes, read by their adapters:"
                f" a comma-separated list of {', '.join(DEMO_SOURCES)}",
            )
        command.set_defaults(handler=handler, takes_dbt_options=True)


def _add_validate_and_refresh(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate", help="validate the inputs with Great Expectations before a build"
    )
    _add_project_options(validate)
    validate.add_argument(
        "--row-by-row",
        action="store_true",
        help="DuckDB: validate every row in chunks (the reference path) instead of one row per"
        " class of rows that every expectation judges alike",
    )
    validate.add_argument(
        "--chunk-rows", type=int, help="with --row-by-row: rows validated at a time"
    )
    validate.add_argument(
        "--new-loads",
        action="store_true",
        help="DuckDB: of an input with a load column (_loaded_at), only the loads after the"
        " latest one built (a scheduled incremental refresh); other inputs whole",
    )
    validate.add_argument(
        "--only",
        action="append",
        metavar="INPUT",
        help="validate only this input (repeatable), e.g. --only survey_responses",
    )
    validate.add_argument("--report-json", help="also write the report as JSON to this file")
    validate.add_argument(
        "--dagster-pipes",
        action="store_true",
        help="report each input's check to the Dagster run that started this (Dagster Pipes)",
    )
    validate.set_defaults(handler=_validate)
    refresh = commands.add_parser(
        "refresh",
        help="seeds, input checks, models and tests; on DuckDB built on a copy of the file and"
        " published (with the serving copy) only when all passed",
    )
    _add_project_options(refresh)
    refresh.add_argument(
        "--docs", action="store_true", help="also `dbt docs generate` (catalog of the new build)"
    )
    refresh.set_defaults(handler=_refresh)


def _add_tools(commands: argparse._SubParsersAction) -> None:
    summary = commands.add_parser("summary", help="print the headline metrics of a built DuckDB")
    summary.add_argument(
        "duckdb_file", nargs="?", help="the file (default: $CX_DUCKDB_PATH, else the demo's)"
    )
    summary.set_defaults(handler=_summary)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cx-metrics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for add in (
        _add_generate,
        _add_dbt_commands,
        _add_validate_and_refresh,
        _add_dashboard,
        _add_alerts,
        _add_tools,
    ):
        add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, others = parser.parse_known_args(argv)
    if others and not getattr(args, "takes_dbt_options", False):
        parser.error(f"unrecognized arguments: {' '.join(others)}")
    args.dbt_args = others
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

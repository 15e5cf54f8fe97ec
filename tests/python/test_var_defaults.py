"""Every var's default is written once, in dbt_project.yml `vars:` (issue 35): a call site of a
var that dbt_project.yml declares gives no second default. Pure file reading.

dbt resolves var() in the package's own nodes (models, their yml configs, unit tests, semantic
models, metrics, data tests, and the macros they call) from the package's dbt_project.yml vars,
under the consumer's vars and --vars. The one place they are not seen is a node of another
project: a consumer's own model calling one of the package's macros, or an inline query such as
`cx-metrics alerts` runs in the consumer's project. Those call sites (ELSEWHERE) keep a default,
which must be dbt_project.yml's.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DECLARED: dict = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]

# Where dbt reads the package's nodes and macros, and the Python that writes dbt SQL or reads vars.
SCANNED = [
    "models",
    "macros",
    "tests/generic",
    "analyses",
    "cx_metrics",
    "orchestration",
    "expectations",
]
SUFFIXES = {".sql", ".yml", ".yaml", ".md", ".py"}

# Call sites that can run outside the package's nodes, where its vars are not seen.
ELSEWHERE = {
    "macros/metrics/period_grains.sql",  # public macro, called from a project's own models
    "macros/metrics/nps_margin_of_error.sql",
    "macros/metrics/wilson_interval.sql",
    "macros/metrics/cx_index.sql",
    "macros/alerts/alert_route.sql",
    "macros/cross_db/as_of_timestamp.sql",
    "macros/inputs/cx_source.sql",  # also in the freshness check's inline query (dbt show)
    "macros/text/text_settings.sql",  # text_tokens and sentiment_label, public macros
    "cx_metrics/alerts/queue.py",  # an inline query (dbt show) in the consumer's project
    "orchestration/sensors.py",  # reads the run's --vars only
}

# var('name', default) in Jinja, and .get("name", default) over a dict of vars in Python.
CALL = re.compile(r"""(?:\bvar|\.get)\(\s*(['"])(cx_[a-z_]+)\1\s*,""")


def _argument(text: str, start: int) -> str:
    """The text of the call's second argument, from start to its closing parenthesis."""
    depth, end = 1, start
    while depth:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[end], 0)
        end += 1
    return text[start : end - 1].strip()


def _value(literal: str) -> object:
    """A Jinja or Python literal as YAML reads it (none/None, true/True, lists, dicts)."""
    literal = re.sub(r"\b(none|None)\b", "null", literal)
    return yaml.safe_load(re.sub(r"\b(True|False)\b", lambda m: m.group(1).lower(), literal))


def defaults() -> list[tuple[str, str, str]]:
    """(file, var, default text) of every declared var given a default at a call site."""
    found = []
    for folder in SCANNED:
        for path in sorted((REPO / folder).rglob("*")):
            if path.suffix not in SUFFIXES or "__pycache__" in path.parts:
                continue
            text = path.read_text()
            for match in CALL.finditer(text):
                if match.group(2) in DECLARED:
                    relative = path.relative_to(REPO).as_posix()
                    found.append((relative, match.group(2), _argument(text, match.end())))
    return found


def test_declared_vars_have_no_second_default():
    again = [
        f"{file}: var('{name}', {default})"
        for file, name, default in defaults()
        if file not in ELSEWHERE
    ]
    assert not again, "dbt_project.yml declares these vars; drop the default:\n" + "\n".join(again)


def test_defaults_outside_the_package_nodes_are_the_declared_ones():
    differ = [
        f"{file}: {name} = {default}, dbt_project.yml: {DECLARED[name]!r}"
        for file, name, default in defaults()
        if file in ELSEWHERE and _value(default) != DECLARED[name]
    ]
    assert not differ, "\n".join(differ)


def test_the_lists_name_files_that_exist():
    assert all((REPO / file).is_file() for file in ELSEWHERE)

"""The input contract as the package declares it (models/staging/_cx_metrics__sources.yml): the
tests' one source of the inputs' columns, in their order (the order of the raw_record JSON),
with each column's meta (kind, required, ...)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

SOURCES_YML = Path(__file__).resolve().parents[2] / "models/staging/_cx_metrics__sources.yml"


@cache
def contract() -> dict[str, dict[str, dict]]:
    """{input: {column: meta}}, every input and column in the yml's order."""
    (source,) = yaml.safe_load(SOURCES_YML.read_text())["sources"]
    return {
        table["name"]: {column["name"]: column.get("meta", {}) for column in table["columns"]}
        for table in source["tables"]
    }


def columns(table: str) -> tuple[str, ...]:
    """The columns an input must have, in the contract's order."""
    return tuple(c for c, meta in contract()[table].items() if meta.get("required", True))


# The contract table of docs/inputs.md lies between these lines; `python tests/python/contract.py`
# writes it from the yml, and test_input_contract checks that it is up to date.
INPUTS_DOC = SOURCES_YML.parents[2] / "docs/inputs.md"
BEGIN = "<!-- contract table: generated from models/staging/_cx_metrics__sources.yml -->"
END = "<!-- end of contract table -->"


def contract_table() -> str:
    """The contract as a Markdown table: input, column, kind, meaning, and what to do when
    your column differs."""
    (source,) = yaml.safe_load(SOURCES_YML.read_text())["sources"]
    lines = ["| input | column | kind | meaning | if yours differs |", "|---|---|---|---|---|"]
    for table in source["tables"]:
        for position, column in enumerate(table["columns"]):
            meta = column.get("meta", {})
            kind = meta["kind"] + ("" if meta.get("required", True) else ", optional column")
            name = f"`{table['name']}`: {table['description']}" if position == 0 else ""
            cells = [name, f"`{column['name']}`", kind, column["description"], meta.get("mapping")]
            # A pipe inside a cell would end it.
            lines.append("| " + " | ".join((c or "").replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def with_table(page: str) -> str:
    before, rest = page.split(BEGIN + "\n", 1)
    _, after = rest.split(END, 1)
    return f"{before}{BEGIN}\n{contract_table()}\n{END}{after}"


if __name__ == "__main__":
    INPUTS_DOC.write_text(with_table(INPUTS_DOC.read_text()))

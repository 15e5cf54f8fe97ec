"""The docs check (devtools/check_docs.py, in `make lint`): it reports a broken link, a bad
anchor, an unknown var and a command nothing runs (or that does not exist), and the
repository's own docs pass it.
Pure file reading (and one `git ls-files`), well under a second."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from devtools import check_docs

ROOT = Path(__file__).resolve().parents[2]

PROJECT = """\
name: cx_metrics
vars:
  cx_known: 1
  cx_orders_identifier: orders
"""

README = """\
# Title

[fine](docs/page.md), [fine too](docs/page.md#a-heading-with-code), [the second](#usage-1),
[a folder](docs/), [elsewhere](https://example.com/missing.md), `[code](nowhere.md)`.

[gone](docs/missing.md) and [wrong anchor](docs/page.md#no-such-heading)
<img src="docs/missing.png">

## Usage

## Usage

| var | default |
|---|---|
| `cx_known`, `cx_<table>_identifier` | 1 |
| `cx_unknown` | 2 |
| `cx_<table>_nowhere` | 3 |

```yaml
vars:
  cx_metrics:
    cx_known: 2
    cx_scoped_unknown: 3
```

```sql
select {{ var('cx_called_unknown') }}, {{ env_var('NOT_A_VAR') }}
```

```sh
make demo   # run by the Makefile
.venv/bin/cx-metrics validate --vars '{cx_known: 3, cx_option_unknown: 1}' \\
  && cx-metrics frobnicate && make nosuch
```

A lone ` backtick hides no link.

[after the backtick](docs/gone.md)
"""

PAGE = """\
# A page

## A heading with `code`
"""

MAKEFILE = """\
demo:
\t$(BIN)/python -m pytest  # make demo
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "tests" / "python").mkdir(parents=True)
    (tmp_path / "dbt_project.yml").write_text(PROJECT)
    (tmp_path / "README.md").write_text(README)
    (tmp_path / "docs" / "page.md").write_text(PAGE)
    (tmp_path / "Makefile").write_text(MAKEFILE)
    (tmp_path / "tests" / "python" / "test_x.py").write_text(
        'subprocess.run([str(BIN / "cx-metrics"), "validate"])\n'
    )
    return tmp_path


def test_each_kind_of_problem_is_reported_once(repository: Path) -> None:
    files = [repository / "README.md", repository / "docs" / "page.md"]
    found = check_docs.problems(repository, files)
    expected = [
        "README.md:6: broken link docs/missing.md: docs/missing.md does not exist",
        "README.md:6: broken link docs/page.md#no-such-heading: no heading of page.md has the"
        " anchor #no-such-heading",
        "README.md:7: broken link docs/missing.png: docs/missing.png does not exist",
        "README.md:38: broken link docs/gone.md: docs/gone.md does not exist",
        "README.md:16: the var cx_unknown is not in dbt_project.yml's vars",
        "README.md:17: no var of dbt_project.yml matches the pattern cx_<table>_nowhere",
        "README.md:23: the var cx_scoped_unknown is not in dbt_project.yml's vars",
        "README.md:27: the var cx_called_unknown is not in dbt_project.yml's vars",
        "README.md:32: the var cx_option_unknown is not in dbt_project.yml's vars",
        "README.md:32: `cx-metrics frobnicate`: cx-metrics has no command frobnicate",
        "README.md:32: `make nosuch`: the Makefile has no target nosuch",
    ]
    assert found == expected


def test_anchors_follow_githubs_slugs() -> None:
    text = "# cx_metrics\n## Qualtrics (Fivetran), `cx_survey_source: qualtrics`\n## A\n## A\n"
    assert check_docs.anchors(text) == {
        "cx_metrics",
        "qualtrics-fivetran-cx_survey_source-qualtrics",
        "a",
        "a-1",
    }
    assert check_docs.slug("What `make demo` prints") == "what-make-demo-prints"


def test_a_heading_inside_a_code_block_is_no_anchor() -> None:
    assert check_docs.anchors("```sh\n# a comment\n```\n## Real\n") == {"real"}


def test_the_repository_passes() -> None:
    assert check_docs.problems() == []


def _table_names(text: str) -> set[str]:
    return set(re.findall(r"^\| `(cx__\w+)` \|", text, re.M))


def test_the_output_tables_are_listed_alike() -> None:
    """The README's one-line list and docs/outputs.md's grains list the marts, all of them."""
    marts = {p.stem for p in (ROOT / "models" / "marts").rglob("cx__*.sql")}
    assert _table_names((ROOT / "README.md").read_text()) == marts
    assert _table_names((ROOT / "docs" / "outputs.md").read_text()) == marts

"""Each formula of the package is written out once: in a doc block of models/_cx_formulas__docs.md.

Model, column, metric and macro descriptions reference that block with doc() instead of
restating the formula, and the section "Metrics and their exact definitions" of docs/metrics.md
is generated from the same blocks (GitHub does not render doc()): `python
tests/python/test_doc_blocks.py` rewrites it, and a test here checks that it is up to date.

Every formula block has a few signatures, regular expressions that a restatement of the formula
would match (over the text with whitespace collapsed and backticks removed). The first must match
its own block, and none may match any other description: the other doc blocks (models/semantic/
included), every description in the package's yml files, the other formula blocks, README.md
and the pages under docs/ outside the generated section, whose prose links to that section
instead (but for the two pages in RESTATING). Pure file reading,
well under a second; dbt itself fails to parse on a doc() that names no block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
FORMULAS = REPO / "models/_cx_formulas__docs.md"
README = REPO / "README.md"
# The page that holds the generated definitions.
METRICS_DOC = REPO / "docs/metrics.md"
# Pages that spell out which counts a ratio divides, by design: {page: why}.
RESTATING = {
    "docs/bi_tools.md": "re-aggregating a ratio from its counts in a BI tool",
    "docs/semantic_layer.md": "each MetricFlow metric as the counts it divides",
}
BEGIN = "<!-- formulas: generated from models/_cx_formulas__docs.md -->"
END = "<!-- end of formulas -->"
# Where the package's docs and descriptions live.
DOC_DIRS = ("models", "macros")

DOCS_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", re.S)
JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)
DOC_CALL = re.compile(r"""\bdoc\(\s*['"](\w+)['"]\s*\)""")

# The formula blocks, in the file's order, and what a restatement of each would contain: the
# first signature is the formula as its block writes it, the others catch other wordings.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "cx_formula_nps": (
        r"promoters - detractors",
        r"\b9-10\b",
        r"\b9 or 10\b",
        r"\b0-6\b",
        r"\b0 to 6\b",
        r"promoters / (nps_)?responses",
        r"detractors / (nps_)?responses",
    ),
    "cx_formula_nps_variance": (r"pP \+ pD - \(pP - pD\)\^2",),
    "cx_formula_nps_margin_of_error": (r"100 \* z \* sqrt", r"-/\+ nps_margin_of_error"),
    "cx_formula_csat_pct": (
        r"satisfied_responses / responses",
        r"score >= cx_csat_satisfied_min",
        r"at least cx_csat_satisfied_min",
    ),
    "cx_formula_ces_easy_pct": (r"easy_responses / responses", r"[<>]= cx_ces_easy_threshold"),
    "cx_formula_wilson_interval": (r"z\^2/2n", r"z²/2n", r"p\(1-p\)/n"),
    "cx_formula_avg_score": (r"score_sum / responses",),
    "cx_formula_customer_flows": (
        r"started_at < ps\b",
        r"ps <= churned_at < pe",
        r"churned_at >= ps\b",
    ),
    "cx_formula_churn_rate": (
        r"100 \* churned(_customers)? / (customers_)?at_start",
        r"100 \* C / S\b",
    ),
    "cx_formula_retention_rate": (r"\(E - N\) / S\b", r"customers_at_end - new_customers"),
    "cx_formula_cohort_retention": (r"retained_customers / cohort_customers",),
    "cx_formula_activity_churn": (r"\[t - W, t\)", r"last activity \+ W", r"pe \+ W <="),
    "cx_formula_activity_cohorts": (r"active_customers / cohort_customers",),
    "cx_formula_service_levels": (
        r"agent_replies <= cx_fcr_max_replies",
        r"first_contact_resolutions / tickets_resolved",
        r"seconds / 60\b",
        r"_sum / tickets_",
    ),
    "cx_formula_cx_index": (r"\(nps \+ 100\) / 2", r"sum\(weight \* component\)"),
    "cx_formula_metric_change": (r"value - previous_value",),
    "cx_formula_z_test_nps_difference": (r"sqrt\(var_1 \+ var_0\)", r"sqrt\(v1 \+ v0\)"),
    "cx_formula_z_test_two_proportions": (
        r"\(x_?1 \+ x_?0\) / \(n_?1 \+ n_?0\)",
        r"p ?\(1 ?- ?p\) ?\(1/n",
    ),
    "cx_formula_normal_cdf": (r"0\.2316419", r"26\.2\.17"),
    "cx_formula_two_sided_p_value": (r"2 \* \(1 - Phi", r"2 \* Phi\(-"),
    "cx_formula_is_significant": (r"p_value < (var )?cx_significance_alpha",),
    "cx_formula_touchpoint_gap": (
        r"touchpoint value - overall value",
        r"\b(nps|csat_pct|ces_easy_pct) - overall_",
    ),
    "cx_formula_detractor_share": (r"100 \* touchpoint detractors /",),
    "cx_formula_driver_rank": (r"significantly negative",),
    "cx_formula_followup_status": (r"responded_at \+ cx_followup_sla_hours",),
    "cx_formula_pct_closed_within_sla": (r"closed_within_sla / decided_answers",),
    "cx_formula_nps_category_as_of_start": (r"responded_at < period_start",),
    "cx_formula_share_of_revenue": (r"100 \* monthly_revenue_at_start /",),
    "cx_formula_revenue_weighted_nps": (r"promoter.revenue - detractor.revenue",),
    "cx_formula_overdue_followup_revenue": (r"follow_up_due_at < t\b",),
    "cx_formula_revenue_at_risk": (r"detractor_revenue \+ overdue_followup_revenue",),
    "cx_formula_customer_health": (
        r"first matching rule wins",
        r"older than (var )?cx_health_ticket_age_hours",
    ),
}


def _normal(text: str) -> str:
    """Whitespace collapsed, backticks removed: what the signatures are matched against."""
    return " ".join(text.replace("`", "").split())


def doc_blocks(path: Path) -> list[tuple[str, str]]:
    """(name, contents) of each doc block of a file, in its order, as dbt reads them."""
    text = JINJA_COMMENT.sub("", path.read_text())
    return [(name, body.strip()) for name, body in DOCS_BLOCK.findall(text)]


def formula_blocks() -> dict[str, str]:
    return dict(doc_blocks(FORMULAS))


def generated_formulas() -> str:
    """The generated definitions: every formula block, in the file's order."""
    return "\n\n".join(formula_blocks().values())


def with_formulas(page: str) -> str:
    before, rest = page.split(BEGIN + "\n", 1)
    _, after = rest.split(END, 1)
    return f"{before}{BEGIN}\n{generated_formulas()}\n{END}{after}"


def _doc_pages() -> list[Path]:
    """README.md and every page under docs/ that must not restate a formula."""
    pages = [README, *sorted((REPO / "docs").rglob("*.md"))]
    return [p for p in pages if str(p.relative_to(REPO)) not in RESTATING]


def _package_files(pattern: str) -> list[Path]:
    return sorted(p for d in DOC_DIRS for p in (REPO / d).rglob(pattern))


def _yml_descriptions(node: object, where: str) -> Iterator[tuple[str, str]]:
    """(the names leading to it, text) of every description in a yml document."""
    if isinstance(node, dict):
        name = node.get("name")
        here = f"{where}.{name}" if isinstance(name, str) else where
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield here.lstrip("."), value
            else:
                yield from _yml_descriptions(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _yml_descriptions(item, where)


def texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every written description but the formula blocks themselves."""
    for path in _package_files("*.md"):
        if path != FORMULAS:
            for name, body in doc_blocks(path):
                yield f"{path.relative_to(REPO)}: {name}", body
    for path in _package_files("*.yml"):
        if path.name.endswith("_unit_tests.yml"):
            continue  # a unit test's description explains its expected rows, not a definition
        for where, text in _yml_descriptions(yaml.safe_load(path.read_text()), ""):
            yield f"{path.relative_to(REPO)}: {where}", text
    for page in _doc_pages():
        text = page.read_text()
        if BEGIN in text:
            before, rest = text.split(BEGIN, 1)
            text = before + rest.split(END, 1)[1]
        for section in re.split(r"\n(?=## )", text):
            yield f"{page.relative_to(REPO)}: {section.splitlines()[0]}", section


def restatements() -> set[tuple[str, str, str]]:
    """(where, formula block, signature) of every match outside the formula's own block."""
    found = set()
    blocks = formula_blocks()
    others = [(f"{FORMULAS.relative_to(REPO)}: {n}", n, t) for n, t in blocks.items()]
    for where, own, text in [(w, None, t) for w, t in texts()] + others:
        normal = _normal(text)
        for name, signatures in SIGNATURES.items():
            if name == own:
                continue
            for signature in signatures:
                if re.search(signature, normal, re.IGNORECASE):
                    found.add((where, name, signature))
    return found


def test_each_formula_block_is_defined_once_and_has_signatures():
    names = [n for p in _package_files("*.md") for n, _ in doc_blocks(p)]
    blocks = formula_blocks()
    assert list(blocks) == list(SIGNATURES)
    assert {n for n in blocks if names.count(n) != 1} == set()
    assert [n for n in blocks if not n.startswith("cx_formula_")] == []


def test_each_block_matches_its_first_signature():
    blocks = formula_blocks()
    missing = [
        (name, signatures[0])
        for name, signatures in SIGNATURES.items()
        if not re.search(signatures[0], _normal(blocks[name]), re.IGNORECASE)
    ]
    assert missing == []


def test_no_description_restates_a_formula():
    assert sorted(restatements()) == []


def test_every_doc_reference_names_a_block():
    names = {n for p in _package_files("*.md") for n, _ in doc_blocks(p)}
    references = {
        (str(p.relative_to(REPO)), ref)
        for p in _package_files("*.yml")
        for ref in DOC_CALL.findall(p.read_text())
    }
    assert sorted((p, r) for p, r in references if r not in names) == []
    used = {r for _, r in references}
    assert sorted(set(formula_blocks()) - used) == [], "a formula block nothing references"


def test_the_documented_formulas_are_generated_from_the_doc_blocks():
    page = METRICS_DOC.read_text()
    assert with_formulas(page) == page, "run: python tests/python/test_doc_blocks.py"


def test_the_restating_pages_exist():
    assert [p for p in RESTATING if not (REPO / p).is_file()] == []


if __name__ == "__main__":
    METRICS_DOC.write_text(with_formulas(METRICS_DOC.read_text()))

"""Merge the validation results of consecutive chunks of one table into one result.

Every expectation in the suites is row-wise (each row passes or fails on its own; uniqueness is
decided in SQL before chunking), so a table's counts are the sums of its chunks' counts and the
verdict follows from them exactly as GX decides it for a single batch.
"""

from __future__ import annotations

import copy

from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)

SAMPLE_SIZE = 5


def _merge_counts(merged: dict, part: dict) -> None:
    for name in ("element_count", "unexpected_count", "missing_count"):
        if name in part:
            merged[name] = merged.get(name, 0) + part[name]
    samples = merged.setdefault("partial_unexpected_list", [])
    room = SAMPLE_SIZE - len(samples)
    samples.extend(part.get("partial_unexpected_list", [])[: max(room, 0)])


def recount(result: ExpectationValidationResult) -> None:
    """Recompute success and percentages from the summed (or weighted) counts."""
    counts = result.result
    kwargs = result.expectation_config.kwargs
    if "observed_value" in counts:  # table row count
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        rows = counts["observed_value"]
        result.success = (low is None or rows >= low) and (high is None or rows <= high)
        return
    elements = counts.get("element_count", 0)
    considered = elements - counts.get("missing_count", 0)
    unexpected = counts.get("unexpected_count", 0)
    mostly = kwargs.get("mostly", 1)
    result.success = considered == 0 or (considered - unexpected) / considered >= mostly
    counts["unexpected_percent"] = 100 * unexpected / considered if considered else None
    if "missing_count" in counts:
        counts["missing_percent"] = 100 * counts["missing_count"] / elements if elements else None
        counts["unexpected_percent_total"] = 100 * unexpected / elements if elements else None
        counts["unexpected_percent_nonmissing"] = counts["unexpected_percent"]
    for stale in ("partial_unexpected_counts", "partial_unexpected_index_list"):
        counts.pop(stale, None)


def combine(chunks: list[ExpectationSuiteValidationResult]) -> ExpectationSuiteValidationResult:
    merged = copy.deepcopy(chunks[0])
    for result in merged.results:
        result.result.pop("partial_unexpected_list", None)
        observed = result.result.get("observed_value")
        for name in ("element_count", "unexpected_count", "missing_count"):
            result.result.pop(name, None)
        if observed is not None:
            result.result["observed_value"] = 0
    for chunk in chunks:
        for merged_result, part in zip(merged.results, chunk.results, strict=True):
            if "observed_value" in part.result:
                merged_result.result["observed_value"] += part.result["observed_value"]
            else:
                _merge_counts(merged_result.result, part.result)
    for result in merged.results:
        recount(result)
    return finish(merged)


def finish(merged: ExpectationSuiteValidationResult) -> ExpectationSuiteValidationResult:
    """The suite's verdict and statistics from its expectations' recomputed verdicts."""
    passed = sum(result.success for result in merged.results)
    merged.success = passed == len(merged.results)
    merged.statistics.update(
        evaluated_expectations=len(merged.results),
        successful_expectations=passed,
        unsuccessful_expectations=len(merged.results) - passed,
        success_percent=100 * passed / len(merged.results) if merged.results else None,
    )
    return merged

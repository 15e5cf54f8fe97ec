"""The hand-worked VADER cases (vader_rules.py) equal vaderSentiment 3.3.2's scores: the
arithmetic written in each case is VADER's, so the SQL implementation can be held to it."""

from __future__ import annotations

import re

import pytest
from vader_corpus import reference
from vader_rules import CASES, MIXED, Case

TOLERANCE = 0.0001


@pytest.mark.parametrize("case", CASES, ids=[case.text or "<empty>" for case in CASES])
def test_hand_compound_is_vaders(case: Case) -> None:
    (scores,) = reference([case.text])
    assert abs(round(scores["compound"], 4) - case.compound) <= TOLERANCE, (
        f"{case.text!r}: vaderSentiment {scores['compound']}, by hand {case.compound} ({case.how})"
    )


@pytest.mark.parametrize("case", CASES, ids=[case.text or "<empty>" for case in CASES])
def test_the_arithmetic_ends_in_the_value(case: Case) -> None:
    """Each `how` ends with the value it works out, the same as the case's."""
    last = re.findall(r"-?\d+\.\d+", case.how)[-1]
    assert float(last) == case.compound, case.how


def test_hand_shares_are_vaders() -> None:
    (scores,) = reference([MIXED.text])
    assert (scores["neg"], scores["neu"], scores["pos"]) == (MIXED.neg, MIXED.neu, MIXED.pos)

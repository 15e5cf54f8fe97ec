"""The labelled corpus of Hutto & Gilbert (2014), the VADER paper, and the reference scores.

`make install-test` extracts it from the vaderSentiment 3.3.2 sdist
(additional_resources/hutto_ICWSM_2014.tar.gz) to build/vader/hutto_ICWSM_2014/. Each
<name>_GroundTruth.txt holds one snippet a line: id, mean human rating (-4 to 4) and text,
tab-separated. The four files are valid UTF-8 (the movie reviews and tweets carry a few
accented letters and a pound sign; the Amazon and NYT files are plain ASCII) with Windows line
ends (CRLF), which are not part of the text. The texts are kept as written, HTML entities such
as ``&amp;`` in the tweets included: VADER scores them as they are.

`reference` scores texts with vaderSentiment itself, the oracle of the SQL implementation.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

CORPUS_DIR = Path(__file__).resolve().parents[2] / "build" / "vader" / "hutto_ICWSM_2014"
NAMES = ("amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets", "tweets")


def corpus_path(name: str) -> Path:
    if name not in NAMES:
        raise ValueError(f"unknown corpus {name!r}: one of {', '.join(NAMES)}")
    return CORPUS_DIR / f"{name}_GroundTruth.txt"


def _rows(name: str) -> list[list[str]]:
    """The file's lines split at their tabs: (id, mean rating, text). Split on line feeds only,
    not str.splitlines, which would also break a text at a form feed or U+2028."""
    text = corpus_path(name).read_text(encoding="utf-8")
    lines = (line.removesuffix("\r") for line in text.split("\n"))
    return [line.split("\t", 2) for line in lines if line]


def corpus(name: str) -> list[tuple[str, str]]:
    """(id, text) of each snippet of build/vader/hutto_ICWSM_2014/<name>_GroundTruth.txt."""
    return [(row_id, text) for row_id, _rating, text in _rows(name)]


def ratings(name: str) -> dict[str, float]:
    """The mean human rating of each snippet, by id."""
    return {row_id: float(rating) for row_id, rating, _text in _rows(name)}


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def reference(texts: Iterable[str]) -> list[dict[str, float]]:
    """vaderSentiment's polarity_scores of each text: neg, neu, pos (3 places) and compound (4)."""
    analyzer = _analyzer()
    return [analyzer.polarity_scores(text) for text in texts]

"""Hostile input rows for test_hostile_inputs.py, one per hostile value per column, each with
the verdict the build must give it: accepted, or rejected with its reason.

Every row starts from a valid row of its table and changes one column (or, for duplicates, the
key and time), so its verdict is the one of that value. An accepted row may also say what its
columns must hold once parsed (`expect`: column of the accepted relation -> value; timestamps
as UTC microseconds since 1970-01-01).

Run as a script it is the Spark side of the test, in its own JVM (the embedded metastore takes
one process at a time): `spark-load ROWS.json` writes the inputs as string tables in database
raw, `spark-read OUT.json SCHEMA.NAME...` writes the relations the test reads (timestamps as
microseconds).
"""

from __future__ import annotations

import json
import os
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import contract  # beside this module

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ACCEPTED = "accepted"
Row = dict[str, str | None]
Judge = Callable[[float | None], str]
LOWER_ASCII = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# The Unicode space separators (category Zs), which clean_text trims like U+0020.
SPACES = " \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


@dataclass
class Case:
    row: Row
    verdict: str
    expect: dict[str, object] = field(default_factory=dict)


@dataclass
class Table:
    name: str
    key: str
    # The relation of its accepted rows, its key column, and the column counting rows per key.
    accepted_relation: str
    accepted_key: str
    accepted_count: str | None
    cases: list[Case]
    # Where the accepted relation keeps an input column under another name.
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return contract.columns(self.name)


# --- Values -------------------------------------------------------------------------------------

# Blank: nothing but spaces, which include the Unicode space separators (no-break, ideographic).
BLANKS: list[str | None] = [None, "", " ", "     ", "\u00a0", "\u3000 \u2003\u202f"]

# Text that is no problem as a key, a code or free text: only blank text is missing.
TEXTS: list[str] = [
    "k" * 5000,
    "🔑",
    "👩‍👩‍👧 family",
    "ＥＭＡＩＬ",
    "EMAİL",  # dotted capital I: lower() gives 'i', 'i̇' or 'İ' depending on the engine
    "\u212a",  # Kelvin sign: lower() gives an ASCII 'k' on some engines
    "Straße",
    "ǅ",
    "it's",
    'say "hi"',
    "back\\slash",
    "ends with \\",
    '\\"',
    "\\\\\"'",
    "'; drop table raw.customers; --",
    '{"json": [1, "two"]}',
    "a\x00b",
    "\x00",
    "a\tb",
    "\t",
    "a\nb",
    "\r\n",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "\x01\x02",
    "\u00a0no-break\u3000",
    "\u200b",
    "\u2028",
    "\u0085",
    "\ufeffEMAIL",
    "e\u0301",
    "\u202eLIAME",
    "  Mixed Case  ",
    "NULL",
    "None",
    "%_*?[]^$.|()+{}",
]

# Free text that is hard to read for sentiment and topics (survey comments, review texts), on
# top of TEXTS: each is accepted as it is, and must get its one clear sentiment row.
HARD_TEXTS: list[str] = [
    "😡😡😡",  # only emoji: each named ('enraged face') and scored
    "👍",
    "🙂great🙂",  # emoji without spaces around them
    ":) :( :-D </3",
    ":'( \\o/ :-\\ 100%)",  # lexicon emoticons with a quote, a backslash, a percent sign
    "I can't stand the wait",  # a lexicon entry of two words
    "NOT GOOD AT ALL!!!",
    "not not not good",
    "good but but bad",
    "kind of",
    "..........",
    "!!!???",
    "Das Essen war sehr gut, aber der Service war schlecht.",
    "El servicio fue excelente 👍",
    "خدمة ممتازة",
    "服务很好",
    "very " * 1200 + "good",  # 6,004 characters
    "bad. " * 2500 + "good",  # 12,504 characters: only the first 10,000 are read
    "good\u2028bad\u0085fine\x0bok\x0cyes\x1cno",  # Python's other whitespace splits words
    "It's  \t great\n\n\nreally",
    "The agent\u2014was rude\u2026",
    "'great'",
    '"GREAT" service',
    "cafe\u0301 was bad",
    "Value for money, for money; ON HOLD on hold",
]

# Text timestamps that parse, with the UTC time they stand for.
GOOD_TIMESTAMPS: list[tuple[str, str]] = [
    ("2024-01-05", "2024-01-05 00:00:00"),
    (" 2024-01-05 10:00 ", "2024-01-05 10:00:00"),
    ("2024-01-05" + " " * 4990, "2024-01-05 00:00:00"),
    ("\u00a02024-01-05\u3000", "2024-01-05 00:00:00"),
    ("2024-01-05T10:00", "2024-01-05 10:00:00"),
    ("2024-01-05 10:00:59", "2024-01-05 10:00:59"),
    ("2024-01-05T23:59:59.999999", "2024-01-05 23:59:59.999999"),
    ("2024-01-05 10:00:00.5", "2024-01-05 10:00:00.5"),
    ("2024-02-29", "2024-02-29 00:00:00"),
    ("2000-02-29 12:00", "2000-02-29 12:00:00"),
    ("2024-04-30 00:00:00", "2024-04-30 00:00:00"),
    ("0001-01-01", "0001-01-01 00:00:00"),
    ("1582-10-10 12:00", "1582-10-10 12:00:00"),  # a day the Julian calendar skipped
    ("1899-12-31 23:59:59", "1899-12-31 23:59:59"),
    ("9999-12-31 23:59:59.999999", "9999-12-31 23:59:59.999999"),
    ("2024-01-05 10:00Z", "2024-01-05 10:00:00"),
    ("2024-01-05T10:00:00Z", "2024-01-05 10:00:00"),
    ("2024-01-05 10:00+05", "2024-01-05 05:00:00"),
    ("2024-01-05T10:00-0530", "2024-01-05 15:30:00"),
    ("2024-01-05 10:00:00+0530", "2024-01-05 04:30:00"),
    ("2024-01-05T10:00:00.123-05:30", "2024-01-05 15:30:00.123"),
    ("2024-01-05 10:00:00+14:59", "2024-01-04 19:01:00"),
    ("2024-01-05 10:00:00-14:59", "2024-01-06 00:59:00"),
    ("2024-01-05 10:00:00-00:00", "2024-01-05 10:00:00"),
    ("2024-03-01 01:00:00+02:00", "2024-02-29 23:00:00"),
    ("0001-01-01 00:00:00+14:00", "0000-12-31 10:00:00"),
    ("9999-12-31 23:59:59.999999-14:59", "10000-01-01 14:58:59.999999"),
    # the edges of the plausible range
    ("1900-01-01", "1900-01-01 00:00:00"),
    ("1900-01-01 00:30+01:00", "1899-12-31 23:30:00"),
    ("2099-12-31 23:59:59.999999", "2099-12-31 23:59:59.999999"),
    ("2099-12-31 23:30-01:00", "2100-01-01 00:30:00"),
    ("2100-01-01", "2100-01-01 00:00:00"),
]

# Text that is not a timestamp here, on any engine.
BAD_TIMESTAMPS: list[str] = [
    # impossible days and times
    "2024-02-30",
    "2023-02-29",
    "1900-02-29",
    "2100-02-29",
    "2024-04-31",
    "2024-06-31",
    "2024-09-31",
    "2024-11-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "2024-01-05 24:00:00",
    "2024-01-05 24:00",
    "2024-01-05 23:60:00",
    "2024-01-05 23:59:60",
    "2024-01-05 99:99:99",
    # out-of-range years
    "0000-01-01",
    "0000-12-31 23:59:59",
    "10000-01-01",
    "-2024-01-05",
    "-0001-01-01",
    "+2024-01-05",
    # other shapes and formats
    "05/01/2024",
    "01/05/2024 10:00",
    "2024-1-5",
    "2024-01-5",
    "2024/01/05",
    "2024.01.05",
    "20240105",
    "20240105T100000Z",
    "2024-W01-5",
    "2024-005",
    "5 Jan 2024",
    "Jan 5, 2024",
    "2024-01-05 10",
    "2024-01-05T",
    "2024-01-05 10:0",
    "2024-01-05 1:00",
    "2024-01-05 10:00:00.",
    "2024-01-05 10:00:00.1234567",
    "2024-01-05 10:00:00,5",
    # offsets
    "2024-01-05 10:00:00+15:00",
    "2024-01-05 10:00:00+14:60",
    "2024-01-05 10:00:00+99",
    "2024-01-05 10:00:00+5",
    "2024-01-05 10:00:00+05:3",
    "2024-01-05 10:00:00+05:30:00",
    "2024-01-05 10:00:00 +05:00",
    "2024-01-05 10:00:00z",
    "2024-01-05 10:00:00 Z",
    "2024-01-05+05:00",
    "2024-01-05Z",
    "2024-01-05 10:00:00 UTC",
    "2024-01-05 10:00:00 Europe/Paris",
    "2024-01-05T10:00:00+05:30[Asia/Kolkata]",
    # other digits, control and invisible characters
    "２０２４-０１-０５",
    "2024-01-０５",
    "٢٠٢٤-٠١-٠٥",
    "2024-01-05\x00",
    "\x002024-01-05",
    "2024-01-05\n",
    "2024-01-05 10:00:00\n",
    "2024-01-05\t",
    "\t2024-01-05",
    "\u200b2024-01-05",
    "\ufeff2024-01-05",
    "2024-01-05\u200b",
    "2024-01-05 10:00:00😀",
    "2024-01-05'",
    '"2024-01-05"',
    "2024-01-05\\",
    # words a cast might know
    "now",
    "today",
    "epoch",
    "infinity",
    "-infinity",
    "NaN",
    "1704448800",
    "t" * 5000,
]

# Numeric text that parses, with its value.
GOOD_NUMBERS: list[tuple[str, float]] = [
    ("0", 0.0),
    ("-0", -0.0),
    ("9", 9.0),
    ("+9", 9.0),
    ("09", 9.0),
    ("9.", 9.0),
    ("9.0", 9.0),
    (".5", 0.5),
    ("+.5", 0.5),
    ("-.5", -0.5),
    ("12.5", 12.5),
    ("-5", -5.0),
    ("-0.0001", -0.0001),
    ("1.5", 1.5),
    ("10", 10.0),
    ("11", 11.0),
    ("2147483647", 2147483647.0),
    ("2147483648", 2147483648.0),
    ("999999999999999999", 999999999999999999.0),
    ("123456789012345678.123456789012345678", 123456789012345678.123456789012345678),
    ("0.000000000000000001", 1e-18),
    (" 7 ", 7.0),
    ("9\u00a0", 9.0),
    ("7" + " " * 4999, 7.0),
]

# Text that is not a number here, on any engine.
BAD_NUMBERS: list[str] = [
    "1e3",
    "1E3",
    "1e+3",
    "1.5e-3",
    "NaN",
    "nan",
    "-NaN",
    "Infinity",
    "-Infinity",
    "inf",
    "+inf",
    "0x9",
    "0X1F",
    "0b1",
    "4,5",
    "1,000",
    "1 000",
    "1_000",
    "1.000,5",
    "$5",
    "5%",
    "5 minutes",
    "９",
    "٩",
    "१२",
    "１２.５",
    "½",
    "²",
    "Ⅻ",
    "9\x00",
    "9\n",
    "\n9",
    "9\t",
    "9\u200b",
    ".",
    "-",
    "+",
    "+-1",
    "--1",
    "1.2.3",
    "..5",
    "1234567890123456789",
    "0.0000000000000000001",
    "9" * 5000,
    "😀",
    "null",
    "true",
    "(5)",
    "5-",
    "'5'",
    '"5"',
    "\\5",
]


# --- Python's reading of a value, as the build must read it -------------------------------------


def clean(value: str | None) -> str | None:
    """clean_text: spaces (Unicode category Zs, not tabs or line breaks) trimmed, blank null."""
    trimmed = None if value is None else value.strip(SPACES)
    return trimmed or None


def code(value: str | None, default: str | None = None) -> str | None:
    """clean_code: cleaned, ASCII letters lower-cased, every other character kept."""
    cleaned = clean(value)
    return default if cleaned is None else cleaned.translate(LOWER_ASCII)


def utc_micros(text: str) -> int:
    """'Y-MM-DD HH:MM:SS[.ffffff]' (any year, even 0 or 10000) as microseconds since 1970."""
    day, time = text.split(" ")
    year, month, mday = (int(part) for part in day.rsplit("-", 2))
    seconds, _, fraction = time.partition(".")
    hours, minutes, secs = (int(part) for part in seconds.split(":"))
    # Days from civil (proleptic Gregorian), after Howard Hinnant's algorithm.
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + mday - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    days = era * 146097 + day_of_era - 719468
    return (
        ((days * 24 + hours) * 60 + minutes) * 60_000_000
        + secs * 1_000_000
        + int((fraction + "000000")[:6])
    )


# The plausible range of docs/inputs.md (vars cx_valid_timestamps_from and _before, defaults):
# a parsed timestamp outside it is rejected.
OUT_OF_RANGE = "timestamp out of range"
VALID_FROM = utc_micros("1900-01-01 00:00:00")
VALID_BEFORE = utc_micros("2100-01-01 00:00:00")


# --- Tables ----------------------------------------------------------------------------------


class _Builder:
    """Rows of one table: a valid base row with one or more columns changed."""

    def __init__(self, prefix: str, key: str, base: Row) -> None:
        self.prefix, self.key, self.base, self.cases = prefix, key, base, []

    def add(self, verdict: str, expect: dict | None = None, **values: str | None) -> None:
        row = {self.key: f"{self.prefix}{len(self.cases) + 1:04d}", **self.base}
        row.update(values)
        self.cases.append(Case(row, verdict, expect or {}))

    def keys(self) -> None:
        """Hostile text as the key: only blank text is a missing key."""
        for value in BLANKS:
            self.add("missing key", **{self.key: value})
        for value in TEXTS:
            self.add(ACCEPTED, **{self.key: value})

    def free_text(self, column: str, values: list[str] | None = None) -> None:
        for value in BLANKS + TEXTS + (values or []):
            self.add(ACCEPTED, {column: clean(value)}, **{column: value})

    def dimension(self, column: str, default: str) -> None:
        for value in BLANKS + TEXTS:
            self.add(ACCEPTED, {column: code(value, default)}, **{column: value})

    def timestamp(
        self, column: str, required: bool, earliest: str | None = None, too_early: str = ""
    ) -> None:
        """Every text timestamp in column; a parsed one outside the plausible range is out of
        range, else one before earliest gets too_early."""
        for value in BLANKS:
            self.add("missing timestamp" if required else ACCEPTED, **{column: value})
        for value, utc in GOOD_TIMESTAMPS:
            micros = utc_micros(utc)
            if not VALID_FROM <= micros < VALID_BEFORE:
                self.add(OUT_OF_RANGE, **{column: value})
                continue
            early = earliest is not None and micros < utc_micros(earliest)
            expect = {} if early else {column: micros}
            self.add(too_early if early else ACCEPTED, expect, **{column: value})
        for value in BAD_TIMESTAMPS:
            self.add("unparseable timestamp", **{column: value})

    def number(self, column: str, judge: Judge, blank: str = ACCEPTED) -> None:
        for value in BLANKS:
            self.add(blank, {column: None} if blank == ACCEPTED else {}, **{column: value})
        for value, number in GOOD_NUMBERS:
            verdict = judge(number)
            self.add(verdict, {column: number} if verdict == ACCEPTED else {}, **{column: value})
        for value in BAD_NUMBERS:
            self.add(judge(None), **{column: value})


def _nps_score(number: float | None) -> str:
    if number is None:
        return "unparseable score"
    if number != int(number):
        return "NPS score not an integer"
    return "score outside scale" if number < 0 or number > 10 else ACCEPTED


def _any_number(number: float | None) -> str:
    return "unparseable number" if number is None else ACCEPTED


def _duration(number: float | None) -> str:
    return _any_number(number) if number is None or number >= 0 else "negative duration"


def _count(number: float | None) -> str:
    if number is None:
        return "unparseable number"
    whole = number == int(number) and 0 <= number <= 2147483647
    return ACCEPTED if whole else "agent replies not a count"


# Score labels and scales (seed cx_score_labels): (survey_type, score, verdict, parsed score).
SCORES: list[tuple[str, str, str, float | None]] = [
    ("csat", "Very satisfied", ACCEPTED, 5.0),
    ("csat", "VERY SATISFIED", ACCEPTED, 5.0),
    ("csat", "  very satisfied  ", ACCEPTED, 5.0),
    ("csat", "Very  satisfied", "unparseable score", None),
    ("csat", "Very satisfied\t", "unparseable score", None),
    ("csat", "SATİSFIED", "unparseable score", None),
    ("csat", "ＳＡＴＩＳＦＩＥＤ", "unparseable score", None),
    ("csat", "Satisfied😀", "unparseable score", None),
    ("csat", "4,5", "unparseable score", None),
    ("csat", "4.5", ACCEPTED, 4.5),
    ("csat", "0", "score outside scale", None),
    ("csat", "6", "score outside scale", None),
    ("ces", "Strongly agree", ACCEPTED, 7.0),
    ("ces", "8", "score outside scale", None),
    ("nps", "Satisfied", "unparseable score", None),
]

SURVEY_TYPES: list[str] = [
    "NPS",
    " Csat ",
    "CES",
    "nps\t",
    "ＮＰＳ",
    "nps\x00",
    "\ufeffnps",
    "n ps",
    "NPS😀",
    "promoter",
]


def survey_responses() -> Table:
    rows = _Builder(
        "s",
        "response_id",
        {
            "customer_id": "c0001",
            "survey_type": "nps",
            "program": "relationship",
            "touchpoint": "purchase",
            "channel": "email",
            "score": "5",
            "responded_at": "2024-03-01 12:00:00",
            "comment": "fine",
            "ticket_id": None,
        },
    )
    rows.keys()
    for column in ("customer_id", "ticket_id"):
        rows.free_text(column)
    rows.free_text("comment", HARD_TEXTS)
    rows.dimension("program", "transactional")
    rows.dimension("touchpoint", "unknown")
    rows.dimension("channel", "unknown")
    for value in BLANKS + TEXTS + SURVEY_TYPES:
        known = code(value) in ("nps", "csat", "ces")
        rows.add(
            ACCEPTED if known else "unknown survey type",
            {"survey_type": code(value)} if known else {},
            survey_type=value,
        )
    rows.number("score", _nps_score, blank="missing score")
    for survey_type, score, verdict, parsed in SCORES:
        expect = {"score": parsed} if verdict == ACCEPTED else {}
        rows.add(verdict, expect, survey_type=survey_type, score=score)
    rows.timestamp("responded_at", required=True)
    # Duplicates: the earlier valid row of a key wins, whatever its spelling or defects.
    rows.add(ACCEPTED, response_id="dup-1", responded_at="2024-03-01 00:00:00")
    rows.add("duplicate key", response_id=" dup-1 ", responded_at="2024-03-02 00:00:00")
    rows.add("unparseable score", response_id="dup-2", score="x")
    rows.add(ACCEPTED, response_id="dup-2", responded_at="2024-03-05 00:00:00")
    return Table(
        "survey_responses",
        "response_id",
        "cx__survey_responses",
        "response_id",
        None,
        rows.cases,
    )


def customers() -> Table:
    rows = _Builder(
        "c",
        "customer_id",
        {
            "started_at": "2024-01-01 00:00:00",
            "churned_at": None,
            "segment": "smb",
            "plan": "basic",
            "region": "emea",
            "monthly_revenue": "49",
        },
    )
    rows.keys()
    for column in ("segment", "plan", "region"):
        rows.dimension(column, "unknown")
    rows.timestamp("started_at", required=True)
    rows.timestamp(
        "churned_at", False, earliest="2024-01-01 00:00:00", too_early="churned before started"
    )
    rows.number("monthly_revenue", _any_number)
    # Churned at 12:00 local time, after the 10:00 start, but that is 07:00 UTC.
    rows.add(
        "churned before started",
        started_at="2024-01-05 10:00:00",
        churned_at="2024-01-05 12:00:00+05:00",
    )
    rows.add(ACCEPTED, customer_id="dup-1", started_at="2024-01-01")
    rows.add("duplicate key", customer_id="dup-1 ", started_at="2024-02-01")
    return Table(
        "customers",
        "customer_id",
        "int_cx__customers_accepted",
        "customer_id",
        None,
        rows.cases,
    )


def support_tickets() -> Table:
    created = "2024-01-01 00:00:00"
    rows = _Builder(
        "t",
        "ticket_id",
        {
            "customer_id": "c0001",
            "channel": "chat",
            "priority": "high",
            "created_at": created,
            "first_response_at": None,
            "resolved_at": None,
            "handle_time_minutes": "12.5",
            "agent_replies": "1",
        },
    )
    rows.keys()
    rows.free_text("customer_id")
    rows.dimension("channel", "unknown")
    rows.dimension("priority", "unknown")
    rows.timestamp("created_at", required=True)
    rows.timestamp("first_response_at", False, created, "response before creation")
    rows.timestamp("resolved_at", False, created, "resolution before creation")
    rows.number("handle_time_minutes", _duration)
    rows.number("agent_replies", _count)
    rows.add("response before creation", first_response_at="2023-12-31 23:59:59.999999")
    rows.add("response before creation", first_response_at="2024-01-01 00:00:00+00:01")
    rows.add(ACCEPTED, first_response_at="2024-01-01 05:00:00+05:00")
    rows.add(ACCEPTED, ticket_id="dup-1", created_at="2024-01-01")
    rows.add("duplicate key", ticket_id=" dup-1", created_at="2024-01-02")
    return Table(
        "support_tickets",
        "ticket_id",
        "int_cx__support_tickets_accepted",
        "ticket_id",
        None,
        rows.cases,
    )


def feedback_followups() -> Table:
    rows = _Builder("f", "response_id", {"followed_up_at": "2024-03-02 09:00:00"})
    rows.keys()
    rows.timestamp("followed_up_at", required=True)
    # The key is (response_id, followed_up_at): an exact copy is a duplicate, a second
    # follow-up of the same response is not.
    for verdict in (ACCEPTED, "duplicate key"):
        rows.add(verdict, response_id="copied", followed_up_at="2024-03-03 09:00:00")
    rows.add(ACCEPTED, response_id="twice", followed_up_at="2024-03-03 09:00:00")
    rows.add(ACCEPTED, response_id="twice", followed_up_at="2024-03-04 09:00:00")
    return Table(
        "feedback_followups",
        "response_id",
        "int_cx__feedback_followups_summarized",
        "response_id",
        "followups",
        rows.cases,
        {"followed_up_at": "first_followed_up_at"},
    )


def orders() -> Table:
    rows = _Builder(
        "o",
        "order_id",
        {
            "customer_id": "c0001",
            "ordered_at": "2024-01-01 00:00:00",
            "amount": "19.90",
            "status": "completed",
        },
    )
    rows.keys()
    # Whose order it is: any text, but not none.
    for value in BLANKS:
        rows.add("missing customer", customer_id=value)
    for value in TEXTS:
        rows.add(ACCEPTED, {"customer_id": clean(value)}, customer_id=value)
    rows.timestamp("ordered_at", required=True)
    rows.number("amount", _any_number)
    rows.dimension("status", None)  # no default: a null status stays null (it is activity)
    rows.add(ACCEPTED, order_id="dup-1", ordered_at="2024-01-01")
    rows.add("duplicate key", order_id=" dup-1", ordered_at="2024-01-02")
    return Table("orders", "order_id", "int_cx__orders_accepted", "order_id", None, rows.cases)


def _rating(number: float | None) -> str:
    if number is None:
        return "unparseable rating"
    if number != int(number):
        return "rating not an integer"
    return "rating outside scale" if number < 1 or number > 5 else ACCEPTED


def reviews() -> Table:
    rows = _Builder(
        "r",
        "review_id",
        {"source": "google", "posted_at": "2024-01-01 00:00:00", "rating": "4", "text": "ok"},
    )
    rows.keys()
    rows.dimension("source", "unknown")
    rows.timestamp("posted_at", required=True)
    rows.number("rating", _rating, blank="missing rating")
    rows.free_text("text", HARD_TEXTS)
    rows.add(ACCEPTED, review_id="dup-1", posted_at="2024-01-01")
    rows.add("duplicate key", review_id=" dup-1", posted_at="2024-01-02")
    return Table("reviews", "review_id", "int_cx__reviews_accepted", "review_id", None, rows.cases)


def tables() -> list[Table]:
    return [
        survey_responses(),
        customers(),
        support_tickets(),
        feedback_followups(),
        orders(),
        reviews(),
    ]


# --- Spark, in its own process ----------------------------------------------------------------


def _spark() -> SparkSession:
    """A session on the warehouse and metastore of the build (CX_SPARK_*), as its profile."""
    from pyspark.sql import SparkSession

    metastore = os.environ["CX_SPARK_METASTORE"]
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in {
        "spark.master": "local[2]",
        "spark.sql.warehouse.dir": os.environ["CX_SPARK_WAREHOUSE"],
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={metastore};create=true"
        ),
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={metastore}-derby",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.parquet.int96RebaseModeInRead": "CORRECTED",
        "spark.sql.parquet.datetimeRebaseModeInRead": "CORRECTED",
        "spark.ui.enabled": "false",
    }.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def spark_load(rows_file: Path) -> None:
    """{table: {"columns": [...], "rows": [[...], ...]}} as string tables in database raw."""
    from pyspark.sql.types import StringType, StructField, StructType

    spark = _spark()
    spark.sql("create database if not exists raw")
    for name, data in json.loads(rows_file.read_text()).items():
        schema = StructType([StructField(c, StringType()) for c in data["columns"]])
        frame = spark.createDataFrame([tuple(r) for r in data["rows"]], schema)
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"raw.{name}")
    spark.stop()


def spark_read(relations: list[str], out_file: Path) -> None:
    """The relations given as schema.name, as {name: [row dict]}, timestamps as microseconds,
    dates as YYYY-MM-DD."""
    spark = _spark()
    found = {}
    for relation in relations:
        name = relation.split(".")[-1]
        frame = spark.table(relation)
        columns = [
            f"unix_micros(`{c}`) as `{c}`"
            if kind == "timestamp"
            else f"date_format(`{c}`, 'yyyy-MM-dd') as `{c}`"
            if kind == "date"
            else f"`{c}`"
            for c, kind in frame.dtypes
        ]
        found[name] = [row.asDict() for row in frame.selectExpr(*columns).collect()]
    out_file.write_text(json.dumps(found))
    spark.stop()


if __name__ == "__main__":
    command, path, *names = sys.argv[1:]
    if command == "spark-load":
        spark_load(Path(path))
    else:
        spark_read(names, Path(path))

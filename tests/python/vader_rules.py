"""VADER's rules (Hutto & Gilbert 2014), one comment each, worked by hand.

Each case is (text, expected compound, how): the valences come from vaderSentiment 3.3.2's
vader_lexicon.txt and its constants (booster B_INCR 0.293, dampener B_DECR -0.293, caps C_INCR
0.733, negation N_SCALAR -0.74, "!" 0.292 each up to 4, "??"/"???" 0.18 each, 4+ "?" 0.96), the
order of the rules from its vaderSentiment.py. The valences of a text are summed, the "!"/"?"
emphasis added away from zero, and compound = sum / sqrt(sum**2 + 15), rounded to 4 places.
Words that are not in the lexicon (the, service, was, ...) score 0.

test_vader_rules.py checks every hand value against vaderSentiment itself; the SQL
implementation is held to the same cases.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    text: str
    compound: float
    how: str


class Shares(NamedTuple):
    text: str
    neg: float
    neu: float
    pos: float
    how: str


CASES: list[Case] = [
    Case(
        "The service was good",
        0.4404,
        "lexicon word: good = 1.9; 1.9/sqrt(1.9**2+15) = 0.4404",
    ),
    Case(
        "The service was ok",
        0.2960,
        "the lexicon lists 'ok' twice (1.6, then 1.2): the later line wins, ok = 1.2;"
        " 1.2/sqrt(1.2**2+15) = 0.2960",
    ),
    Case(
        "The service was not good",
        -0.3412,
        "negation 1 word back: 1.9*-0.74 = -1.406; -1.406/sqrt(1.406**2+15) = -0.3412",
    ),
    Case(
        "This is not a good service",
        -0.3412,
        "negation 2 words back (not a good): 1.9*-0.74 = -1.406;"
        " -1.406/sqrt(1.406**2+15) = -0.3412",
    ),
    Case(
        "It is not at all good",
        -0.3412,
        "negation 3 words back (not at all good): 1.9*-0.74 = -1.406;"
        " -1.406/sqrt(1.406**2+15) = -0.3412",
    ),
    Case(
        "The service was very good",
        0.4927,
        "booster 1 word back: 1.9+0.293 = 2.193; 2.193/sqrt(2.193**2+15) = 0.4927",
    ),
    Case(
        "It was very very good",
        0.5379,
        "boosters 1 and 2 words back, the second scaled by 0.95: 1.9+0.293+0.293*0.95 = 2.47135;"
        " 2.47135/sqrt(2.47135**2+15) = 0.5379",
    ),
    Case(
        "The service was slightly good",
        0.3832,
        "dampener: 1.9-0.293 = 1.607; 1.607/sqrt(1.607**2+15) = 0.3832",
    ),
    Case(
        "The service was very bad",
        -0.5849,
        "booster before a negative word takes its sign: bad = -2.5, -2.5-0.293 = -2.793;"
        " -2.793/sqrt(2.793**2+15) = -0.5849",
    ),
    Case(
        "The food was good but the service was bad",
        -0.5859,
        "but: before it x0.5, after it x1.5: 1.9*0.5 + -2.5*1.5 = 0.95-3.75 = -2.8;"
        " -2.8/sqrt(2.8**2+15) = -0.5859",
    ),
    Case(
        "GOOD service",
        0.5622,
        "ALL CAPS while another word is not: 1.9+0.733 = 2.633; 2.633/sqrt(2.633**2+15) = 0.5622",
    ),
    Case(
        "GOOD SERVICE",
        0.4404,
        "every word in caps: no emphasis, good = 1.9; 1.9/sqrt(1.9**2+15) = 0.4404",
    ),
    Case(
        "VERY good service",
        0.6028,
        "booster in caps while other words are not: 1.9+(0.293+0.733) = 2.926;"
        " 2.926/sqrt(2.926**2+15) = 0.6028",
    ),
    Case(
        "The service was good!",
        0.4926,
        "one '!': 1.9+0.292 = 2.192; 2.192/sqrt(2.192**2+15) = 0.4926",
    ),
    Case(
        "The service was good!!!!!",
        0.6209,
        "five '!' count as 4: 1.9+4*0.292 = 3.068; 3.068/sqrt(3.068**2+15) = 0.6209",
    ),
    Case(
        "The service was good?",
        0.4404,
        "one '?' adds nothing: 1.9; 1.9/sqrt(1.9**2+15) = 0.4404",
    ),
    Case(
        "The service was good??",
        0.5040,
        "two '?': 1.9+2*0.18 = 2.26; 2.26/sqrt(2.26**2+15) = 0.5040",
    ),
    Case(
        "The service was good???",
        0.5330,
        "three '?': 1.9+3*0.18 = 2.44; 2.44/sqrt(2.44**2+15) = 0.5330",
    ),
    Case(
        "The service was good????",
        0.5940,
        "four or more '?': 1.9+0.96 = 2.86; 2.86/sqrt(2.86**2+15) = 0.5940",
    ),
    Case(
        "The service was no good",
        -0.3412,
        "'no' before a lexicon word: no scores 0 (not its -1.2), good = 1.9*-0.74 = -1.406;"
        " -1.406/sqrt(1.406**2+15) = -0.3412",
    ),
    Case(
        "The least helpful agent",
        -0.3252,
        "'least' before a word (not after 'at' or 'very') negates: helpful = 1.8*-0.74 = -1.332;"
        " -1.332/sqrt(1.332**2+15) = -0.3252",
    ),
    Case(
        "It was at least helpful",
        0.4215,
        "'at least' does not negate: helpful = 1.8; 1.8/sqrt(1.8**2+15) = 0.4215",
    ),
    Case(
        "The service was kind of good",
        0.3832,
        "'kind of': kind (2.4 in the lexicon) scores 0 before 'of'; the bigram dampens good"
        " (3 words back: was kind of good): 1.9-0.293 = 1.607; 1.607/sqrt(1.607**2+15) = 0.3832",
    ),
    Case(
        "The service was so good",
        0.5777,
        "'so' boosts 1 word back (+0.293), and the 3-words-back check multiplies by 1.25 when the"
        " word before is 'so' or 'this': (1.9+0.293)*1.25 = 2.74125;"
        " 2.74125/sqrt(2.74125**2+15) = 0.5777",
    ),
    Case(
        "The service was never so good",
        0.6626,
        "'never so': no negation; the booster so, then x1.25 for 'never so' 2 words back and"
        " x1.25 again for 'so' 1 word back at the 3-words-back check:"
        " (1.9+0.293)*1.25*1.25 = 3.4265625; 3.4265625/sqrt(3.4265625**2+15) = 0.6626",
    ),
    Case(
        "😡",
        0.0,
        "emoji only: replaced by its description in emoji_utf8_lexicon.txt, 'pouting face';"
        " neither word is in the lexicon: sum 0, compound 0.0",
    ),
    Case(
        "😠",
        -0.5106,
        "emoji only: 'angry face', angry = -2.3; -2.3/sqrt(2.3**2+15) = -0.5106",
    ),
    Case("", 0.0, "empty text: no words, compound 0.0"),
    Case("   ", 0.0, "blank text: no words once split, compound 0.0"),
    Case(
        "good!!!",
        0.5826,
        "the token good!!! is stripped of its punctuation to good (1.9), the three '!' still"
        " count: 1.9+3*0.292 = 2.776; 2.776/sqrt(2.776**2+15) = 0.5826",
    ),
    Case(
        "Setup was ez",
        0.3612,
        "a 2-letter lexicon word: ez = 1.5; 1.5/sqrt(1.5**2+15) = 0.3612",
    ),
    Case(
        "Setup was ez!",
        0.0,
        "stripped, ez! would have 2 characters or fewer, so the token keeps its punctuation:"
        " 'ez!' is not in the lexicon, the sum is 0 and '!' adds nothing to 0: compound 0.0",
    ),
]

# pos, neu and neg of one mixed sentence: positive valences count +1 each, negative -1 each,
# neutral words 1 each; each share is its part of the total, rounded to 3 places.
MIXED = Shares(
    "The food was good but the service was bad",
    0.347,
    0.511,
    0.142,
    "valences after 'but': good 1.9*0.5 = 0.95, bad -2.5*1.5 = -3.75, 7 words at 0;"
    " pos = 0.95+1 = 1.95, neg = |-3.75-1| = 4.75, neu = 7, total 13.7:"
    " neg 4.75/13.7 = 0.347, neu 7/13.7 = 0.511, pos 1.95/13.7 = 0.142",
)

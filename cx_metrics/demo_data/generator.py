"""Deterministic, vectorized generator of realistic CX input data (docs/inputs.md).

Data is produced in independent chunks of customers: each chunk's random stream is seeded by
``(seed, chunk_index)``, so the output is identical however it is written (one CSV for the
demo seeds, or many Parquet row groups for benchmarks) and memory stays bounded by chunk size.
Every value is written as text, the way raw exports arrive; staging parses it.

The orders (the optional fifth input) draw from a random stream of their own, seeded by
``(seed, chunk_index, ORDERS_STREAM)``, after the other four tables are generated: adding them
left every other table as it was. The texts of the survey comments, likewise, come from a stream
of their own, ``(seed, chunk_index, COMMENTS_STREAM)``: which answers have a comment is still
drawn from the chunk's main stream. The reviews (the optional sixth input, reviews.py) come
last, from a stream of their own too, ``(seed, chunk_index, REVIEWS_STREAM)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cx_metrics.demo_data.reviews import REVIEWS_STREAM, reviews

SECONDS_PER_DAY = 86_400
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"

# Survey responses per customer at the default rates (447,880 at 200,000 customers).
RESPONSES_PER_CUSTOMER = 2.24

SEGMENTS = np.array(["enterprise", "mid_market", "smb"])
SEGMENT_WEIGHTS = np.array([0.15, 0.30, 0.55])
# Monthly churn hazard per segment: SMB churns most.
SEGMENT_MONTHLY_CHURN = np.array([0.010, 0.022, 0.040])
# Shift of the NPS/CSAT/CES propensity per segment (enterprise is happiest).
SEGMENT_MOOD = np.array([0.35, 0.10, -0.20])
PLANS = np.array(["basic", "pro", "premium"])
PLAN_WEIGHTS = np.array([0.5, 0.35, 0.15])
PLAN_REVENUE = np.array([49.0, 199.0, 899.0])
REGIONS = np.array(["na", "emea", "apac", "latam"])
REGION_WEIGHTS = np.array([0.45, 0.30, 0.15, 0.10])

TICKET_CHANNELS = np.array(["email", "phone", "chat", "social", "web"])
TICKET_CHANNEL_WEIGHTS = np.array([0.35, 0.20, 0.30, 0.05, 0.10])
# Median first response in minutes per ticket channel (long-tailed around it).
TICKET_CHANNEL_RESPONSE_MEDIAN = np.array([240.0, 2.0, 3.0, 90.0, 180.0])
PRIORITIES = np.array(["low", "medium", "high", "urgent"])
PRIORITY_WEIGHTS = np.array([0.35, 0.40, 0.18, 0.07])
PRIORITY_RESOLUTION_MEDIAN_HOURS = np.array([30.0, 16.0, 6.0, 2.5])

SURVEY_CHANNELS = np.array(["email", "web", "app", "sms", "phone", "chat"])
SURVEY_CHANNEL_WEIGHTS = np.array([0.40, 0.20, 0.15, 0.10, 0.05, 0.10])
TRANSACTIONAL_TOUCHPOINTS = np.array(["purchase", "delivery", "onboarding", "renewal"])
TRANSACTIONAL_TOUCHPOINT_WEIGHTS = np.array([0.35, 0.30, 0.20, 0.15])

CSAT_LABELS = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]
CES_LABELS = [
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
]
# Survey comments. Their texts come from a random stream of their own (COMMENTS_STREAM): the main
# stream still makes the draws of the four and five fixed comments the demo had first (a choice
# among 5 for each answer, then among 4), which are no longer used, so that every other value
# stays as it was. Which answers have a comment (about 45%) is still drawn from the main stream.
LEGACY_NEGATIVE_COMMENT_CHOICES = 5
LEGACY_POSITIVE_COMMENT_CHOICES = 4
COMMENTS_STREAM = 6  # nonzero and not ORDERS_STREAM (see ORDERS_STREAM)
NO_COMMENT_SHARE = 0.55  # of the answers: the main stream's draw, as before
# Slots of the comment templates: every combination is one comment.
COMMENT_SLOTS: dict[str, tuple[str, ...]] = {
    "end": (".", "!", "!!", ""),
    "minutes": ("20", "40", "45", "90"),
    "days": ("3", "5", "10"),
    "quick": ("5", "10", "15"),
    "very": ("very", "extremely", "really"),
    "Very": ("Very", "Extremely", "Way too"),
    "agent": ("The agent", "Maria", "Tom from support"),
}
# Templates by tone and theme: detractors mostly wait or pay too much, passives say "good, but",
# promoters praise the staff or how easy it was.
COMMENT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "negative_waiting": (
        "I waited {minutes} minutes on hold{end}",
        "Waited {minutes} minutes on hold and nobody picked up{end}",
        "Took far too long to get an answer{end}",
        "It took {days} days to get a reply{end}",
        "Still waiting for a callback after {days} days. NEVER again{end}",
        "{Very} slow, the delivery was {days} days late{end}",
        "The response time is not acceptable{end}",
    ),
    "negative_billing": (
        "I was charged twice this month{end}",
        "The invoice was wrong again{end}",
        "{Very} expensive for what it does{end}",
        "Charged twice and the refund took {days} days{end}",
        "The billing team was not helpful at all{end}",
        "Hidden fees on every invoice. NOT happy{end}",
        "Prices went up and nobody told us{end}",
    ),
    "negative_other": (
        "I had to explain my problem three times{end}",
        "The product keeps breaking{end}",
        'Support said "we will call back" and never did.',
        "TERRIBLE experience, the issue is still not fixed{end}",
        "The app is {very} buggy and crashes every day{end}",
    ),
    "mixed": (
        "Good product but delivery was slow{end}",
        "{agent} was friendly but it took {days} days to fix{end}",
        "Nice features but {very} expensive{end}",
        "Works fine, but the invoice was wrong once{end}",
        "Easy to set up but support is slow to answer{end}",
        "Helpful staff but I waited {minutes} minutes on hold{end}",
        "Decent service, nothing special{end}",
        "Not bad, could be faster{end}",
    ),
    "positive_staff": (
        "The agent was so friendly and helpful{end}",
        "{agent} was {very} helpful{end}",
        "Great service, thank you{end}",
        "Fast and friendly{end}",
        "Friendly staff, solved my problem on the first call{end}",
        "The support team was AMAZING{end}",
    ),
    "positive_ease": (
        "Really easy to set up{end}",
        "{Very} easy to use{end}",
        "Exactly what I needed{end}",
        "Setup took {quick} minutes and it was simple{end}",
        "Love it{end}",
        "Everything just works, no problems at all{end}",
    ),
}
# Comments that are not templates: emoji only, other languages, empty (an empty CSV field:
# null on every engine, as the dbt seeds of PostgreSQL, Spark and Snowflake read any blank text).
COMMENT_FIXED: dict[str, tuple[str, ...]] = {
    "negative_emoji": ("😡", "👎", "😤😤", "😠"),
    "mixed_emoji": ("😐", "🤷", "👍👎"),
    "positive_emoji": ("👍👍", "😍", "🙂", "👏👏👏"),
    "negative_foreign": (
        "Muy lento, esperé una hora al teléfono.",
        "Viel zu teuer und der Support war nicht hilfreich.",
        "Facture erronée, encore une fois !",
    ),
    "mixed_foreign": (
        "Buen producto, pero el envío tardó mucho.",
        "Gutes Produkt, aber die Lieferung war langsam.",
        "Bon produit mais livraison lente.",
    ),
    "positive_foreign": (
        "¡Excelente atención, muy amables!",
        "Sehr freundlicher Support, danke!",
        "Très facile à installer, merci !",
    ),
    "blank": ("",),
}
# A rant pasted in full: one paragraph repeated to 5,000 characters.
LONG_COMMENT_PARAGRAPH = (
    "I have been a customer for six years and I have never waited this long. I called on"
    " Monday, waited 40 minutes on hold, was transferred twice and then the line went dead."
    " The invoice was wrong again and nobody could explain the extra charges."
)
LONG_COMMENT_CHARS = 5_000
# The share of each kind of comment per tone (negative, mixed, positive); each row sums to 1.
COMMENT_TONES = ("negative", "mixed", "positive")
COMMENT_MIX: dict[str, dict[str, float]] = {
    "negative": {
        "negative_waiting": 0.42,
        "negative_billing": 0.36,
        "negative_other": 0.148,
        "negative_emoji": 0.03,
        "negative_foreign": 0.03,
        "blank": 0.01,
        "long": 0.002,
    },
    "mixed": {"mixed": 0.93, "mixed_emoji": 0.03, "mixed_foreign": 0.03, "blank": 0.01},
    "positive": {
        "positive_staff": 0.5,
        "positive_ease": 0.43,
        "positive_emoji": 0.03,
        "positive_foreign": 0.03,
        "blank": 0.01,
    },
}


# Orders: a renewal process per customer from started_at until churned_at or the window's end.
# The stream of random numbers of the orders (see the module docstring); nonzero, since numpy
# seeds [seed, index, 0] like [seed, index].
ORDERS_STREAM = 5
# A chunk's order ids start at its first customer's number times this, and no customer has
# more orders: ids never overlap between chunks.
MAX_ORDERS_PER_CUSTOMER = 40
# By the customer's mean NPS answer: detractor, passive, promoter (no answers: passive). After
# each order the customer stops for good with this probability; gaps between orders are
# long-tailed around this median (days).
ORDER_STOP_PROBABILITY = np.array([0.40, 0.22, 0.12])
ORDER_GAP_MEDIAN_DAYS = np.array([70.0, 45.0, 30.0])
ORDER_GAP_SIGMA = 0.7
FIRST_ORDER_MEAN_DAYS = 3.0  # the first order comes soon after the start
SEGMENT_ORDER_GAP_FACTOR = np.array([0.85, 1.0, 1.15])  # enterprise orders most often
SEGMENT_ORDER_AMOUNT = np.array([380.0, 160.0, 60.0])  # median order value per segment
ORDER_STATUSES = np.array(["completed", "shipped", "cancelled", "refunded"])
ORDER_STATUS_WEIGHTS = np.array([0.86, 0.08, 0.04, 0.02])
# Exports spell statuses in other cases and with spaces (staging trims and lower-cases them).
MESSY_ORDER_STATUSES = {
    "completed": ["Completed", "COMPLETED", " completed"],
    "shipped": ["Shipped", "SHIPPED "],
    "cancelled": [" Cancelled ", "CANCELLED", "canceled", "Canceled"],
    "refunded": ["REFUNDED", " Refunded"],
}


@dataclass(frozen=True)
class DemoConfig:
    """Shape of the generated data. The defaults produce the bundled demo seeds."""

    customers: int = 3_000
    seed: int = 20_241_001
    history_start: str = "2023-01-01"
    window_start: str = "2024-01-01"
    window_end: str = "2025-10-01"  # exclusive: the data ends on 2025-09-30
    tickets_per_customer_month: float = 0.12
    relationship_surveys_per_customer_quarter: float = 0.35
    purchase_surveys_per_customer_month: float = 0.06
    post_ticket_survey_rate: float = 0.35
    followup_rate: float = 0.6
    customers_per_chunk: int = 50_000
    bad_rows: dict[str, int] = field(
        default_factory=lambda: {
            "survey_responses": 24,
            "customers": 12,
            "support_tickets": 24,
            "feedback_followups": 10,
            "orders": 24,
        }
    )

    @classmethod
    def for_responses(cls, responses: int, **kwargs: object) -> DemoConfig:
        """The configuration with about ``responses`` survey responses: customers, tickets and
        follow-ups in the demo's proportions (RESPONSES_PER_CUSTOMER, measured at 200,000
        customers)."""
        return cls(customers=max(1, round(responses / RESPONSES_PER_CUSTOMER)), **kwargs)

    @property
    def chunks(self) -> int:
        return max(1, -(-self.customers // self.customers_per_chunk))


def _epoch(day: str) -> int:
    return int(pd.Timestamp(day).timestamp())


def _format_ts(seconds: np.ndarray) -> np.ndarray:
    """Epoch seconds (float, NaN for missing) to text timestamps (None for missing)."""
    out = np.full(seconds.shape, None, dtype=object)
    present = ~np.isnan(seconds)
    if present.any():
        stamps = pd.to_datetime(np.floor(seconds[present]).astype("int64"), unit="s")
        out[present] = stamps.strftime(TIMESTAMP_FORMAT).to_numpy()
    return out


def _ids(prefix: str, numbers: np.ndarray) -> np.ndarray:
    if numbers.size == 0:  # numpy's zfill cannot size an empty array (a tiny run: no tickets)
        return np.empty(0, dtype=object)
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), 8)).astype(object)


def _pick(rng: np.random.Generator, values: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    return values[rng.choice(len(values), size=n, p=weights / weights.sum())]


@dataclass
class Chunk:
    customers: pd.DataFrame
    support_tickets: pd.DataFrame
    survey_responses: pd.DataFrame
    feedback_followups: pd.DataFrame
    orders: pd.DataFrame
    reviews: pd.DataFrame


def generate_chunk(config: DemoConfig, index: int) -> Chunk:
    """Generate the clean rows of one chunk of customers (no bad rows). The helpers below draw
    from one random stream in a fixed order (customers, tickets, responses, follow-ups), so
    reordering any draw changes every value after it. The orders come last, from a stream of
    their own (ORDERS_STREAM), so that they change none of the other tables."""
    rng = np.random.default_rng([config.seed, index])
    first = index * config.customers_per_chunk
    n = min(config.customers_per_chunk, config.customers - first)
    window = _Window.of(config)
    customers = _customers(rng, first, n, window)
    tickets = _tickets(rng, config, first, customers, window.end)
    comments_rng = np.random.default_rng([config.seed, index, COMMENTS_STREAM])
    responses = _survey_responses(rng, comments_rng, config, first, customers, tickets, window.end)
    followups = _followups(rng, config, responses, window.end)
    orders_rng = np.random.default_rng([config.seed, index, ORDERS_STREAM])
    orders = _orders(orders_rng, first, customers, responses, window.end)
    reviews_rng = np.random.default_rng([config.seed, index, REVIEWS_STREAM])
    active = (customers.active_from, customers.active_to, customers.active_months)
    category = _nps_category(customers, responses)
    review_rows = reviews(reviews_rng, first, customers.ids, active, category)
    return Chunk(customers.frame, tickets.frame, responses.frame, followups, orders, review_rows)


@dataclass(frozen=True)
class _Window:
    """The data window in epoch seconds; ``end`` is exclusive."""

    history_start: int
    start: int
    end: int

    @classmethod
    def of(cls, config: DemoConfig) -> _Window:
        return cls(
            _epoch(config.history_start), _epoch(config.window_start), _epoch(config.window_end)
        )


@dataclass
class _Customers:
    """One chunk's customers, with what tickets and surveys draw on."""

    frame: pd.DataFrame
    ids: np.ndarray
    segment: np.ndarray  # index into SEGMENTS
    started: np.ndarray  # epoch seconds
    active_from: np.ndarray  # epoch seconds: activity inside the data window
    active_to: np.ndarray
    active_months: np.ndarray


@dataclass
class _Tickets:
    frame: pd.DataFrame
    ids: np.ndarray
    owner: np.ndarray  # customer row of each ticket
    resolved: np.ndarray  # epoch seconds, NaN while open
    resolution_hours: np.ndarray


@dataclass
class _Responses:
    frame: pd.DataFrame
    ids: np.ndarray  # in generation order (the frame is sorted by time)
    when: np.ndarray
    negative: np.ndarray
    owner: np.ndarray  # customer row of each response (also of the anonymous ones)
    nps: np.ndarray  # the NPS score of each NPS answer, NaN for CSAT and CES


def _customers(rng: np.random.Generator, first: int, n: int, window: _Window) -> _Customers:
    """Customers: a base that exists before the window, and steady acquisition across it."""
    segment = rng.choice(len(SEGMENTS), size=n, p=SEGMENT_WEIGHTS)
    plan = rng.choice(len(PLANS), size=n, p=PLAN_WEIGHTS)
    region = rng.choice(len(REGIONS), size=n, p=REGION_WEIGHTS)
    started = rng.uniform(window.history_start, window.end - 7 * SECONDS_PER_DAY, size=n)
    months_to_churn = rng.exponential(1.0 / SEGMENT_MONTHLY_CHURN[segment])
    churned = started + months_to_churn * 30.4375 * SECONDS_PER_DAY
    churned[churned >= window.end] = np.nan
    revenue = np.round(PLAN_REVENUE[plan] * rng.lognormal(0.0, 0.15, size=n), 2)
    revenue_text = np.char.mod("%.2f", revenue).astype(object)
    revenue_text[rng.random(n) < 0.05] = None
    ids = _ids("C", np.arange(first, first + n))
    frame = pd.DataFrame(
        {
            "customer_id": ids,
            "started_at": _format_ts(started),
            "churned_at": _format_ts(churned),
            "segment": np.where(rng.random(n) < 0.02, None, SEGMENTS[segment]),
            "plan": PLANS[plan],
            "region": np.where(rng.random(n) < 0.03, None, REGIONS[region]),
            "monthly_revenue": revenue_text,
        }
    )
    active_from = np.maximum(started, window.start)
    active_to = np.where(np.isnan(churned), window.end, churned)
    active_months = np.clip((active_to - active_from) / (30.4375 * SECONDS_PER_DAY), 0, None)
    return _Customers(frame, ids, segment, started, active_from, active_to, active_months)


def _events(
    rng: np.random.Generator, customers: _Customers, rate_per_month: float
) -> tuple[np.ndarray, np.ndarray]:
    """(customer row, event time) for a Poisson number of events per active customer."""
    counts = rng.poisson(rate_per_month * customers.active_months)
    owner = np.repeat(np.arange(len(customers.ids)), counts)
    when = rng.uniform(customers.active_from[owner], customers.active_to[owner])
    return owner, when


def _tickets(
    rng: np.random.Generator, config: DemoConfig, first: int, customers: _Customers, end: int
) -> _Tickets:
    """Support tickets with long-tailed timings."""
    owner, created = _events(rng, customers, config.tickets_per_customer_month)
    m = len(owner)
    channel = rng.choice(len(TICKET_CHANNELS), size=m, p=TICKET_CHANNEL_WEIGHTS)
    priority = rng.choice(len(PRIORITIES), size=m, p=PRIORITY_WEIGHTS)
    response_minutes = TICKET_CHANNEL_RESPONSE_MEDIAN[channel] * rng.lognormal(0, 0.9, m)
    resolution_hours = PRIORITY_RESOLUTION_MEDIAN_HOURS[priority] * rng.lognormal(0, 1.1, m)
    resolution_hours = np.maximum(resolution_hours, response_minutes / 60.0 + 0.05)
    responded = created + response_minutes * 60.0
    resolved = created + resolution_hours * 3600.0
    unanswered = rng.random(m) < 0.03
    responded[unanswered] = np.nan
    still_open = unanswered | (rng.random(m) < 0.05) | (resolved >= end)
    resolved[still_open] = np.nan
    responded[responded >= end] = np.nan
    replies = rng.geometric(0.55, size=m)
    handle = np.round(np.maximum(1.0, 14.0 * rng.lognormal(0, 0.6, m)), 1)
    handle_text = np.char.mod("%.1f", handle).astype(object)
    handle_text[unanswered] = None
    ids = _ids("T", first * 40 + np.arange(m))
    frame = pd.DataFrame(
        {
            "ticket_id": ids,
            "customer_id": customers.ids[owner],
            "channel": np.where(rng.random(m) < 0.01, None, TICKET_CHANNELS[channel]),
            "priority": np.where(rng.random(m) < 0.01, None, PRIORITIES[priority]),
            "created_at": _format_ts(created),
            "first_response_at": _format_ts(responded),
            "resolved_at": _format_ts(resolved),
            "handle_time_minutes": handle_text,
            "agent_replies": np.where(unanswered, None, replies.astype(str)),
        }
    )
    return _Tickets(frame, ids, owner, resolved, resolution_hours)


@dataclass
class _Surveys:
    """Who answered which survey when: relationship rows, then purchase rows, then post-ticket
    rows (``ticket`` holds the ticket row of each post-ticket survey)."""

    owner: np.ndarray
    when: np.ndarray
    relationship: int
    purchase: int
    ticket: np.ndarray


def _surveys(
    rng: np.random.Generator, config: DemoConfig, customers: _Customers, tickets: _Tickets, end: int
) -> _Surveys:
    """Relationship NPS, transactional surveys after purchases and after resolved tickets."""
    r_owner, r_when = _events(
        rng, customers, config.relationship_surveys_per_customer_quarter / 3.0
    )
    p_owner, p_when = _events(rng, customers, config.purchase_surveys_per_customer_month)
    surveyed_ticket = rng.random(len(tickets.owner)) < config.post_ticket_survey_rate
    s_ticket = np.flatnonzero(surveyed_ticket & ~np.isnan(tickets.resolved))
    s_when = tickets.resolved[s_ticket] + rng.uniform(600, 2 * SECONDS_PER_DAY, len(s_ticket))
    keep = s_when < end
    s_ticket, s_when = s_ticket[keep], s_when[keep]
    return _Surveys(
        owner=np.concatenate([r_owner, p_owner, tickets.owner[s_ticket]]),
        when=np.concatenate([r_when, p_when, s_when]),
        relationship=len(r_owner),
        purchase=len(p_owner),
        ticket=s_ticket,
    )


def _survey_kinds(
    rng: np.random.Generator, surveys: _Surveys
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(program, touchpoint, survey type) of each survey row."""
    k = len(surveys.owner)
    n_rel, n_pur = surveys.relationship, surveys.purchase
    program = np.where(np.arange(k) < n_rel, "relationship", "transactional").astype(object)
    touchpoint = np.empty(k, dtype=object)
    touchpoint[:n_rel] = "relationship"
    touchpoint[n_rel : n_rel + n_pur] = _pick(
        rng, TRANSACTIONAL_TOUCHPOINTS, TRANSACTIONAL_TOUCHPOINT_WEIGHTS, n_pur
    )
    touchpoint[n_rel + n_pur :] = "support"
    survey_type = np.empty(k, dtype=object)
    survey_type[:n_rel] = "nps"
    survey_type[n_rel:] = _pick(
        rng, np.array(["nps", "csat", "ces"]), np.array([0.35, 0.40, 0.25]), k - n_rel
    )
    return program, touchpoint, survey_type


def _scores(
    rng: np.random.Generator,
    surveys: _Surveys,
    survey_type: np.ndarray,
    customers: _Customers,
    tickets: _Tickets,
) -> np.ndarray:
    """A latent mood in roughly [0, 1] drives every score type: segment, slow tickets, noise."""
    k = len(surveys.owner)
    mood = 0.84 + SEGMENT_MOOD[customers.segment[surveys.owner]] * 0.5 + rng.normal(0, 0.18, k)
    slow = np.zeros(k)
    post_ticket = surveys.relationship + surveys.purchase
    slow[post_ticket:] = np.clip(tickets.resolution_hours[surveys.ticket] / 48.0, 0, 1)
    mood = np.clip(mood - 0.35 * slow, 0.0, 1.0)
    nps_score = np.clip(np.round(mood * 10 + rng.normal(0, 0.8, k)), 0, 10)
    csat_score = np.clip(np.round(1 + mood * 4 + rng.normal(0, 0.5, k)), 1, 5)
    ces_score = np.clip(np.round(1 + mood * 6 + rng.normal(0, 0.7, k)), 1, 7)
    return np.select(
        [survey_type == "nps", survey_type == "csat"], [nps_score, csat_score], ces_score
    ).astype(int)


def _messy_text(
    rng: np.random.Generator, survey_type: np.ndarray, score: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(score text, survey type text): real exports mix formats: "9.0", labels, stray case and
    spaces."""
    k = len(score)
    score_text = score.astype(str).astype(object)
    decimal = rng.random(k) < 0.05
    score_text[decimal] = np.char.add(score[decimal].astype(str), ".0")
    csat_label = (survey_type == "csat") & (rng.random(k) < 0.3)
    score_text[csat_label] = np.array(CSAT_LABELS, dtype=object)[score[csat_label] - 1]
    ces_label = (survey_type == "ces") & (rng.random(k) < 0.3)
    score_text[ces_label] = np.array(CES_LABELS, dtype=object)[score[ces_label] - 1]
    shouty = rng.random(k) < 0.03
    survey_type_text = survey_type.copy()
    survey_type_text[shouty] = np.char.add(" ", np.char.upper(survey_type[shouty].astype(str)))
    return score_text, survey_type_text


def _expand(template: str) -> list[str]:
    """Every filling of a template's slots (COMMENT_SLOTS), in a fixed order."""
    texts = [template]
    for slot, values in COMMENT_SLOTS.items():
        marker = "{" + slot + "}"
        texts = [t.replace(marker, v, 1) if marker in t else t for t in texts for v in values]
        texts = list(dict.fromkeys(texts))  # a template without the slot: once
    return texts


def _long_comment() -> str:
    repeats = -(-LONG_COMMENT_CHARS // (len(LONG_COMMENT_PARAGRAPH) + 1))
    return " ".join([LONG_COMMENT_PARAGRAPH] * repeats)[:LONG_COMMENT_CHARS]


def _comment_kinds() -> dict[str, tuple[str, ...]]:
    """The texts of each kind of comment (the keys of COMMENT_MIX's rows)."""
    kinds = {
        kind: tuple(dict.fromkeys(t for template in templates for t in _expand(template)))
        for kind, templates in COMMENT_TEMPLATES.items()
    }
    return {**kinds, **COMMENT_FIXED, "long": (_long_comment(),)}


@dataclass(frozen=True)
class _CommentTexts:
    """Every comment text in one array, each kind a slice of it; per tone, the cumulative share
    of each kind (in the order of ``start``), for one vectorized pick."""

    texts: np.ndarray
    start: np.ndarray
    size: np.ndarray
    cumulative: np.ndarray  # tones x kinds

    @classmethod
    def build(cls) -> _CommentTexts:
        kinds = _comment_kinds()
        names = list(kinds)
        size = np.array([len(kinds[name]) for name in names])
        shares = np.array(
            [[COMMENT_MIX[tone].get(name, 0.0) for name in names] for tone in COMMENT_TONES]
        )
        cumulative = np.cumsum(shares / shares.sum(axis=1, keepdims=True), axis=1)
        cumulative[:, -1] = 1.0
        texts = np.array([t for name in names for t in kinds[name]], dtype=object)
        return cls(texts, np.cumsum(size) - size, size, cumulative)

    def pick(self, rng: np.random.Generator, tone: np.ndarray) -> np.ndarray:
        """A text of each row's tone (an index into COMMENT_TONES): a kind by its share, then a
        text of that kind, all equally likely."""
        kind_draw, text_draw = rng.random(len(tone)), rng.random(len(tone))
        kind = np.empty(len(tone), dtype=np.int64)
        for i in range(len(COMMENT_TONES)):
            rows = tone == i
            kind[rows] = np.searchsorted(self.cumulative[i], kind_draw[rows], side="right")
        kind = np.minimum(kind, len(self.size) - 1)
        return self.texts[self.start[kind] + (text_draw * self.size[kind]).astype(np.int64)]


COMMENT_TEXTS = _CommentTexts.build()


def _comment_tone(survey_type: np.ndarray, score: np.ndarray, negative: np.ndarray) -> np.ndarray:
    """An index into COMMENT_TONES: NPS detractors, passives (7-8) and promoters; CSAT and CES
    negative or positive by ``negative``."""
    passive = (survey_type == "nps") & ~negative & (score <= 8)
    return np.where(negative, 0, np.where(passive, 1, 2))


def _comments(
    rng: np.random.Generator,
    comments_rng: np.random.Generator,
    survey_type: np.ndarray,
    score: np.ndarray,
    negative: np.ndarray,
) -> np.ndarray:
    """A free-text comment on about 45% of answers, matching the answer's score. Which answers
    have one comes from the main stream ``rng`` (with the draws of the first demo's comments,
    unused: see COMMENTS_STREAM); the texts from ``comments_rng``."""
    k = len(negative)
    rng.integers(0, LEGACY_NEGATIVE_COMMENT_CHOICES, k)
    rng.integers(0, LEGACY_POSITIVE_COMMENT_CHOICES, k)
    comment = COMMENT_TEXTS.pick(comments_rng, _comment_tone(survey_type, score, negative))
    comment[rng.random(k) < NO_COMMENT_SHARE] = None
    return comment


def _survey_responses(
    rng: np.random.Generator,
    comments_rng: np.random.Generator,
    config: DemoConfig,
    first: int,
    customers: _Customers,
    tickets: _Tickets,
    end: int,
) -> _Responses:
    """Survey responses, with a few anonymous answers and missing channels and programs."""
    surveys = _surveys(rng, config, customers, tickets, end)
    k = len(surveys.owner)
    program, touchpoint, survey_type = _survey_kinds(rng, surveys)
    ticket_of = np.full(k, None, dtype=object)
    ticket_of[surveys.relationship + surveys.purchase :] = tickets.ids[surveys.ticket]
    score = _scores(rng, surveys, survey_type, customers, tickets)
    score_text, survey_type_text = _messy_text(rng, survey_type, score)
    negative = np.select(
        [survey_type == "nps", survey_type == "csat"], [score <= 6, score < 4], score < 5
    )
    comment = _comments(rng, comments_rng, survey_type, score, negative)
    customer_of = customers.ids[surveys.owner].copy()
    customer_of[rng.random(k) < 0.04] = None  # anonymous
    channel = _pick(rng, SURVEY_CHANNELS, SURVEY_CHANNEL_WEIGHTS, k).astype(object)
    channel[rng.random(k) < 0.02] = None
    program[rng.random(k) < 0.02] = None
    ids = _ids("R", first * 40 + np.arange(k))
    frame = pd.DataFrame(
        {
            "response_id": ids,
            "customer_id": customer_of,
            "survey_type": survey_type_text,
            "program": program,
            "touchpoint": touchpoint,
            "channel": channel,
            "score": score_text,
            "responded_at": _format_ts(surveys.when),
            "comment": comment,
            "ticket_id": ticket_of,
        }
    ).sort_values("responded_at", kind="stable", ignore_index=True)
    nps = np.where(survey_type == "nps", score, np.nan)
    return _Responses(frame, ids, surveys.when, negative, surveys.owner, nps)


def _followups(
    rng: np.random.Generator, config: DemoConfig, responses: _Responses, end: int
) -> pd.DataFrame:
    """Close the loop on most negative answers, some of them late."""
    followed = np.flatnonzero(
        responses.negative & (rng.random(len(responses.ids)) < config.followup_rate)
    )
    f_when = responses.when[followed] + rng.lognormal(np.log(20 * 3600), 0.9, len(followed))
    keep = f_when < end
    return pd.DataFrame(
        {"response_id": responses.ids[followed][keep], "followed_up_at": _format_ts(f_when[keep])}
    )


def _nps_category(customers: _Customers, responses: _Responses) -> np.ndarray:
    """Each customer's mean NPS answer as 0 detractor (<= 6), 1 passive, 2 promoter (>= 9);
    passive for a customer without an NPS answer."""
    n = len(customers.ids)
    answered = ~np.isnan(responses.nps)
    owner = responses.owner[answered]
    answers = np.bincount(owner, minlength=n)
    total = np.bincount(owner, weights=responses.nps[answered], minlength=n)
    mean = np.divide(total, answers, out=np.full(n, 7.5), where=answers > 0)
    return np.select([mean <= 6, mean >= 9], [0, 2], 1)


def _order_status(rng: np.random.Generator, when: np.ndarray, end: float) -> np.ndarray:
    """Mostly completed; shipped (more so in the last week), cancelled and refunded; a few in
    other spellings, and some missing."""
    m = len(when)
    status = _pick(rng, ORDER_STATUSES, ORDER_STATUS_WEIGHTS, m).astype(object)
    recent = (when >= end - 7 * SECONDS_PER_DAY) & (rng.random(m) < 0.7)
    status[recent & (status == "completed")] = "shipped"
    messy = rng.random(m) < 0.03
    variant = rng.integers(0, 4, m)
    for clean, spellings in MESSY_ORDER_STATUSES.items():
        chosen = messy & (status == clean)
        status[chosen] = np.array(spellings, dtype=object)[variant[chosen] % len(spellings)]
    status[rng.random(m) < 0.05] = None
    return status


def _orders(
    rng: np.random.Generator,
    first: int,
    customers: _Customers,
    responses: _Responses,
    end: int,
) -> pd.DataFrame:
    """A shop's orders: each customer orders from started_at, after long-tailed gaps, until they
    stop for good (a chance after every order), churn or the window ends. Detractors stop
    sooner and come back later than promoters (ORDER_STOP_PROBABILITY, ORDER_GAP_MEDIAN_DAYS)."""
    category = _nps_category(customers, responses)
    n = len(customers.ids)
    counts = np.minimum(rng.geometric(ORDER_STOP_PROBABILITY[category]), MAX_ORDERS_PER_CUSTOMER)
    owner = np.repeat(np.arange(n), counts)
    group_start = np.repeat(np.cumsum(counts) - counts, counts)
    first_order = np.arange(len(owner)) == group_start
    median_days = (
        ORDER_GAP_MEDIAN_DAYS[category[owner]] * SEGMENT_ORDER_GAP_FACTOR[customers.segment[owner]]
    )
    gap_days = np.where(
        first_order,
        rng.exponential(FIRST_ORDER_MEAN_DAYS, len(owner)),
        np.maximum(median_days * rng.lognormal(0.0, ORDER_GAP_SIGMA, len(owner)), 0.5),
    )
    elapsed = np.cumsum(gap_days * SECONDS_PER_DAY)
    if len(owner):
        elapsed -= (elapsed - gap_days * SECONDS_PER_DAY)[group_start]
    when = customers.started[owner] + elapsed
    amount = np.round(
        SEGMENT_ORDER_AMOUNT[customers.segment[owner]] * rng.lognormal(0.0, 0.6, len(owner)), 2
    )
    amount = np.maximum(amount, 1.0)
    amount_text = np.char.mod("%.2f", amount).astype(object)
    amount_text[rng.random(len(owner)) < 0.03] = None
    status = _order_status(rng, when, end)
    keep = when < customers.active_to[owner]  # churned, or after the window
    order = np.argsort(when[keep], kind="stable")
    when, owner = when[keep][order], owner[keep][order]
    m = len(owner)
    return pd.DataFrame(
        {
            "order_id": _ids("O", first * MAX_ORDERS_PER_CUSTOMER + np.arange(m)),
            "customer_id": customers.ids[owner],
            "ordered_at": _format_ts(when),
            "amount": amount_text[keep][order],
            "status": status[keep][order],
        }
    )

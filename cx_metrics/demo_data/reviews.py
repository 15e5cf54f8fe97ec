"""The demo's online and social reviews (the optional sixth input, cx_using_reviews).

A Poisson number of reviews per active customer-month, posted while the customer is active;
the stars follow the customer's mean NPS answer, the text the stars. generator.generate_chunk
calls it last, with a random stream of its own (REVIEWS_STREAM): adding the reviews left every
other table as it was. Plain arrays in, a frame of text out (no import of the generator).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# The stream of random numbers of the reviews, seeded (seed, chunk_index, REVIEWS_STREAM):
# nonzero (numpy seeds [seed, index, 0] like [seed, index]) and none of the generator's others.
REVIEWS_STREAM = 7
REVIEWS_PER_CUSTOMER_MONTH = 0.04
# A chunk's review ids start at its first customer's number times this, and no customer has
# more reviews: ids never overlap between chunks.
MAX_REVIEWS_PER_CUSTOMER = 20
SOURCES = np.array(["google", "trustpilot", "app_store", "play_store", "twitter"])
SOURCE_WEIGHTS = np.array([0.35, 0.25, 0.15, 0.15, 0.10])
# Exports spell sources in other cases and with spaces (staging trims and lower-cases them).
MESSY_SOURCES = {
    "google": ["Google", "GOOGLE", " google "],
    "trustpilot": ["Trustpilot", "TrustPilot"],
    "app_store": ["App_Store", "APP_STORE"],
    "play_store": ["Play_Store"],
    "twitter": ["Twitter", " TWITTER"],
}
MESSY_SHARE = 0.05
MISSING_SOURCE_SHARE = 0.02
# P(1..5 stars) by the reviewer's mean NPS answer: detractor, passive, promoter.
STAR_WEIGHTS = np.array(
    [
        [0.42, 0.24, 0.16, 0.11, 0.07],
        [0.07, 0.11, 0.26, 0.36, 0.20],
        [0.02, 0.03, 0.07, 0.30, 0.58],
    ]
)
# Share of reviews the shop can tie to a customer (the optional column customer_id), and of
# reviews with stars but no text.
KNOWN_CUSTOMER_SHARE = 0.4
WITHOUT_TEXT_SHARE = 0.12
# Short review texts by stars: 1-2, 3, 4-5.
NEGATIVE_TEXTS = np.array(
    [
        "Ordered twice, both times it arrived late. Not impressed.",
        "Support never answered my emails. Avoid.",
        "The app crashes every time I try to check out.",
        "Charged twice and still waiting for the refund.",
        "Product broke after a week and the return process is a nightmare.",
        "Way too expensive for what you get.",
        "Rude staff on the phone, hung up on me.",
        "Delivery was lost and nobody could tell me where it went.",
    ],
    dtype=object,
)
NEUTRAL_TEXTS = np.array(
    [
        "Decent product, but shipping took longer than promised.",
        "It does the job. The app could be easier to use.",
        "Okay service. Had to contact support once, they sorted it eventually.",
        "Good quality, a bit pricey.",
        "Nothing special, nothing wrong either.",
    ],
    dtype=object,
)
POSITIVE_TEXTS = np.array(
    [
        "Fast delivery and great quality. Will order again!",
        "Support solved my problem in minutes. Thank you!",
        "Love the new app, checkout is so quick now.",
        "Excellent value for money, highly recommend.",
        "Friendly team, easy returns, no hassle at all.",
        "Been a customer for years and never disappointed.",
        "Great experience from order to delivery.",
    ],
    dtype=object,
)
COLUMNS = ("review_id", "source", "posted_at", "rating", "text", "customer_id")


def reviews(
    rng: np.random.Generator,
    first: int,
    customer_ids: np.ndarray,
    active: tuple[np.ndarray, np.ndarray, np.ndarray],
    category: np.ndarray,
) -> pd.DataFrame:
    """One chunk's reviews, by posting time. ``first``: the chunk's first customer number;
    ``active``: (from, to, months) of each customer's activity in the window (epoch seconds);
    ``category``: each customer's mean NPS answer as 0 detractor, 1 passive, 2 promoter."""
    active_from, active_to, active_months = active
    counts = np.minimum(
        rng.poisson(REVIEWS_PER_CUSTOMER_MONTH * active_months), MAX_REVIEWS_PER_CUSTOMER
    )
    owner = np.repeat(np.arange(len(customer_ids)), counts)
    m = len(owner)
    when = rng.uniform(active_from[owner], active_to[owner])
    below = np.cumsum(STAR_WEIGHTS[category[owner]], axis=1)[:, :-1]
    stars = 1 + (rng.random(m)[:, None] >= below).sum(axis=1)
    source = SOURCES[rng.choice(len(SOURCES), size=m, p=SOURCE_WEIGHTS)].astype(object)
    messy = rng.random(m) < MESSY_SHARE
    variant = rng.integers(0, 3, m)
    for clean, spellings in MESSY_SOURCES.items():
        chosen = messy & (source == clean)
        source[chosen] = np.array(spellings, dtype=object)[variant[chosen] % len(spellings)]
    source[rng.random(m) < MISSING_SOURCE_SHARE] = None
    pick = rng.integers(0, 1 << 30, m)
    text = np.where(
        stars <= 2,
        NEGATIVE_TEXTS[pick % len(NEGATIVE_TEXTS)],
        np.where(
            stars == 3,
            NEUTRAL_TEXTS[pick % len(NEUTRAL_TEXTS)],
            POSITIVE_TEXTS[pick % len(POSITIVE_TEXTS)],
        ),
    ).astype(object)
    text[rng.random(m) < WITHOUT_TEXT_SHARE] = None
    known = rng.random(m) < KNOWN_CUSTOMER_SHARE
    customer_id = np.where(known, customer_ids[owner], None).astype(object)
    order = np.argsort(when, kind="stable")
    numbers = first * MAX_REVIEWS_PER_CUSTOMER + np.arange(m)
    posted = pd.to_datetime(np.floor(when[order]).astype("int64"), unit="s")
    return pd.DataFrame(
        {
            "review_id": np.array([f"R{number:08d}" for number in numbers], dtype=object),
            "source": source[order],
            "posted_at": np.asarray(posted.strftime("%Y-%m-%d %H:%M:%S"), dtype=object),
            "rating": stars[order].astype(str).astype(object),
            "text": text[order],
            "customer_id": customer_id[order],
        },
        columns=list(COLUMNS),
    )

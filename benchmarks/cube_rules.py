"""The contract rules both alternatives (pandas_cube.py, polars_cube.py) apply, written once:
what a number and a timestamp look like, the score labels, the dimensions, the output columns."""

NUMBER = r"[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)"
TIMESTAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?"
LABELS = {
    ("csat", "very dissatisfied"): 1.0,
    ("csat", "dissatisfied"): 2.0,
    ("csat", "neutral"): 3.0,
    ("csat", "satisfied"): 4.0,
    ("csat", "very satisfied"): 5.0,
    ("ces", "strongly disagree"): 1.0,
    ("ces", "disagree"): 2.0,
    ("ces", "somewhat disagree"): 3.0,
    ("ces", "neither agree nor disagree"): 4.0,
    ("ces", "somewhat agree"): 5.0,
    ("ces", "agree"): 6.0,
    ("ces", "strongly agree"): 7.0,
}
DIMENSIONS = ["program", "touchpoint", "channel", "segment"]
# The cube both write, in this column order.
CUBE_COLUMNS = [
    "survey_type",
    "period_start",
    "dimension",
    "dimension_value",
    "responses",
    "top_responses",
    "detractors",
    "score_sum",
]

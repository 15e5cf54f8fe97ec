"""``cx-metrics dashboard``: one self-contained HTML page drawn from the metric tables."""

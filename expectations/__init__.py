"""Great Expectations suites for the four inputs, and the validation runner."""

import logging
import os

# Validation runs offline and in CI: no usage analytics.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations.data_context.types.base as _gx_config  # noqa: E402

# GX pins this module's logger to INFO on import; keep its chatter out of the report.
logging.getLogger(_gx_config.__name__).setLevel(logging.WARNING)

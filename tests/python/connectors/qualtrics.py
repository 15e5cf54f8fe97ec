"""Qualtrics (Fivetran): one survey SV_3xKq7CxMetrics1 (post-purchase CX), 20 responses in
2025-03 and 2025-04, read through question / question_option / question_response / survey_response /
survey_embedded_data (plus `survey`, which the adapter need not read).

Questions of the survey:
- QID1 `MC`/`NPS`: the NPS question, found by its selector (no VARS entry). Its choices are the
  older Qualtrics layout: choice keys '1'..'11', recode values '0'..'10' (question_option).
- QID2 `MC`/`SAVR`: CSAT on 1-5, listed in VARS without a scale. It has no question_option rows,
  so its score is question_response.value (the "else value" half of the rule).
- QID3 `TE`/`ESTB`: the comment question (VARS: comment).
- QID4 `MC`/`SAVR`: delivery satisfaction on 1-7, listed in VARS as csat with scale [1, 7]:
  rescaled onto cx_csat_scale 1-5 by score = 1 + (v - 1) * (5 - 1) / (7 - 1), so 7 -> 5.0,
  6 -> 4.333.. (satisfied), 4 -> 3.0, 1 -> 1.0.
- QID5 `MC`/`NPS`, _fivetran_deleted = true: the old NPS question, replaced by QID1. Its answers
  (R_1gYu8IoPaS2dFgH, R_2sKl3ZxCvB5nMqW) appear nowhere, not even rejected.
- QID6 `MC`/`SAVR` "How did you hear about us?": neither NPS nor listed in VARS, so its answers
  are not survey answers (dropped, not rejected).

The story of each response (score after recode/rescale; "->" = what the contract gets):
- R_1OkT9wZqLmA3bXc  03-03 email      C-1001 checkout  NPS 10 (key 11), CSAT 5, comment in `text`
                                                      -> comment on the NPS answer
- R_2bVn8KpRtY4sQeW  03-05 email      C-1002 checkout  NPS 9, CSAT 4
- R_3cHs2JdLfP7uGxZ  03-08 anonymous  (no customer_id: customer null) website  NPS 7; comment
                                                      only in `value` (text null) -> used
- R_1dQw5ErTyU8iOpA  03-12 smsinvite  C-1004 ' Support ' (trimmed, lower-cased) ticket 48213
                                                      NPS 3, CSAT 2; comment padded with spaces
- R_2eRt6YuIoP9aSdF  03-17 email      C-1005 delivery  NPS: key '9', value '9', recode '8' ->
                                                      score 8 (passive; value would say promoter);
                                                      QID4 6 -> 4.333..
- R_3fTy7UiOpA1sDfG  03-31 23:58:41 email C-1006 delivery  NPS 7, QID4 4 -> 3.0 (still March)
- R_1gYu8IoPaS2dFgH  03-24 email      C-1007 checkout  deleted QID5 '10' (left out), CSAT 5
- R_2hUi9OpAsD3fGhJ  03-27 anonymous  C-1008 (no touchpoint: 'unknown')  NPS value '11' with no
                                                      option key -> rejected 'score outside
                                                      scale'; CSAT 4 accepted
- R_3iIo1PaSdF4gHjK  (recorded_date, start_date, end_date null) smsinvite C-1009 support
                                                      NPS 10, CSAT 5 -> both rejected
                                                      'missing timestamp'
- R_2sKl3ZxCvB5nMqW  03-29 email      C-1003 checkout  only deleted QID5 and QID6 -> no rows
- R_1jOp2AsDfG5hJkL  04-01 00:03:17 email C-1001 checkout (+ an unmapped key `plan`)
                                                      NPS 10, CSAT 5, comment -> NPS answer
- R_2kPa3SdFgH6jKlZ  04-04 email      C-1010 checkout  program 'Relationship' -> 'relationship'
                                                      NPS 9
- R_3lAs4DfGhJ7kLzX  04-07 smsinvite  C-1011 support ticket 48377  NPS 2, CSAT 1, comment
- R_1mSd5FgHjK8lZxC  04-10 anonymous  C-1012 website   NPS 8 with comment; CSAT value 'n/a' ->
                                                      rejected 'unparseable score'
- R_2nDf6GhJkL9zXcV  04-14 email      C-1013 delivery  CSAT 4 only, with comment -> the comment
                                                      goes to the CSAT answer
- R_3oFg7HjKlZ1xCvB  04-18 email      C-1014 delivery  NPS 10, QID4 7 -> 5.0
- R_1pGh8JkLzX2cVbN  04-22 email      C-1015 delivery  NPS 5, QID4 1 -> 1.0, QID6 (dropped)
- R_2qHj9KlZxC3vBnM  04-25 smsinvite  C-1004 support ticket 48502  NPS 9, CSAT 4
- R_3rJk1LzXcV4bNmQ  04-29 email      C-1016 checkout  NPS 0 (key '1', recode '0'), CSAT 3
- R_1tLz4XcVbN6mQwE  04-30 email      C-1017 website   only the comment QID3 and QID6 -> no rows
                                                      (a comment without a scored answer)

32 contract rows: 28 accepted, 4 rejected (12.5%).

Hand-worked figures (month, dimension 'all'):
- cx__nps 2025-03: accepted NPS 10, 9, 7, 3, 8 (recode), 7 -> n 6, promoters 2 (10, 9),
  passives 3 (7, 8, 7), detractors 1 (3). nps = 100 * (2 - 1) / 6 = 16.667;
  promoter_pct = 100 * 2 / 6 = 33.333, detractor_pct = 100 * 1 / 6 = 16.667.
  (Using `value` instead of the recode gives promoters 3, nps 33.3; the deleted QID5 would add
  a seventh answer; the NPS 11 and the null-date rows are rejected.)
- cx__nps 2025-04: NPS 10, 9, 2, 8, 10, 5, 9, 0 -> n 8, promoters 4, passives 1, detractors 3.
  nps = 100 * (4 - 3) / 8 = 12.5; promoter_pct 50.0, detractor_pct 37.5.
- cx__csat 2025-03: CSAT 5, 4, 2, 13/3 (QID4 6), 3.0 (QID4 4), 5, 4 -> n 7, satisfied (>= 4)
  5 -> csat_pct = 100 * 5 / 7 = 71.429; score_sum = 5+4+2+13/3+3+5+4 = 82/3 = 27.333;
  avg_score = 82/21 = 3.905.
- cx__csat 2025-04: CSAT 5, 1, 4 (CSAT-only response), 5.0 (QID4 7), 1.0 (QID4 1), 4, 3 -> n 7,
  satisfied 4 -> csat_pct = 100 * 4 / 7 = 57.143; score_sum = 23; avg_score = 23/7 = 3.286.

Assumptions (the adapter author should align):
- Only answers to scored questions (selector NPS, or a VARS entry csat/ces) become rows; answers
  to other questions (QID6) and to the comment question are not rows and are not rejected; a
  response with no scored answer (R_1tLz4XcVbN6mQwE) yields nothing.
- Answers of a deleted question (question._fivetran_deleted) are left out like every deletion;
  a deleted NPS-selector question is not an NPS question.
- question_option is joined on (question_id, key) and the response's survey_id; a chosen key
  with a recode_value gives the score; no key (or no option row) gives `value`.
- responded_at is survey_response.recorded_date only (no fallback to end_date; this fixture
  nulls end_date too, so either reading rejects it as 'missing timestamp').
- The scale rescale applies to numeric values; a non-numeric value reaches staging as it is
  (so 'n/a' is 'unparseable score', not 'missing score'). QID2 has no scale in VARS.
- ticket_id, touchpoint, program and customer_id are per response: both answers of a response
  carry them. The load time is question_response._fivetran_synced.
- Channel is distribution_channel as written (lower-cased by staging): email, anonymous,
  smsinvite.
- feedback_source is 'qualtrics' on every row (docs/connectors.md); drop that key from the
  comparison if staging does not carry it yet.
- The rescaled 6 on 1-7 is 13/3, a float: compare scores and avg_score with a tolerance.
"""

from connector_fixtures import month

SCHEMA = "qualtrics"

SURVEY = "SV_3xKq7CxMetrics1"

TABLES: dict[str, list[tuple[str, str]]] = {
    "survey": [
        ("id", "text"),
        ("survey_name", "text"),
        ("survey_status", "text"),
        ("project_category", "text"),
        ("project_type", "text"),
        ("is_active", "boolean"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "question": [
        ("id", "text"),
        ("survey_id", "text"),
        ("question_type", "text"),
        ("selector", "text"),
        ("sub_selector", "text"),
        ("question_text", "text"),
        ("question_description", "text"),
        ("data_export_tag", "text"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "question_option": [
        ("key", "text"),
        ("question_id", "text"),
        ("survey_id", "text"),
        ("recode_value", "text"),
        ("text", "text"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "survey_response": [
        ("id", "text"),
        ("survey_id", "text"),
        ("recorded_date", "timestamp"),
        ("start_date", "timestamp"),
        ("end_date", "timestamp"),
        ("last_modified_date", "timestamp"),
        ("finished", "integer"),
        ("progress", "integer"),
        ("status", "integer"),
        ("distribution_channel", "text"),
        ("recipient_email", "text"),
        ("user_language", "text"),
        ("duration_in_seconds", "integer"),
        ("_fivetran_synced", "timestamp"),
    ],
    "question_response": [
        ("_fivetran_id", "text"),
        ("response_id", "text"),
        ("question_id", "text"),
        ("question", "text"),
        ("sub_question_key", "text"),
        ("sub_question_text", "text"),
        ("question_option_key", "text"),
        ("loop_id", "text"),
        ("value", "text"),
        ("text", "text"),
        ("_fivetran_synced", "timestamp"),
    ],
    "survey_embedded_data": [
        ("response_id", "text"),
        ("key", "text"),
        ("value", "text"),
        ("import_id", "text"),
        ("_fivetran_synced", "timestamp"),
    ],
}

_DEF_SYNC = "2025-03-01 02:00:00"
_MARCH_SYNC = "2025-04-01 03:00:00"
_APRIL_SYNC = "2025-05-01 03:00:00"

_NPS_TEXT = "How likely are you to recommend Acme to a friend or colleague?"
_CSAT_TEXT = "Overall, how satisfied are you with your purchase today?"
_COMMENT_TEXT = "What is the main reason for your answers?"
_DELIVERY_TEXT = "How satisfied are you with the delivery of your order?"
_OLD_NPS_TEXT = "How likely is it that you would recommend us?"
_HEARD_TEXT = "How did you hear about us?"

_QUESTION_TEXT = {
    "QID1": _NPS_TEXT,
    "QID2": _CSAT_TEXT,
    "QID3": _COMMENT_TEXT,
    "QID4": _DELIVERY_TEXT,
    "QID5": _OLD_NPS_TEXT,
    "QID6": _HEARD_TEXT,
}

# (response, synced, [(question_id, question_option_key, value, text)])
_ANSWERS: list[tuple[str, str, list[tuple[str, str | None, str | None, str | None]]]] = [
    (
        "R_1OkT9wZqLmA3bXc",
        _MARCH_SYNC,
        [
            ("QID1", "11", "10", None),
            ("QID2", None, "5", None),
            ("QID3", None, None, "Fast and easy checkout."),
        ],
    ),
    (
        "R_2bVn8KpRtY4sQeW",
        _MARCH_SYNC,
        [
            ("QID1", "10", "9", None),
            ("QID2", None, "4", None),
        ],
    ),
    # Comment only in `value` (text null): the fallback.
    (
        "R_3cHs2JdLfP7uGxZ",
        _MARCH_SYNC,
        [
            ("QID1", "8", "7", None),
            ("QID3", None, "Pricing page was confusing", None),
        ],
    ),
    # Comment padded with spaces: staging trims it.
    (
        "R_1dQw5ErTyU8iOpA",
        _MARCH_SYNC,
        [
            ("QID1", "4", "3", None),
            ("QID2", None, "2", None),
            ("QID3", None, None, "  Waited two days for a reply.  "),
        ],
    ),
    # value holds the choice key '9', whose recode is '8': the recode wins (passive).
    (
        "R_2eRt6YuIoP9aSdF",
        _MARCH_SYNC,
        [
            ("QID1", "9", "9", None),
            ("QID4", "6", "6", None),
        ],
    ),
    (
        "R_3fTy7UiOpA1sDfG",
        _MARCH_SYNC,
        [
            ("QID1", "8", "7", None),
            ("QID4", "4", "4", None),
        ],
    ),
    # Deleted QID5: left out; the CSAT answer stays.
    (
        "R_1gYu8IoPaS2dFgH",
        _MARCH_SYNC,
        [
            ("QID5", None, "10", None),
            ("QID2", None, "5", None),
        ],
    ),
    # NPS 11 without an option key (an imported response): rejected.
    (
        "R_2hUi9OpAsD3fGhJ",
        _MARCH_SYNC,
        [
            ("QID1", None, "11", None),
            ("QID2", None, "4", None),
        ],
    ),
    # survey_response.recorded_date is null: both answers rejected 'missing timestamp'.
    (
        "R_3iIo1PaSdF4gHjK",
        _MARCH_SYNC,
        [
            ("QID1", "11", "10", None),
            ("QID2", None, "5", None),
        ],
    ),
    # Only the deleted QID5 and the unmapped QID6: no rows at all.
    (
        "R_2sKl3ZxCvB5nMqW",
        _MARCH_SYNC,
        [
            ("QID5", None, "3", None),
            ("QID6", "1", "1", None),
        ],
    ),
    (
        "R_1jOp2AsDfG5hJkL",
        _APRIL_SYNC,
        [
            ("QID1", "11", "10", None),
            ("QID2", None, "5", None),
            ("QID3", None, None, "Love the new app"),
        ],
    ),
    (
        "R_2kPa3SdFgH6jKlZ",
        _APRIL_SYNC,
        [
            ("QID1", "10", "9", None),
        ],
    ),
    (
        "R_3lAs4DfGhJ7kLzX",
        _APRIL_SYNC,
        [
            ("QID1", "3", "2", None),
            ("QID2", None, "1", None),
            ("QID3", None, None, "Nobody solved my problem"),
        ],
    ),
    # CSAT 'n/a': rejected 'unparseable score'; the comment goes to the (accepted) NPS answer.
    (
        "R_1mSd5FgHjK8lZxC",
        _APRIL_SYNC,
        [
            ("QID1", "9", "8", None),
            ("QID2", None, "n/a", None),
            ("QID3", None, None, "Could not find the size chart"),
        ],
    ),
    # CSAT only: the comment goes to the CSAT answer.
    (
        "R_2nDf6GhJkL9zXcV",
        _APRIL_SYNC,
        [
            ("QID2", None, "4", None),
            ("QID3", None, None, "Good, but the box was damaged."),
        ],
    ),
    (
        "R_3oFg7HjKlZ1xCvB",
        _APRIL_SYNC,
        [
            ("QID1", "11", "10", None),
            ("QID4", "7", "7", None),
        ],
    ),
    (
        "R_1pGh8JkLzX2cVbN",
        _APRIL_SYNC,
        [
            ("QID1", "6", "5", None),
            ("QID4", "1", "1", None),
            ("QID6", "2", "2", None),
        ],
    ),
    (
        "R_2qHj9KlZxC3vBnM",
        _APRIL_SYNC,
        [
            ("QID1", "10", "9", None),
            ("QID2", None, "4", None),
        ],
    ),
    (
        "R_3rJk1LzXcV4bNmQ",
        _APRIL_SYNC,
        [
            ("QID1", "1", "0", None),
            ("QID2", None, "3", None),
        ],
    ),
    # Only a comment and the unmapped QID6: no rows at all.
    (
        "R_1tLz4XcVbN6mQwE",
        _APRIL_SYNC,
        [
            ("QID3", None, None, "Just browsing for now"),
            ("QID6", "3", "3", None),
        ],
    ),
]


def _fivetran_id(response: str, question: str) -> str:
    # An opaque id in the shape Fivetran writes (base64 of a hash); stable and unique here.
    return f"{response[2:10]}{question}+{response[-6:]}="


ROWS: dict[str, list[tuple[str | None, ...]]] = {
    "survey": [
        (
            SURVEY,
            "Post-purchase CX",
            "Active",
            "CX",
            "CustomerSatisfactionScore",
            "true",
            "false",
            _DEF_SYNC,
        ),
    ],
    "question": [
        ("QID1", SURVEY, "MC", "NPS", None, _NPS_TEXT, None, "Q1", "false", _DEF_SYNC),
        ("QID2", SURVEY, "MC", "SAVR", "TX", _CSAT_TEXT, None, "Q2", "false", _DEF_SYNC),
        ("QID3", SURVEY, "TE", "ESTB", None, _COMMENT_TEXT, None, "Q3", "false", _DEF_SYNC),
        ("QID4", SURVEY, "MC", "SAVR", "TX", _DELIVERY_TEXT, None, "Q4", "false", _DEF_SYNC),
        # The old NPS question, deleted when QID1 replaced it.
        ("QID5", SURVEY, "MC", "NPS", None, _OLD_NPS_TEXT, None, "Q1_old", "true", _DEF_SYNC),
        ("QID6", SURVEY, "MC", "SAVR", "TX", _HEARD_TEXT, None, "Q6", "false", _DEF_SYNC),
    ],
    "question_option": (
        # QID1: choice keys 1..11, recode 0..10 (older NPS layout).
        [
            (
                str(k),
                "QID1",
                SURVEY,
                str(k - 1),
                {1: "0 - Not at all likely", 11: "10 - Extremely likely"}.get(k, str(k - 1)),
                "false",
                _DEF_SYNC,
            )
            for k in range(1, 12)
        ]
        # QID4: 1-7, keys equal to recodes. QID2 has no option rows (its value is the score).
        + [
            (
                str(k),
                "QID4",
                SURVEY,
                str(k),
                {1: "Extremely dissatisfied", 4: "Neither", 7: "Extremely satisfied"}.get(
                    k, str(k)
                ),
                "false",
                _DEF_SYNC,
            )
            for k in range(1, 8)
        ]
        + [
            (str(k), "QID6", SURVEY, str(k), text, "false", _DEF_SYNC)
            for k, text in enumerate(["Search engine", "Friend", "Social media", "Other"], 1)
        ]
    ),
    "survey_response": [
        # id, survey, recorded, start, end, last_modified, finished, progress, status, channel,
        # recipient_email, language, duration, synced
        (
            "R_1OkT9wZqLmA3bXc",
            SURVEY,
            "2025-03-03 09:15:22",
            "2025-03-03 09:13:02",
            "2025-03-03 09:15:21",
            "2025-03-03 09:15:22",
            "1",
            "100",
            "0",
            "email",
            "ana@example.com",
            "EN",
            "139",
            _MARCH_SYNC,
        ),
        (
            "R_2bVn8KpRtY4sQeW",
            SURVEY,
            "2025-03-05 14:02:10",
            "2025-03-05 14:00:40",
            "2025-03-05 14:02:09",
            "2025-03-05 14:02:10",
            "1",
            "100",
            "0",
            "email",
            "ben@example.com",
            "EN",
            "89",
            _MARCH_SYNC,
        ),
        (
            "R_3cHs2JdLfP7uGxZ",
            SURVEY,
            "2025-03-08 20:45:00",
            "2025-03-08 20:43:31",
            "2025-03-08 20:44:59",
            "2025-03-08 20:45:00",
            "1",
            "100",
            "0",
            "anonymous",
            None,
            "EN",
            "88",
            _MARCH_SYNC,
        ),
        (
            "R_1dQw5ErTyU8iOpA",
            SURVEY,
            "2025-03-12 11:30:45",
            "2025-03-12 11:28:00",
            "2025-03-12 11:30:44",
            "2025-03-12 11:30:45",
            "1",
            "100",
            "0",
            "smsinvite",
            None,
            "EN",
            "164",
            _MARCH_SYNC,
        ),
        (
            "R_2eRt6YuIoP9aSdF",
            SURVEY,
            "2025-03-17 08:05:33",
            "2025-03-17 08:04:10",
            "2025-03-17 08:05:32",
            "2025-03-17 08:05:33",
            "1",
            "100",
            "0",
            "email",
            "eve@example.com",
            "EN",
            "82",
            _MARCH_SYNC,
        ),
        (
            "R_3fTy7UiOpA1sDfG",
            SURVEY,
            "2025-03-31 23:58:41",
            "2025-03-31 23:57:00",
            "2025-03-31 23:58:40",
            "2025-03-31 23:58:41",
            "1",
            "100",
            "0",
            "email",
            "finn@example.com",
            "EN",
            "100",
            _MARCH_SYNC,
        ),
        (
            "R_1gYu8IoPaS2dFgH",
            SURVEY,
            "2025-03-24 10:10:10",
            "2025-03-24 10:08:55",
            "2025-03-24 10:10:09",
            "2025-03-24 10:10:10",
            "1",
            "100",
            "0",
            "email",
            "gus@example.com",
            "EN",
            "74",
            _MARCH_SYNC,
        ),
        (
            "R_2hUi9OpAsD3fGhJ",
            SURVEY,
            "2025-03-27 13:22:05",
            "2025-03-27 13:20:45",
            "2025-03-27 13:22:04",
            "2025-03-27 13:22:05",
            "1",
            "100",
            "0",
            "anonymous",
            None,
            "EN",
            "79",
            _MARCH_SYNC,
        ),
        # recorded_date (and the other dates) null: a broken row, rejected in staging.
        (
            "R_3iIo1PaSdF4gHjK",
            SURVEY,
            None,
            None,
            None,
            None,
            "1",
            "100",
            "0",
            "smsinvite",
            None,
            "EN",
            None,
            _MARCH_SYNC,
        ),
        (
            "R_2sKl3ZxCvB5nMqW",
            SURVEY,
            "2025-03-29 17:40:00",
            "2025-03-29 17:39:00",
            "2025-03-29 17:39:59",
            "2025-03-29 17:40:00",
            "1",
            "100",
            "0",
            "email",
            "cleo@example.com",
            "EN",
            "59",
            _MARCH_SYNC,
        ),
        (
            "R_1jOp2AsDfG5hJkL",
            SURVEY,
            "2025-04-01 00:03:17",
            "2025-04-01 00:01:50",
            "2025-04-01 00:03:16",
            "2025-04-01 00:03:17",
            "1",
            "100",
            "0",
            "email",
            "ana@example.com",
            "EN",
            "86",
            _APRIL_SYNC,
        ),
        (
            "R_2kPa3SdFgH6jKlZ",
            SURVEY,
            "2025-04-04 12:00:00",
            "2025-04-04 11:58:30",
            "2025-04-04 11:59:59",
            "2025-04-04 12:00:00",
            "1",
            "100",
            "0",
            "email",
            "kim@example.com",
            "EN",
            "89",
            _APRIL_SYNC,
        ),
        (
            "R_3lAs4DfGhJ7kLzX",
            SURVEY,
            "2025-04-07 09:45:30",
            "2025-04-07 09:43:00",
            "2025-04-07 09:45:29",
            "2025-04-07 09:45:30",
            "1",
            "100",
            "0",
            "smsinvite",
            None,
            "EN",
            "149",
            _APRIL_SYNC,
        ),
        (
            "R_1mSd5FgHjK8lZxC",
            SURVEY,
            "2025-04-10 18:20:00",
            "2025-04-10 18:18:10",
            "2025-04-10 18:19:59",
            "2025-04-10 18:20:00",
            "1",
            "100",
            "0",
            "anonymous",
            None,
            "EN",
            "109",
            _APRIL_SYNC,
        ),
        (
            "R_2nDf6GhJkL9zXcV",
            SURVEY,
            "2025-04-14 07:55:48",
            "2025-04-14 07:54:00",
            "2025-04-14 07:55:47",
            "2025-04-14 07:55:48",
            "1",
            "100",
            "0",
            "email",
            "nia@example.com",
            "EN",
            "107",
            _APRIL_SYNC,
        ),
        (
            "R_3oFg7HjKlZ1xCvB",
            SURVEY,
            "2025-04-18 15:15:15",
            "2025-04-18 15:14:00",
            "2025-04-18 15:15:14",
            "2025-04-18 15:15:15",
            "1",
            "100",
            "0",
            "email",
            "omar@example.com",
            "EN",
            "74",
            _APRIL_SYNC,
        ),
        (
            "R_1pGh8JkLzX2cVbN",
            SURVEY,
            "2025-04-22 11:11:11",
            "2025-04-22 11:09:30",
            "2025-04-22 11:11:10",
            "2025-04-22 11:11:11",
            "1",
            "100",
            "0",
            "email",
            "pia@example.com",
            "EN",
            "100",
            _APRIL_SYNC,
        ),
        (
            "R_2qHj9KlZxC3vBnM",
            SURVEY,
            "2025-04-25 19:30:00",
            "2025-04-25 19:28:45",
            "2025-04-25 19:29:59",
            "2025-04-25 19:30:00",
            "1",
            "100",
            "0",
            "smsinvite",
            None,
            "EN",
            "74",
            _APRIL_SYNC,
        ),
        (
            "R_3rJk1LzXcV4bNmQ",
            SURVEY,
            "2025-04-29 21:05:09",
            "2025-04-29 21:03:00",
            "2025-04-29 21:05:08",
            "2025-04-29 21:05:09",
            "1",
            "100",
            "0",
            "email",
            "rui@example.com",
            "EN",
            "128",
            _APRIL_SYNC,
        ),
        (
            "R_1tLz4XcVbN6mQwE",
            SURVEY,
            "2025-04-30 10:00:00",
            "2025-04-30 09:59:00",
            "2025-04-30 09:59:59",
            "2025-04-30 10:00:00",
            "1",
            "100",
            "0",
            "email",
            "tom@example.com",
            "EN",
            "59",
            _APRIL_SYNC,
        ),
    ],
    "question_response": [
        (_fivetran_id(r, q), r, q, _QUESTION_TEXT[q], None, None, key, None, value, text, synced)
        for r, synced, answers in _ANSWERS
        for q, key, value, text in answers
    ],
    # Long format, one row per (response, key). `plan` is a key nobody maps (ignored).
    "survey_embedded_data": [
        (r, k, v, k, synced)
        for r, synced, pairs in [
            (
                "R_1OkT9wZqLmA3bXc",
                _MARCH_SYNC,
                [("customer_id", "C-1001"), ("touchpoint", "Checkout")],
            ),
            (
                "R_2bVn8KpRtY4sQeW",
                _MARCH_SYNC,
                [("customer_id", "C-1002"), ("touchpoint", "checkout")],
            ),
            # No customer_id key: customer_id null.
            ("R_3cHs2JdLfP7uGxZ", _MARCH_SYNC, [("touchpoint", "website")]),
            (
                "R_1dQw5ErTyU8iOpA",
                _MARCH_SYNC,
                [("customer_id", "C-1004"), ("touchpoint", " Support "), ("ticket_id", "48213")],
            ),
            (
                "R_2eRt6YuIoP9aSdF",
                _MARCH_SYNC,
                [("customer_id", "C-1005"), ("touchpoint", "delivery")],
            ),
            (
                "R_3fTy7UiOpA1sDfG",
                _MARCH_SYNC,
                [("customer_id", "C-1006"), ("touchpoint", "delivery")],
            ),
            (
                "R_1gYu8IoPaS2dFgH",
                _MARCH_SYNC,
                [("customer_id", "C-1007"), ("touchpoint", "checkout")],
            ),
            # No touchpoint key: 'unknown'.
            ("R_2hUi9OpAsD3fGhJ", _MARCH_SYNC, [("customer_id", "C-1008")]),
            (
                "R_3iIo1PaSdF4gHjK",
                _MARCH_SYNC,
                [("customer_id", "C-1009"), ("touchpoint", "support")],
            ),
            (
                "R_2sKl3ZxCvB5nMqW",
                _MARCH_SYNC,
                [("customer_id", "C-1003"), ("touchpoint", "checkout")],
            ),
            (
                "R_1jOp2AsDfG5hJkL",
                _APRIL_SYNC,
                [("customer_id", "C-1001"), ("touchpoint", "checkout"), ("plan", "pro")],
            ),
            (
                "R_2kPa3SdFgH6jKlZ",
                _APRIL_SYNC,
                [
                    ("customer_id", "C-1010"),
                    ("touchpoint", "checkout"),
                    ("program", "Relationship"),
                ],
            ),
            (
                "R_3lAs4DfGhJ7kLzX",
                _APRIL_SYNC,
                [("customer_id", "C-1011"), ("touchpoint", "support"), ("ticket_id", "48377")],
            ),
            (
                "R_1mSd5FgHjK8lZxC",
                _APRIL_SYNC,
                [("customer_id", "C-1012"), ("touchpoint", "website")],
            ),
            (
                "R_2nDf6GhJkL9zXcV",
                _APRIL_SYNC,
                [("customer_id", "C-1013"), ("touchpoint", "delivery")],
            ),
            (
                "R_3oFg7HjKlZ1xCvB",
                _APRIL_SYNC,
                [("customer_id", "C-1014"), ("touchpoint", "delivery")],
            ),
            (
                "R_1pGh8JkLzX2cVbN",
                _APRIL_SYNC,
                [("customer_id", "C-1015"), ("touchpoint", "delivery")],
            ),
            (
                "R_2qHj9KlZxC3vBnM",
                _APRIL_SYNC,
                [("customer_id", "C-1004"), ("touchpoint", "support"), ("ticket_id", "48502")],
            ),
            (
                "R_3rJk1LzXcV4bNmQ",
                _APRIL_SYNC,
                [("customer_id", "C-1016"), ("touchpoint", "checkout")],
            ),
            (
                "R_1tLz4XcVbN6mQwE",
                _APRIL_SYNC,
                [("customer_id", "C-1017"), ("touchpoint", "website")],
            ),
        ]
        for k, v in pairs
    ],
}

VARS: dict = {
    "cx_survey_source": "qualtrics",
    "cx_qualtrics_schema": "qualtrics",
    "cx_qualtrics_questions": [
        {"question_id": "QID2", "survey_type": "csat"},
        {"question_id": "QID3", "survey_type": "comment"},
        {"question_id": "QID4", "survey_type": "csat", "scale": [1, 7]},
    ],
    "cx_using_customers": False,
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}


def _rescale_1_7(v: int) -> float:
    """QID4 onto cx_csat_scale 1-5: 1 + (v - 1) * (5 - 1) / (7 - 1)."""
    return 1 + (v - 1) * (5 - 1) / (7 - 1)


def _row(
    response: str,
    question: str,
    survey_type: str,
    score: float,
    at: str,
    customer: str | None,
    touchpoint: str,
    channel: str,
    comment: str | None = None,
    ticket: str | None = None,
    program: str = "transactional",
) -> dict:
    return {
        "response_id": f"qualtrics:{response}:{question}",
        "customer_id": customer,
        "survey_type": survey_type,
        "program": program,
        "touchpoint": touchpoint,
        "channel": channel,
        "score": score,
        "responded_at": at,
        "comment": comment,
        "ticket_id": ticket,
        "feedback_source": "qualtrics",
        "rejection_reason": None,
    }


def _rejected(response: str, question: str, reason: str) -> dict:
    return {"response_id": f"qualtrics:{response}:{question}", "rejection_reason": reason}


EXPECTED_ROWS: dict[str, list[dict]] = {
    "survey_responses": [
        # 2025-03
        _row(
            "R_1OkT9wZqLmA3bXc",
            "QID1",
            "nps",
            10.0,
            "2025-03-03 09:15:22",
            "C-1001",
            "checkout",
            "email",
            comment="Fast and easy checkout.",
        ),
        _row(
            "R_1OkT9wZqLmA3bXc",
            "QID2",
            "csat",
            5.0,
            "2025-03-03 09:15:22",
            "C-1001",
            "checkout",
            "email",
        ),
        _row(
            "R_2bVn8KpRtY4sQeW",
            "QID1",
            "nps",
            9.0,
            "2025-03-05 14:02:10",
            "C-1002",
            "checkout",
            "email",
        ),
        _row(
            "R_2bVn8KpRtY4sQeW",
            "QID2",
            "csat",
            4.0,
            "2025-03-05 14:02:10",
            "C-1002",
            "checkout",
            "email",
        ),
        _row(
            "R_3cHs2JdLfP7uGxZ",
            "QID1",
            "nps",
            7.0,
            "2025-03-08 20:45:00",
            None,
            "website",
            "anonymous",
            comment="Pricing page was confusing",
        ),
        _row(
            "R_1dQw5ErTyU8iOpA",
            "QID1",
            "nps",
            3.0,
            "2025-03-12 11:30:45",
            "C-1004",
            "support",
            "smsinvite",
            comment="Waited two days for a reply.",
            ticket="48213",
        ),
        _row(
            "R_1dQw5ErTyU8iOpA",
            "QID2",
            "csat",
            2.0,
            "2025-03-12 11:30:45",
            "C-1004",
            "support",
            "smsinvite",
            ticket="48213",
        ),
        # The recode (8) wins over the value (9).
        _row(
            "R_2eRt6YuIoP9aSdF",
            "QID1",
            "nps",
            8.0,
            "2025-03-17 08:05:33",
            "C-1005",
            "delivery",
            "email",
        ),
        _row(
            "R_2eRt6YuIoP9aSdF",
            "QID4",
            "csat",
            _rescale_1_7(6),
            "2025-03-17 08:05:33",
            "C-1005",
            "delivery",
            "email",
        ),
        _row(
            "R_3fTy7UiOpA1sDfG",
            "QID1",
            "nps",
            7.0,
            "2025-03-31 23:58:41",
            "C-1006",
            "delivery",
            "email",
        ),
        _row(
            "R_3fTy7UiOpA1sDfG",
            "QID4",
            "csat",
            _rescale_1_7(4),
            "2025-03-31 23:58:41",
            "C-1006",
            "delivery",
            "email",
        ),
        _row(
            "R_1gYu8IoPaS2dFgH",
            "QID2",
            "csat",
            5.0,
            "2025-03-24 10:10:10",
            "C-1007",
            "checkout",
            "email",
        ),
        _rejected("R_2hUi9OpAsD3fGhJ", "QID1", "score outside scale"),
        _row(
            "R_2hUi9OpAsD3fGhJ",
            "QID2",
            "csat",
            4.0,
            "2025-03-27 13:22:05",
            "C-1008",
            "unknown",
            "anonymous",
        ),
        _rejected("R_3iIo1PaSdF4gHjK", "QID1", "missing timestamp"),
        _rejected("R_3iIo1PaSdF4gHjK", "QID2", "missing timestamp"),
        # 2025-04
        _row(
            "R_1jOp2AsDfG5hJkL",
            "QID1",
            "nps",
            10.0,
            "2025-04-01 00:03:17",
            "C-1001",
            "checkout",
            "email",
            comment="Love the new app",
        ),
        _row(
            "R_1jOp2AsDfG5hJkL",
            "QID2",
            "csat",
            5.0,
            "2025-04-01 00:03:17",
            "C-1001",
            "checkout",
            "email",
        ),
        _row(
            "R_2kPa3SdFgH6jKlZ",
            "QID1",
            "nps",
            9.0,
            "2025-04-04 12:00:00",
            "C-1010",
            "checkout",
            "email",
            program="relationship",
        ),
        _row(
            "R_3lAs4DfGhJ7kLzX",
            "QID1",
            "nps",
            2.0,
            "2025-04-07 09:45:30",
            "C-1011",
            "support",
            "smsinvite",
            comment="Nobody solved my problem",
            ticket="48377",
        ),
        _row(
            "R_3lAs4DfGhJ7kLzX",
            "QID2",
            "csat",
            1.0,
            "2025-04-07 09:45:30",
            "C-1011",
            "support",
            "smsinvite",
            ticket="48377",
        ),
        _row(
            "R_1mSd5FgHjK8lZxC",
            "QID1",
            "nps",
            8.0,
            "2025-04-10 18:20:00",
            "C-1012",
            "website",
            "anonymous",
            comment="Could not find the size chart",
        ),
        _rejected("R_1mSd5FgHjK8lZxC", "QID2", "unparseable score"),
        # CSAT only: the comment is on the CSAT answer.
        _row(
            "R_2nDf6GhJkL9zXcV",
            "QID2",
            "csat",
            4.0,
            "2025-04-14 07:55:48",
            "C-1013",
            "delivery",
            "email",
            comment="Good, but the box was damaged.",
        ),
        _row(
            "R_3oFg7HjKlZ1xCvB",
            "QID1",
            "nps",
            10.0,
            "2025-04-18 15:15:15",
            "C-1014",
            "delivery",
            "email",
        ),
        _row(
            "R_3oFg7HjKlZ1xCvB",
            "QID4",
            "csat",
            _rescale_1_7(7),
            "2025-04-18 15:15:15",
            "C-1014",
            "delivery",
            "email",
        ),
        _row(
            "R_1pGh8JkLzX2cVbN",
            "QID1",
            "nps",
            5.0,
            "2025-04-22 11:11:11",
            "C-1015",
            "delivery",
            "email",
        ),
        _row(
            "R_1pGh8JkLzX2cVbN",
            "QID4",
            "csat",
            _rescale_1_7(1),
            "2025-04-22 11:11:11",
            "C-1015",
            "delivery",
            "email",
        ),
        _row(
            "R_2qHj9KlZxC3vBnM",
            "QID1",
            "nps",
            9.0,
            "2025-04-25 19:30:00",
            "C-1004",
            "support",
            "smsinvite",
            ticket="48502",
        ),
        _row(
            "R_2qHj9KlZxC3vBnM",
            "QID2",
            "csat",
            4.0,
            "2025-04-25 19:30:00",
            "C-1004",
            "support",
            "smsinvite",
            ticket="48502",
        ),
        _row(
            "R_3rJk1LzXcV4bNmQ",
            "QID1",
            "nps",
            0.0,
            "2025-04-29 21:05:09",
            "C-1016",
            "checkout",
            "email",
        ),
        _row(
            "R_3rJk1LzXcV4bNmQ",
            "QID2",
            "csat",
            3.0,
            "2025-04-29 21:05:09",
            "C-1016",
            "checkout",
            "email",
        ),
    ],
}

# Keys that must appear nowhere (not accepted, not rejected): the deleted QID5's answers, the
# unmapped QID6's and the comment question's own answers.
ABSENT_KEYS: list[str] = [
    "qualtrics:R_1gYu8IoPaS2dFgH:QID5",
    "qualtrics:R_2sKl3ZxCvB5nMqW:QID5",
    "qualtrics:R_2sKl3ZxCvB5nMqW:QID6",
    "qualtrics:R_1pGh8JkLzX2cVbN:QID6",
    "qualtrics:R_1tLz4XcVbN6mQwE:QID6",
    "qualtrics:R_1tLz4XcVbN6mQwE:QID3",
    "qualtrics:R_1OkT9wZqLmA3bXc:QID3",
]


EXPECTED_FIGURES: list[tuple[str, dict, dict]] = [
    # March: 10, 9 | 7, 8, 7 | 3 -> 100 * (2 - 1) / 6
    (
        "cx__nps",
        month("2025-03-01"),
        {
            "responses": 6,
            "promoters": 2,
            "passives": 3,
            "detractors": 1,
            "promoter_pct": 100 * 2 / 6,
            "detractor_pct": 100 * 1 / 6,
            "nps": 100 * (2 - 1) / 6,
        },
    ),
    # April: 10, 9, 10, 9 | 8 | 2, 5, 0 -> 100 * (4 - 3) / 8 = 12.5
    (
        "cx__nps",
        month("2025-04-01"),
        {
            "responses": 8,
            "promoters": 4,
            "passives": 1,
            "detractors": 3,
            "promoter_pct": 50.0,
            "detractor_pct": 37.5,
            "nps": 12.5,
        },
    ),
    # March: 5, 4, 2, 13/3, 3, 5, 4 -> satisfied 5 of 7; sum 82/3
    (
        "cx__csat",
        month("2025-03-01"),
        {
            "responses": 7,
            "satisfied_responses": 5,
            "csat_pct": 100 * 5 / 7,
            "score_sum": 5 + 4 + 2 + _rescale_1_7(6) + 3 + 5 + 4,
            "avg_score": (5 + 4 + 2 + _rescale_1_7(6) + 3 + 5 + 4) / 7,
        },
    ),
    # April: 5, 1, 4, 5, 1, 4, 3 -> satisfied 4 of 7; sum 23
    (
        "cx__csat",
        month("2025-04-01"),
        {
            "responses": 7,
            "satisfied_responses": 4,
            "csat_pct": 100 * 4 / 7,
            "score_sum": 23.0,
            "avg_score": 23 / 7,
        },
    ),
]

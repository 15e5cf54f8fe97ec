"""Zendesk Support (Fivetran): 15 tickets over March-April 2025, comments, users, field history.

The story of each ticket (times UTC; "agent" is role agent or admin):

1001  web, normal, Ana (CUST-0101). Agent reply 30 min in, an end-user follow-up (not an agent
      reply), a second agent reply, solved 11:05, auto-closed 4 days later (solved wins over the
      later closed). Satisfaction offered -> bad (with a comment) -> good (with a newer comment):
      the latest, good, counts with the latest comment.
1002  email, high, Ben (CUST-0102). A private agent note at 14:10 before the first public reply
      at 14:40 (ignored). Solved, reopened by the requester, solved again: resolved_at is the
      LAST solve. Satisfaction offered -> good -> offered again after the second solve: the
      latest score that is good/bad/a number is the good one.
1003  chat, urgent, Chen (CUST-0103). Reassigned (assignee_id field history 101 -> 102, which
      must not matter). Newer CSAT: a numeric satisfaction_score '4'.
1004  email, low, Dana (no external_id: customer_id null). Closed by a clean-up script without
      ever passing through solved: the closed change is the resolution. Admin (not agent) reply.
      Satisfaction only 'offered': no answer.
1005  api, no priority (-> 'unknown'), Elif (CUST-0105). Open, no agent reply yet: first
      response and resolution null, agent_replies 0.
1006  web, Farid. Deleted at source (_fivetran_deleted true) after being solved and rated good:
      must appear nowhere (no ticket, no CSAT answer, not rejected).
1007  voice, high, Ana. Solved, rated bad (with a comment), then reopened and open now:
      resolved_at null; the bad rating still counts (1.0).
1008  HOSTILE web, Ben. created_at null (a broken row): rejected 'missing timestamp'.
1009  email, normal, Chen. An agent comment at 09:10 that Fivetran marks _fivetran_deleted is
      ignored, so the first response is 09:45. Rated good with a comment.
1010  chat, high, Farid (CUST-0106). Three agent replies around an end-user follow-up (not a
      first-contact resolution). Rated bad with a comment.
1011  web, urgent, Elif. Zendesk status 'deleted' (deleted in the agent UI; Fivetran has not
      purged it, _fivetran_deleted false): left out like a deleted ticket (see ASSUMPTIONS).
1012  HOSTILE web, low, Ben. Imported through the API: created_at is the import time
      (2025-04-17 12:00) but the status history keeps the legacy solve date 2025-04-16 12:00:
      rejected 'resolution before creation' (its first response, 12:30 on the 17th, is fine).
1013  email, normal, Ana. Pending after the admin reply, solved next morning. Rated with a
      numeric '7' (a newer-CSAT survey set up on a 1-7 scale by mistake): that CSAT answer is
      rejected 'score outside scale'; the ticket itself is fine.
1014  web, normal, Chen. Replied after 2 hours, solved on the Monday (67 h). Numeric CSAT '3'
      with a comment.
1015  api, normal, Dana (no external_id). Pending after one agent reply: not resolved.

ASSUMPTIONS (for the adapter author):
- A ticket with status 'deleted' is a deleted ticket and is left out entirely (docs: "deleted
  tickets are left out"; the research note filters ticket.status != 'deleted' too).
- ticket_id is the bare ticket id ('1001', not prefixed); the CSAT answer's ticket_id likewise.
- The CSAT answer's customer_id is the ticket's customer_id (the requester's external_id);
  responded_at is the `updated` of the chosen satisfaction_score row; program is null
  (-> 'transactional'); feedback_source is 'zendesk'.
- "The latest satisfaction_score that is good, bad or a number" is the latest among those
  values, so an 'offered' written after a good answer (1002) does not erase it.
- Comments: the ticket's first comment is the earliest non-deleted comment (the request); agent
  replies are public, non-deleted comments by agent/admin users after it. No fixture ticket has
  an agent reply after its final resolution, so "before resolution" (contract) and the docs'
  wording give the same counts; every solve is at least 5 minutes after the last reply.
- Satisfaction answers are read from ticket_field_history only (no satisfaction_rating table).
- agent_replies is given as an int (an integer column); 2 == 2.0 in Python.
- feedback_source is included in the expected survey rows (docs: "Every survey answer carries
  the column feedback_source").

EXPECTED FIGURES, worked by hand (accepted tickets only; 1006, 1011 left out; 1008, 1012 rejected):

cx__service_levels, month 2025-03, all: tickets 1001 1002 1003 1004 1005 1007 -> created 6.
  first response minutes: 1001 30, 1002 40, 1003 5, 1004 1020 (16:00 -> 09:00 next day),
  1007 20; 1005 none -> responded 5, sum 1115, avg 1115/5 = 223.0, median of
  (5, 20, 30, 40, 1020) = 30.0.
  resolution hours: 1001 125 min = 25/12 = 2.0833333, 1002 14:00 -> 10:30 next day = 20.5,
  1003 08:15 -> 09:15 = 1.0, 1004 16:00 on 12th -> 10:00 on 14th = 42.0; 1005, 1007 none
  -> resolved 4, sum = (25 + 246 + 12 + 504)/12 = 787/12 = 65.5833333, avg = 787/48 =
  16.3958333, median = (25/12 + 20.5)/2 = 271/24 = 11.2916667.
  FCR (resolved with agent_replies <= 1): only 1004 (1 reply) -> 1, fcr_pct = 100*1/4 = 25.0.
  handle time: none -> tickets_with_handle_time 0, avg_handle_minutes null.
cx__service_levels, month 2025-04, all: tickets 1009 1010 1013 1014 1015 -> created 5.
  first response minutes: 45, 3, 60, 120, 960 -> responded 5, sum 1188, avg 237.6,
  median of (3, 45, 60, 120, 960) = 60.0.
  resolution hours: 1009 1.0, 1010 40 min = 2/3, 1013 24.0, 1014 Fri 14:00 -> Mon 09:00 = 67.0
  -> resolved 4, sum = 1 + 2/3 + 24 + 67 = 278/3 = 92.6666667, avg = 278/12 = 23.1666667,
  median = (1 + 24)/2 = 12.5.
  FCR: 1009, 1013, 1014 (1 reply each); 1010 has 3 -> 3, fcr_pct = 100*3/4 = 75.0.
cx__service_levels, month 2025-04, channel email: 1009, 1013 -> created 2, responded 2,
  resolved 2, avg/median first response (45+60)/2 = 52.5, avg/median resolution (1+24)/2 =
  12.5, FCR 2 -> 100.0.
cx__service_levels, month 2025-03, priority unknown: 1005 only -> created 1, responded 0,
  resolved 0, first_contact_resolutions 0, fcr_pct null.

cx__csat (top-2-box: score >= 4), month 2025-03, all: 1001 good 5, 1002 good 5, 1003 '4',
  1007 bad 1 (1004 offered only, 1006 deleted) -> responses 4, satisfied 3, csat_pct
  100*3/4 = 75.0, score_sum 15, avg_score 3.75.
cx__csat, month 2025-04, all: 1009 good 5, 1010 bad 1, 1014 '3' (1013's '7' rejected) ->
  responses 3, satisfied 1, csat_pct 100/3 = 33.3333333, score_sum 9, avg_score 3.0.
"""

from connector_fixtures import support_csat, ticket

SCHEMA = "zendesk"

TABLES: dict[str, list[tuple[str, str]]] = {
    "ticket": [
        ("id", "bigint"),
        ("created_at", "timestamp"),
        ("updated_at", "timestamp"),
        ("subject", "text"),
        ("type", "text"),
        ("status", "text"),
        ("priority", "text"),
        ("via_channel", "text"),
        ("requester_id", "bigint"),
        ("submitter_id", "bigint"),
        ("assignee_id", "bigint"),
        ("organization_id", "bigint"),
        ("group_id", "bigint"),
        ("brand_id", "bigint"),
        ("is_public", "boolean"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "ticket_comment": [
        ("id", "bigint"),
        ("ticket_id", "bigint"),
        ("user_id", "bigint"),
        ("created", "timestamp"),
        ("public", "boolean"),
        ("body", "text"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "user": [
        ("id", "bigint"),
        ("name", "text"),
        ("email", "text"),
        ("role", "text"),
        ("external_id", "text"),
        ("organization_id", "bigint"),
        ("_fivetran_deleted", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
    "ticket_field_history": [
        ("ticket_id", "bigint"),
        ("field_name", "text"),
        ("value", "text"),
        ("updated", "timestamp"),
        ("user_id", "bigint"),
        ("_fivetran_synced", "timestamp"),
    ],
}

# Users: agents 101 Maya, 102 Tomas; admin 103 Priya; end users 201-206.
MAYA, TOMAS, PRIYA = "384512700101", "384512700102", "384512700103"
ANA, BEN, CHEN, DANA, ELIF, FARID = (
    "384512700201",
    "384512700202",
    "384512700203",
    "384512700204",
    "384512700205",
    "384512700206",
)
SYNCED = "2025-05-01 06:00:00"  # the last sync, after every event below

ROWS: dict[str, list[tuple[str | None, ...]]] = {
    "user": [
        (MAYA, "Maya Lindqvist", "maya@support.example.com", "agent", None, None, "false", SYNCED),
        (
            TOMAS,
            "Tomas Ferreira",
            "tomas@support.example.com",
            "agent",
            None,
            None,
            "false",
            SYNCED,
        ),
        (PRIYA, "Priya Raman", "priya@support.example.com", "admin", None, None, "false", SYNCED),
        (
            ANA,
            "Ana Costa",
            "ana@costa-foods.example.com",
            "end-user",
            "CUST-0101",
            "360001001",
            "false",
            SYNCED,
        ),
        (
            BEN,
            "Ben Okafor",
            "ben@okafor-logistics.example.com",
            "end-user",
            "CUST-0102",
            "360001002",
            "false",
            SYNCED,
        ),
        (
            CHEN,
            "Chen Wei",
            "chen@weiworks.example.com",
            "end-user",
            "CUST-0103",
            "360001003",
            "false",
            SYNCED,
        ),
        # An end user the CRM does not know: no external_id.
        (DANA, "Dana Kim", "dana.kim@mail.example.com", "end-user", None, None, "false", SYNCED),
        (
            ELIF,
            "Elif Yilmaz",
            "elif@yilmaz-tech.example.com",
            "end-user",
            "CUST-0105",
            "360001005",
            "false",
            SYNCED,
        ),
        (
            FARID,
            "Farid Haddad",
            "farid@haddad-retail.example.com",
            "end-user",
            "CUST-0106",
            "360001006",
            "false",
            SYNCED,
        ),
    ],
    # id, created_at, updated_at, subject, type, status, priority, via_channel, requester_id,
    # submitter_id, assignee_id, organization_id, group_id, brand_id, is_public,
    # _fivetran_deleted, _fivetran_synced
    "ticket": [
        (
            "1001",
            "2025-03-03 09:00:00",
            "2025-03-07 12:00:00",
            "Invoice shows the wrong VAT rate",
            "question",
            "closed",
            "normal",
            "web",
            ANA,
            ANA,
            MAYA,
            "360001001",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-03-07 12:05:00",
        ),
        (
            "1002",
            "2025-03-05 14:00:00",
            "2025-03-06 10:30:00",
            "Cannot export reports to CSV",
            "problem",
            "solved",
            "high",
            "email",
            BEN,
            BEN,
            TOMAS,
            "360001002",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-03-06 10:35:00",
        ),
        (
            "1003",
            "2025-03-10 08:15:00",
            "2025-03-14 10:00:00",
            "Checkout page returns error 500",
            "incident",
            "closed",
            "urgent",
            "chat",
            CHEN,
            CHEN,
            TOMAS,
            "360001003",
            "360000502",
            "360000011",
            "true",
            "false",
            "2025-03-14 10:05:00",
        ),
        (
            "1004",
            "2025-03-12 16:00:00",
            "2025-03-14 10:00:00",
            "Question about data retention",
            "question",
            "closed",
            "low",
            "email",
            DANA,
            DANA,
            PRIYA,
            None,
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-03-14 10:05:00",
        ),
        (
            "1005",
            "2025-03-18 11:00:00",
            "2025-03-18 11:30:00",
            "Webhook deliveries delayed",
            "problem",
            "open",
            None,
            "api",
            ELIF,
            ELIF,
            MAYA,
            "360001005",
            "360000502",
            "360000011",
            "true",
            "false",
            "2025-03-18 11:35:00",
        ),
        # Deleted at source: left out everywhere.
        (
            "1006",
            "2025-03-24 10:00:00",
            "2025-03-26 09:00:00",
            "Duplicate: login link expired",
            "question",
            "solved",
            "normal",
            "web",
            FARID,
            FARID,
            MAYA,
            "360001006",
            "360000501",
            "360000011",
            "true",
            "true",
            "2025-03-26 09:05:00",
        ),
        (
            "1007",
            "2025-03-27 13:00:00",
            "2025-03-28 09:00:00",
            "Phone line drops after 5 minutes",
            "incident",
            "open",
            "high",
            "voice",
            ANA,
            ANA,
            MAYA,
            "360001001",
            "360000502",
            "360000011",
            "true",
            "false",
            "2025-03-28 09:05:00",
        ),
        # HOSTILE: null created_at -> 'missing timestamp'.
        (
            "1008",
            None,
            "2025-03-20 11:00:00",
            "Password reset email not arriving",
            "question",
            "solved",
            "normal",
            "web",
            BEN,
            BEN,
            TOMAS,
            "360001002",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-03-20 11:05:00",
        ),
        (
            "1009",
            "2025-04-02 09:00:00",
            "2025-04-06 10:00:00",
            "Add a second admin to our account",
            "task",
            "closed",
            "normal",
            "email",
            CHEN,
            CHEN,
            MAYA,
            "360001003",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-04-06 10:05:00",
        ),
        (
            "1010",
            "2025-04-08 15:30:00",
            "2025-04-08 16:10:00",
            "Discount code rejected at checkout",
            "problem",
            "solved",
            "high",
            "chat",
            FARID,
            FARID,
            TOMAS,
            "360001006",
            "360000502",
            "360000011",
            "true",
            "false",
            "2025-04-08 16:15:00",
        ),
        # Status 'deleted' (not yet purged): left out everywhere.
        (
            "1011",
            "2025-04-15 10:00:00",
            "2025-04-15 10:20:00",
            "test ticket please ignore",
            "question",
            "deleted",
            "urgent",
            "web",
            ELIF,
            ELIF,
            None,
            "360001005",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-04-15 10:25:00",
        ),
        # HOSTILE: solved (legacy date) before created_at -> 'resolution before creation'.
        (
            "1012",
            "2025-04-17 12:00:00",
            "2025-04-17 12:30:00",
            "Imported: shipping label format",
            "question",
            "solved",
            "low",
            "web",
            BEN,
            BEN,
            TOMAS,
            "360001002",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-04-17 12:35:00",
        ),
        (
            "1013",
            "2025-04-22 08:00:00",
            "2025-04-23 12:00:00",
            "SSO certificate expiring",
            "task",
            "solved",
            "normal",
            "email",
            ANA,
            ANA,
            PRIYA,
            "360001001",
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-04-23 12:05:00",
        ),
        (
            "1014",
            "2025-04-25 14:00:00",
            "2025-04-28 11:00:00",
            "Bulk import stuck at 80 percent",
            "problem",
            "solved",
            "normal",
            "web",
            CHEN,
            CHEN,
            MAYA,
            "360001003",
            "360000502",
            "360000011",
            "true",
            "false",
            "2025-04-28 11:05:00",
        ),
        (
            "1015",
            "2025-04-29 17:00:00",
            "2025-04-30 09:00:00",
            "How do I change my billing email",
            "question",
            "pending",
            "normal",
            "api",
            DANA,
            DANA,
            TOMAS,
            None,
            "360000501",
            "360000011",
            "true",
            "false",
            "2025-04-30 09:05:00",
        ),
    ],
    # id, ticket_id, user_id, created, public, body, _fivetran_deleted, _fivetran_synced
    "ticket_comment": [
        # 1001: request, agent reply (first response 09:30), end-user follow-up, agent reply.
        (
            "30115000000101",
            "1001",
            ANA,
            "2025-03-03 09:00:00",
            "true",
            "The March invoice shows 21 percent VAT instead of 9 percent.",
            "false",
            SYNCED,
        ),
        (
            "30115000000102",
            "1001",
            MAYA,
            "2025-03-03 09:30:00",
            "true",
            "Thanks Ana, I am checking this with billing now.",
            "false",
            SYNCED,
        ),
        (
            "30115000000103",
            "1001",
            ANA,
            "2025-03-03 10:00:00",
            "true",
            "Thanks. The invoice number is INV-3391.",
            "false",
            SYNCED,
        ),
        (
            "30115000000104",
            "1001",
            MAYA,
            "2025-03-03 11:00:00",
            "true",
            "Billing has reissued the invoice with 9 percent VAT.",
            "false",
            SYNCED,
        ),
        # 1002: private note before the first public reply; reopen; second agent reply.
        (
            "30115000000201",
            "1002",
            BEN,
            "2025-03-05 14:00:00",
            "true",
            "Exporting the monthly report to CSV fails with a timeout.",
            "false",
            SYNCED,
        ),
        (
            "30115000000202",
            "1002",
            TOMAS,
            "2025-03-05 14:10:00",
            "false",
            "Reproduced on staging: export times out above 10k rows.",
            "false",
            SYNCED,
        ),
        (
            "30115000000203",
            "1002",
            TOMAS,
            "2025-03-05 14:40:00",
            "true",
            "We found the cause and a fix is rolling out now.",
            "false",
            SYNCED,
        ),
        (
            "30115000000204",
            "1002",
            BEN,
            "2025-03-06 09:00:00",
            "true",
            "The export still fails for the April report.",
            "false",
            SYNCED,
        ),
        (
            "30115000000205",
            "1002",
            TOMAS,
            "2025-03-06 10:00:00",
            "true",
            "A second fix is out, please try again.",
            "false",
            SYNCED,
        ),
        (
            "30115000000206",
            "1002",
            BEN,
            "2025-03-06 10:20:00",
            "true",
            "Works now, thank you.",
            "false",
            SYNCED,
        ),
        # 1003: two agents reply (reassigned in between).
        (
            "30115000000301",
            "1003",
            CHEN,
            "2025-03-10 08:15:00",
            "true",
            "Our checkout page returns error 500 for every customer.",
            "false",
            SYNCED,
        ),
        (
            "30115000000302",
            "1003",
            MAYA,
            "2025-03-10 08:20:00",
            "true",
            "Looking into it right now.",
            "false",
            SYNCED,
        ),
        (
            "30115000000303",
            "1003",
            TOMAS,
            "2025-03-10 08:50:00",
            "true",
            "Fixed: a payment provider timeout. Checkout works again.",
            "false",
            SYNCED,
        ),
        # 1004: the admin replies the next morning.
        (
            "30115000000401",
            "1004",
            DANA,
            "2025-03-12 16:00:00",
            "true",
            "How long do you keep our data after we cancel?",
            "false",
            SYNCED,
        ),
        (
            "30115000000402",
            "1004",
            PRIYA,
            "2025-03-13 09:00:00",
            "true",
            "We keep your data for 24 months after cancellation.",
            "false",
            SYNCED,
        ),
        # 1005: the request only.
        (
            "30115000000501",
            "1005",
            ELIF,
            "2025-03-18 11:00:00",
            "true",
            "Webhook deliveries arrive up to an hour late since this morning.",
            "false",
            SYNCED,
        ),
        # 1006 (deleted ticket): its comments are still there; the ticket is what is deleted.
        (
            "30115000000601",
            "1006",
            FARID,
            "2025-03-24 10:00:00",
            "true",
            "The login link in my email has expired.",
            "false",
            SYNCED,
        ),
        (
            "30115000000602",
            "1006",
            MAYA,
            "2025-03-24 10:05:00",
            "true",
            "I have sent you a new link.",
            "false",
            SYNCED,
        ),
        # 1007: solved, then reopened by the customer, agent replies again.
        (
            "30115000000701",
            "1007",
            ANA,
            "2025-03-27 13:00:00",
            "true",
            "Call from +31 20 555 0101: the phone line drops after 5 minutes.",
            "false",
            SYNCED,
        ),
        (
            "30115000000702",
            "1007",
            MAYA,
            "2025-03-27 13:20:00",
            "true",
            "We reset your SIP trunk and calls should hold now.",
            "false",
            SYNCED,
        ),
        (
            "30115000000703",
            "1007",
            ANA,
            "2025-03-28 08:00:00",
            "true",
            "Calls are dropping again this morning.",
            "false",
            SYNCED,
        ),
        (
            "30115000000704",
            "1007",
            MAYA,
            "2025-03-28 09:00:00",
            "true",
            "Escalated to our carrier, we will update you today.",
            "false",
            SYNCED,
        ),
        # 1008 (hostile: null created_at).
        (
            "30115000000801",
            "1008",
            BEN,
            "2025-03-20 10:00:00",
            "true",
            "The password reset email never arrives.",
            "false",
            SYNCED,
        ),
        (
            "30115000000802",
            "1008",
            TOMAS,
            "2025-03-20 10:30:00",
            "true",
            "It was caught by your spam filter, I have resent it.",
            "false",
            SYNCED,
        ),
        # 1009: an agent comment Fivetran marks deleted (ignored), then the real first reply.
        (
            "30115000000901",
            "1009",
            CHEN,
            "2025-04-02 09:00:00",
            "true",
            "Please give Lee Park admin rights on our account.",
            "false",
            SYNCED,
        ),
        (
            "30115000000902",
            "1009",
            MAYA,
            "2025-04-02 09:10:00",
            "true",
            "Done for the wrong account, please ignore.",
            "true",
            SYNCED,
        ),
        (
            "30115000000903",
            "1009",
            MAYA,
            "2025-04-02 09:45:00",
            "true",
            "Done: Lee Park now has admin rights.",
            "false",
            SYNCED,
        ),
        # 1010: three agent replies around an end-user follow-up.
        (
            "30115000001001",
            "1010",
            FARID,
            "2025-04-08 15:30:00",
            "true",
            "The code SPRING25 is rejected at checkout.",
            "false",
            SYNCED,
        ),
        (
            "30115000001002",
            "1010",
            TOMAS,
            "2025-04-08 15:33:00",
            "true",
            "Which country is your shipping address in?",
            "false",
            SYNCED,
        ),
        (
            "30115000001003",
            "1010",
            FARID,
            "2025-04-08 15:40:00",
            "true",
            "Belgium, as I said in my first message.",
            "false",
            SYNCED,
        ),
        (
            "30115000001004",
            "1010",
            TOMAS,
            "2025-04-08 15:50:00",
            "true",
            "The code is valid in the Netherlands only, let me check an exception.",
            "false",
            SYNCED,
        ),
        (
            "30115000001005",
            "1010",
            TOMAS,
            "2025-04-08 16:00:00",
            "true",
            "I have applied the discount to your order manually.",
            "false",
            SYNCED,
        ),
        # 1011 (status deleted).
        ("30115000001101", "1011", ELIF, "2025-04-15 10:00:00", "true", "test", "false", SYNCED),
        # 1012 (hostile: legacy solve date before created_at).
        (
            "30115000001201",
            "1012",
            BEN,
            "2025-04-17 12:00:00",
            "true",
            "Imported from the old help desk: label format for DHL.",
            "false",
            SYNCED,
        ),
        (
            "30115000001202",
            "1012",
            TOMAS,
            "2025-04-17 12:30:00",
            "true",
            "This was answered in the old system, closing the import.",
            "false",
            SYNCED,
        ),
        # 1013: admin reply, then pending until solved.
        (
            "30115000001301",
            "1013",
            ANA,
            "2025-04-22 08:00:00",
            "true",
            "Our SSO certificate expires on Friday.",
            "false",
            SYNCED,
        ),
        (
            "30115000001302",
            "1013",
            PRIYA,
            "2025-04-22 09:00:00",
            "true",
            "Your SSO certificate has been renewed.",
            "false",
            SYNCED,
        ),
        # 1014: reply after 2 hours.
        (
            "30115000001401",
            "1014",
            CHEN,
            "2025-04-25 14:00:00",
            "true",
            "Our bulk import has been stuck at 80 percent for an hour.",
            "false",
            SYNCED,
        ),
        (
            "30115000001402",
            "1014",
            MAYA,
            "2025-04-25 16:00:00",
            "true",
            "We restarted the import worker, it will finish over the weekend.",
            "false",
            SYNCED,
        ),
        # 1015: one reply, waiting on the customer.
        (
            "30115000001501",
            "1015",
            DANA,
            "2025-04-29 17:00:00",
            "true",
            "How do I change the email address invoices go to?",
            "false",
            SYNCED,
        ),
        (
            "30115000001502",
            "1015",
            TOMAS,
            "2025-04-30 09:00:00",
            "true",
            "Under Settings, Billing. Can you confirm the new address?",
            "false",
            SYNCED,
        ),
    ],
    # ticket_id, field_name, value, updated, user_id, _fivetran_synced
    "ticket_field_history": [
        # 1001: solved 11:05, closed by the automation 4 days later (solved wins).
        ("1001", "status", "new", "2025-03-03 09:00:00", ANA, SYNCED),
        ("1001", "status", "open", "2025-03-03 09:30:00", MAYA, SYNCED),
        ("1001", "status", "solved", "2025-03-03 11:05:00", MAYA, SYNCED),
        ("1001", "status", "closed", "2025-03-07 12:00:00", None, SYNCED),
        ("1001", "satisfaction_score", "offered", "2025-03-03 11:05:00", None, SYNCED),
        ("1001", "satisfaction_score", "bad", "2025-03-03 15:00:00", ANA, SYNCED),
        (
            "1001",
            "satisfaction_comment",
            "Took two replies to get an answer",
            "2025-03-03 15:00:00",
            ANA,
            SYNCED,
        ),
        ("1001", "satisfaction_score", "good", "2025-03-04 08:00:00", ANA, SYNCED),
        (
            "1001",
            "satisfaction_comment",
            "Sorted in the end. Thanks!",
            "2025-03-04 08:00:00",
            ANA,
            SYNCED,
        ),
        # 1002: solved, reopened, solved again (resolved_at = the last solve, 03-06 10:30).
        ("1002", "status", "new", "2025-03-05 14:00:00", BEN, SYNCED),
        ("1002", "status", "open", "2025-03-05 14:40:00", TOMAS, SYNCED),
        ("1002", "status", "solved", "2025-03-05 15:00:00", TOMAS, SYNCED),
        ("1002", "status", "open", "2025-03-06 09:00:00", BEN, SYNCED),
        ("1002", "status", "solved", "2025-03-06 10:30:00", TOMAS, SYNCED),
        ("1002", "satisfaction_score", "offered", "2025-03-05 15:00:00", None, SYNCED),
        ("1002", "satisfaction_score", "good", "2025-03-05 18:00:00", BEN, SYNCED),
        ("1002", "satisfaction_score", "offered", "2025-03-06 10:30:00", None, SYNCED),
        # 1003: reassigned Maya -> Tomas (must not matter); numeric newer CSAT 4.
        ("1003", "status", "new", "2025-03-10 08:15:00", CHEN, SYNCED),
        ("1003", "assignee_id", MAYA, "2025-03-10 08:16:00", MAYA, SYNCED),
        ("1003", "status", "open", "2025-03-10 08:20:00", MAYA, SYNCED),
        ("1003", "assignee_id", TOMAS, "2025-03-10 08:45:00", MAYA, SYNCED),
        ("1003", "status", "solved", "2025-03-10 09:15:00", TOMAS, SYNCED),
        ("1003", "status", "closed", "2025-03-14 10:00:00", None, SYNCED),
        ("1003", "satisfaction_score", "offered", "2025-03-10 09:15:00", None, SYNCED),
        ("1003", "satisfaction_score", "4", "2025-03-10 12:00:00", CHEN, SYNCED),
        # 1004: closed without ever being solved; survey offered, never answered.
        ("1004", "status", "new", "2025-03-12 16:00:00", DANA, SYNCED),
        ("1004", "status", "open", "2025-03-13 09:00:00", PRIYA, SYNCED),
        ("1004", "status", "closed", "2025-03-14 10:00:00", PRIYA, SYNCED),
        ("1004", "satisfaction_score", "offered", "2025-03-14 10:00:00", None, SYNCED),
        # 1005: open, no reply.
        ("1005", "status", "new", "2025-03-18 11:00:00", ELIF, SYNCED),
        ("1005", "status", "open", "2025-03-18 11:30:00", MAYA, SYNCED),
        # 1006 (deleted ticket): solved and rated good; none of it may count.
        ("1006", "status", "new", "2025-03-24 10:00:00", FARID, SYNCED),
        ("1006", "status", "solved", "2025-03-24 10:10:00", MAYA, SYNCED),
        ("1006", "satisfaction_score", "offered", "2025-03-24 10:10:00", None, SYNCED),
        ("1006", "satisfaction_score", "good", "2025-03-24 12:00:00", FARID, SYNCED),
        # 1007: solved, rated bad, reopened: open now.
        ("1007", "status", "new", "2025-03-27 13:00:00", ANA, SYNCED),
        ("1007", "status", "open", "2025-03-27 13:20:00", MAYA, SYNCED),
        ("1007", "status", "solved", "2025-03-27 13:30:00", MAYA, SYNCED),
        ("1007", "satisfaction_score", "offered", "2025-03-27 13:30:00", None, SYNCED),
        ("1007", "satisfaction_score", "bad", "2025-03-27 17:00:00", ANA, SYNCED),
        (
            "1007",
            "satisfaction_comment",
            "Same error again after the fix",
            "2025-03-27 17:00:00",
            ANA,
            SYNCED,
        ),
        ("1007", "status", "open", "2025-03-28 08:00:00", ANA, SYNCED),
        # 1008 (hostile: null created_at).
        ("1008", "status", "new", "2025-03-20 10:00:00", BEN, SYNCED),
        ("1008", "status", "solved", "2025-03-20 11:00:00", TOMAS, SYNCED),
        # 1009: solved 10:00, auto-closed; rated good with a comment.
        ("1009", "status", "new", "2025-04-02 09:00:00", CHEN, SYNCED),
        ("1009", "status", "open", "2025-04-02 09:10:00", MAYA, SYNCED),
        ("1009", "status", "solved", "2025-04-02 10:00:00", MAYA, SYNCED),
        ("1009", "status", "closed", "2025-04-06 10:00:00", None, SYNCED),
        ("1009", "satisfaction_score", "offered", "2025-04-02 10:00:00", None, SYNCED),
        ("1009", "satisfaction_score", "good", "2025-04-02 14:00:00", CHEN, SYNCED),
        ("1009", "satisfaction_comment", "Quick and friendly", "2025-04-02 14:00:00", CHEN, SYNCED),
        # 1010: rated bad with a comment.
        ("1010", "status", "new", "2025-04-08 15:30:00", FARID, SYNCED),
        ("1010", "status", "open", "2025-04-08 15:33:00", TOMAS, SYNCED),
        ("1010", "status", "solved", "2025-04-08 16:10:00", TOMAS, SYNCED),
        ("1010", "satisfaction_score", "offered", "2025-04-08 16:10:00", None, SYNCED),
        ("1010", "satisfaction_score", "bad", "2025-04-08 18:00:00", FARID, SYNCED),
        (
            "1010",
            "satisfaction_comment",
            "Had to explain the problem three times",
            "2025-04-08 18:00:00",
            FARID,
            SYNCED,
        ),
        # 1011: deleted in Zendesk (status deleted).
        ("1011", "status", "new", "2025-04-15 10:00:00", ELIF, SYNCED),
        ("1011", "status", "deleted", "2025-04-15 10:20:00", MAYA, SYNCED),
        # 1012 (hostile): the legacy solve date, a day before the import's created_at.
        ("1012", "status", "solved", "2025-04-16 12:00:00", TOMAS, SYNCED),
        # 1013: pending, solved; numeric CSAT 7 (outside 1-5: that answer is rejected).
        ("1013", "status", "new", "2025-04-22 08:00:00", ANA, SYNCED),
        ("1013", "status", "pending", "2025-04-22 09:00:00", PRIYA, SYNCED),
        ("1013", "status", "solved", "2025-04-23 08:00:00", PRIYA, SYNCED),
        ("1013", "satisfaction_score", "offered", "2025-04-23 08:00:00", None, SYNCED),
        ("1013", "satisfaction_score", "7", "2025-04-23 12:00:00", ANA, SYNCED),
        # 1014: solved on Monday; numeric CSAT 3 with a comment.
        ("1014", "status", "new", "2025-04-25 14:00:00", CHEN, SYNCED),
        ("1014", "status", "pending", "2025-04-25 16:00:00", MAYA, SYNCED),
        ("1014", "status", "solved", "2025-04-28 09:00:00", MAYA, SYNCED),
        ("1014", "satisfaction_score", "offered", "2025-04-28 09:00:00", None, SYNCED),
        ("1014", "satisfaction_score", "3", "2025-04-28 11:00:00", CHEN, SYNCED),
        ("1014", "satisfaction_comment", "Fine but slow", "2025-04-28 11:00:00", CHEN, SYNCED),
        # 1015: pending, not resolved.
        ("1015", "status", "new", "2025-04-29 17:00:00", DANA, SYNCED),
        ("1015", "status", "pending", "2025-04-30 09:00:00", TOMAS, SYNCED),
    ],
}

VARS: dict = {
    "cx_survey_source": "zendesk",
    "cx_tickets_source": "zendesk",
    "cx_zendesk_schema": "zendesk",
    "cx_using_customers": False,
    "cx_using_feedback_followups": False,
}


def _csat(ticket_id, customer_id, channel, score, responded_at, comment):
    key = f"zendesk:{ticket_id}:csat"
    return support_csat(
        "zendesk", key, ticket_id, customer_id, channel, score, responded_at, comment
    )


EXPECTED_ROWS: dict[str, list[dict]] = {
    # 1006 (_fivetran_deleted) and 1011 (status deleted) appear nowhere.
    "support_tickets": [
        ticket(
            "1001",
            "CUST-0101",
            "web",
            "normal",
            "2025-03-03 09:00:00",
            "2025-03-03 09:30:00",
            "2025-03-03 11:05:00",
            2,
        ),
        ticket(
            "1002",
            "CUST-0102",
            "email",
            "high",
            "2025-03-05 14:00:00",
            "2025-03-05 14:40:00",
            "2025-03-06 10:30:00",
            2,
        ),
        ticket(
            "1003",
            "CUST-0103",
            "chat",
            "urgent",
            "2025-03-10 08:15:00",
            "2025-03-10 08:20:00",
            "2025-03-10 09:15:00",
            2,
        ),
        ticket(
            "1004",
            None,
            "email",
            "low",
            "2025-03-12 16:00:00",
            "2025-03-13 09:00:00",
            "2025-03-14 10:00:00",
            1,
        ),
        ticket("1005", "CUST-0105", "api", "unknown", "2025-03-18 11:00:00", None, None, 0),
        ticket(
            "1007",
            "CUST-0101",
            "voice",
            "high",
            "2025-03-27 13:00:00",
            "2025-03-27 13:20:00",
            None,
            2,
        ),
        {"ticket_id": "1008", "rejection_reason": "missing timestamp"},
        ticket(
            "1009",
            "CUST-0103",
            "email",
            "normal",
            "2025-04-02 09:00:00",
            "2025-04-02 09:45:00",
            "2025-04-02 10:00:00",
            1,
        ),
        ticket(
            "1010",
            "CUST-0106",
            "chat",
            "high",
            "2025-04-08 15:30:00",
            "2025-04-08 15:33:00",
            "2025-04-08 16:10:00",
            3,
        ),
        {"ticket_id": "1012", "rejection_reason": "resolution before creation"},
        ticket(
            "1013",
            "CUST-0101",
            "email",
            "normal",
            "2025-04-22 08:00:00",
            "2025-04-22 09:00:00",
            "2025-04-23 08:00:00",
            1,
        ),
        ticket(
            "1014",
            "CUST-0103",
            "web",
            "normal",
            "2025-04-25 14:00:00",
            "2025-04-25 16:00:00",
            "2025-04-28 09:00:00",
            1,
        ),
        ticket(
            "1015", None, "api", "normal", "2025-04-29 17:00:00", "2025-04-30 09:00:00", None, 1
        ),
    ],
    # One CSAT answer per ticket with a good/bad/numeric score; 1004 (offered only) and 1006
    # (deleted ticket) have none.
    "survey_responses": [
        _csat("1001", "CUST-0101", "web", 5.0, "2025-03-04 08:00:00", "Sorted in the end. Thanks!"),
        _csat("1002", "CUST-0102", "email", 5.0, "2025-03-05 18:00:00", None),
        _csat("1003", "CUST-0103", "chat", 4.0, "2025-03-10 12:00:00", None),
        _csat(
            "1007",
            "CUST-0101",
            "voice",
            1.0,
            "2025-03-27 17:00:00",
            "Same error again after the fix",
        ),
        _csat("1009", "CUST-0103", "email", 5.0, "2025-04-02 14:00:00", "Quick and friendly"),
        _csat(
            "1010",
            "CUST-0106",
            "chat",
            1.0,
            "2025-04-08 18:00:00",
            "Had to explain the problem three times",
        ),
        {"response_id": "zendesk:1013:csat", "rejection_reason": "score outside scale"},
        _csat("1014", "CUST-0103", "web", 3.0, "2025-04-28 11:00:00", "Fine but slow"),
    ],
}

_MONTH = {"period_grain": "month", "dimension": "all", "dimension_value": "all"}

EXPECTED_FIGURES: list[tuple[str, dict, dict]] = [
    (
        "cx__service_levels",
        {**_MONTH, "period_start": "2025-03-01"},
        {
            "tickets_created": 6,
            "tickets_responded": 5,
            "tickets_resolved": 4,
            "first_response_minutes_sum": 1115.0,
            "avg_first_response_minutes": 223.0,  # 1115 / 5
            "median_first_response_minutes": 30.0,  # (5, 20, 30, 40, 1020)
            "resolution_hours_sum": 787 / 12,  # 25/12 + 20.5 + 1 + 42 = 65.5833333
            "avg_resolution_hours": 787 / 48,  # 16.3958333
            "median_resolution_hours": 271 / 24,  # (25/12 + 20.5) / 2 = 11.2916667
            "first_contact_resolutions": 1,  # 1004
            "fcr_pct": 25.0,
            "tickets_with_handle_time": 0,
            "handle_minutes_sum": None,
            "avg_handle_minutes": None,
        },
    ),
    (
        "cx__service_levels",
        {**_MONTH, "period_start": "2025-04-01"},
        {
            "tickets_created": 5,
            "tickets_responded": 5,
            "tickets_resolved": 4,
            "first_response_minutes_sum": 1188.0,
            "avg_first_response_minutes": 237.6,  # 1188 / 5
            "median_first_response_minutes": 60.0,  # (3, 45, 60, 120, 960)
            "resolution_hours_sum": 278 / 3,  # 1 + 2/3 + 24 + 67 = 92.6666667
            "avg_resolution_hours": 278 / 12,  # 23.1666667
            "median_resolution_hours": 12.5,  # (1 + 24) / 2
            "first_contact_resolutions": 3,  # 1009, 1013, 1014
            "fcr_pct": 75.0,
            "tickets_with_handle_time": 0,
            "handle_minutes_sum": None,
            "avg_handle_minutes": None,
        },
    ),
    (
        "cx__service_levels",
        {
            "period_grain": "month",
            "period_start": "2025-04-01",
            "dimension": "channel",
            "dimension_value": "email",
        },
        {
            "tickets_created": 2,  # 1009, 1013
            "tickets_responded": 2,
            "tickets_resolved": 2,
            "avg_first_response_minutes": 52.5,  # (45 + 60) / 2
            "median_first_response_minutes": 52.5,
            "avg_resolution_hours": 12.5,  # (1 + 24) / 2
            "median_resolution_hours": 12.5,
            "first_contact_resolutions": 2,
            "fcr_pct": 100.0,
        },
    ),
    (
        "cx__service_levels",
        {
            "period_grain": "month",
            "period_start": "2025-03-01",
            "dimension": "priority",
            "dimension_value": "unknown",
        },
        {
            "tickets_created": 1,  # 1005 (priority null)
            "tickets_responded": 0,
            "tickets_resolved": 0,
            "avg_first_response_minutes": None,
            "median_first_response_minutes": None,
            "first_contact_resolutions": 0,
            "fcr_pct": None,
        },
    ),
    (
        "cx__csat",
        {**_MONTH, "period_start": "2025-03-01"},
        {
            "responses": 4,  # 1001 5, 1002 5, 1003 4, 1007 1
            "satisfied_responses": 3,
            "csat_pct": 75.0,
            "score_sum": 15.0,
            "avg_score": 3.75,
        },
    ),
    (
        "cx__csat",
        {**_MONTH, "period_start": "2025-04-01"},
        {
            "responses": 3,  # 1009 5, 1010 1, 1014 3
            "satisfied_responses": 1,
            "csat_pct": 100 / 3,  # 33.3333333
            "score_sum": 9.0,
            "avg_score": 3.0,
        },
    ),
]

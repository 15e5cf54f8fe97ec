"""Salesforce (Fivetran): 12 `account` rows -> customers, 26 `order` rows -> orders.

Accounts (18-character ids; segment = type, plan = plan__c, region = billing_country,
monthly_revenue = mrr__c, churned_at = churn_date__c, started_at = created_date):
- 0015g00000NwTrAAAV Northwind Traders: Customer - Direct, created 2025-01-08, never churned,
  mrr 5200, annual_revenue 35 000 000 (the account's own revenue: never monthly_revenue).
- 0015g00000GlBxCAAV Globex Corporation: Customer - Channel, created 2025-01-20, churned
  2025-03-15 (March churn).
- 0015g00000InTcHAAV Initech: two history versions. The inactive one (_fivetran_active false:
  type Prospect, no plan, no mrr, no churn date) must not appear anywhere (it would otherwise be
  a 'duplicate key' or replace the active one); the active one is Customer - Direct, Starter,
  mrr 450, churned 2025-04-18.
- 0015g00000UmBrLAAV Umbrella Health: Customer - Direct, created 2025-02-14, never churned.
- 0015g00000StRkRAAV Stark Retail Group: Customer - Channel, created 2025-02-25, churned 2025-04-07.
- 0015g00000WyNeAAAV Wayne Analytics: created 2025-03-03; billing_country null -> 'unknown'.
- 0015g00000HoOlIAAV Hooli Cloud: type null -> segment 'unknown'; created 2025-03-19 and churned
  2025-03-29 (starts and churns in March: new, not churned, not at the end).
- 0015g00000SoYlFAAV Soylent Foods: created 2025-04-02; plan__c 'GROWTH' (lower-cased).
- 0015g00000VaNdLAAV Vandelay Industries: created 2025-04-22; plan__c and mrr__c null; is_deleted
  and _fivetran_active null (a table not in history mode: kept).
- 0015g00000DuFfBAAV Duff Brewing: is_deleted true -> nowhere, not even rejected.
- 0015g00000CyBrDAAV Cyberdyne Systems (hostile): churn_date__c 2025-02-28 before created_date
  2025-03-10 -> rejected 'churned before started'.
Staged customers: 10 rows, 9 accepted, 1 rejected (10%).

Orders (order_id = id, customer_id = account_id, ordered_at = effective_date, amount =
total_amount, status = status lower-cased; status_code is NOT the status):
- Northwind: six Activated orders 2025-01-10, 02-12, 04-15, 06-20, 08-28, 10-20 (one spell; the
  last, 10-20, is the data's horizon).
- Globex: 2025-01-22, 02-20 -> lapses 02-20 + 90 d = 2025-05-21. A third order 2025-04-10 is
  is_deleted (it would have kept Globex active into July): nowhere.
- Initech: 2025-02-05 -> lapses 2025-05-06.
- Umbrella: 2025-02-18; 2025-03-20 with status 'Cancelled' (status_code 'Activated') is not
  activity (cx_inactive_order_statuses), so the spell lapses 02-18 + 90 d = 2025-05-19; it returns
  2025-07-15 (147 days after 02-18 > 90: a second spell) and orders again 2025-09-10.
- Stark: two orders at the same moment 2025-03-01 00:00:00 (one visit: not a repeat purchase)
  -> lapses 2025-05-30.
- Wayne: 2025-03-05, 05-30 (status 'Draft': still activity), 08-20, 10-01 (gaps 86, 82, 42 days:
  one spell, still active at the horizon).
- Soylent: 2025-04-03 (two history versions: the inactive Draft one of 2025-04-01 must not
  appear), 04-25 a reduction order with total_amount -250 (accepted: staging has no sign check),
  07-01 -> lapses 2025-09-29.
- Hostile: 8015g00000ZqK24AAF has account_id null -> 'missing customer'; 8015g00000ZqK25AAF has
  effective_date 2205-06-01 (a typo for 2025) -> 'timestamp out of range'.
Staged orders: 24 rows, 22 accepted, 2 rejected (8%).

Assumptions (for the adapter author):
- Salesforce history mode keeps the table name `account` / `order` and adds `_fivetran_active`
  (with `_fivetran_start`, `_fivetran_end`); `coalesce(_fivetran_active, true)` and
  `not coalesce(is_deleted, false)` select the rows, on both tables.
- `status` is the order's `status` picklist value as it is (staging lower-cases it); status_code
  is not used. A custom 'Cancelled' status therefore stops counting as activity.
- ordered_at is effective_date only (no fallback to activated_date or created_date: the spec
  names none). No fixture row has a null effective_date, so either reading passes.
- The build reads survey_responses from the contract table CONTRACT_SURVEYS; support_tickets and
  feedback_followups, which the documented VARS leave on, are empty contract tables (so activity
  is orders only, though cx_activity_includes_tickets is true).

Hand arithmetic, cx__customer_churn, month grain (S, N, C, E as in the formula docs):
- Jan: S 0, N 2 (Northwind, Globex), E 2.
- Feb: S 2, N 3 (Initech, Umbrella, Stark), C 0, E 5; churn 0.0, retention 100*(5-3)/2 = 100.0.
- Mar: S 5, N 2 (Wayne, Hooli), C 1 (Globex 03-15; Hooli is new, not churned), E 5 (Northwind,
  Initech, Umbrella, Stark, Wayne); churn 100*1/5 = 20.0, retention 100*(5-2)/5 = 60.0.
- Apr: S 5, N 2 (Soylent, Vandelay), C 2 (Stark 04-07, Initech 04-18), E 5; churn 40.0,
  retention 100*(5-2)/5 = 60.0.
- Apr segment 'customer - direct' (Initech's active version is direct, its old one a Prospect):
  S 4 (Northwind, Initech, Umbrella, Wayne), N 1 (Vandelay), C 1 (Initech), E 4; churn 25.0,
  retention 100*(4-1)/4 = 75.0.

cx__activity_churn, W = 90 days, horizon 2025-10-20 (latest activity). Spells (start -> churned_at):
Northwind 01-10 -> none; Globex 01-22 -> 05-21; Initech 02-05 -> 05-06; Umbrella#1 02-18 -> 05-19;
Umbrella#2 07-15 -> none; Stark 03-01 -> 05-30; Wayne 03-05 -> none; Soylent 04-03 -> 09-29.
- Mar: S 4 (Northwind, Globex, Initech, Umbrella), new 2 (Stark, Wayne), returning 0, C 0, E 6,
  repeat 1 (Wayne; Stark's two orders are one moment); churn 0.0, retention 100*(6-2)/4 = 100.0,
  repeat rate 100*1/2 = 50.0; final (Apr 1 + 90 d = Jun 30 <= Oct 20).
- May (worked in full): S 7 (everyone active on May 1: Northwind, Globex, Initech, Umbrella,
  Stark, Wayne, Soylent), new 0, returning 0, C 4 (Initech 05-06, Umbrella 05-19, Globex 05-21,
  Stark 05-30), E 3 (Northwind, Wayne, Soylent); churn 100*4/7 = 57.142857..., retention
  100*(3-0)/7 = 42.857142..., repeat rate null (no new); final (Jun 1 + 90 d = Aug 30 <= Oct 20).
- May segment 'customer - direct': S 4 (Northwind, Initech, Umbrella, Wayne), C 2 (Initech,
  Umbrella), E 2; churn 50.0, retention 50.0.
- Jul: S 3 (Northwind, Wayne, Soylent), new 0, returning 1 (Umbrella 07-15), C 0, E 4; churn 0.0,
  retention 100*(4-1)/3 = 100.0; not final (Aug 1 + 90 d = Oct 30 > Oct 20).

cx__nps, month grain:
- Mar 'all': Northwind 9 P, Globex 5 D, Umbrella 10 P, Wayne 8 Pa -> 4 answers, nps
  100*(2-1)/4 = 25.0.
- Mar segment 'customer - direct': Northwind, Umbrella P, Wayne Pa -> 3 answers, nps 100*2/3.
- Apr segment 'customer - direct': Initech 6 D, Vandelay 4 D -> nps -100.0.
- Apr segment 'unknown': Duff Brewing (deleted account) 10 P -> 1 answer, nps 100.0.

cx__revenue_by_nps, Mar 'all', 'no answer' (no answer before March 1): S 5, revenue
5200 + 1400 + 450 + 1800 + 390 = 9240.0, churned Globex 1400.0.
"""

from connector_fixtures import customer, month

SCHEMA = "salesforce"

TABLES: dict[str, list[tuple[str, str]]] = {
    "account": [
        ("id", "text"),
        ("name", "text"),
        ("type", "text"),
        ("industry", "text"),
        ("billing_country", "text"),
        ("annual_revenue", "double"),
        ("created_date", "timestamp"),
        ("is_deleted", "boolean"),
        ("_fivetran_active", "boolean"),
        ("_fivetran_start", "timestamp"),
        ("_fivetran_end", "timestamp"),
        ("_fivetran_synced", "timestamp"),
        ("churn_date__c", "timestamp"),
        ("plan__c", "text"),
        ("mrr__c", "double"),
    ],
    "order": [
        ("id", "text"),
        ("account_id", "text"),
        ("effective_date", "timestamp"),
        ("activated_date", "timestamp"),
        ("created_date", "timestamp"),
        ("status", "text"),
        ("status_code", "text"),
        ("total_amount", "double"),
        ("type", "text"),
        ("is_deleted", "boolean"),
        ("_fivetran_active", "boolean"),
        ("_fivetran_synced", "timestamp"),
    ],
}

NORTHWIND = "0015g00000NwTrAAAV"
GLOBEX = "0015g00000GlBxCAAV"
INITECH = "0015g00000InTcHAAV"
UMBRELLA = "0015g00000UmBrLAAV"
STARK = "0015g00000StRkRAAV"
WAYNE = "0015g00000WyNeAAAV"
HOOLI = "0015g00000HoOlIAAV"
SOYLENT = "0015g00000SoYlFAAV"
VANDELAY = "0015g00000VaNdLAAV"
DUFF = "0015g00000DuFfBAAV"
CYBERDYNE = "0015g00000CyBrDAAV"

_SYNC = "2025-10-21 02:10:00"
_END = "9999-12-31 23:59:59"

ROWS: dict[str, list[tuple[str | None, ...]]] = {
    # id, name, type, industry, billing_country, annual_revenue, created_date, is_deleted,
    # _fivetran_active, _fivetran_start, _fivetran_end, _fivetran_synced, churn_date__c, plan__c,
    # mrr__c
    "account": [
        (
            NORTHWIND,
            "Northwind Traders",
            "Customer - Direct",
            "Retail",
            "United States",
            "35000000",
            "2025-01-08 14:02:11",
            "false",
            "true",
            "2025-01-08 14:02:11",
            _END,
            _SYNC,
            None,
            "Enterprise",
            "5200",
        ),
        (
            GLOBEX,
            "Globex Corporation",
            "Customer - Channel",
            "Manufacturing",
            "Germany",
            "120000000",
            "2025-01-20 09:30:00",
            "false",
            "true",
            "2025-03-15 08:00:00",
            _END,
            _SYNC,
            "2025-03-15 00:00:00",
            "Growth",
            "1400",
        ),
        # Initech, old version (a prospect then): inactive, left out.
        (
            INITECH,
            "Initech",
            "Prospect",
            "Technology",
            "United States",
            "18000000",
            "2025-02-03 11:45:00",
            "false",
            "false",
            "2025-02-03 11:45:00",
            "2025-02-17 10:00:00",
            _SYNC,
            None,
            None,
            None,
        ),
        # Initech, current version.
        (
            INITECH,
            "Initech",
            "Customer - Direct",
            "Technology",
            "United States",
            "18000000",
            "2025-02-03 11:45:00",
            "false",
            "true",
            "2025-02-17 10:00:00",
            _END,
            _SYNC,
            "2025-04-18 16:00:00",
            "Starter",
            "450",
        ),
        (
            UMBRELLA,
            "Umbrella Health",
            "Customer - Direct",
            "Healthcare",
            "United Kingdom",
            "560000000",
            "2025-02-14 08:00:00",
            "false",
            "true",
            "2025-02-14 08:00:00",
            _END,
            _SYNC,
            None,
            "Growth",
            "1800",
        ),
        (
            STARK,
            "Stark Retail Group",
            "Customer - Channel",
            "Retail",
            "France",
            "9500000",
            "2025-02-25 13:20:00",
            "false",
            "true",
            "2025-04-07 10:00:00",
            _END,
            _SYNC,
            "2025-04-07 10:00:00",
            "Starter",
            "390",
        ),
        # No billing country: region 'unknown'.
        (
            WAYNE,
            "Wayne Analytics",
            "Customer - Direct",
            "Technology",
            None,
            "870000000",
            "2025-03-03 10:10:00",
            "false",
            "true",
            "2025-03-03 10:10:00",
            _END,
            _SYNC,
            None,
            "Enterprise",
            "6100",
        ),
        # No type: segment 'unknown'. Starts and churns in March.
        (
            HOOLI,
            "Hooli Cloud",
            None,
            "Technology",
            "United States",
            "4000000",
            "2025-03-19 15:45:00",
            "false",
            "true",
            "2025-03-29 12:00:00",
            _END,
            _SYNC,
            "2025-03-29 12:00:00",
            "Starter",
            "300",
        ),
        # Upper-case plan value.
        (
            SOYLENT,
            "Soylent Foods",
            "Customer - Channel",
            "Food & Beverage",
            "Germany",
            "27000000",
            "2025-04-02 09:00:00",
            "false",
            "true",
            "2025-04-02 09:00:00",
            _END,
            _SYNC,
            None,
            "GROWTH",
            "1500",
        ),
        # Flags null (no history mode): kept. No plan, no mrr.
        (
            VANDELAY,
            "Vandelay Industries",
            "Customer - Direct",
            "Manufacturing",
            "United States",
            "6000000",
            "2025-04-22 17:30:00",
            None,
            None,
            None,
            None,
            _SYNC,
            None,
            None,
            None,
        ),
        # Deleted: left out.
        (
            DUFF,
            "Duff Brewing",
            "Customer - Direct",
            "Food & Beverage",
            "United States",
            "2500000",
            "2025-01-15 12:00:00",
            "true",
            "true",
            "2025-01-15 12:00:00",
            _END,
            _SYNC,
            None,
            "Starter",
            "350",
        ),
        # Hostile: churned before it was created -> 'churned before started'.
        (
            CYBERDYNE,
            "Cyberdyne Systems",
            "Customer - Direct",
            "Technology",
            "United States",
            "990000000",
            "2025-03-10 09:00:00",
            "false",
            "true",
            "2025-03-10 09:00:00",
            _END,
            _SYNC,
            "2025-02-28 00:00:00",
            "Enterprise",
            "4800",
        ),
    ],
    # id, account_id, effective_date, activated_date, created_date, status, status_code,
    # total_amount, type, is_deleted, _fivetran_active, _fivetran_synced
    "order": [
        (
            "8015g00000ZqK01AAF",
            NORTHWIND,
            "2025-01-10 00:00:00",
            "2025-01-10 15:00:00",
            "2025-01-09 11:00:00",
            "Activated",
            "Activated",
            "12000",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK02AAF",
            NORTHWIND,
            "2025-02-12 00:00:00",
            "2025-02-12 10:30:00",
            "2025-02-11 16:00:00",
            "Activated",
            "Activated",
            "3400",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK03AAF",
            NORTHWIND,
            "2025-04-15 00:00:00",
            "2025-04-15 09:00:00",
            "2025-04-14 13:00:00",
            "Activated",
            "Activated",
            "5150.5",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK04AAF",
            NORTHWIND,
            "2025-06-20 00:00:00",
            "2025-06-20 12:00:00",
            "2025-06-18 09:00:00",
            "Activated",
            "Activated",
            "2200",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK05AAF",
            NORTHWIND,
            "2025-08-28 00:00:00",
            "2025-08-28 14:00:00",
            "2025-08-27 10:00:00",
            "Activated",
            "Activated",
            "7800",
            "Renewal",
            "false",
            "true",
            _SYNC,
        ),
        # The data's horizon.
        (
            "8015g00000ZqK06AAF",
            NORTHWIND,
            "2025-10-20 00:00:00",
            "2025-10-20 09:00:00",
            "2025-10-17 15:00:00",
            "Activated",
            "Activated",
            "4100",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK07AAF",
            GLOBEX,
            "2025-01-22 00:00:00",
            "2025-01-22 11:00:00",
            "2025-01-21 10:00:00",
            "Activated",
            "Activated",
            "1900",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK08AAF",
            GLOBEX,
            "2025-02-20 00:00:00",
            "2025-02-20 10:00:00",
            "2025-02-19 17:00:00",
            "Activated",
            "Activated",
            "650",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        # Deleted order: left out (it would keep Globex active past May).
        (
            "8015g00000ZqK09AAF",
            GLOBEX,
            "2025-04-10 00:00:00",
            "2025-04-10 10:00:00",
            "2025-04-09 12:00:00",
            "Activated",
            "Activated",
            "800",
            "Add-on",
            "true",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK10AAF",
            INITECH,
            "2025-02-05 00:00:00",
            "2025-02-05 13:00:00",
            "2025-02-04 09:00:00",
            "Activated",
            "Activated",
            "450",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK11AAF",
            UMBRELLA,
            "2025-02-18 00:00:00",
            "2025-02-18 09:30:00",
            "2025-02-17 15:00:00",
            "Activated",
            "Activated",
            "2600",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        # Custom status 'Cancelled', category Activated: not activity (status, not status_code).
        (
            "8015g00000ZqK12AAF",
            UMBRELLA,
            "2025-03-20 00:00:00",
            "2025-03-20 10:00:00",
            "2025-03-19 14:00:00",
            "Cancelled",
            "Activated",
            "1300",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        # Umbrella returns after a lapse.
        (
            "8015g00000ZqK13AAF",
            UMBRELLA,
            "2025-07-15 00:00:00",
            "2025-07-15 11:00:00",
            "2025-07-14 16:00:00",
            "Activated",
            "Activated",
            "2750",
            "Renewal",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK14AAF",
            UMBRELLA,
            "2025-09-10 00:00:00",
            "2025-09-10 09:00:00",
            "2025-09-09 10:00:00",
            "Activated",
            "Activated",
            "900",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        # Two Stark orders at the same moment: one visit.
        (
            "8015g00000ZqK15AAF",
            STARK,
            "2025-03-01 00:00:00",
            "2025-03-01 08:00:00",
            "2025-02-28 16:00:00",
            "Activated",
            "Activated",
            "700",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK16AAF",
            STARK,
            "2025-03-01 00:00:00",
            "2025-03-01 08:05:00",
            "2025-02-28 16:10:00",
            "Activated",
            "Activated",
            "125",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK17AAF",
            WAYNE,
            "2025-03-05 00:00:00",
            "2025-03-05 12:00:00",
            "2025-03-04 09:00:00",
            "Activated",
            "Activated",
            "9800",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        # A Draft order: status 'draft' is activity.
        (
            "8015g00000ZqK18AAF",
            WAYNE,
            "2025-05-30 00:00:00",
            None,
            "2025-05-29 15:00:00",
            "Draft",
            "Draft",
            "4400",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK19AAF",
            WAYNE,
            "2025-08-20 00:00:00",
            "2025-08-20 10:00:00",
            "2025-08-19 11:00:00",
            "Activated",
            "Activated",
            "6100",
            "Renewal",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK20AAF",
            WAYNE,
            "2025-10-01 00:00:00",
            "2025-10-01 09:00:00",
            "2025-09-30 14:00:00",
            "Activated",
            "Activated",
            "3050",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
        # Soylent's first order, old history version (Draft, effective 04-01): inactive, left out.
        (
            "8015g00000ZqK21AAF",
            SOYLENT,
            "2025-04-01 00:00:00",
            None,
            "2025-03-31 10:00:00",
            "Draft",
            "Draft",
            "1450",
            "New",
            "false",
            "false",
            "2025-04-02 02:00:00",
        ),
        # ... and its current version.
        (
            "8015g00000ZqK21AAF",
            SOYLENT,
            "2025-04-03 00:00:00",
            "2025-04-03 09:00:00",
            "2025-03-31 10:00:00",
            "Activated",
            "Activated",
            "1500",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        # Reduction order with a negative total: accepted as it is.
        (
            "8015g00000ZqK22AAF",
            SOYLENT,
            "2025-04-25 00:00:00",
            "2025-04-25 10:00:00",
            "2025-04-24 12:00:00",
            "Activated",
            "Activated",
            "-250",
            "Reduction",
            "false",
            "true",
            _SYNC,
        ),
        (
            "8015g00000ZqK23AAF",
            SOYLENT,
            "2025-07-01 00:00:00",
            "2025-07-01 09:00:00",
            "2025-06-30 15:00:00",
            "Activated",
            "Activated",
            "1600",
            "Renewal",
            "false",
            "true",
            _SYNC,
        ),
        # Hostile: no account -> 'missing customer'.
        (
            "8015g00000ZqK24AAF",
            None,
            "2025-05-12 00:00:00",
            "2025-05-12 10:00:00",
            "2025-05-11 09:00:00",
            "Activated",
            "Activated",
            "999",
            "New",
            "false",
            "true",
            _SYNC,
        ),
        # Hostile: year typed 2205 -> 'timestamp out of range'.
        (
            "8015g00000ZqK25AAF",
            WAYNE,
            "2205-06-01 00:00:00",
            "2025-06-01 10:00:00",
            "2025-05-31 12:00:00",
            "Activated",
            "Activated",
            "3300",
            "Add-on",
            "false",
            "true",
            _SYNC,
        ),
    ],
}

VARS: dict = {
    "cx_customers_source": "salesforce",
    "cx_orders_source": "salesforce",
    "cx_using_orders": True,
    "cx_salesforce_schema": "salesforce",
    "cx_salesforce_account_fields": {
        "started_at": "created_date",
        "churned_at": "churn_date__c",
        "segment": "type",
        "plan": "plan__c",
        "region": "billing_country",
        "monthly_revenue": "mrr__c",
    },
    "cx_using_support_tickets": False,
    "cx_using_feedback_followups": False,
}

# survey_responses in the contract's column order: response_id, customer_id, survey_type, program,
# touchpoint, channel, score, responded_at, comment, ticket_id.
CONTRACT_SURVEYS: list[tuple] = [
    (
        "sf-nps-0001",
        NORTHWIND,
        "nps",
        "relationship",
        "account",
        "email",
        "9",
        "2025-03-04 10:00:00",
        "Reliable partner",
        None,
    ),
    (
        "sf-nps-0002",
        GLOBEX,
        "nps",
        "relationship",
        "account",
        "email",
        "5",
        "2025-03-07 15:20:00",
        "Billing errors every month",
        None,
    ),
    (
        "sf-nps-0003",
        UMBRELLA,
        "nps",
        "transactional",
        "delivery",
        "web",
        "10",
        "2025-03-12 09:40:00",
        None,
        None,
    ),
    (
        "sf-nps-0004",
        WAYNE,
        "nps",
        "transactional",
        "onboarding",
        "email",
        "8",
        "2025-03-26 13:15:00",
        "Good, but the kickoff was late",
        None,
    ),
    (
        "sf-nps-0005",
        INITECH,
        "nps",
        "relationship",
        "account",
        "email",
        "6",
        "2025-04-09 11:00:00",
        None,
        None,
    ),
    (
        "sf-nps-0006",
        SOYLENT,
        "nps",
        "transactional",
        "onboarding",
        "web",
        "9",
        "2025-04-14 16:30:00",
        "Fast setup",
        None,
    ),
    # The deleted account: no customer row, segment 'unknown'.
    (
        "sf-nps-0007",
        DUFF,
        "nps",
        "relationship",
        "account",
        "email",
        "10",
        "2025-04-17 08:50:00",
        None,
        None,
    ),
    (
        "sf-nps-0008",
        VANDELAY,
        "nps",
        "transactional",
        "onboarding",
        "email",
        "4",
        "2025-04-29 10:05:00",
        "Contract paperwork took weeks",
        None,
    ),
]


def _order(order_id, customer_id, ordered_at, amount, status):
    return {
        "order_id": order_id,
        "customer_id": customer_id,
        "ordered_at": ordered_at,
        "amount": amount,
        "status": status,
        "rejection_reason": None,
    }


EXPECTED_ROWS: dict[str, list[dict]] = {
    "customers": [
        customer(
            NORTHWIND,
            "2025-01-08 14:02:11",
            None,
            "customer - direct",
            "enterprise",
            "united states",
            5200.0,
        ),
        customer(
            GLOBEX,
            "2025-01-20 09:30:00",
            "2025-03-15 00:00:00",
            "customer - channel",
            "growth",
            "germany",
            1400.0,
        ),
        customer(
            INITECH,
            "2025-02-03 11:45:00",
            "2025-04-18 16:00:00",
            "customer - direct",
            "starter",
            "united states",
            450.0,
        ),
        customer(
            UMBRELLA,
            "2025-02-14 08:00:00",
            None,
            "customer - direct",
            "growth",
            "united kingdom",
            1800.0,
        ),
        customer(
            STARK,
            "2025-02-25 13:20:00",
            "2025-04-07 10:00:00",
            "customer - channel",
            "starter",
            "france",
            390.0,
        ),
        customer(
            WAYNE, "2025-03-03 10:10:00", None, "customer - direct", "enterprise", "unknown", 6100.0
        ),
        customer(
            HOOLI,
            "2025-03-19 15:45:00",
            "2025-03-29 12:00:00",
            "unknown",
            "starter",
            "united states",
            300.0,
        ),
        customer(
            SOYLENT, "2025-04-02 09:00:00", None, "customer - channel", "growth", "germany", 1500.0
        ),
        customer(
            VANDELAY,
            "2025-04-22 17:30:00",
            None,
            "customer - direct",
            "unknown",
            "united states",
            None,
        ),
        {"customer_id": CYBERDYNE, "rejection_reason": "churned before started"},
    ],
    "orders": [
        _order("8015g00000ZqK01AAF", NORTHWIND, "2025-01-10 00:00:00", 12000.0, "activated"),
        _order("8015g00000ZqK02AAF", NORTHWIND, "2025-02-12 00:00:00", 3400.0, "activated"),
        _order("8015g00000ZqK03AAF", NORTHWIND, "2025-04-15 00:00:00", 5150.5, "activated"),
        _order("8015g00000ZqK04AAF", NORTHWIND, "2025-06-20 00:00:00", 2200.0, "activated"),
        _order("8015g00000ZqK05AAF", NORTHWIND, "2025-08-28 00:00:00", 7800.0, "activated"),
        _order("8015g00000ZqK06AAF", NORTHWIND, "2025-10-20 00:00:00", 4100.0, "activated"),
        _order("8015g00000ZqK07AAF", GLOBEX, "2025-01-22 00:00:00", 1900.0, "activated"),
        _order("8015g00000ZqK08AAF", GLOBEX, "2025-02-20 00:00:00", 650.0, "activated"),
        _order("8015g00000ZqK10AAF", INITECH, "2025-02-05 00:00:00", 450.0, "activated"),
        _order("8015g00000ZqK11AAF", UMBRELLA, "2025-02-18 00:00:00", 2600.0, "activated"),
        _order("8015g00000ZqK12AAF", UMBRELLA, "2025-03-20 00:00:00", 1300.0, "cancelled"),
        _order("8015g00000ZqK13AAF", UMBRELLA, "2025-07-15 00:00:00", 2750.0, "activated"),
        _order("8015g00000ZqK14AAF", UMBRELLA, "2025-09-10 00:00:00", 900.0, "activated"),
        _order("8015g00000ZqK15AAF", STARK, "2025-03-01 00:00:00", 700.0, "activated"),
        _order("8015g00000ZqK16AAF", STARK, "2025-03-01 00:00:00", 125.0, "activated"),
        _order("8015g00000ZqK17AAF", WAYNE, "2025-03-05 00:00:00", 9800.0, "activated"),
        _order("8015g00000ZqK18AAF", WAYNE, "2025-05-30 00:00:00", 4400.0, "draft"),
        _order("8015g00000ZqK19AAF", WAYNE, "2025-08-20 00:00:00", 6100.0, "activated"),
        _order("8015g00000ZqK20AAF", WAYNE, "2025-10-01 00:00:00", 3050.0, "activated"),
        _order("8015g00000ZqK21AAF", SOYLENT, "2025-04-03 00:00:00", 1500.0, "activated"),
        _order("8015g00000ZqK22AAF", SOYLENT, "2025-04-25 00:00:00", -250.0, "activated"),
        _order("8015g00000ZqK23AAF", SOYLENT, "2025-07-01 00:00:00", 1600.0, "activated"),
        {"order_id": "8015g00000ZqK24AAF", "rejection_reason": "missing customer"},
        {"order_id": "8015g00000ZqK25AAF", "rejection_reason": "timestamp out of range"},
    ],
}


EXPECTED_FIGURES: list[tuple[str, dict, dict]] = [
    # cx__customer_churn
    (
        "cx__customer_churn",
        month("2025-01-01"),
        {
            "customers_at_start": 0,
            "new_customers": 2,
            "churned_customers": 0,
            "customers_at_end": 2,
            "churn_rate_pct": None,
            "retention_rate_pct": None,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-02-01"),
        {
            "customers_at_start": 2,
            "new_customers": 3,
            "churned_customers": 0,
            "customers_at_end": 5,
            "churn_rate_pct": 0.0,
            "retention_rate_pct": 100.0,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-03-01"),
        {
            "customers_at_start": 5,
            "new_customers": 2,
            "churned_customers": 1,
            "customers_at_end": 5,
            "churn_rate_pct": 20.0,
            "retention_rate_pct": 60.0,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-04-01"),
        {
            "customers_at_start": 5,
            "new_customers": 2,
            "churned_customers": 2,
            "customers_at_end": 5,
            "churn_rate_pct": 40.0,
            "retention_rate_pct": 60.0,
        },
    ),
    (
        "cx__customer_churn",
        month("2025-04-01", "segment", "customer - direct"),
        {
            "customers_at_start": 4,
            "new_customers": 1,
            "churned_customers": 1,
            "customers_at_end": 4,
            "churn_rate_pct": 25.0,
            "retention_rate_pct": 75.0,
        },
    ),
    # cx__activity_churn (orders; W = 90 days; horizon 2025-10-20)
    (
        "cx__activity_churn",
        month("2025-03-01"),
        {
            "customers_at_start": 4,
            "new_customers": 2,
            "returning_customers": 0,
            "churned_customers": 0,
            "customers_at_end": 6,
            "repeat_customers": 1,
            "churn_rate_pct": 0.0,
            "retention_rate_pct": 100.0,
            "repeat_purchase_rate_pct": 50.0,
            "is_final": True,
        },
    ),
    (
        "cx__activity_churn",
        month("2025-05-01"),
        {
            "customers_at_start": 7,
            "new_customers": 0,
            "returning_customers": 0,
            "churned_customers": 4,
            "customers_at_end": 3,
            "repeat_customers": 0,
            "churn_rate_pct": 400 / 7,
            "retention_rate_pct": 300 / 7,
            "repeat_purchase_rate_pct": None,
            "is_final": True,
        },
    ),
    (
        "cx__activity_churn",
        month("2025-05-01", "segment", "customer - direct"),
        {
            "customers_at_start": 4,
            "new_customers": 0,
            "returning_customers": 0,
            "churned_customers": 2,
            "customers_at_end": 2,
            "churn_rate_pct": 50.0,
            "retention_rate_pct": 50.0,
        },
    ),
    (
        "cx__activity_churn",
        month("2025-07-01"),
        {
            "customers_at_start": 3,
            "new_customers": 0,
            "returning_customers": 1,
            "churned_customers": 0,
            "customers_at_end": 4,
            "churn_rate_pct": 0.0,
            "retention_rate_pct": 100.0,
            "is_final": False,
        },
    ),
    # cx__nps: the survey answers joined to the Salesforce accounts' type as segment
    (
        "cx__nps",
        month("2025-03-01"),
        {"responses": 4, "promoters": 2, "passives": 1, "detractors": 1, "nps": 25.0},
    ),
    (
        "cx__nps",
        month("2025-03-01", "segment", "customer - direct"),
        {"responses": 3, "promoters": 2, "passives": 1, "detractors": 0, "nps": 200 / 3},
    ),
    (
        "cx__nps",
        month("2025-04-01", "segment", "customer - direct"),
        {"responses": 2, "promoters": 0, "passives": 0, "detractors": 2, "nps": -100.0},
    ),
    (
        "cx__nps",
        month("2025-04-01", "segment", "unknown"),
        {"responses": 1, "promoters": 1, "passives": 0, "detractors": 0, "nps": 100.0},
    ),
    # cx__revenue_by_nps: monthly_revenue is mrr__c, never annual_revenue
    (
        "cx__revenue_by_nps",
        {**month("2025-03-01"), "nps_category_as_of_start": "no answer"},
        {
            "customers_at_start": 5,
            "monthly_revenue_at_start": 9240.0,
            "churned_customers": 1,
            "churned_revenue": 1400.0,
            "churn_rate_pct": 20.0,
            "share_of_revenue_pct": 100.0,
        },
    ),
]

"""Close the loop: every new negative answer becomes one routed alert, an overdue one escalates
once, and every delivery is recorded in the alert ledger (`cx-metrics alerts`)."""

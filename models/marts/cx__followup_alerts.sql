{{ config(enabled=var('cx_using_followup_alerts')) }}
{#-
    The alert audit: one row per alert or escalation that cx-metrics alerts recorded, with its
    owner, destination, delivery status and attempts (from the ledger's export; the ledger
    itself, $CX_ALERTS_DIR/ledger.duckdb, also holds every attempt).
-#}

with audit as (

    select * from {{ cx_metrics.alert_audit() }}

),

final as (

    select
        alert_id,
        kind,
        response_id,
        customer_id,
        survey_type,
        score,
        touchpoint,
        segment,
        program,
        owner,
        destination,
        responded_at,
        follow_up_due_at,
        created_at,
        status,
        attempts,
        last_attempt_at,
        sent_at,
        last_error
    from audit

)

select * from final

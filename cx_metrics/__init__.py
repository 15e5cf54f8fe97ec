"""cx_metrics: customer-experience metrics as a dbt package, with validation and orchestration."""

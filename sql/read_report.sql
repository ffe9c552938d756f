-- The printed reports' reads (package pipeline/report, c360 report).

-- name: pipeline_by_stage
SELECT * FROM pipeline_by_stage ORDER BY stage_order;

-- name: deal_outcome
SELECT * FROM deal_outcome;

-- name: tech_check_compliance
SELECT * FROM tech_check_compliance ORDER BY violation DESC, deal_id;

-- name: lead_task_summary
SELECT * FROM lead_task_summary ORDER BY overdue DESC, owner_id;

-- name: lead_sequence_task
SELECT * FROM lead_sequence_task ORDER BY owner_id, lead_id, step;

-- name: sequence_violation
SELECT * FROM sequence_violation ORDER BY lead_id, step, activity_id;

-- name: business_measure
SELECT * FROM business_measure;

-- name: customer_measure
SELECT * FROM customer_measure ORDER BY lifetime_spend DESC, customer_id;

-- name: has_table
SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?;

-- name: report_date
SELECT as_of FROM report_parameter;

-- The sales process as the published database records it, for the reports' labels (pipeline/sales/labels.go).

-- name: process_tables
SELECT count(*) FROM duckdb_tables()
    WHERE schema_name = 'main' AND table_name IN ('deal_stage', 'lead_sequence_step', 'report_parameter');

-- name: stage_labels
SELECT stage, stage_es FROM deal_stage ORDER BY stage_order;

-- name: task_labels
SELECT task, task_es FROM lead_sequence_step ORDER BY step;

-- name: tech_check_amount
SELECT CAST(tech_check_threshold AS DOUBLE) FROM report_parameter;

-- The sales process the CRM reports follow: the config's sales_process
-- section (package salesprocess; today's process when the config has
-- none). Package sales fills these tables one row at a time with the
-- parameterised INSERTs of crm_process_rows.sql, so the published database
-- records the process its reports were computed under, and the CLI and
-- HTML reports read stage and task labels from here.

-- deal_stage: the stages in process order, with their Spanish labels; the
-- one with tech_check_gate is the stage a Tech Check gates: a deal that
-- needs a check may not move past it unpassed.
CREATE OR REPLACE TABLE deal_stage (
    stage_order     INTEGER NOT NULL,
    stage           VARCHAR NOT NULL,
    stage_es        VARCHAR NOT NULL,
    tech_check_gate BOOLEAN NOT NULL
);

-- lead_sequence_step: the steps every lead of a corporate account must get.
-- A step falls due days_after_previous days after the previous step ended
-- (step 1: after the day the lead was created).
CREATE OR REPLACE TABLE lead_sequence_step (
    step                INTEGER NOT NULL,
    task                VARCHAR NOT NULL,
    task_es             VARCHAR NOT NULL,
    activity_type       VARCHAR NOT NULL,
    days_after_previous INTEGER NOT NULL
);

-- sales_label: the labels the rules read, by role: deal_open, deal_won,
-- deal_lost, lead_open, lead_closed, activity_open, activity_completed,
-- activity_canceled, tech_check_passed, tech_check_failed, corporate.
CREATE OR REPLACE TABLE sales_label (
    role  VARCHAR NOT NULL,
    label VARCHAR NOT NULL
);

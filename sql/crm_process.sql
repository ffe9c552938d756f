-- The sales process the CRM reports follow: the config's sales_process
-- section (package salesprocess; today's process when the config has
-- none). Package sales fills these tables one row at a time with the
-- parameterised INSERTs of crm_process_rows.sql, so the published database
-- records the process its reports were computed under, and the CLI and
-- HTML reports read stage and task labels from here.

-- deal_stage: stage of the sales process, in order, with its Spanish label and the Tech Check gate
CREATE OR REPLACE TABLE deal_stage (
    stage_order     INTEGER NOT NULL,  -- the stage's place in the process, from 1
    stage           VARCHAR NOT NULL,  -- its English name, as deals store it
    stage_es        VARCHAR NOT NULL,  -- its Spanish label
    tech_check_gate BOOLEAN NOT NULL   -- the stage a Tech Check gates: a Deal that needs a check may not move past it unpassed
);

-- lead_sequence_step: step every lead of a corporate account must get, in order
CREATE OR REPLACE TABLE lead_sequence_step (
    step                INTEGER NOT NULL,  -- the step's number, from 1
    task                VARCHAR NOT NULL,  -- its task's English name
    task_es             VARCHAR NOT NULL,  -- its Spanish name
    activity_type       VARCHAR NOT NULL,  -- the activity type it takes: phonecall, email, ...
    days_after_previous INTEGER NOT NULL   -- it falls due this many days after the previous step ended
                                           -- (step 1: after the day the lead was created)
);

-- sales_label: label a rule of the sales process reads, by role
CREATE OR REPLACE TABLE sales_label (
    role  VARCHAR NOT NULL,  -- deal_open, deal_won, deal_lost, lead_open, lead_closed, activity_open,
                             -- activity_completed, activity_canceled, tech_check_passed, tech_check_failed, corporate
    label VARCHAR NOT NULL   -- a label of that role, as loaded rows store it
);

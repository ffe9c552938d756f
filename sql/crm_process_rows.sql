-- One row of each sales-process table (see crm_process.sql), in this
-- order: deal_stage, lead_sequence_step, sales_label. Package sales binds
-- the values as parameters.
INSERT INTO deal_stage VALUES (?, ?, ?, ?);
INSERT INTO lead_sequence_step VALUES (?, ?, ?, ?, ?);
INSERT INTO sales_label VALUES (?, ?);

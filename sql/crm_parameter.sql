-- The one row of values every CRM report reads.
--
-- as_of is the run's "today" (the config's as_of, bound as the first
-- parameter, in YYYY-MM-DD form): days in stage and the due status of lead
-- tasks are computed against it, never against current_date, so a report
-- can be rebuilt for any date and reads the same every time.
--
-- tech_check_threshold is the Tech Check rule's amount (the second
-- parameter, from sales_process.tech_check.amount, as exact decimal text):
-- a deal whose estimated value is strictly greater needs a passed Tech
-- Check before it moves past the gated stage. The pipeline report counts
-- open deals over the same amount.
--
-- report_parameter: the values every CRM report reads (one row)
--   as_of                 the run's "today", which the reports are computed as of
--   tech_check_threshold  a Deal over this amount needs a passed Tech Check
CREATE OR REPLACE TABLE report_parameter AS
SELECT
    CAST(? AS DATE)                      AS as_of,
    CAST(? AS DECIMAL(18, 2))            AS tech_check_threshold;

-- The sales pipeline: open deals by stage, and won and lost deals.
-- Reads deal (as loaded from the CRM export), report_parameter and the
-- sales process (deal_stage, sales_label; see crm_process.sql). Deals store
-- the stage's English name; Spanish labels were mapped to it on load.

-- One row per stage of the process, in order, even when a stage holds no
-- open deal (counts and values 0, average NULL). A deal is open when its
-- state has the role deal_open.
--
-- pipeline_by_stage: stage of the sales process, with its open Deals
--   stage_order        the stage's place in the process, from 1
--   stage              the stage's English name
--   open_deals         open Deals in the stage
--   open_value         sum of estimatedvalue of the open deals
--   weighted_value     sum of estimatedvalue x closeprobability / 100, rounded
--                      once to cents (half away from zero); a deal without a
--                      probability adds nothing
--   avg_days_in_stage  mean of whole days from the date the deal entered its
--                      stage to as_of, to one decimal; deals without
--                      activestagestartedon are left out of the mean
--   deals_over_20000   open deals whose estimated value is strictly greater
--                      than the Tech Check threshold (20,000.00 by default;
--                      the column keeps its published name whatever the amount)
CREATE OR REPLACE TABLE pipeline_by_stage AS
WITH open_deal AS (
    SELECT *
    FROM deal
    WHERE state IN (SELECT label FROM sales_label WHERE role = 'deal_open')
)
SELECT
    s.stage_order,
    s.stage,
    count(d.deal_id)                                                          AS open_deals,
    CAST(coalesce(sum(d.estimated_value), 0) AS DECIMAL(18, 2))               AS open_value,
    CAST(round(coalesce(sum(d.estimated_value * d.close_probability), 0) * 0.01, 2)
         AS DECIMAL(18, 2))                                                   AS weighted_value,
    round(avg(date_diff('day', CAST(d.stage_started_on AS DATE), p.as_of)), 1) AS avg_days_in_stage,
    count(d.deal_id) FILTER (WHERE d.estimated_value > p.tech_check_threshold) AS deals_over_20000
FROM deal_stage AS s
CROSS JOIN report_parameter AS p
LEFT JOIN open_deal AS d
    ON d.stage = s.stage
GROUP BY s.stage_order, s.stage
ORDER BY s.stage_order;

-- Won and lost deals (states with the roles deal_won and deal_lost) are
-- counted as the export states them (as_of does not move a close date).
--
-- deal_outcome: Deals won and lost, and the win rate (one row)
--   won_deals   Deals won
--   won_value   sum of actualvalue, or of estimatedvalue where actualvalue is empty
--   lost_deals  Deals lost
--   lost_value  sum of estimatedvalue of lost deals
--   win_rate    won / (won + lost), to four decimals; NULL when none closed
CREATE OR REPLACE TABLE deal_outcome AS
WITH judged AS (
    SELECT
        *,
        state IN (SELECT label FROM sales_label WHERE role = 'deal_won')  AS won,
        state IN (SELECT label FROM sales_label WHERE role = 'deal_lost') AS lost
    FROM deal
),
counted AS (
    SELECT
        count(*) FILTER (WHERE won)                                    AS won_deals,
        coalesce(sum(coalesce(actual_value, estimated_value))
                 FILTER (WHERE won), 0)                                AS won_value,
        count(*) FILTER (WHERE lost)                                   AS lost_deals,
        coalesce(sum(estimated_value) FILTER (WHERE lost), 0)          AS lost_value
    FROM judged
)
SELECT
    won_deals,
    CAST(won_value AS DECIMAL(18, 2))  AS won_value,
    lost_deals,
    CAST(lost_value AS DECIMAL(18, 2)) AS lost_value,
    round(won_deals / nullif(won_deals + lost_deals, 0), 4) AS win_rate
FROM counted;

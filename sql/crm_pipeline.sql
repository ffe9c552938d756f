-- The sales pipeline: open deals by stage, and won and lost deals.
-- Reads deal (as loaded from the CRM export) and report_parameter.

-- deal_stage: the five stages of a deal in process order. Deals store the
-- English label; Spanish labels were mapped to it when the file was loaded.
CREATE OR REPLACE TABLE deal_stage AS
SELECT stage_order, stage
FROM (VALUES
    (1, 'Qualify'),
    (2, 'Develop'),
    (3, 'Quote'),
    (4, 'Tech Check'),
    (5, 'Close')
) AS s(stage_order, stage);

-- pipeline_by_stage: one row per stage, all five even when a stage holds no
-- open deal (counts and values 0, average NULL).
--   open_value         sum of estimatedvalue of the open deals
--   weighted_value     sum of estimatedvalue x closeprobability / 100, rounded
--                      once to cents (half away from zero); a deal without a
--                      probability adds nothing
--   avg_days_in_stage  mean of whole days from the date the deal entered its
--                      stage to as_of, to one decimal; deals without
--                      activestagestartedon are left out of the mean
--   deals_over_20000   open deals whose estimated value is strictly greater
--                      than the Tech Check threshold (20,000.00)
CREATE OR REPLACE TABLE pipeline_by_stage AS
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
LEFT JOIN deal AS d
    ON d.stage = s.stage AND d.state = 'Open'
GROUP BY s.stage_order, s.stage
ORDER BY s.stage_order;

-- deal_outcome: one row. Won and lost deals are counted as the export states
-- them (as_of does not move a close date).
--   won_value  sum of actualvalue, or of estimatedvalue where actualvalue is empty
--   lost_value sum of estimatedvalue of lost deals
--   win_rate   won / (won + lost), to four decimals; NULL when none closed
CREATE OR REPLACE TABLE deal_outcome AS
WITH counted AS (
    SELECT
        count(*) FILTER (WHERE state = 'Won')                          AS won_deals,
        coalesce(sum(coalesce(actual_value, estimated_value))
                 FILTER (WHERE state = 'Won'), 0)                      AS won_value,
        count(*) FILTER (WHERE state = 'Lost')                         AS lost_deals,
        coalesce(sum(estimated_value) FILTER (WHERE state = 'Lost'), 0) AS lost_value
    FROM deal
)
SELECT
    won_deals,
    CAST(won_value AS DECIMAL(18, 2))  AS won_value,
    lost_deals,
    CAST(lost_value AS DECIMAL(18, 2)) AS lost_value,
    round(won_deals / nullif(won_deals + lost_deals, 0), 4) AS win_rate
FROM counted;

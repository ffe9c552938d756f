-- One row per deal, saying whether the Tech Check rule holds for it. Reads deal, tech_check, report_parameter and the sales
-- process (deal_stage, sales_label; see crm_process.sql).
--
-- The rule: a deal whose estimated value is strictly greater than
-- tech_check_threshold (20,000.00 by default; exactly the amount is not
-- over) needs a passed Tech Check before it moves past the gated stage
-- (deal_stage.tech_check_gate; Tech Check by default).
--   required   estimated_value > tech_check_threshold
--   checks     how many reviews the deal had
--   the review columns (tech_check_id .. details) describe the latest review,
--              by reviewedon, a later line of the file breaking a tie; they
--              are filled for deals that do not need a check, too
--   status     not_required  the deal does not need a check
--              passed        the latest review's result has the role tech_check_passed
--              failed        it has the role tech_check_failed (an earlier pass does not count)
--              missing       no review at all
--   violation  required, not passed, and the deal moved past the gated
--              stage: its stage comes after it in the process (Close, by
--              default; open, won or lost) or it was won
--
-- tech_check_compliance: Deal, and whether the Tech Check rule holds for it
--   deal_id          the Deal (deal.deal_id)
--   deal_name        its name
--   owner_id         its owner
--   stage            its stage
--   state            its state
--   estimated_value  its estimated value
--   required         estimated_value > tech_check_threshold
--   checks           how many reviews the Deal had
--   status           not_required, passed, failed or missing (see above)
--   tech_check_id    the latest review (tech_check.tech_check_id); NULL without one
--   reviewed_by      who did the latest review
--   reviewed_on      when
--   result           its result
--   details          its details
--   violation        required, not passed, and the Deal moved past the gated stage
CREATE OR REPLACE TABLE tech_check_compliance AS
WITH latest_review AS (
    SELECT
        deal_id,
        tech_check_id,
        reviewed_by,
        reviewed_on,
        result,
        details,
        count(*) OVER (PARTITION BY deal_id) AS checks
    FROM tech_check
    QUALIFY row_number() OVER (PARTITION BY deal_id ORDER BY reviewed_on DESC, source_line DESC) = 1
),
gate AS (
    SELECT min(stage_order) AS gate_order FROM deal_stage WHERE tech_check_gate
),
judged AS (
    SELECT
        d.deal_id,
        d.name                                   AS deal_name,
        d.owner_id,
        d.stage,
        d.state,
        d.estimated_value,
        d.estimated_value > p.tech_check_threshold AS required,
        coalesce(r.checks, 0)                    AS checks,
        CASE
            WHEN d.estimated_value <= p.tech_check_threshold THEN 'not_required'
            WHEN r.result IN (SELECT label FROM sales_label WHERE role = 'tech_check_passed') THEN 'passed'
            WHEN r.result IN (SELECT label FROM sales_label WHERE role = 'tech_check_failed') THEN 'failed'
            ELSE 'missing'
        END                                      AS status,
        r.tech_check_id,
        r.reviewed_by,
        r.reviewed_on,
        r.result,
        r.details,
        s.stage_order > g.gate_order
            OR d.state IN (SELECT label FROM sales_label WHERE role = 'deal_won') AS past_gate
    FROM deal AS d
    CROSS JOIN report_parameter AS p
    CROSS JOIN gate AS g
    JOIN deal_stage AS s ON s.stage = d.stage
    LEFT JOIN latest_review AS r ON r.deal_id = d.deal_id
)
SELECT
    * EXCLUDE (past_gate),
    required AND status <> 'passed' AND past_gate AS violation
FROM judged
ORDER BY deal_id;

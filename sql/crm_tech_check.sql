-- tech_check_compliance: one row per deal, saying whether the Tech Check
-- rule holds for it. Reads deal, tech_check and report_parameter.
--
-- The rule: a deal whose estimated value is strictly greater than
-- tech_check_threshold (20,000.00; exactly 20,000.00 is not over) needs a
-- passed Tech Check before it leaves the Tech Check stage.
--   required   estimated_value > tech_check_threshold
--   checks     how many reviews the deal had
--   the review columns (tech_check_id .. details) describe the latest review,
--              by reviewedon, a later line of the file breaking a tie; they
--              are filled for deals that do not need a check, too
--   status     not_required  the deal does not need a check
--              passed        the latest review is Passed or Passed with conditions
--              failed        the latest review is Failed (an earlier pass does not count)
--              missing       no review at all
--   violation  required, not passed, and the deal moved past the mandatory
--              step: it is in the Close stage (open, won or lost) or it was won
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
            WHEN r.result IN ('Passed', 'Passed with conditions') THEN 'passed'
            WHEN r.result = 'Failed' THEN 'failed'
            ELSE 'missing'
        END                                      AS status,
        r.tech_check_id,
        r.reviewed_by,
        r.reviewed_on,
        r.result,
        r.details
    FROM deal AS d
    CROSS JOIN report_parameter AS p
    LEFT JOIN latest_review AS r ON r.deal_id = d.deal_id
)
SELECT
    *,
    required AND status <> 'passed' AND (stage = 'Close' OR state = 'Won') AS violation
FROM judged
ORDER BY deal_id;

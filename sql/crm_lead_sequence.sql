-- The lead sequence: the follow-up steps every lead of a corporate account
-- must get (four by default). Reads lead, crm_account, crm_activity,
-- report_parameter and the sales process (lead_sequence_step, sales_label;
-- see crm_process.sql). Labels are matched by role: an account is corporate
-- when its customer type has the role corporate, an activity completed when
-- its state has the role activity_completed, and so on.

-- One row per step for each lead whose account is corporate (leads of
-- other accounts, or without one, get none), as of as_of.
--
-- Which activity is a step's: an activity on the lead with sequencestep k is
-- step k's (when several carry the same k, a completed one wins, then an
-- open one, then a canceled one; earlier first). Activities on the lead
-- without sequencestep, of a type some step has (phone calls and e-mails by
-- default), then fill the steps still free: in time order (scheduledend,
-- then actualend, then file line), each takes the earliest free step of its
-- type. Other activities and left-over ones are not steps.
--
-- When a step is due (dates in UTC):
--   due_on(1) = the lead's created date + days_after_previous(1) (0 by default)
--   due_on(k) = end of step k-1 + days_after_previous(k), where the end is
--               the completion date of its activity (actualend, or
--               scheduledend when actualend is empty), or the cancel date of
--               a canceled one (the same fallback), or, while step k-1 is
--               open or has no activity, its due date.
-- So a late step moves every later due date, and a canceled step restarts
-- the clock from the day it was canceled.
--
-- status, in this order of precedence:
--   done_on_time  completed on or before due_on (also when no end date is known)
--   done_late     completed after due_on
--   canceled      the step's activity was canceled
--   stopped       not done, and the lead is no longer open (its state is not lead_open:
--                 Qualified or Disqualified)
--   overdue       not done, due before as_of
--   due_today     not done, due on as_of
--   upcoming      not done, due after as_of
--
-- lead_sequence_task: step of the lead sequence of a corporate lead, with its due date and status
--   lead_id         the lead (lead.lead_id)
--   lead_name       its first and last name
--   company_name    its company
--   account_id      its account (crm_account.account_id)
--   owner_id        its owner
--   lead_state      its state
--   step            the step's number, from 1
--   task            the step's task (lead_sequence_step.task)
--   activity_type   the activity type the step takes
--   due_on          when the step falls due (see above)
--   activity_id     the activity that is the step's; NULL when none is
--   activity_state  that activity's state
--   completed_on    the day it was completed; NULL when it was not
--   canceled_on     the day it was canceled; NULL when it was not
--   status          done_on_time, done_late, canceled, stopped, overdue, due_today or upcoming (see above)
CREATE OR REPLACE TABLE lead_sequence_task AS
WITH RECURSIVE
corporate_lead AS (
    SELECT l.lead_id, l.first_name, l.last_name, l.company_name, l.account_id,
           l.owner_id, l.state, l.created_on,
           l.state IN (SELECT label FROM sales_label WHERE role = 'lead_open') AS lead_open
    FROM lead AS l
    JOIN crm_account AS a ON a.account_id = l.account_id
    WHERE a.customer_type IN (SELECT label FROM sales_label WHERE role = 'corporate')
),
lead_activity AS (
    SELECT a.*,
           a.state IN (SELECT label FROM sales_label WHERE role = 'activity_completed') AS completed,
           a.state IN (SELECT label FROM sales_label WHERE role = 'activity_canceled')  AS canceled,
           a.state IN (SELECT label FROM sales_label WHERE role = 'activity_open')      AS is_open
    FROM crm_activity AS a
    JOIN corporate_lead AS l ON l.lead_id = a.regarding_id
),
-- Activities that name their step; one per step.
numbered AS (
    SELECT regarding_id AS lead_id, sequence_step AS step, activity_id, state, completed, canceled,
           scheduled_end, actual_end
    FROM lead_activity
    WHERE sequence_step IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY regarding_id, sequence_step
        ORDER BY CASE WHEN completed THEN 1 WHEN is_open THEN 2 ELSE 3 END,
                 coalesce(actual_end, scheduled_end) NULLS LAST, source_line) = 1
),
-- Steps no numbered activity took, numbered 1, 2, ... within lead and type.
free_step AS (
    SELECT l.lead_id, s.step, s.activity_type,
           row_number() OVER (PARTITION BY l.lead_id, s.activity_type ORDER BY s.step) AS slot
    FROM corporate_lead AS l
    CROSS JOIN lead_sequence_step AS s
    WHERE NOT EXISTS (SELECT 1 FROM numbered AS n WHERE n.lead_id = l.lead_id AND n.step = s.step)
),
-- Activities of a step's type without a step, numbered 1, 2, ... in time
-- order within lead and type.
unnumbered AS (
    SELECT regarding_id AS lead_id, activity_type, activity_id, state, completed, canceled,
           scheduled_end, actual_end,
           row_number() OVER (
               PARTITION BY regarding_id, activity_type
               ORDER BY scheduled_end NULLS LAST, actual_end NULLS LAST, source_line) AS slot
    FROM lead_activity
    WHERE sequence_step IS NULL AND activity_type IN (SELECT activity_type FROM lead_sequence_step)
),
assigned AS (
    SELECT lead_id, step, activity_id, state, completed, canceled, scheduled_end, actual_end FROM numbered
    UNION ALL
    SELECT f.lead_id, f.step, u.activity_id, u.state, u.completed, u.canceled, u.scheduled_end, u.actual_end
    FROM free_step AS f
    JOIN unnumbered AS u
        ON u.lead_id = f.lead_id AND u.activity_type = f.activity_type AND u.slot = f.slot
),
-- Every step of every corporate lead, with its activity if it has one.
lead_step AS (
    SELECT
        l.lead_id,
        trim(concat_ws(' ', l.first_name, l.last_name)) AS lead_name,
        l.company_name,
        l.account_id,
        l.owner_id,
        l.state                                          AS lead_state,
        l.lead_open,
        CAST(l.created_on AS DATE)                       AS created_date,
        s.step,
        s.task,
        s.activity_type,
        s.days_after_previous,
        a.activity_id,
        a.state                                          AS activity_state,
        coalesce(a.completed, false)                     AS completed,
        coalesce(a.canceled, false)                      AS canceled,
        CASE WHEN a.completed
             THEN CAST(coalesce(a.actual_end, a.scheduled_end) AS DATE) END AS completed_on,
        CASE WHEN a.canceled
             THEN CAST(coalesce(a.actual_end, a.scheduled_end) AS DATE) END AS canceled_on
    FROM corporate_lead AS l
    CROSS JOIN lead_sequence_step AS s
    LEFT JOIN assigned AS a ON a.lead_id = l.lead_id AND a.step = s.step
),
-- Due dates, step by step: each follows from how the previous step ended.
due AS (
    SELECT lead_id, step, created_date + days_after_previous AS due_on
    FROM lead_step
    WHERE step = 1
    UNION ALL
    SELECT nxt.lead_id, nxt.step,
           coalesce(prev.completed_on, prev.canceled_on, due.due_on) + nxt.days_after_previous
    FROM due
    JOIN lead_step AS prev ON prev.lead_id = due.lead_id AND prev.step = due.step
    JOIN lead_step AS nxt ON nxt.lead_id = due.lead_id AND nxt.step = due.step + 1
)
SELECT
    s.lead_id,
    s.lead_name,
    s.company_name,
    s.account_id,
    s.owner_id,
    s.lead_state,
    s.step,
    s.task,
    s.activity_type,
    d.due_on,
    s.activity_id,
    s.activity_state,
    s.completed_on,
    s.canceled_on,
    CASE
        WHEN s.completed AND s.completed_on > d.due_on THEN 'done_late'
        WHEN s.completed THEN 'done_on_time'
        WHEN s.canceled THEN 'canceled'
        WHEN NOT s.lead_open THEN 'stopped'
        WHEN d.due_on < p.as_of THEN 'overdue'
        WHEN d.due_on = p.as_of THEN 'due_today'
        ELSE 'upcoming'
    END AS status
FROM lead_step AS s
JOIN due AS d ON d.lead_id = s.lead_id AND d.step = s.step
CROSS JOIN report_parameter AS p
ORDER BY s.lead_id, s.step;

-- Activities without sequencestep on such leads are ordinary follow-ups.
--
-- sequence_violation: activity that carries a sequencestep although its lead is not in the sequence
--   activity_id     the activity (crm_activity.activity_id)
--   lead_id         its lead
--   account_id      the lead's account; NULL without one
--   customer_type   the account's customer type
--   owner_id        the lead's owner
--   step            the activity's sequencestep
--   activity_type   the activity's type
--   activity_state  the activity's state
--   reason          not_corporate (the account's customer type is not corporate, or empty) or
--                   no_account (the lead has no account)
CREATE OR REPLACE TABLE sequence_violation AS
SELECT
    a.activity_id,
    l.lead_id,
    l.account_id,
    acc.customer_type,
    l.owner_id,
    a.sequence_step AS step,
    a.activity_type,
    a.state         AS activity_state,
    CASE WHEN l.account_id IS NULL THEN 'no_account' ELSE 'not_corporate' END AS reason
FROM crm_activity AS a
JOIN lead AS l ON l.lead_id = a.regarding_id
LEFT JOIN crm_account AS acc ON acc.account_id = l.account_id
WHERE a.sequence_step IS NOT NULL
  AND (acc.customer_type IS NULL
       OR acc.customer_type NOT IN (SELECT label FROM sales_label WHERE role = 'corporate'))
ORDER BY l.lead_id, a.sequence_step, a.activity_id;

-- Those with the most overdue tasks first, so a sales manager sees who is behind.
--
-- lead_task_summary: lead owner, and how many sequence tasks are in each status
--   owner_id      the lead owner
--   leads         the owner's leads in the sequence
--   tasks         their tasks
--   done_on_time  tasks done on time
--   done_late     tasks done late
--   canceled      tasks canceled
--   overdue       tasks overdue
--   due_today     tasks due on as_of
--   upcoming      tasks due later
--   stopped       tasks stopped because the lead closed
CREATE OR REPLACE TABLE lead_task_summary AS
SELECT
    owner_id,
    count(DISTINCT lead_id)                           AS leads,
    count(*)                                          AS tasks,
    count(*) FILTER (WHERE status = 'done_on_time')   AS done_on_time,
    count(*) FILTER (WHERE status = 'done_late')      AS done_late,
    count(*) FILTER (WHERE status = 'canceled')       AS canceled,
    count(*) FILTER (WHERE status = 'overdue')        AS overdue,
    count(*) FILTER (WHERE status = 'due_today')      AS due_today,
    count(*) FILTER (WHERE status = 'upcoming')       AS upcoming,
    count(*) FILTER (WHERE status = 'stopped')        AS stopped
FROM lead_sequence_task
GROUP BY owner_id
ORDER BY overdue DESC, owner_id;

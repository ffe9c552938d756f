-- The HTML report's reads of the published database (package pipeline/htmlreport).

-- name: has_table
SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?;

-- name: latest_run
SELECT run_id, started_at, as_of, status, forced, version, seconds,
        rows_read, rows_rejected
    FROM run ORDER BY started_at DESC, run_id DESC LIMIT 1;

-- name: run_files
SELECT source, url, bytes, rows_read, rows_loaded, rows_rejected, reused, http_status
    FROM source_file WHERE run_id = ?;

-- name: run_stages
SELECT stage, seconds FROM run_stage WHERE run_id = ? ORDER BY seq;

-- name: run_warnings
SELECT unnest(warnings) FROM run WHERE run_id = ?;

-- name: run_rejects
SELECT source, coalesce(column_name, ''), error, count(*) AS n
    FROM load_reject WHERE run_id = ? GROUP BY ALL ORDER BY n DESC, source, 2, error LIMIT 20;

-- name: unification
SELECT
    (SELECT count(*) FROM customer_source),
    (SELECT count(*) FROM customer),
    (SELECT count(*) FROM match_pair WHERE matched),
    coalesce((SELECT value FROM match_param WHERE name = 'candidate_pairs'), 0)::BIGINT,
    (SELECT value FROM match_param WHERE name = 'threshold'),
    (SELECT value FROM match_param WHERE name = 'prior_weight');

-- name: linked_per_source
WITH size AS (SELECT customer_id, count(*) AS n FROM customer_source GROUP BY customer_id)
    SELECT s.source, count(*), count(*) FILTER (WHERE z.n > 1), count(DISTINCT s.customer_id)
    FROM customer_source AS s JOIN size AS z USING (customer_id)
    GROUP BY s.source;

-- name: cluster_sizes
SELECT n, count(*) FROM
    (SELECT customer_id, count(*) AS n FROM customer_source GROUP BY customer_id) GROUP BY n;

-- name: weight_range
SELECT min(match_weight), max(match_weight) FROM match_pair;

-- name: weights
SELECT match_weight FROM match_pair;

-- name: business_measure
SELECT store_purchases, online_purchases,
        CAST(coalesce(store_spend, 0) AS DOUBLE), CAST(coalesce(online_spend, 0) AS DOUBLE),
        CAST(avg_store_purchase AS DOUBLE), CAST(avg_web_purchase AS DOUBLE), unlinked_purchases
    FROM business_measure;

-- name: customers_by_channel
SELECT
        count(*) FILTER (WHERE store_purchases > 0),
        count(*) FILTER (WHERE online_purchases > 0),
        count(*) FILTER (WHERE store_purchases > 0 AND online_purchases = 0),
        count(*) FILTER (WHERE store_purchases = 0 AND online_purchases > 0),
        count(*) FILTER (WHERE store_purchases > 0 AND online_purchases > 0),
        count(*) FILTER (WHERE store_purchases = 0 AND online_purchases = 0)
    FROM customer_measure;

-- name: max_lifetime_spend
SELECT CAST(max(lifetime_spend) AS DOUBLE) FROM customer_measure
    WHERE store_purchases + online_purchases > 0;

-- name: lifetime_spends
SELECT CAST(lifetime_spend AS DOUBLE) FROM customer_measure
    WHERE store_purchases + online_purchases > 0;

-- name: top_customers
SELECT m.customer_id, coalesce(c.full_name, ''), coalesce(c.city, ''),
        CAST(m.lifetime_spend AS DOUBLE), CAST(m.in_store_spend AS DOUBLE), CAST(m.online_spend AS DOUBLE),
        m.store_purchases + m.online_purchases, m.club_points, m.last_purchase_on
    FROM customer_measure AS m LEFT JOIN customer AS c USING (customer_id)
    WHERE m.lifetime_spend > 0
    ORDER BY m.lifetime_spend DESC, m.customer_id LIMIT ?;

-- name: report_parameter
SELECT as_of, CAST(tech_check_threshold AS DOUBLE) FROM report_parameter;

-- name: pipeline_by_stage
SELECT stage, open_deals, CAST(open_value AS DOUBLE), CAST(weighted_value AS DOUBLE),
        avg_days_in_stage, deals_over_20000
    FROM pipeline_by_stage ORDER BY stage_order;

-- name: deal_outcome
SELECT won_deals, lost_deals, win_rate FROM deal_outcome;

-- name: tech_check_counts
SELECT count(*) FILTER (WHERE NOT required AND NOT violation),
        count(*) FILTER (WHERE violation)
    FROM tech_check_compliance;

-- name: deals_needing_a_check
SELECT deal_id, deal_name, owner_id, stage, state, status, CAST(estimated_value AS DOUBLE),
        reviewed_by, result, details, reviewed_on, violation
    FROM tech_check_compliance WHERE required OR violation
    ORDER BY violation DESC, deal_id;

-- name: tasks_per_owner
SELECT owner_id, done_on_time, done_late, canceled, stopped, due_today, upcoming, overdue
    FROM lead_task_summary ORDER BY overdue DESC, owner_id;

-- name: overdue_tasks
SELECT t.owner_id, t.lead_name, coalesce(t.company_name, ''), t.task, t.step, t.due_on,
        date_diff('day', t.due_on, p.as_of)
    FROM lead_sequence_task AS t CROSS JOIN report_parameter AS p
    WHERE t.status = 'overdue'
    ORDER BY t.due_on, t.owner_id, t.lead_id, t.step;

-- name: cluster_health
SELECT count(*), count(*) FILTER (WHERE records >= 3),
        median(density) FILTER (WHERE records >= 3), min(min_pair_weight),
        (SELECT count(*) FROM match_placeholder)
    FROM customer_cluster;

-- name: weakest_clusters
SELECT customer_id, records, links, density, min_pair_weight, weakest_link
    FROM customer_cluster ORDER BY coalesce(weakest_link, 1e9), density, customer_id LIMIT ?;

-- name: sessions
SELECT session, pairs, training_pairs, skipped_blocks, matches, households,
    array_to_string(estimated, ', ') FROM match_session;

-- name: placeholders
SELECT attribute, value, records, built_in FROM match_placeholder
    ORDER BY records DESC, attribute, value LIMIT ?;

-- name: level_labels
SELECT comparison, level, label FROM match_model;

-- name: comparison_columns
SELECT column_name FROM information_schema.columns
    WHERE table_schema = 'main' AND table_name = 'match_pair' AND column_name LIKE '%\_level' ESCAPE '\'
    ORDER BY ordinal_position;

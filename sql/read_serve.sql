-- The web app's reads of the published database (package pipeline/serve, c360 serve).

-- name: successors_of
SELECT DISTINCT h.customer_id FROM customer_id_history h
    JOIN customer c ON c.customer_id = h.customer_id
    WHERE h.previous_customer_id = ? AND h.change IN ('merged', 'split') ORDER BY 1;

-- name: customer_measure
SELECT * FROM customer_measure WHERE customer_id = ?;

-- name: id_history
SELECT h.change, coalesce(h.previous_customer_id, ''), coalesce(h.customer_id, ''), h.run_id
    FROM customer_id_history h WHERE h.customer_id = $1 OR h.previous_customer_id = $1
    ORDER BY h.run_id, h.change;

-- name: has_table
SELECT count(*) FROM information_schema.tables WHERE table_name = ?;

-- name: index_records
SELECT count(*), count(DISTINCT customer_id) FROM customer_source;

-- name: customers
SELECT c.customer_id, s.source, s.source_id
    FROM customer_source s JOIN customer c USING (customer_id);

-- name: summaries
SELECT customer_id, coalesce(full_name, ''), coalesce(email, ''),
    coalesce(phone, ''), coalesce(city, ''), coalesce(state, ''), record_count FROM customer;

-- name: review_params
SELECT
    (SELECT value FROM match_param WHERE name = 'threshold'),
    (SELECT value FROM match_param WHERE name = 'prior_weight');

-- name: near_threshold
SELECT source_l, id_l, source_r, id_r FROM match_pair
    ORDER BY abs(match_probability - ?), match_weight, source_l, id_l, source_r, id_r LIMIT ?;

-- name: weakest_links
-- For each customer of several records, the record least firmly attached:
-- the one whose strongest link inside the customer is weakest, and that
-- link. The customers come weakest first.
WITH inside AS (
        SELECT l.customer_id, p.source_l, p.id_l, p.source_r, p.id_r, p.match_weight
        FROM match_pair p
        JOIN customer_source l ON l.source = p.source_l AND l.source_id = p.id_l
        JOIN customer_source r ON r.source = p.source_r AND r.source_id = p.id_r
        WHERE p.matched AND l.customer_id = r.customer_id
    ), ends AS (
        SELECT customer_id, source_l AS src, id_l AS id, * EXCLUDE (customer_id) FROM inside
        UNION ALL
        SELECT customer_id, source_r, id_r, * EXCLUDE (customer_id) FROM inside
    ), best AS (
        SELECT customer_id, src, id, max(match_weight) AS w,
            arg_max([source_l, id_l, source_r, id_r], match_weight) AS pair
        FROM ends GROUP BY customer_id, src, id
    ), weakest AS (
        SELECT customer_id, min(w) AS w, arg_min(pair, w) AS pair FROM best GROUP BY customer_id
    )
    SELECT pair[1], pair[2], pair[3], pair[4] FROM weakest ORDER BY w, customer_id LIMIT ?;

-- name: pair_customers
SELECT
    (SELECT customer_id FROM customer_source WHERE source = $1 AND source_id = $2),
    (SELECT customer_id FROM customer_source WHERE source = $3 AND source_id = $4);

-- name: records_exist
SELECT count(*) FROM customer_source WHERE source = ? AND source_id = ?;

-- name: purchases
SELECT channel, purchase_id, coalesce(product_id, ''),
    strftime(purchased_on, '%Y-%m-%d'), CAST(total_price AS DOUBLE), reward_points
    FROM purchase WHERE customer_id = ? ORDER BY purchased_on DESC, source, purchase_id;

-- name: home_counts
SELECT run_id, strftime(as_of, '%Y-%m-%d'),
    (SELECT count(*) FROM customer), (SELECT count(*) FROM customer_source)
    FROM run ORDER BY finished_at DESC LIMIT 1;

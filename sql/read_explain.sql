-- The reads of c360 explain and the customer card's evidence (package pipeline/explain).

-- name: customer
SELECT * FROM customer WHERE customer_id = ?;

-- name: customer_of_record
SELECT customer_id FROM customer_source WHERE source = ? AND source_id = ?;

-- name: customer_exists
SELECT customer_id FROM customer WHERE customer_id = ?;

-- name: threshold_and_prior
SELECT name, value FROM match_param WHERE name IN ('threshold', 'prior_weight');

-- name: records
SELECT source, source_id, source_line FROM customer_source
    WHERE customer_id = ? ORDER BY source, source_id;

-- name: record_line
SELECT source_line FROM customer_source WHERE source = ? AND source_id = ?;

-- name: customer_links
WITH mine AS (SELECT source, source_id FROM customer_source WHERE customer_id = $1),
    touching AS (
        SELECT p.* FROM match_pair p JOIN mine m ON p.source_l = m.source AND p.id_l = m.source_id
        UNION
        SELECT p.* FROM match_pair p JOIN mine m ON p.source_r = m.source AND p.id_r = m.source_id
    )
    SELECT t.*, (l.customer_id = r.customer_id) AS within_customer
    FROM touching t
    JOIN customer_source l ON l.source = t.source_l AND l.source_id = t.id_l
    JOIN customer_source r ON r.source = t.source_r AND r.source_id = t.id_r
    ORDER BY within_customer DESC, t.match_weight DESC, t.source_l, t.id_l, t.source_r, t.id_r;

-- name: pair_link
SELECT p.*, (l.customer_id = r.customer_id) AS within_customer
    FROM (SELECT * FROM match_pair
        WHERE (source_l = $1 AND id_l = $2 AND source_r = $3 AND id_r = $4)
           OR (source_l = $3 AND id_l = $4 AND source_r = $1 AND id_r = $2)) p
    JOIN customer_source l ON l.source = p.source_l AND l.source_id = p.id_l
    JOIN customer_source r ON r.source = p.source_r AND r.source_id = p.id_r;

-- name: comparisons
SELECT column_name FROM information_schema.columns
    WHERE table_name = 'match_pair' AND column_name LIKE '%\_level' ESCAPE '\' ORDER BY ordinal_position;

-- name: level_labels
SELECT comparison, level, label, kind FROM match_model;

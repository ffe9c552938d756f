-- What scoring the review decisions reads (package pipeline/review, c360 eval --labels).

-- name: records_exist
SELECT count(*) FROM customer_source
    WHERE (source = ? AND source_id = ?) OR (source = ? AND source_id = ?);

-- name: pair_matched
SELECT matched FROM match_pair
    WHERE (source_l = $1 AND id_l = $2 AND source_r = $3 AND id_r = $4)
       OR (source_l = $3 AND id_l = $4 AND source_r = $1 AND id_r = $2);

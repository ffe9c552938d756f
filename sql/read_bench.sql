-- What c360 bench reads from each run's published database, attached as run (package pipeline/bench).

-- name: run_counts
SELECT source_records, customers, pairs_compared, pairs_matched,
        (SELECT count(*) FROM run.match_pair)
    FROM run.run ORDER BY started_at DESC LIMIT 1;

-- name: match_params
SELECT name, value FROM run.match_param;

-- name: rows_loaded
SELECT source, rows_loaded FROM run.source_file;

-- name: rules
SELECT rule, candidates, kept, matched FROM run.match_rule ORDER BY seq;

-- name: pair_counts
WITH byPerson AS (SELECT count(*) n FROM m GROUP BY person),
         byCustomer AS (SELECT count(*) n FROM m GROUP BY customer_id),
         agree AS (SELECT count(*) n FROM m GROUP BY person, customer_id)
    SELECT (SELECT coalesce(sum(n*(n-1)/2), 0) FROM byPerson),
           (SELECT coalesce(sum(n*(n-1)/2), 0) FROM byCustomer),
           (SELECT coalesce(sum(n*(n-1)/2), 0) FROM agree);

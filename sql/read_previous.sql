-- What a run reads from the last published database before it starts (pipeline/previous.go): its run, row counts, and the customer ids to keep stable.

-- name: latest_run
SELECT run_id FROM run ORDER BY started_at DESC, run_id DESC LIMIT 1;

-- name: rows_loaded
SELECT source, rows_loaded FROM source_file WHERE run_id = ?;

-- name: record_customers
SELECT source, source_id, customer_id FROM customer_source;

-- name: customers_born
SELECT customer_id, epoch_us(first_seen_at) FROM customer;

-- name: ids_ever_issued
SELECT customer_id FROM customer_id_history WHERE customer_id IS NOT NULL
    UNION SELECT previous_customer_id FROM customer_id_history WHERE previous_customer_id IS NOT NULL;

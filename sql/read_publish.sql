-- What the publish stage reads of the database it is about to publish (pipeline/describe.go).

-- name: published_columns
SELECT table_name, column_name FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
    ORDER BY table_name, column_index;

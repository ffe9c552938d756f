package main

import "database/sql"

// explainDB wraps the published database opened read-only.
type explainDB struct{ *sql.DB }

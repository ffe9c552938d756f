// Package explain tells why records became one customer. From the
// published database it gathers a customer, its source records and every
// scored pair touching them, with the weight each comparison added: the
// prior weight plus the comparisons' weights is the pair's match weight,
// and a pair links its records when its probability reaches the threshold.
package explain

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/contoso/c360/matching/stableid"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform/sources"
)

// ErrNotFound means no customer or source record matches the query.
var ErrNotFound = errors.New("explain: no such customer or source record")

// Explanation is the answer for one customer.
type Explanation struct {
	Customer  map[string]any `json:"customer"` // the customer row, column -> value
	Records   []Record       `json:"records"`
	Links     []Link         `json:"links"` // pairs within the customer, then near misses with others
	Threshold float64        `json:"threshold"`
	Prior     float64        `json:"prior_weight"`
}

// Record is one source record of the customer.
type Record struct {
	Source string `json:"source"`
	ID     string `json:"id"`
	Line   int64  `json:"line"`
	// Fields holds the record's columns as loaded, column -> text.
	Fields map[string]string `json:"fields"`
}

// Link is one scored pair.
type Link struct {
	Left         string     `json:"left"` // "source:id"
	Right        string     `json:"right"`
	Weight       float64    `json:"match_weight"`
	Probability  float64    `json:"match_probability"`
	Matched      bool       `json:"matched"`
	BlockingRule string     `json:"blocking_rule"`
	Within       bool       `json:"within_customer"` // both records belong to this customer
	Evidence     []Evidence `json:"evidence"`
}

// Evidence is what one comparison found for a pair.
type Evidence struct {
	Comparison string  `json:"comparison"`
	Level      int     `json:"level"`
	Label      string  `json:"label"`
	Kind       string  `json:"kind"`    // the level's kind (match_model.kind)
	Meaning    string  `json:"meaning"` // what the kind means (spec.Kinds)
	Weight     float64 `json:"weight"`
}

// Find explains the customer named by query: a customer_id, or a source
// record written "source:id" (contacts:CNTID_1002).
func Find(ctx context.Context, db *sql.DB, query string) (*Explanation, error) {
	id, err := customerID(ctx, db, query)
	if err != nil {
		return nil, err
	}
	e := &Explanation{}
	if e.Customer, err = rowMap(ctx, db, c360sql.Query("read_explain.sql", "customer"), id); err != nil {
		return nil, err
	}
	if err := readParams(ctx, db, e); err != nil {
		return nil, err
	}
	if e.Records, err = records(ctx, db, id); err != nil {
		return nil, err
	}
	if e.Links, err = links(ctx, db, id); err != nil {
		return nil, err
	}
	return e, nil
}

// customerID resolves query to a customer id.
func customerID(ctx context.Context, db *sql.DB, query string) (string, error) {
	var id string
	var err error
	if ref, ok := stableid.ParseRef(query); ok {
		err = db.QueryRowContext(ctx, c360sql.Query("read_explain.sql", "customer_of_record"), ref.Source, ref.ID).Scan(&id)
	} else {
		err = db.QueryRowContext(ctx, c360sql.Query("read_explain.sql", "customer_exists"), query).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: %q", ErrNotFound, query)
	}
	if err != nil {
		return "", fmt.Errorf("explain: %w", err)
	}
	return id, nil
}

func readParams(ctx context.Context, db *sql.DB, e *Explanation) error {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_explain.sql", "threshold_and_prior"))
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var v float64
		if err := rows.Scan(&name, &v); err != nil {
			return err
		}
		if name == "threshold" {
			e.Threshold = v
		} else {
			e.Prior = v
		}
	}
	return rows.Err()
}

// sourceTable returns the loaded table and key column of source name.
func sourceTable(name string) (table, key string, ok bool) {
	for _, src := range sources.Customer() {
		if src.Name == name {
			return src.Table, src.Key, true
		}
	}
	return "", "", false
}

func records(ctx context.Context, db *sql.DB, id string) ([]Record, error) {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_explain.sql", "records"), id)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	var out []Record
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.Source, &r.ID, &r.Line); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Fields, err = fields(ctx, db, out[i].Source, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SourceRecord returns the source record ref, written "source:id", with
// its loaded fields; ErrNotFound when no customer holds it.
func SourceRecord(ctx context.Context, db *sql.DB, ref string) (Record, error) {
	rr, _ := stableid.ParseRef(ref)
	src, key := rr.Source, rr.ID
	r := Record{Source: src, ID: key}
	err := db.QueryRowContext(ctx, c360sql.Query("read_explain.sql", "record_line"), src, key).Scan(&r.Line)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("%w: %q", ErrNotFound, ref)
	}
	if err != nil {
		return Record{}, fmt.Errorf("explain: %w", err)
	}
	r.Fields, err = fields(ctx, db, src, key)
	return r, err
}

// fields returns the loaded columns of record key of source src, column ->
// text; nil for a source without a loaded table.
func fields(ctx context.Context, db *sql.DB, src, key string) (map[string]string, error) {
	table, keyCol, ok := sourceTable(src)
	if !ok {
		return nil, nil
	}
	q := fmt.Sprintf(`SELECT * EXCLUDE (source_line) FROM %s WHERE %s = ?`, c360sql.QuoteIdent(table), c360sql.QuoteIdent(keyCol))
	row, err := rowMap(ctx, db, q, key)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(row))
	for k, v := range row {
		if v != nil {
			out[k] = text(v)
		}
	}
	return out, nil
}

// rowMap returns the single row of query as column -> value.
func rowMap(ctx context.Context, db *sql.DB, query string, args ...any) (map[string]any, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, ErrNotFound
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(cols))
	for i, c := range cols {
		out[c] = vals[i]
	}
	return out, rows.Err()
}

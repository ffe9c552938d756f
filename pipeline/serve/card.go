package serve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/review"
	c360sql "github.com/contoso/c360/sql"
)

// profileAttrs are the customer attributes a card shows, in order; each has
// a source in customer.attribute_source.
var profileAttrs = []string{"first_name", "last_name", "full_name", "email", "phone", "date_of_birth",
	"gender", "street", "city", "state", "postcode", "country"}

// measureColumns are the customer_measure columns a card shows, in order.
var measureColumns = []string{"lifetime_spend", "in_store_spend", "online_spend", "club_points", "avg_store_purchase",
	"avg_web_purchase", "store_purchases", "online_purchases", "first_purchase_on", "last_purchase_on"}

// card is everything a customer card shows.
type card struct {
	*explain.Explanation
	ID        string
	Profile   []attrRow
	Measures  []cell
	Purchases []purchase
	Timeline  *timeline
	Leads     []map[string]any
	Accounts  []map[string]any
	Deals     []map[string]any
	History   []historyRow
	Decided   map[string]review.Verdict // "left|right" -> the latest verdict
}

type attrRow struct{ Name, Value, From string }

type cell struct {
	Name  string
	Value any
}

type purchase struct {
	Channel, ID, Product, On string
	Price                    float64
	Points                   sql.NullInt64
}

type historyRow struct{ Change, From, To, RunID string }

// customer serves a customer card: GET /customer/{id}. The id is a
// customer_id (or "source:id"), so a card's address can be shared.
func (s *Server) customer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var c *card
	var successors []string
	err := s.db.use(r.Context(), func(snap *snapshot) error {
		var err error
		c, err = readCard(r.Context(), snap.DB, id)
		if errors.Is(err, explain.ErrNotFound) {
			if successors, err = successorsOf(r.Context(), snap.DB, id); err == nil {
				err = explain.ErrNotFound
			}
		}
		return err
	})
	if errors.Is(err, explain.ErrNotFound) && len(successors) == 1 {
		// The id was merged into another: a shared link still finds the person.
		http.Redirect(w, r, "/customer/"+successors[0], http.StatusSeeOther)
		return
	}
	if errors.Is(err, explain.ErrNotFound) && len(successors) > 1 {
		s.render(w, r, "error", pageData{Title: "Customer split", Status: http.StatusNotFound, Successors: successors,
			Error: "This customer id is no longer in use: its records now belong to these customers."})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.ID != id {
		// Found by a source record: send the reader to the customer's own address.
		http.Redirect(w, r, "/customer/"+c.ID, http.StatusSeeOther)
		return
	}
	decisions, err := review.Read(s.opts.ReviewFile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Decided = latestVerdicts(decisions)
	name := c.ID
	for _, a := range c.Profile {
		if a.Name == "full_name" && a.Value != "" {
			name = a.Value
		}
	}
	s.render(w, r, "card", pageData{Title: name, Nav: "search", Card: c, Reviewer: s.reviewer(r)})
}

// latestVerdicts maps both orders of each decided pair to its verdict.
func latestVerdicts(ds []review.Decision) map[string]review.Verdict {
	out := make(map[string]review.Verdict)
	for _, d := range review.Latest(ds) {
		out[d.Left.String()+"|"+d.Right.String()] = d.Verdict
		out[d.Right.String()+"|"+d.Left.String()] = d.Verdict
	}
	return out
}

// successorsOf returns the customers now holding the records of the retired
// id: the one it was merged into, or those it was split into.
func successorsOf(ctx context.Context, db *sql.DB, id string) ([]string, error) {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_serve.sql", "successors_of"), id)
	if err != nil {
		return nil, fmt.Errorf("serve: id history: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("serve: id history: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func readCard(ctx context.Context, db *sql.DB, id string) (*card, error) {
	e, err := explain.Find(ctx, db, id)
	if err != nil {
		return nil, err
	}
	c := &card{Explanation: e, ID: fmt.Sprint(e.Customer["customer_id"])}
	from, _ := e.Customer["attribute_source"].(map[string]any)
	for _, a := range profileAttrs {
		row := attrRow{Name: a, Value: cellText(e.Customer[a])}
		if f, ok := from[a].(string); ok {
			row.From = f
		}
		c.Profile = append(c.Profile, row)
	}
	steps := []func(context.Context, *sql.DB, *card) error{readMeasures, readPurchases, readCRM, readHistory}
	for _, step := range steps {
		if err := step(ctx, db, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func readMeasures(ctx context.Context, db *sql.DB, c *card) error {
	rows, err := queryMaps(ctx, db, c360sql.Query("read_serve.sql", "customer_measure"), c.ID)
	if err != nil || len(rows) == 0 {
		return err
	}
	for _, m := range measureColumns {
		if v, ok := rows[0][m]; ok {
			c.Measures = append(c.Measures, cell{m, v})
		}
	}
	return nil
}

func readPurchases(ctx context.Context, db *sql.DB, c *card) error {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_serve.sql", "purchases"), c.ID)
	if err != nil {
		return fmt.Errorf("serve: purchases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p purchase
		var on sql.NullString
		var price sql.NullFloat64
		if err := rows.Scan(&p.Channel, &p.ID, &p.Product, &on, &price, &p.Points); err != nil {
			return fmt.Errorf("serve: purchases: %w", err)
		}
		p.On, p.Price = on.String, price.Float64
		c.Purchases = append(c.Purchases, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.Timeline = newTimeline(c.Purchases)
	return nil
}

// readCRM finds the CRM records of the customer: leads with one of the
// e-mails of its source records, accounts those leads belong to or named
// like the customer, and those accounts' deals.
func readCRM(ctx context.Context, db *sql.DB, c *card) error {
	if !hasTable(ctx, db, "lead") {
		return nil
	}
	emails := []any{}
	for _, r := range c.Records {
		if e := strings.TrimSpace(r.Fields["email"]); e != "" {
			emails = append(emails, strings.ToLower(e))
		}
	}
	if e, ok := c.Customer["email"].(string); ok && e != "" {
		emails = append(emails, strings.ToLower(e))
	}
	var err error
	c.Leads, err = queryMaps(ctx, db, `SELECT lead_id, first_name, last_name, company_name, email, state, created_on, account_id
		FROM lead WHERE lower(email) IN `+marks(len(emails))+` ORDER BY created_on`, emails...)
	if err != nil {
		return err
	}
	name, _ := c.Customer["full_name"].(string)
	args := append([]any{name, name}, emails...)
	c.Accounts, err = queryMaps(ctx, db, `SELECT account_id, name, customer_type, created_on FROM crm_account
		WHERE (? <> '' AND lower(name) = lower(?))
		   OR account_id IN (SELECT account_id FROM lead WHERE lower(email) IN `+marks(len(emails))+`)
		ORDER BY name`, args...)
	if err != nil {
		return err
	}
	ids := make([]any, len(c.Accounts))
	for i, a := range c.Accounts {
		ids[i] = fmt.Sprint(a["account_id"])
	}
	c.Deals, err = queryMaps(ctx, db, `SELECT deal_id, name, stage, state, CAST(estimated_value AS DOUBLE) AS estimated_value,
		estimated_close_date FROM deal WHERE account_id IN `+marks(len(ids))+` ORDER BY created_on`, ids...)
	return err
}

// marks returns n parameter marks for an IN list: "(?, ?)", or "(NULL)",
// which matches nothing, when n is 0.
func marks(n int) string {
	if n == 0 {
		return "(NULL)"
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func readHistory(ctx context.Context, db *sql.DB, c *card) error {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_serve.sql", "id_history"), c.ID)
	if err != nil {
		return fmt.Errorf("serve: id history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h historyRow
		if err := rows.Scan(&h.Change, &h.From, &h.To, &h.RunID); err != nil {
			return fmt.Errorf("serve: id history: %w", err)
		}
		c.History = append(c.History, h)
	}
	return rows.Err()
}

func hasTable(ctx context.Context, db *sql.DB, name string) bool {
	var n int
	err := db.QueryRowContext(ctx, c360sql.Query("read_serve.sql", "has_table"), name).Scan(&n)
	return err == nil && n > 0
}

// queryMaps returns the rows of query as column -> value maps.
func queryMaps(ctx context.Context, db *sql.DB, query string, args ...any) ([]map[string]any, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

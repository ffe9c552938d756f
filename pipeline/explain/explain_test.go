package explain_test

import (
	"github.com/contoso/c360/matching/spec"

	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// published runs the pipeline on the bundled sample and opens the result.
func published(t *testing.T) *sql.DB {
	t.Helper()
	cfg := pipelinetest.WriteConfig(t, t.TempDir(), pipelinetest.Setup{Database: "c360.duckdb"})
	if _, err := pipeline.Run(context.Background(), cfg, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", cfg.Database+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestFindExplainsEveryLink(t *testing.T) {
	db := published(t)
	ctx := context.Background()
	// A customer built from a contact and a loyalty record.
	var src, id, customer string
	err := db.QueryRow(`SELECT source, source_id, customer_id FROM customer_source
		WHERE customer_id IN (SELECT customer_id FROM customer WHERE record_count = 2 AND len(sources) = 2)
		ORDER BY source, source_id LIMIT 1`).Scan(&src, &id, &customer)
	if err != nil {
		t.Fatal(err)
	}
	e, err := explain.Find(ctx, db, src+":"+id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Customer["customer_id"] != customer || len(e.Records) != 2 {
		t.Fatalf("customer %v with %d records, want %s with 2", e.Customer["customer_id"], len(e.Records), customer)
	}
	if e.Records[0].Fields == nil || e.Records[0].Line < 2 {
		t.Errorf("record %+v lacks its loaded fields or line", e.Records[0])
	}
	within := 0
	for _, l := range e.Links {
		sum := e.Prior
		for _, ev := range l.Evidence {
			sum += ev.Weight
			if ev.Label == "" {
				t.Errorf("%s level %d has no label", ev.Comparison, ev.Level)
			}
			if info, ok := spec.Info(spec.Kind(ev.Kind)); !ok || ev.Meaning != info.Meaning || ev.Meaning == "" {
				t.Errorf("%s level %d: kind %q, meaning %q: not the kinds table's", ev.Comparison, ev.Level, ev.Kind, ev.Meaning)
			}
		}
		if math.Abs(sum-l.Weight) > 1e-3 {
			t.Errorf("%s ~ %s: prior + evidence = %.4f, but the match weight is %.4f", l.Left, l.Right, sum, l.Weight)
		}
		if l.Within {
			within++
			if !l.Matched && len(e.Records) == 2 {
				t.Errorf("the only pair of a two-record customer is not a match: %+v", l)
			}
		}
	}
	if within != 1 {
		t.Errorf("%d links inside the customer, want 1", within)
	}
	byID, err := explain.Find(ctx, db, customer)
	if err != nil || byID.Customer["customer_id"] != customer {
		t.Errorf("find by customer id: %v", err)
	}
	var text, js bytes.Buffer
	if err := e.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{customer, src + ":" + id, "prior", "total", "linked"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, text.String())
		}
	}
	if err := e.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back explain.Explanation
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Links) != len(e.Links) {
		t.Errorf("JSON does not round-trip: %v", err)
	}
}

func TestFindUnknown(t *testing.T) {
	db := published(t)
	for _, q := range []string{"contacts:NO_SUCH_ID", "00000000-0000-0000-0000-000000000000"} {
		if _, err := explain.Find(context.Background(), db, q); !errors.Is(err, explain.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", q, err)
		}
	}
}

// TestPairAndSourceRecordAgreeWithFind checks that a pair and a record
// looked up on their own read as they do in the customer's explanation.
func TestPairAndSourceRecordAgreeWithFind(t *testing.T) {
	db := published(t)
	ctx := context.Background()
	var customer string
	if err := db.QueryRow(`SELECT customer_id FROM customer WHERE record_count = 2 ORDER BY customer_id LIMIT 1`).Scan(&customer); err != nil {
		t.Fatal(err)
	}
	e, err := explain.Find(ctx, db, customer)
	if err != nil || len(e.Links) == 0 {
		t.Fatalf("find %s: %v, %d links", customer, err, len(e.Links))
	}
	want := e.Links[0]
	for _, order := range [][2]string{{want.Left, want.Right}, {want.Right, want.Left}} {
		got, err := explain.Pair(ctx, db, order[0], order[1])
		if err != nil {
			t.Fatalf("Pair(%s, %s): %v", order[0], order[1], err)
		}
		if got.Left != want.Left || got.Weight != want.Weight || got.Within != want.Within || len(got.Evidence) != len(want.Evidence) {
			t.Errorf("Pair(%s, %s) = %+v, want %+v", order[0], order[1], got, want)
		}
		for i := range want.Evidence {
			if got.Evidence[i] != want.Evidence[i] {
				t.Errorf("evidence %d: %+v, want %+v", i, got.Evidence[i], want.Evidence[i])
			}
		}
	}
	if _, err := explain.Pair(ctx, db, want.Left, "contacts:NO_SUCH_ID"); !errors.Is(err, explain.ErrNotFound) {
		t.Errorf("an unscored pair: err = %v, want ErrNotFound", err)
	}
	r := e.Records[1]
	got, err := explain.SourceRecord(ctx, db, r.Source+":"+r.ID)
	if err != nil || got.Line != r.Line || len(got.Fields) != len(r.Fields) || got.Fields["email"] != r.Fields["email"] {
		t.Errorf("SourceRecord(%s:%s) = %+v, %v; want %+v", r.Source, r.ID, got, err, r)
	}
	if _, err := explain.SourceRecord(ctx, db, "contacts:NO_SUCH_ID"); !errors.Is(err, explain.ErrNotFound) {
		t.Errorf("an unknown record: err = %v, want ErrNotFound", err)
	}
}

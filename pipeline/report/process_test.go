package report

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/sales"
	"github.com/contoso/c360/pipeline/salesprocess"
)

// sixStages is the fixture's second process (see
// testdata/crm/expected/six-stages/process.yaml).
func sixStages() *salesprocess.Process {
	p := salesprocess.Default()
	p.Stages = slices.Insert(p.Stages, 4, salesprocess.Stage{Name: "Negotiate", Spanish: "Negociar"})
	p.TechCheck.AmountCents = 50000_00
	p.Sequence = append(p.Sequence, salesprocess.Step{ActivityType: "email", Task: "Proposal e-mail",
		Spanish: "Correo con la propuesta", DaysAfterPrevious: 5})
	p.OptionLabels["accounts"]["customertypecode"][100000007] = "Corporate"
	return p
}

// TestPrintFollowsTheProcess: the table format names the stages and steps
// of the process the database was built under, in the reader's language,
// and heads the "over" column with its Tech Check amount.
func TestPrintFollowsTheProcess(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := sixStages()
	dir := filepath.Join("..", "..", "testdata", "crm")
	files := make(map[string]sales.File)
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		files[name] = sales.File{Path: filepath.Join(dir, name+".csv"), Name: name + ".csv"}
	}
	if _, err := sales.LoadCRM(ctx, conn, files, sales.Options{Process: p}); err != nil {
		t.Fatal(err)
	}
	if err := sales.ReportsFor(ctx, conn, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), p); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	es, err := i18n.ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		report string
		cat    *i18n.Catalog
		want   []string
	}{
		{"pipeline", i18n.English(), []string{"Over $50,000", "5  Negotiate ", "6  Close "}},
		{"pipeline", es, []string{"Más de $50,000", "5  Negociar ", "6  Cierre ", "4  Comprobación técnica "}},
		{"lead-tasks", es, []string{"Correo con la propuesta", "Llamada de presentación"}},
		{"lead-tasks", i18n.English(), []string{"Proposal e-mail"}},
	}
	for _, tc := range tests {
		var out bytes.Buffer
		if err := Print(ctx, db, tc.report, "table", tc.cat, &out); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s (%s) lacks %q:\n%s", tc.report, tc.cat.Lang(), w, out.String())
			}
		}
	}
}

package htmlreport

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/i18n"
	crm "github.com/contoso/c360/pipeline/sales"
	"github.com/contoso/c360/pipeline/salesprocess"
)

// TestSalesSectionFollowsTheProcess: under a six-stage process with a
// Tech Check over 50,000.00, the sales section names the sixth stage in
// the reader's language and says the amount.
func TestSalesSectionFollowsTheProcess(t *testing.T) {
	ctx := context.Background()
	db := fixtureDB(t, false)
	p := salesprocess.Default()
	p.Stages = slices.Insert(p.Stages, 4, salesprocess.Stage{Name: "Negotiate", Spanish: "Negociar"})
	p.TechCheck.AmountCents = 50000_00
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "testdata", "crm")
	files := make(map[string]crm.File)
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		files[name] = crm.File{Path: filepath.Join(dir, name+".csv"), Name: name + ".csv"}
	}
	if _, err := crm.LoadCRM(ctx, conn, files, crm.Options{Process: p}); err != nil {
		t.Fatal(err)
	}
	if err := crm.ReportsFor(ctx, conn, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), p); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	es, err := i18n.ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cat  *i18n.Catalog
		want []string
	}{
		{i18n.English(), []string{"Negotiate", "Over $50,000", "$50,000.00"}},
		{es, []string{"Negociar", "Comprobación técnica", "Más de $50,000"}},
	} {
		var b bytes.Buffer
		if err := Write(ctx, db, tc.cat, &b); err != nil {
			t.Fatal(err)
		}
		sales := element(t, b.String(), "sales")
		for _, w := range tc.want {
			if !strings.Contains(sales, w) {
				t.Errorf("%s: the sales section lacks %q", tc.cat.Lang(), w)
			}
		}
	}
}

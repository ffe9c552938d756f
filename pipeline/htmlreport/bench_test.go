package htmlreport_test

import (
	"context"
	"io"
	"testing"

	"github.com/contoso/c360/pipeline/htmlreport"
	"github.com/contoso/c360/pipeline/i18n"
)

// BenchmarkWrite writes the report of the sample run (2,822 records, CRM
// included): reading the database, drawing eight charts, the page.
func BenchmarkWrite(b *testing.B) {
	cfg := publishSample(b, nil, b.TempDir())
	db := openReadOnly(b, cfg.Database)
	es, _ := i18n.ForLang("es")
	for b.Loop() {
		if err := htmlreport.Write(context.Background(), db, es, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

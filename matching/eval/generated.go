package eval

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/contoso/c360/pipeline/gen"
)

// The generated row of the evaluation: the project's own synthetic Contoso
// files (package pipeline/gen) with households sharing an address, phone or
// family e-mail, strangers sharing a full name, and duplicates with
// nicknames and typos, matched in the pipeline's link-and-dedupe mode.
const (
	// Generated is the dataset name of the generated row.
	Generated = "generated"
	// GeneratedPersons and GeneratedSeed fix the generated data, so that the
	// row is the same on every machine.
	GeneratedPersons = 20000
	GeneratedSeed    = 7
)

// generatedDataset describes the files gen.Write creates: contacts and
// loyalty customers with the pipeline's default mappings, and the truth
// file naming the person behind each row.
func generatedDataset() *Dataset {
	return &Dataset{Name: Generated, Task: "link_and_dedupe", Truth: Truth{Entities: gen.TruthFile}, Files: []File{
		{Path: gen.ContactsFile, Source: "contacts", Key: "ContactId", Schema: "contacts"},
		{Path: gen.LoyaltyFile, Source: "loyalty", Key: "LoyaltyId", Schema: "loyalty"},
	}}
}

// evaluateGenerated generates persons persons with seed into a temporary
// folder, evaluates them and removes the folder.
func evaluateGenerated(ctx context.Context, persons int, seed int64, cfg Config) (*outcome, error) {
	start := time.Now()
	dir, err := os.MkdirTemp("", "c360-eval-generated-")
	if err != nil {
		return nil, fmt.Errorf("eval: generated: %w", err)
	}
	defer os.RemoveAll(dir)
	if _, err := gen.Write(ctx, dir, gen.Options{Persons: persons, Seed: seed}); err != nil {
		return nil, fmt.Errorf("eval: generated: %w", err)
	}
	o, err := evaluate(ctx, generatedDataset(), dir, cfg)
	if err != nil {
		return nil, err
	}
	o.Seconds = time.Since(start).Seconds()
	return o, nil
}

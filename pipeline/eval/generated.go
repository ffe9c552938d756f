package eval

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/contoso/c360/pipeline/gen"
)

// The generated rows of the evaluation: the project's own synthetic Contoso
// files (package pipeline/gen) with heavy-tailed names, households of two
// to five sharing an address, phone or family e-mail, strangers sharing a
// full name, Jr./Sr. pairs, twins, placeholders and duplicates with
// nicknames and typos, matched in the pipeline's link-and-dedupe mode.
const (
	// Generated is the dataset name of the 20,000-person generated row, and
	// in Config.Only the name of every generated row.
	Generated = "generated"
	// GeneratedPersons and GeneratedSeed fix the 20,000-person row, so that
	// it is the same on every machine; every generated row uses the seed
	// unless told otherwise.
	GeneratedPersons = 20000
	GeneratedSeed    = 7
)

// GeneratedRow is a row of generated data: the files gen.Write makes for
// Persons persons of Population with Seed.
type GeneratedRow struct {
	Name       string
	Persons    int
	Population gen.Population
	Seed       int64
}

// GeneratedRows returns the generated rows `make eval` runs: 20,000 and
// 200,000 persons of the default population.
func GeneratedRows() []GeneratedRow {
	return []GeneratedRow{
		{Generated, GeneratedPersons, gen.PopulationDefault, GeneratedSeed},
		CustomRow(200_000, gen.PopulationDefault, GeneratedSeed),
	}
}

// LargeRows returns the rows of `make eval-large`: 1,000,000 persons of
// each population. They are too slow for CI.
func LargeRows() []GeneratedRow {
	return []GeneratedRow{
		CustomRow(1_000_000, gen.PopulationDefault, GeneratedSeed),
		CustomRow(1_000_000, gen.PopulationLowDiversity, GeneratedSeed),
	}
}

// CustomRow returns a generated row named after its size, population and
// (when not GeneratedSeed) seed: "generated-200k",
// "generated-low-diversity-1m", "generated-50k-seed3".
func CustomRow(persons int, pop gen.Population, seed int64) GeneratedRow {
	var b strings.Builder
	b.WriteString(Generated)
	if pop != gen.PopulationDefault && pop != "" {
		b.WriteString("-" + string(pop))
	}
	b.WriteString("-" + sizeName(persons))
	if seed != GeneratedSeed {
		b.WriteString("-seed" + strconv.FormatInt(seed, 10))
	}
	return GeneratedRow{Name: b.String(), Persons: persons, Population: pop, Seed: seed}
}

// sizeName writes 200000 as "200k" and 1000000 as "1m", other numbers as
// they are.
func sizeName(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.Itoa(n/1_000_000) + "m"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// generatedDataset describes the files gen.Write creates: contacts and
// loyalty customers with the pipeline's default mappings, and the truth
// file naming the person behind each row.
func generatedDataset() *Dataset {
	return &Dataset{Name: Generated, Task: "link_and_dedupe", Truth: Truth{Entities: gen.TruthFile}, Files: []File{
		{Path: gen.ContactsFile, Source: "contacts", Key: "ContactId", Schema: "contacts"},
		{Path: gen.LoyaltyFile, Source: "loyalty", Key: "LoyaltyId", Schema: "loyalty"},
	}}
}

// evaluateGenerated generates the row's data into a temporary folder,
// evaluates it and removes the folder. Seconds includes the generation.
func evaluateGenerated(ctx context.Context, row GeneratedRow, cfg Config) (*outcome, error) {
	start := time.Now()
	dir, err := os.MkdirTemp("", "c360-eval-generated-")
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", row.Name, err)
	}
	defer os.RemoveAll(dir)
	opts := gen.Options{Persons: row.Persons, Seed: row.Seed, Population: row.Population, Workers: cfg.Workers}
	if _, err := gen.Write(ctx, dir, opts); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", row.Name, err)
	}
	ds := generatedDataset()
	ds.Name = row.Name
	o, err := evaluate(ctx, ds, dir, cfg)
	if err != nil {
		return nil, err
	}
	o.Seconds = time.Since(start).Seconds()
	return o, nil
}

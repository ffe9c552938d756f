package gen

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/transform/sources"
)

// generate writes opts into a fresh temporary directory.
func generate(t testing.TB, opts Options) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := Write(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Write(%+v): %v", opts, err)
	}
	return dir, st
}

// readTable reads a CSV file into its header and rows.
func readTable(t testing.TB, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return rows[0], rows[1:]
}

// allFiles lists every file Write creates with the CRM on.
func allFiles() []string {
	return []string{ContactsFile, LoyaltyFile, POSFile, OnlineFile, TruthFile,
		"crm/" + AccountsFile, "crm/" + DealsFile, "crm/" + TechChecksFile,
		"crm/" + LeadsFile, "crm/" + ActivitiesFile}
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, pop := range Populations() {
		base := Options{Persons: 3000, Seed: 42, CRM: true, Workers: 1, Population: pop}
		many := base
		many.Workers = 7
		other := base
		other.Seed = 43
		dirA, _ := generate(t, base)
		dirB, _ := generate(t, many)
		dirC, _ := generate(t, other)
		for _, name := range allFiles() {
			a, errA := os.ReadFile(filepath.Join(dirA, name))
			b, errB := os.ReadFile(filepath.Join(dirB, name))
			c, errC := os.ReadFile(filepath.Join(dirC, name))
			if err := errors.Join(errA, errB, errC); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs between 1 and 7 workers with the same seed", pop, name)
			}
			if bytes.Equal(a, c) {
				t.Errorf("%s: %s is identical for seeds 42 and 43", pop, name)
			}
		}
	}
}

// realHeaders are the header lines of the real CI-ILT files.
func realHeaders() map[string]string {
	return map[string]string{
		ContactsFile: "ContactId,FirstName,LastName,FullName,DateOfBirth,Gender,EMail,Telephone,PostCode,StreetAddress,City,State,Country,CreatedOn,Loyalty Tier,Email Subscriber,Income,Occupation,CustomerSatisfaction",
		LoyaltyFile:  "LoyaltyId,ContactId,FirstName,LastName,FullName,DateOfBirth,Gender,EMail,Telephone,RewardPoints,CreditCard,CreatedOn",
		POSFile:      "LoyaltyId,PurchaseId,ProductId,PurchasedOn,TotalPrice,RewardPointsAdded,ActivityTypeDisplay,Subject",
		OnlineFile:   "ContactId,PurchaseId,ProductId,PurchasedOn,TotalPrice,ActivityTypeDisplay,Subject",
	}
}

// datasetsDir returns the Contoso CI folder of the shared datasets, skipping
// the test when it is absent (failing under CI=true).
func datasetsDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("C360_DATASETS")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared", "datasets")
	}
	dir := filepath.Join(root, "contoso-ci")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("datasets folder %s is missing under CI: %v", dir, err)
		}
		t.Skipf("datasets folder %s not found (set C360_DATASETS): %v", dir, err)
	}
	return dir
}

func TestHeadersMatchRealFiles(t *testing.T) {
	dir, _ := generate(t, Options{Persons: 10, Seed: 1})
	real := realHeaders()
	for name, want := range real {
		got, _ := readTable(t, filepath.Join(dir, name))
		if strings.Join(got, ",") != want {
			t.Errorf("%s header\n got %s\nwant %s", name, strings.Join(got, ","), want)
		}
	}
	t.Run("real files", func(t *testing.T) {
		ds := datasetsDir(t)
		realName := map[string]string{ContactsFile: "Contact.txt", LoyaltyFile: "Customer-Loyalty.txt",
			POSFile: "POSPurchases.txt", OnlineFile: "OnlinePurchases.txt"}
		for name := range real {
			want, _ := readTable(t, filepath.Join(ds, realName[name]))
			got, _ := readTable(t, filepath.Join(dir, name))
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s header differs from the real file:\n got %v\nwant %v", name, got, want)
			}
		}
	})
	t.Run("source schemas", func(t *testing.T) {
		files := map[string]string{"contacts": ContactsFile, "loyalty": LoyaltyFile, "pos": POSFile, "online": OnlineFile}
		for _, src := range sources.Customer() {
			got, _ := readTable(t, filepath.Join(dir, files[src.Name]))
			var want []string
			for _, c := range src.Columns {
				want = append(want, c.Name)
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: header %v does not match sources.%s columns %v", src.Name, got, src.Name, want)
			}
		}
	})
}

func TestLoyaltyFileHasNoFinalNewline(t *testing.T) {
	dir, _ := generate(t, Options{Persons: 50, Seed: 1})
	for _, name := range []string{ContactsFile, LoyaltyFile, POSFile, OnlineFile, TruthFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if want := name != LoyaltyFile; bytes.HasSuffix(b, []byte("\n")) != want {
			t.Errorf("%s ends with a newline: %v, want %v", name, !want, want)
		}
		if bytes.Contains(b, []byte("\r")) {
			t.Errorf("%s contains a carriage return", name)
		}
	}
}

func TestStatsMatchFiles(t *testing.T) {
	dir, st := generate(t, Options{Persons: 2500, Seed: 9, CRM: true})
	if st.Persons != 2500 {
		t.Errorf("Stats.Persons = %d, want 2500", st.Persons)
	}
	for _, name := range allFiles() {
		_, rows := readTable(t, filepath.Join(dir, name))
		if st.Files[name] != len(rows) {
			t.Errorf("Stats.Files[%q] = %d, file has %d rows", name, st.Files[name], len(rows))
		}
	}
	if got := st.Files[ContactsFile] + st.Files[LoyaltyFile]; st.Profiles != got {
		t.Errorf("Stats.Profiles = %d, want %d", st.Profiles, got)
	}
	if got := st.Files[POSFile] + st.Files[OnlineFile]; st.Purchases != got {
		t.Errorf("Stats.Purchases = %d, want %d", st.Purchases, got)
	}
	if len(st.Files) != len(allFiles()) {
		t.Errorf("Stats.Files has %d entries, want %d", len(st.Files), len(allFiles()))
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		wantErr bool
	}{
		{"no persons", Options{}, true},
		{"negative persons", Options{Persons: -1}, true},
		{"rate above one", Options{Persons: 1, NameSwapRate: 1.5}, true},
		{"both sources off", Options{Persons: 1, ContactRate: -1, LoyaltyRate: -1}, true},
		{"too many purchases", Options{Persons: 1, PurchasesPerPerson: 1000}, true},
		{"defaults", Options{Persons: 1}, false},
		{"noise off", Options{Persons: 1, NameSwapRate: -1, MissingRate: -1}, false},
		{"low diversity", Options{Persons: 1, Population: PopulationLowDiversity}, false},
		{"unknown population", Options{Persons: 1, Population: "martian"}, true},
		{"pair relations above one", Options{Persons: 1, HouseholdRate: 0.5, JuniorRate: 0.3, TwinRate: 0.3}, true},
	}
	for _, tt := range tests {
		_, err := tt.opts.withDefaults()
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: error %v, want error %v", tt.name, err, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: error %v is not ErrInvalidOptions", tt.name, err)
		}
	}
	o, _ := Options{Persons: 1, NameSwapRate: -1}.withDefaults()
	if o.Population != PopulationDefault || o.JuniorRate != 0.01 || o.PlaceholderEmailRate != 0.02 {
		t.Errorf("withDefaults: population %q, Jr./Sr. %g, placeholder e-mails %g", o.Population, o.JuniorRate, o.PlaceholderEmailRate)
	}
	if o.NameSwapRate != 0 || o.NameTypoRate != 0.10 || o.PurchasesPerPerson != 4 || !o.AsOf.Equal(defaultAsOf()) {
		t.Errorf("withDefaults: swap %g typo %g purchases %g as-of %v", o.NameSwapRate, o.NameTypoRate, o.PurchasesPerPerson, o.AsOf)
	}
}

func TestNoiseOffGivesCleanRecords(t *testing.T) {
	dir, st := generate(t, Options{Persons: 2000, Seed: 5, NameSwapRate: -1, NameTypoRate: -1,
		MissingRate: -1, DuplicateRate: -1, OrphanRate: -1})
	if st.Duplicates != 0 || st.OrphanPurchases != 0 {
		t.Errorf("duplicates %d, orphans %d with both off", st.Duplicates, st.OrphanPurchases)
	}
	for _, name := range []string{ContactsFile, LoyaltyFile} {
		header, rows := readTable(t, filepath.Join(dir, name))
		col := columnIndex(header)
		for _, r := range rows {
			if r[col["FullName"]] != r[col["FirstName"]]+" "+r[col["LastName"]] {
				t.Fatalf("%s: FullName %q differs from %q %q with swaps and typos off",
					name, r[col["FullName"]], r[col["FirstName"]], r[col["LastName"]])
			}
			for _, c := range []string{"EMail", "Telephone", "DateOfBirth", "Gender"} {
				if r[col[c]] == "" {
					t.Fatalf("%s: empty %s with MissingRate off: %v", name, c, r)
				}
			}
		}
	}
}

func TestWriteStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Write(ctx, dir, Options{Persons: 50000, Seed: 1, CRM: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write with a cancelled context: %v, want context.Canceled", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	crmLeft, _ := filepath.Glob(filepath.Join(dir, CRMDir, "*"))
	if len(left)+len(crmLeft) > 0 {
		t.Errorf("files left after a cancelled Write: %v %v", left, crmLeft)
	}
}

// cancelOnProgress cancels a context when the first progress arrives.
type cancelOnProgress struct {
	cancel context.CancelFunc
	added  int64
}

func (c *cancelOnProgress) Start(string, int64, string) progress.Task { return c }
func (c *cancelOnProgress) Add(n int64)                               { c.added += n; c.cancel() }
func (c *cancelOnProgress) SetTotal(int64)                            {}
func (c *cancelOnProgress) Done(error)                                {}

func TestWriteStopsWhenCancelledMidway(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep := &cancelOnProgress{cancel: cancel}
	_, err := Write(ctx, dir, Options{Persons: 50 * chunkSize, Seed: 1, Workers: 2, Progress: rep})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write cancelled midway: %v, want context.Canceled", err)
	}
	if rep.added != chunkSize {
		t.Errorf("progress counted %d persons before stopping, want one chunk (%d)", rep.added, chunkSize)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
		t.Errorf("files left after a cancelled Write: %v", left)
	}
}

func columnIndex(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

package gen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/contoso/c360/pipeline/progress"
)

// Names of the files Write creates in its directory. They are named after
// their sources, not after the real CI-ILT files whose layouts they copy
// (Contact.txt, Customer-Loyalty.txt, POSPurchases.txt, OnlinePurchases.txt),
// so generated data is never mistaken for the real thing.
const (
	ContactsFile = "contacts.csv"
	LoyaltyFile  = "loyalty.csv"
	POSFile      = "pos.csv"
	OnlineFile   = "online.csv"
	TruthFile    = "truth.csv"

	CRMDir         = "crm" // subdirectory holding the CRM files
	AccountsFile   = "accounts.csv"
	DealsFile      = "deals.csv"
	TechChecksFile = "tech_checks.csv"
	LeadsFile      = "leads.csv"
	ActivitiesFile = "activities.csv"
)

// Header lines of the person files, identical to the real CI-ILT files, and
// of truth.csv.
const (
	ContactsHeader = "ContactId,FirstName,LastName,FullName,DateOfBirth,Gender,EMail,Telephone,PostCode,StreetAddress,City,State,Country,CreatedOn,Loyalty Tier,Email Subscriber,Income,Occupation,CustomerSatisfaction"
	LoyaltyHeader  = "LoyaltyId,ContactId,FirstName,LastName,FullName,DateOfBirth,Gender,EMail,Telephone,RewardPoints,CreditCard,CreatedOn"
	POSHeader      = "LoyaltyId,PurchaseId,ProductId,PurchasedOn,TotalPrice,RewardPointsAdded,ActivityTypeDisplay,Subject"
	OnlineHeader   = "ContactId,PurchaseId,ProductId,PurchasedOn,TotalPrice,ActivityTypeDisplay,Subject"
	TruthHeader    = "source,source_id,person"
)

// defaultAsOf is the as-of date used when Options.AsOf is zero. It is fixed,
// never today, so that output stays reproducible.
func defaultAsOf() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) }

// Options says what to generate. Persons is required; every rate that is
// zero takes its default (listed on the field), and a negative rate turns
// that behaviour off. Rates are probabilities per person or per record as
// the package documentation describes.
type Options struct {
	Persons int   // number of true persons, at least 1
	Seed    int64 // seed of every random choice
	// AsOf anchors all dates: records are created before it, purchases and
	// CRM activity happen around it. Zero means 2026-11-27 (fixed, never
	// today, so that output stays reproducible). Only the UTC date is used.
	AsOf time.Time
	CRM  bool // also write the CRM sample into DIR/crm
	// Population is the kind of people: PopulationDefault (also when
	// empty) or PopulationLowDiversity.
	Population Population

	// Workers is how many goroutines generate chunks; 0 means GOMAXPROCS.
	// It does not change the output.
	Workers int
	// Progress receives one task counting persons; nil means progress.Discard.
	Progress progress.Reporter

	ContactRate   float64 // chance of a contact record; default 0.8
	LoyaltyRate   float64 // chance of a loyalty record; default 0.5
	DuplicateRate float64 // chance of a second record in one source; default 0.015
	HouseholdRate float64 // chance that a pair of persons is a household; default 0.05
	SameNameRate  float64 // chance that a pair shares given name and surname; default 0.005
	JuniorRate    float64 // chance that a pair is a parent and child of one name (Jr./Sr.); default 0.01
	TwinRate      float64 // chance that a pair is twins living together; default 0.004
	// LargeHouseholdRate is the chance that a block of 8 persons starts
	// with a household of 3 to 5 people; default 0.04.
	LargeHouseholdRate float64
	NameSwapRate       float64 // FullName as "Last First"; default 0.35
	NameTypoRate       float64 // typo in FullName; default 0.10
	PhoneFormatRate    float64 // phone written in another format; default 0.20
	PhoneChangeRate    float64 // a different phone number; default 0.02
	DOBTypoRate        float64 // wrong date of birth; default 0.001
	GenderFlipRate     float64 // the other gender; default 0.0005
	EmailChangeRate    float64 // a different e-mail address; default 0.01
	MissingRate        float64 // one optional value left empty; default 0.03
	OrphanRate         float64 // purchase whose key matches no record; default 0.001
	// PlaceholderEmailRate and PlaceholderPhoneRate are the chances per
	// record of a placeholder a clerk typed ("none@none.com",
	// "000-000-0000") instead of the e-mail or phone; defaults 0.02, 0.015.
	PlaceholderEmailRate float64
	PlaceholderPhoneRate float64
	// PurchasesPerPerson is the mean number of purchases per person; default 4.
	PurchasesPerPerson float64
}

// Stats counts what Write produced.
type Stats struct {
	// Files maps each written file, relative to the output directory with
	// forward slashes ("contacts.csv", "crm/deals.csv"), to its data rows.
	Files            map[string]int
	Persons          int
	Profiles         int // contact and loyalty rows
	Duplicates       int // second records of a person in the same source
	HouseholdPersons int // persons sharing a household with another person
	SameNamePersons  int // persons sharing a full name with their pair by design
	LargeHouseholds  int // households of 3 to 5 persons
	JuniorPairs      int // parent and child pairs of one name (Jr./Sr.)
	TwinPairs        int // twins living together
	// PlaceholderEmails and PlaceholderPhones count profile records
	// carrying a placeholder e-mail or phone.
	PlaceholderEmails, PlaceholderPhones int
	Purchases                            int // POS and online rows
	OrphanPurchases                      int // purchases whose key matches no record
}

// ErrInvalidOptions is returned, wrapped, when Options cannot be used.
var ErrInvalidOptions = errors.New("gen: invalid options")

// withDefaults returns o with defaults filled in and negative rates zeroed.
func (o Options) withDefaults() (Options, error) {
	if o.Persons < 1 {
		return o, fmt.Errorf("%w: Persons is %d, want at least 1", ErrInvalidOptions, o.Persons)
	}
	if o.AsOf.IsZero() {
		o.AsOf = defaultAsOf()
	}
	y, m, d := o.AsOf.UTC().Date()
	o.AsOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Progress == nil {
		o.Progress = progress.Discard
	}
	rates := []struct {
		name string
		v    *float64
		def  float64
	}{
		{"ContactRate", &o.ContactRate, 0.8},
		{"LoyaltyRate", &o.LoyaltyRate, 0.5},
		{"DuplicateRate", &o.DuplicateRate, 0.015},
		{"HouseholdRate", &o.HouseholdRate, 0.05},
		{"SameNameRate", &o.SameNameRate, 0.005},
		{"JuniorRate", &o.JuniorRate, 0.01},
		{"TwinRate", &o.TwinRate, 0.004},
		{"LargeHouseholdRate", &o.LargeHouseholdRate, 0.04},
		{"PlaceholderEmailRate", &o.PlaceholderEmailRate, 0.02},
		{"PlaceholderPhoneRate", &o.PlaceholderPhoneRate, 0.015},
		{"NameSwapRate", &o.NameSwapRate, 0.35},
		{"NameTypoRate", &o.NameTypoRate, 0.10},
		{"PhoneFormatRate", &o.PhoneFormatRate, 0.20},
		{"PhoneChangeRate", &o.PhoneChangeRate, 0.02},
		{"DOBTypoRate", &o.DOBTypoRate, 0.001},
		{"GenderFlipRate", &o.GenderFlipRate, 0.0005},
		{"EmailChangeRate", &o.EmailChangeRate, 0.01},
		{"MissingRate", &o.MissingRate, 0.03},
		{"OrphanRate", &o.OrphanRate, 0.001},
	}
	for _, r := range rates {
		switch {
		case *r.v == 0:
			*r.v = r.def
		case *r.v < 0:
			*r.v = 0
		case *r.v > 1:
			return o, fmt.Errorf("%w: %s is %g, want at most 1", ErrInvalidOptions, r.name, *r.v)
		}
	}
	if o.ContactRate == 0 && o.LoyaltyRate == 0 {
		return o, fmt.Errorf("%w: ContactRate and LoyaltyRate are both off", ErrInvalidOptions)
	}
	if o.HouseholdRate+o.SameNameRate+o.JuniorRate+o.TwinRate > 1 {
		return o, fmt.Errorf("%w: HouseholdRate + SameNameRate + JuniorRate + TwinRate exceeds 1", ErrInvalidOptions)
	}
	pop, err := ParsePopulation(string(o.Population))
	if err != nil {
		return o, err
	}
	o.Population = pop
	switch {
	case o.PurchasesPerPerson == 0:
		o.PurchasesPerPerson = 4
	case o.PurchasesPerPerson < 0:
		o.PurchasesPerPerson = 0
	case o.PurchasesPerPerson > 100:
		return o, fmt.Errorf("%w: PurchasesPerPerson is %g, want at most 100", ErrInvalidOptions, o.PurchasesPerPerson)
	}
	return o, nil
}

// Write generates the data described by opts into dir, creating dir if
// needed and replacing files of the same names. Each file is written under
// a temporary name and renamed only when everything succeeded, so dir never
// holds a half-written file. Write stops early when ctx is cancelled.
func Write(ctx context.Context, dir string, opts Options) (Stats, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	g := newGenerator(opts)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("gen: creating %s: %w", dir, err)
	}
	var files []*pendingFile
	defer func() {
		for _, f := range files {
			f.abort()
		}
	}()
	var sinks [numPersonFiles]*bufio.Writer
	for i, name := range personFileNames() {
		f, err := createPending(dir, name)
		if err != nil {
			return Stats{}, err
		}
		files = append(files, f)
		sinks[i] = f.w
	}
	task := opts.Progress.Start("gen", int64(opts.Persons), "persons")
	stats, err := g.writePersons(ctx, sinks, task)
	if err == nil && opts.CRM {
		err = g.writeCRMFiles(filepath.Join(dir, CRMDir), &files, &stats)
	}
	if err == nil {
		err = commitAll(files)
		files = nil
	}
	task.Done(err)
	if err != nil {
		return Stats{}, err
	}
	return stats, nil
}

// writeCRMFiles generates the CRM sample and writes it into dir.
func (g *generator) writeCRMFiles(dir string, files *[]*pendingFile, stats *Stats) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("gen: creating %s: %w", dir, err)
	}
	crm := g.newCRM()
	for _, t := range crm.tables() {
		f, err := createPending(dir, t.file)
		if err != nil {
			return err
		}
		*files = append(*files, f)
		if err := t.write(f.w); err != nil {
			return fmt.Errorf("gen: writing %s: %w", t.file, err)
		}
		stats.Files[CRMDir+"/"+t.file] = len(t.rows)
	}
	return nil
}

// pendingFile is an output file being written under a temporary name.
type pendingFile struct {
	f     *os.File
	w     *bufio.Writer
	final string
}

func createPending(dir, name string) (*pendingFile, error) {
	f, err := os.CreateTemp(dir, "."+name+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("gen: creating %s: %w", name, err)
	}
	return &pendingFile{f: f, w: bufio.NewWriterSize(f, 1<<20), final: filepath.Join(dir, name)}, nil
}

// commit flushes and closes the file and renames it to its final name.
func (p *pendingFile) commit() error {
	if err := p.w.Flush(); err != nil {
		return fmt.Errorf("gen: writing %s: %w", p.final, err)
	}
	if err := p.f.Chmod(0o644); err != nil {
		return fmt.Errorf("gen: writing %s: %w", p.final, err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("gen: closing %s: %w", p.final, err)
	}
	if err := os.Rename(p.f.Name(), p.final); err != nil {
		return fmt.Errorf("gen: renaming %s: %w", p.final, err)
	}
	return nil
}

// abort closes and removes the temporary file; it is harmless after commit.
func (p *pendingFile) abort() {
	p.f.Close()
	os.Remove(p.f.Name())
}

// commitAll commits every file, or removes all remaining ones on failure.
func commitAll(files []*pendingFile) error {
	for i, f := range files {
		if err := f.commit(); err != nil {
			for _, rest := range files[i:] {
				rest.abort()
			}
			return err
		}
	}
	return nil
}

// SourcesYAML returns the sources section of a c360 config, and with crm
// the crm section too, reading the files Write put in dir.
func SourcesYAML(dir string, crm bool) string {
	var b strings.Builder
	b.WriteString("sources:\n")
	for _, f := range [][2]string{{"contacts", ContactsFile}, {"loyalty", LoyaltyFile}, {"pos", POSFile}, {"online", OnlineFile}} {
		fmt.Fprintf(&b, "  %s: {url: %s}\n", f[0], filepath.Join(dir, f[1]))
	}
	if crm {
		b.WriteString("crm:\n")
		for _, f := range [][2]string{{"accounts", AccountsFile}, {"deals", DealsFile}, {"tech_checks", TechChecksFile},
			{"leads", LeadsFile}, {"activities", ActivitiesFile}} {
			fmt.Fprintf(&b, "  %s: {url: %s}\n", f[0], filepath.Join(dir, CRMDir, f[1]))
		}
	}
	return b.String()
}

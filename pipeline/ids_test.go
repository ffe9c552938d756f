package pipeline

import (
	"strings"
	"testing"
)

// Loyalty file columns (the layout of Customer-Loyalty.txt).
const (
	loyaltyID = iota
	loyaltyContactID
	loyaltyFirst
	loyaltyLast
	loyaltyFull
	loyaltyBirth
	loyaltyGender
	loyaltyEmail
	loyaltyPhone
)

// pickPair finds a loyalty row whose ContactId names a contact and returns
// its line in the loyalty file (header = 0) with both keys.
func pickPair(t *testing.T, dir string) (line int, loyalty, contact string) {
	t.Helper()
	editInput(t, dir, "loyalty", func(i int, l string) (string, bool) {
		f := strings.Split(l, ",")
		if i > 0 && line == 0 && len(f) > loyaltyPhone && f[loyaltyContactID] != "" && !strings.Contains(l, `"`) {
			line, loyalty, contact = i, f[loyaltyID], f[loyaltyContactID]
		}
		return l, true
	})
	if line == 0 {
		t.Fatal("no linked loyalty row in the sample")
	}
	return line, loyalty, contact
}

// disguise rewrites loyalty row line so that no attribute matches its contact.
func disguise(t *testing.T, dir string, line int) {
	t.Helper()
	editInput(t, dir, "loyalty", func(i int, l string) (string, bool) {
		if i != line {
			return l, true
		}
		f := strings.Split(l, ",")
		f[loyaltyFirst], f[loyaltyLast], f[loyaltyFull] = "Zebediah", "Quarrington", "Zebediah Quarrington"
		f[loyaltyBirth], f[loyaltyEmail], f[loyaltyPhone] = "1931-02-03", "zq@quarrington-holdings.example.org", "212-555-0199"
		return strings.Join(f, ","), true
	})
}

func customerOf(t *testing.T, path, source, id string) string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close()
	var c string
	if err := db.QueryRow(`SELECT customer_id FROM customer_source WHERE source = ? AND source_id = ?`, source, id).Scan(&c); err != nil {
		t.Fatalf("%s:%s: %v", source, id, err)
	}
	return c
}

func historyRows(t *testing.T, path, runID string) []string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT change || ' ' || coalesce(previous_customer_id, '-') || ' -> ' || coalesce(customer_id, '-')
		FROM customer_id_history WHERE run_id = ? ORDER BY 1`, runID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

func TestIDsSurviveSplitAndMerge(t *testing.T) {
	dir := copySample(t)
	line, loyalty, contact := pickPair(t, dir)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	joined := customerOf(t, cfg.Database, "contacts", contact)
	if got := customerOf(t, cfg.Database, "loyalty", loyalty); got != joined {
		t.Fatalf("the sample's pair %s/%s is not one customer to start with", contact, loyalty)
	}

	// Split: the loyalty record no longer looks like its contact. Both
	// parts hold one record, so the tie goes to the part with the smaller
	// record (contacts:... sorts first) and the loyalty record gets a new id.
	disguise(t, dir, line)
	split := mustRun(t, cfg, Options{})
	if got := customerOf(t, cfg.Database, "contacts", contact); got != joined {
		t.Errorf("after the split the contact has %s, want the old id %s", got, joined)
	}
	apart := customerOf(t, cfg.Database, "loyalty", loyalty)
	if apart == joined {
		t.Fatal("the disguised loyalty record still shares the customer")
	}
	if h := historyRows(t, cfg.Database, split.RunID); len(h) != 1 || h[0] != "split "+joined+" -> "+apart {
		t.Errorf("history of the split run = %q", h)
	}

	// Merge: undo the disguise. Both ids were born in earlier runs; the
	// older, the contact's, is kept and the loyalty id is recorded as merged.
	copyBack(t, dir, "loyalty")
	merged := mustRun(t, cfg, Options{})
	if a, b := customerOf(t, cfg.Database, "contacts", contact), customerOf(t, cfg.Database, "loyalty", loyalty); a != joined || b != joined {
		t.Errorf("after the merge: contact %s, loyalty %s; want both %s", a, b, joined)
	}
	if h := historyRows(t, cfg.Database, merged.RunID); len(h) != 1 || h[0] != "merged "+apart+" -> "+joined {
		t.Errorf("history of the merge run = %q", h)
	}
}

func TestAddedRecordJoinsItsCustomer(t *testing.T) {
	dir := copySample(t)
	line, loyalty, contact := pickPair(t, dir)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	before := customerOf(t, cfg.Database, "contacts", contact)

	// A new loyalty card for the same person.
	var copied string
	editInput(t, dir, "loyalty", func(i int, l string) (string, bool) {
		if i == line {
			f := strings.Split(l, ",")
			f[loyaltyID] = "LOYID_NEW_1"
			copied = strings.Join(f, ",")
		}
		return l, true
	})
	appendLine(t, dir, "loyalty", copied)
	run := mustRun(t, cfg, Options{})
	if got := customerOf(t, cfg.Database, "loyalty", "LOYID_NEW_1"); got != before {
		t.Errorf("the new record has customer %s, want %s", got, before)
	}
	if got := customerOf(t, cfg.Database, "loyalty", loyalty); got != before {
		t.Errorf("the old record moved to %s", got)
	}
	if h := historyRows(t, cfg.Database, run.RunID); len(h) != 0 {
		t.Errorf("adding a record to a customer changed ids: %q", h)
	}
}

func TestCrossReferenceLinksDisguisedRecord(t *testing.T) {
	for _, declared := range []bool{false, true} {
		dir := copySample(t)
		line, loyalty, contact := pickPair(t, dir)
		disguise(t, dir, line)
		extra := ""
		if declared {
			extra = "matching:\n  cross_reference: [{from: loyalty.contact_id, to: contacts}]\n"
		}
		cfg := writeConfig(t, dir, extra)
		mustRun(t, cfg, Options{})
		same := customerOf(t, cfg.Database, "contacts", contact) == customerOf(t, cfg.Database, "loyalty", loyalty)
		if same != declared {
			t.Errorf("cross_reference declared %v: records joined = %v", declared, same)
		}
	}
}

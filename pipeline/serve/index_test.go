package serve_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/serve"
	"github.com/contoso/c360/transform"
)

// nicknames are short forms whose formal name the tests look for.
var nicknames = []string{"bill", "bob", "liz", "jim", "tony", "andy", "alex", "mike", "dave", "chris", "kate",
	"tom", "joe", "dan", "beth", "sam", "ben", "matt", "steve", "nick", "jen", "sue", "pat", "rick", "jerry"}

// TestSearchFindsThePerson searches a published sample for real customers,
// written the ways a person would type them, and wants the customer among
// the results (first, for exact keys).
func TestSearchFindsThePerson(t *testing.T) {
	cfg := publishSample(t)
	db := openReadOnly(t, cfg.Database)
	people := twoRecordPeople(t, db)
	ix, err := serve.BuildIndex(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	p := people[0]
	national := strings.TrimPrefix(p.Phone, "+1")
	type query struct {
		name, q  string
		first    bool // the customer must come first
		how      string
		customer string
	}
	queries := []query{
		{"customer id", p.ID, true, "customer id", p.ID},
		{"source id", p.Records[0], true, "source id", p.ID},
		{"bare source id, lower case", strings.ToLower(strings.SplitN(p.Records[1], ":", 2)[1]), true, "source id", p.ID},
		{"e-mail in capitals", "  " + strings.ToUpper(p.Email) + " ", true, "e-mail", p.ID},
		{"phone with dots", national[:3] + "." + national[3:6] + "." + national[6:], true, "phone", p.ID},
		{"phone international", "+1 (" + national[:3] + ") " + national[3:6] + "-" + national[6:], true, "phone", p.ID},
		{"phone digits", national, true, "phone", p.ID},
		{"name in capitals", strings.ToUpper(p.First + " " + p.Last), false, "name", p.ID},
		{"surname first", p.Last + ", " + p.First, false, "name", p.ID},
		{"accented", accent(p.First) + " " + accent(p.Last), false, "name", p.ID},
		{"typo in the surname", p.First + " " + typo(p.Last), false, "name", p.ID},
	}
	// A customer whose given name is the formal form of a nickname.
	for _, q := range people {
		formal := transform.Fold(q.First)
		if i := slices.IndexFunc(nicknames, func(n string) bool { return transform.Nickname(n) == formal && n != formal }); i >= 0 {
			queries = append(queries, query{"nickname", nicknames[i] + " " + q.Last, false, "name", q.ID})
			break
		}
	}
	if queries[len(queries)-1].name != "nickname" {
		t.Fatal("no customer in the sample has a formal given name with a nickname in the list")
	}
	for _, tc := range queries {
		t.Run(tc.name, func(t *testing.T) {
			got := ix.Search(tc.q, 25)
			i := slices.IndexFunc(got, func(m serve.Match) bool { return m.CustomerID == tc.customer })
			switch {
			case i < 0:
				t.Fatalf("Search(%q) = %v; %s is not among them", tc.q, got, tc.customer)
			case tc.first && i != 0:
				t.Errorf("Search(%q): %s is result %d, want first", tc.q, tc.customer, i+1)
			case got[i].How != tc.how:
				t.Errorf("Search(%q) found it by %q, want %q", tc.q, got[i].How, tc.how)
			}
		})
	}
	for _, q := range []string{"", "   ", "nobody@nowhere.example", "zzqxv wqkjz", "555-0000-0000"} {
		if got := ix.Search(q, 25); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, got)
		}
	}
}

// accent puts an acute accent on the first plain vowel of s.
func accent(s string) string {
	r := strings.NewReplacer("a", "á", "e", "é", "i", "í", "o", "ó", "u", "ú")
	for i, c := range s {
		if strings.ContainsRune("aeiou", c) {
			return s[:i] + r.Replace(string(c)) + s[i+1:]
		}
	}
	return s
}

// typo swaps the two letters after the first of s (letters, not bytes:
// "Muñoz" becomes "Mñuoz", still valid UTF-8).
func typo(s string) string {
	b := []rune(s)
	if len(b) < 4 {
		return s
	}
	b[1], b[2] = b[2], b[1]
	if string(b) == s {
		b[2] = 'x'
	}
	return string(b)
}

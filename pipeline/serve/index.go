package serve

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/contoso/c360/matching/stableid"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// searchAttrs are the attributes the index holds, normalized as the matcher
// normalizes them (transform.Normalizer.Person).
var searchAttrs = []transform.Attr{transform.GivenName, transform.Surname, transform.FullName, transform.Email, transform.Phone}

// Index finds customers by name, e-mail, phone, source id or customer id.
// It is built once from a published database and is safe for concurrent
// reads. Customers are numbered; every map holds those numbers.
type Index struct {
	customers  []string         // customer ids by number
	summaries  []Summary        // what a result shows, by number
	byCustomer map[string]int32 // customer id -> number
	byRecord   map[string]int32 // folded source id, and "source:id", -> number
	byEmail    map[string][]int32
	byPhone    map[string][]int32 // transform.PhoneDigits -> numbers
	byToken    map[string][]int32 // name token (folded; given names also as their formal form) -> numbers
	// vocab lists the name tokens, and deletes maps each token with one
	// letter removed to the tokens it came from: a query token one edit
	// away from a known token shares a key with it (symmetric delete).
	vocab   []string
	deletes map[string][]int32
}

// Summary is what a search result shows of a customer.
type Summary struct {
	FullName, Email, Phone, City, State string
	Records                             int64
}

// Summary returns what a result shows of customer id.
func (ix *Index) Summary(id string) (Summary, bool) {
	n, ok := ix.byCustomer[id]
	if !ok {
		return Summary{}, false
	}
	return ix.summaries[n], true
}

// Match is one customer found, with how it was found and how well.
type Match struct {
	CustomerID string
	How        string  // "customer id", "source id", "e-mail", "phone" or "name"
	Score      float64 // higher is better; names: the sum over query words
}

// minTypoLength is the shortest name token that may match with a typo.
const minTypoLength = 4

// Search returns up to limit customers for query, best first.
func (ix *Index) Search(query string, limit int) []Match {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	if n, ok := ix.byCustomer[q]; ok {
		return []Match{{CustomerID: ix.customers[n], How: "customer id", Score: 1}}
	}
	if n, ok := ix.byRecord[strings.ToLower(q)]; ok {
		return []Match{{CustomerID: ix.customers[n], How: "source id", Score: 1}}
	}
	if strings.Contains(q, "@") {
		if e, st := transform.NormalizeEmail(q); st == transform.OK || st == transform.Junk {
			return ix.list(ix.byEmail[e], "e-mail", limit)
		}
		return nil
	}
	if looksLikePhone(q) {
		if found := ix.byPhone[transform.PhoneDigits(q, "")]; len(found) > 0 {
			return ix.list(found, "phone", limit)
		}
	}
	return ix.names(q, limit)
}

func (ix *Index) list(nums []int32, how string, limit int) []Match {
	out := make([]Match, 0, min(len(nums), limit))
	for _, n := range nums[:min(len(nums), limit)] {
		out = append(out, Match{CustomerID: ix.customers[n], How: how, Score: 1})
	}
	return out
}

// looksLikePhone reports whether q is mostly a number: seven digits or
// more, and no letters but an extension mark.
func looksLikePhone(q string) bool {
	digits, letters := 0, 0
	for _, r := range strings.ToLower(q) {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r) && r != 'x' && r != 'e':
			letters++
		}
	}
	return digits >= 7 && letters == 0
}

// Scores of one query word against a customer's name tokens.
const (
	scoreExact    = 3
	scoreNickname = 2.5 // the word and the token share a formal given name
	scoreTypo     = 2
)

// names ranks customers by their name tokens: every query word adds the
// best score it reaches with that customer; customers matching more words
// come first, and when some match every word, only those are returned.
func (ix *Index) names(q string, limit int) []Match {
	folded, _ := transform.NormalizeName(q)
	words := strings.Fields(folded)
	if len(words) == 0 {
		return nil
	}
	acc := make(map[int32]hit)
	for _, w := range words {
		best := make(map[int32]float64)
		add := func(token string, s float64) {
			for _, n := range ix.byToken[token] {
				if best[n] < s {
					best[n] = s
				}
			}
		}
		add(w, scoreExact)
		if nick := transform.Nickname(w); nick != w {
			add(nick, scoreNickname)
		}
		if len(w) >= minTypoLength {
			for _, t := range ix.typos(w) {
				add(t, scoreTypo)
			}
		}
		for n, s := range best {
			h := acc[n]
			acc[n] = hit{h.words + 1, h.score + s}
		}
	}
	return rank(ix.customers, acc, len(words), limit)
}

// hit is how well a customer's name matched: words matched, summed score.
type hit struct {
	words int
	score float64
}

// rank orders the hits, more words matched first, then higher scores, and
// keeps only those matching every one of words when there are any.
func rank(customers []string, acc map[int32]hit, words, limit int) []Match {
	type ranked struct {
		Match
		words int
	}
	all := make([]ranked, 0, len(acc))
	for n, h := range acc {
		all = append(all, ranked{Match{CustomerID: customers[n], How: "name", Score: h.score}, h.words})
	}
	slices.SortFunc(all, func(a, b ranked) int {
		if c := cmp.Compare(b.words, a.words); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.CustomerID, b.CustomerID)
	})
	if len(all) > 0 && all[0].words == words {
		// Some customers match every word: the others are noise.
		n := 0
		for n < len(all) && all[n].words == words {
			n++
		}
		all = all[:n]
	}
	out := make([]Match, 0, min(len(all), limit))
	for _, r := range all[:min(len(all), limit)] {
		out = append(out, r.Match)
	}
	return out
}

// typos returns the known tokens one edit (insertion, deletion,
// substitution or adjacent transposition) away from w.
func (ix *Index) typos(w string) []string {
	seen := make(map[int32]bool)
	var out []string
	keys := append(oneDeleted(w), w)
	for _, k := range keys {
		for _, t := range ix.deletes[k] {
			if !seen[t] && ix.vocab[t] != w && editsWithinOne(w, ix.vocab[t]) {
				seen[t] = true
				out = append(out, ix.vocab[t])
			}
		}
	}
	return out
}

// oneDeleted returns s with each of its bytes removed in turn. Tokens are
// folded ASCII, so bytes are letters.
func oneDeleted(s string) []string {
	out := make([]string, 0, len(s))
	for i := range len(s) {
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}

// editsWithinOne reports whether a and b are at most one insertion,
// deletion, substitution or adjacent transposition apart.
func editsWithinOne(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:] // insertion
}

// indexBuilder collects the index from source records.
type indexBuilder struct {
	ix      *Index
	records map[string]int32 // "source:id" -> customer number, from customer_source
	tokenID map[string]int32
}

// BuildIndex reads every customer and source record of db and indexes
// them. Names, e-mails and phones go through transform.Normalizer.Person,
// as in the pipeline, so a query finds what the matcher compared.
func BuildIndex(ctx context.Context, db *sql.DB) (*Index, error) {
	// Sized up front: growing maps of a million keys is most of the work.
	var records, customers int
	err := db.QueryRowContext(ctx, c360sql.Query("read_serve.sql", "index_records")).Scan(&records, &customers)
	if err != nil {
		return nil, fmt.Errorf("serve: index: %w", err)
	}
	b := &indexBuilder{
		ix: &Index{customers: make([]string, 0, customers), byCustomer: make(map[string]int32, customers),
			byRecord: make(map[string]int32, 2*records), byEmail: make(map[string][]int32, records),
			byPhone: make(map[string][]int32, records), byToken: make(map[string][]int32, records/4),
			deletes: make(map[string][]int32, records)},
		records: make(map[string]int32, records),
		tokenID: make(map[string]int32, records/4),
	}
	if err := b.customers(ctx, db); err != nil {
		return nil, err
	}
	for _, src := range sources.Customer() {
		if src.People == nil {
			continue
		}
		if err := b.source(ctx, db, src); err != nil {
			return nil, err
		}
	}
	for k, v := range b.ix.byToken {
		b.ix.byToken[k] = dedupe(v)
	}
	for k, v := range b.ix.byEmail {
		b.ix.byEmail[k] = dedupe(v)
	}
	for k, v := range b.ix.byPhone {
		b.ix.byPhone[k] = dedupe(v)
	}
	return b.ix, nil
}

func dedupe(v []int32) []int32 {
	slices.Sort(v)
	return slices.Clip(slices.Compact(v))
}

func (b *indexBuilder) customers(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_serve.sql", "customers"))
	if err != nil {
		return fmt.Errorf("serve: index customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, src, key string
		if err := rows.Scan(&id, &src, &key); err != nil {
			return fmt.Errorf("serve: index customers: %w", err)
		}
		n, ok := b.ix.byCustomer[id]
		if !ok {
			n = int32(len(b.ix.customers))
			b.ix.customers = append(b.ix.customers, id)
			b.ix.byCustomer[id] = n
		}
		ref := stableid.Ref{Source: src, ID: key}.String()
		b.records[ref] = n
		b.ix.byRecord[strings.ToLower(ref)] = n
		b.ix.byRecord[strings.ToLower(key)] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return b.summaries(ctx, db)
}

// summaries keeps what a result shows of each customer, so a search needs
// no query: finding a few ids in a million-row table takes a scan.
func (b *indexBuilder) summaries(ctx context.Context, db *sql.DB) error {
	b.ix.summaries = make([]Summary, len(b.ix.customers))
	rows, err := db.QueryContext(ctx, c360sql.Query("read_serve.sql", "summaries"))
	if err != nil {
		return fmt.Errorf("serve: index customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var s Summary
		if err := rows.Scan(&id, &s.FullName, &s.Email, &s.Phone, &s.City, &s.State, &s.Records); err != nil {
			return fmt.Errorf("serve: index customers: %w", err)
		}
		if n, ok := b.ix.byCustomer[id]; ok {
			b.ix.summaries[n] = s
		}
	}
	return rows.Err()
}

// source indexes the names, e-mails and phones of one source's records.
func (b *indexBuilder) source(ctx context.Context, db *sql.DB, src sources.Source) error {
	mapping := make(transform.Mapping)
	fields := []string{src.Key}
	for _, a := range searchAttrs {
		if fs, ok := src.People[a]; ok {
			mapping[a] = fs
			fields = append(fields, fs...)
		}
	}
	cols := make([]string, len(fields))
	for i, f := range fields {
		cols[i] = "CAST(" + c360sql.QuoteIdent(f) + " AS VARCHAR)"
	}
	q := fmt.Sprintf("SELECT %s FROM %s", strings.Join(cols, ", "), c360sql.QuoteIdent(src.Table))
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("serve: index %s: %w", src.Name, err)
	}
	defer rows.Close()
	vals := make([]sql.NullString, len(fields))
	ptrs := make([]any, len(fields))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	at := make(map[string]int, len(fields))
	for i, f := range fields {
		at[f] = i
	}
	get := func(f string) string { return vals[at[f]].String }
	var n transform.Normalizer
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("serve: index %s: %w", src.Name, err)
		}
		num, ok := b.records[src.Name+":"+vals[0].String]
		if !ok {
			continue // a record the customer tables do not hold
		}
		p := n.Person(src.Name, vals[0].String, 0, mapping, get)
		b.person(&p, num)
	}
	return rows.Err()
}

func (b *indexBuilder) person(p *transform.Person, num int32) {
	ix := b.ix
	if p.Email.Norm() != "" {
		ix.byEmail[p.Email.Norm()] = append(ix.byEmail[p.Email.Norm()], num)
	}
	if p.PhoneDigits != "" {
		ix.byPhone[p.PhoneDigits] = append(ix.byPhone[p.PhoneDigits], num)
	}
	for _, v := range []transform.Value{p.Given, p.Surname, p.FullName} {
		if v.Status != transform.OK {
			continue
		}
		for _, t := range strings.Fields(v.Norm()) {
			b.token(t, num)
		}
	}
	if p.Given.Status == transform.OK {
		if formal := transform.Nickname(p.Given.Norm()); formal != p.Given.Norm() {
			b.token(formal, num)
		}
	}
}

func (b *indexBuilder) token(t string, num int32) {
	ix := b.ix
	ix.byToken[t] = append(ix.byToken[t], num)
	if _, ok := b.tokenID[t]; ok || len(t) < minTypoLength-1 {
		return
	}
	id := int32(len(ix.vocab))
	b.tokenID[t] = id
	ix.vocab = append(ix.vocab, t)
	ix.deletes[t] = append(ix.deletes[t], id)
	for _, d := range oneDeleted(t) {
		ix.deletes[d] = append(ix.deletes[d], id)
	}
}

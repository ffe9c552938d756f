// Package i18n holds every text c360 shows a person, in English and in
// Spanish, as two message catalogues (en.go and es.go) with the same keys.
//
// A Catalog looks texts up by key. Keys are grouped by a prefix:
//
//	report.*      titles and words of the printed CLI reports
//	col.*         column headings, shared by the CLI and the HTML report
//	html.*        words of the HTML report
//	chart.*       chart titles and axis labels
//	stage.*       deal stages as stored (stage.Qualify): today's here, as
//	              a fallback; the configured sales process, which the
//	              database holds, overrides them (see sales.Catalog, With)
//	status.*      task and Tech Check statuses as stored (status.overdue)
//	task.*        lead sequence step names as stored: overridden the same way
//	run_stage.*   the pipeline's own stage names (run_stage.match.score)
//	comparison.*  matching comparisons; level.* their level labels
//
// Values the database stores in English (a stage 'Qualify', a status
// 'overdue') are translated at display time with Value, which falls back
// to the stored text when the catalogue has no entry for it. Contoso calls
// opportunities Deals (Spanish: Ofertas); neither catalogue says otherwise.
package i18n

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Default is the language used when none is asked for.
const Default = "en"

// ErrUnknownLanguage means ForLang was asked for a language without a
// catalogue.
var ErrUnknownLanguage = errors.New("i18n: unknown language")

// Languages lists the languages that have a catalogue, Default first.
func Languages() []string { return []string{"en", "es"} }

// Catalog is one language's messages. It is read-only after ForLang and
// safe for concurrent use.
type Catalog struct {
	lang string
	msgs map[string]string
}

// ForLang returns the catalogue of lang, a language code such as "en" or
// "es". Case and a region suffix are ignored ("es-MX" is "es"); the empty
// string means Default. Any other language is an error wrapping
// ErrUnknownLanguage.
func ForLang(lang string) (*Catalog, error) {
	base := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	var msgs map[string]string
	switch base {
	case "", "en":
		base, msgs = "en", english()
	case "es":
		msgs = spanish()
	default:
		return nil, fmt.Errorf("%w %q (want one of %s)", ErrUnknownLanguage, lang, strings.Join(Languages(), ", "))
	}
	return &Catalog{lang: base, msgs: msgs}, nil
}

// English returns the Default catalogue; it cannot fail.
func English() *Catalog {
	return &Catalog{lang: "en", msgs: english()}
}

// Lang returns the catalogue's language code ("en", "es").
func (c *Catalog) Lang() string { return c.lang }

// T returns the message for key. A key the catalogue lacks comes back
// unchanged, so that a missing message shows, rather than an empty space;
// the tests keep both catalogues complete.
func (c *Catalog) T(key string) string {
	if m, ok := c.msgs[key]; ok {
		return m
	}
	return key
}

// Has reports whether the catalogue has a message for key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// Tf formats the message for key, a fmt format, with args.
func (c *Catalog) Tf(key string, args ...any) string {
	return fmt.Sprintf(c.T(key), args...)
}

// Value translates a value stored in English: the message for
// kind + "." + stored, or stored itself when there is none.
func (c *Catalog) Value(kind, stored string) string {
	if m, ok := c.msgs[kind+"."+stored]; ok {
		return m
	}
	return stored
}

// With returns a copy of the catalogue with msgs added, replacing any
// message of the same key; c itself is unchanged. Words that come from
// data rather than code, such as the configured sales process's stage
// names, join the catalogue this way.
func (c *Catalog) With(msgs map[string]string) *Catalog {
	out := &Catalog{lang: c.lang, msgs: make(map[string]string, len(c.msgs)+len(msgs))}
	for k, v := range c.msgs {
		out.msgs[k] = v
	}
	for k, v := range msgs {
		out.msgs[k] = v
	}
	return out
}

// Keys returns every key of the catalogue, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Number writes v with the given number of decimals, grouping thousands
// the language's way: 1,234.50 in English, 1.234,50 in Spanish.
func (c *Catalog) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	group := c.T("number.group")
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(c.T("number.decimal"))
		b.WriteString(frac)
	}
	return b.String()
}

// Int writes n with grouped thousands.
func (c *Catalog) Int(n int64) string { return c.Number(float64(n), 0) }

// Percent writes share (0.25 for 25%) as a percentage with decimals.
func (c *Catalog) Percent(share float64, decimals int) string {
	return c.Tf("number.percent", c.Number(share*100, decimals))
}

// Money writes an amount in dollars with cents.
func (c *Catalog) Money(v float64) string {
	return c.Tf("number.money", c.Number(v, 2))
}

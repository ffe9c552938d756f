package i18n

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/contoso/c360/matching/spec"
)

func catalogues(t *testing.T) map[string]*Catalog {
	t.Helper()
	out := make(map[string]*Catalog)
	for _, lang := range Languages() {
		c, err := ForLang(lang)
		if err != nil {
			t.Fatalf("ForLang(%q): %v", lang, err)
		}
		out[lang] = c
	}
	return out
}

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	cats := catalogues(t)
	en := cats["en"].Keys()
	for lang, c := range cats {
		keys := c.Keys()
		for _, k := range en {
			if !c.Has(k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
		for _, k := range keys {
			if !slices.Contains(en, k) {
				t.Errorf("%s has %q, which en lacks", lang, k)
			}
		}
	}
}

func TestNoEmptyMessage(t *testing.T) {
	for lang, c := range catalogues(t) {
		for _, k := range c.Keys() {
			if strings.TrimSpace(c.T(k)) == "" {
				t.Errorf("%s: %q is empty", lang, k)
			}
		}
	}
}

// TestFormatsAgree checks that a message with fmt verbs has the same verbs,
// in the same order, in every language, so Tf never prints %!(EXTRA...).
func TestFormatsAgree(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)
	cats := catalogues(t)
	for _, k := range cats["en"].Keys() {
		want := verb.FindAllString(cats["en"].T(k), -1)
		for lang, c := range cats {
			if got := verb.FindAllString(c.T(k), -1); !slices.Equal(got, want) {
				t.Errorf("%s %q has verbs %v, en has %v", lang, k, got, want)
			}
		}
	}
}

// TestSaysDeals: Contoso's word is Deal (Oferta), in every message and key.
func TestSaysDeals(t *testing.T) {
	banned := []string{"opportunit", "oportunidad"}
	for lang, c := range catalogues(t) {
		for _, k := range c.Keys() {
			text := strings.ToLower(k + " " + c.T(k))
			for _, b := range banned {
				if strings.Contains(text, b) {
					t.Errorf("%s %q = %q says %q", lang, k, c.T(k), b)
				}
			}
		}
	}
}

func TestSpanishWords(t *testing.T) {
	es, err := ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	// Stage names come from the configured sales process, through With;
	// today's are the fallback.
	withProcess := es.With(map[string]string{"stage.Qualify": "Calificar", "stage.Negotiate": "Negociar"})
	tests := []struct {
		cat                *Catalog
		kind, stored, want string
	}{
		{es, "status", "overdue", "vencida"},
		{withProcess, "status", "overdue", "vencida"},
		{withProcess, "stage", "Qualify", "Calificar"},
		{withProcess, "stage", "Negotiate", "Negociar"},
		{es, "stage", "Negotiate", "Negotiate"}, // unknown values pass through; With left es alone
		{es, "stage", "Close", "Cierre"},        // today's stages are the fallback
	}
	for _, tc := range tests {
		if got := tc.cat.Value(tc.kind, tc.stored); got != tc.want {
			t.Errorf("Value(%q, %q) = %q, want %q", tc.kind, tc.stored, got, tc.want)
		}
	}
	if withProcess.Lang() != "es" {
		t.Errorf("With changed the language to %q", withProcess.Lang())
	}
	if got := es.T("col.open_deals"); got != "Ofertas abiertas" {
		t.Errorf("col.open_deals = %q", got)
	}
}

// TestEveryModelLevelHasALabel: the HTML report shows the default model's
// level labels; each must be in the catalogues.
func TestEveryModelLevelHasALabel(t *testing.T) {
	cats := catalogues(t)
	for _, comp := range spec.Default().Comparisons {
		for lang, c := range cats {
			if !c.Has("comparison." + comp.Name) {
				t.Errorf("%s lacks comparison.%s", lang, comp.Name)
			}
			for _, l := range comp.Levels {
				if !c.Has("level." + l.Label) {
					t.Errorf("%s lacks level.%s", lang, l.Label)
				}
			}
		}
	}
	if got := cats["en"].Value("level", "given names equal"); got != "given names equal" {
		t.Errorf("en level label = %q", got)
	}
}

func TestForLang(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"", "en", nil},
		{"en", "en", nil},
		{"ES", "es", nil},
		{"es-MX", "es", nil},
		{"es_US", "es", nil},
		{"fr", "", ErrUnknownLanguage},
		{"e", "", ErrUnknownLanguage},
	}
	for _, tc := range tests {
		c, err := ForLang(tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("ForLang(%q) error %v, want %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && c.Lang() != tc.want {
			t.Errorf("ForLang(%q).Lang() = %q, want %q", tc.in, c.Lang(), tc.want)
		}
	}
}

func TestTMissingKeyShows(t *testing.T) {
	if got := English().T("no.such.key"); got != "no.such.key" {
		t.Errorf("T(missing) = %q", got)
	}
	if English().Has("no.such.key") {
		t.Error("Has(missing) = true")
	}
}

func TestNumbers(t *testing.T) {
	en := English()
	european := &Catalog{lang: "xx", msgs: map[string]string{
		"number.decimal": ",", "number.group": ".", "number.percent": "%s %%", "number.money": "%s €",
	}}
	tests := []struct {
		c        *Catalog
		v        float64
		decimals int
		want     string
	}{
		{en, 0, 0, "0"},
		{en, 999, 0, "999"},
		{en, 1000, 0, "1,000"},
		{en, 1234567.891, 2, "1,234,567.89"},
		{en, -1234.5, 1, "-1,234.5"},
		{en, -0.001, 2, "0.00"},
		{en, 100000, 0, "100,000"},
		{european, 1234567.891, 2, "1.234.567,89"},
		{european, 12.6, 0, "13"},
	}
	for _, tc := range tests {
		if got := tc.c.Number(tc.v, tc.decimals); got != tc.want {
			t.Errorf("%s Number(%v, %d) = %q, want %q", tc.c.lang, tc.v, tc.decimals, got, tc.want)
		}
	}
	if got := en.Money(20000); got != "$20,000.00" {
		t.Errorf("Money = %q", got)
	}
	if got := european.Percent(0.4321, 1); got != "43,2 %" {
		t.Errorf("Percent = %q", got)
	}
	if got := en.Int(1234); got != "1,234" {
		t.Errorf("Int = %q", got)
	}
}

package spec

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contoso/c360/transform"
)

// declaredKinds returns the values of the Kind constants in kinds.go, read
// from the source so that a constant missing from Kinds is caught.
func declaredKinds(t *testing.T) []Kind {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "kinds.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Kind
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Kind" {
				continue
			}
			for _, e := range v.Values {
				s, err := strconv.Unquote(e.(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, Kind(s))
			}
		}
	}
	return out
}

func TestKindsListsEveryKindOnce(t *testing.T) {
	declared := declaredKinds(t)
	if len(declared) < 20 {
		t.Fatalf("found %d Kind constants in kinds.go; the parse is wrong", len(declared))
	}
	var listed []Kind
	for _, i := range Kinds() {
		listed = append(listed, i.Kind)
		if i.Meaning == "" {
			t.Errorf("kind %q has no meaning", i.Kind)
		}
	}
	if !slices.Equal(listed, declared) {
		t.Errorf("Kinds lists %v,\nthe constants are %v", listed, declared)
	}
}

// TestEveryKindValidates walks every kind: a level of it on an attribute
// it allows, with a good threshold, is valid, and one on an attribute it
// does not allow, or with a bad threshold, is not.
func TestEveryKindValidates(t *testing.T) {
	good := map[Threshold]float64{NoThreshold: 0, Similarity: 0.9, EditDistance: 2, Distance: 3}
	bad := map[Threshold]float64{Similarity: 1.5, EditDistance: 9, Distance: -1}
	for _, info := range Kinds() {
		if info.Kind == Missing || info.Kind == Else || info.HouseholdOnly {
			continue // placed by the comparison's shape; see TestValidate
		}
		attr := transform.Phone
		if info.Attrs != nil {
			attr = info.Attrs[0]
		}
		m := Default()
		c := &m.Comparisons[0]
		c.Attr, c.Shared = attr, false
		c.Levels = []Level{{Kind: Missing, Label: "m"}, {Kind: info.Kind, Threshold: good[info.Threshold], Label: "k"}, {Kind: Else, Label: "e"}}
		if err := m.Validate(); err != nil {
			t.Errorf("%s on %s: %v", info.Kind, attr, err)
		}
		if b, ok := bad[info.Threshold]; ok {
			c.Levels[1].Threshold = b
			if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "threshold") {
				t.Errorf("%s with threshold %v: err %v, want a threshold error", info.Kind, b, err)
			}
			c.Levels[1].Threshold = good[info.Threshold]
		}
		if info.Attrs != nil {
			c.Attr = transform.Phone
			if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "only for "+string(info.Attrs[0])) {
				t.Errorf("%s on phone: err %v, want only for %s", info.Kind, err, info.Attrs[0])
			}
		}
	}
	if _, ok := Info("soundslike"); ok {
		t.Error("Info knows a kind that is not in Kinds")
	}
}

package transform

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

func TestNickname(t *testing.T) {
	tests := []struct {
		given, want string
	}{
		{"bill", "william"},
		{"Will", "william"},
		{"BILLY", "william"},
		{"liz", "elizabeth"},
		{"Beth", "elizabeth"},
		{"betty", "elizabeth"},
		{"eliza", "elizabeth"},
		{"bob", "robert"},
		{"Rob", "robert"},
		{"bobby", "robert"},
		{"abbie", "abigail"}, // Contoso's Abbie Moss
		{"kenny", "kenneth"},
		{"tony", "anthony"},
		{"mike", "michael"},
		{"peggy", "margaret"},
		{"steven", "stephen"},
		{"kathryn", "katherine"},
		{"Jack", "john"},
		// Identity for formal and unknown names, folded.
		{"william", "william"},
		{"Kenneth", "kenneth"},
		{"Beraun", "beraun"},
		{"José", "jose"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Nickname(tt.given); got != tt.want {
			t.Errorf("Nickname(%q) = %q, want %q", tt.given, got, tt.want)
		}
	}
}

// TestNicknameTable checks the table as a whole, read from nickname.go: it
// must have at least 150 nicknames, each mapping to a different, formal
// name that is itself not a nickname (so Nickname is idempotent), and every
// entry must be folded, or it could never be looked up.
func TestNicknameTable(t *testing.T) {
	entries := nicknameEntries(t)
	if len(entries) < 150 {
		t.Errorf("nickname table has %d entries, want at least 150", len(entries))
	}
	for nick, formal := range entries {
		if Fold(nick) != nick {
			t.Errorf("nickname %q is not folded", nick)
		}
		if got := Nickname(nick); got != formal {
			t.Errorf("Nickname(%q) = %q, want the table's %q", nick, got, formal)
		}
		if formal == nick {
			t.Errorf("nickname %q maps to itself", nick)
		}
		if again := Nickname(formal); again != formal {
			t.Errorf("formal name %q of %q is itself a nickname for %q", formal, nick, again)
		}
	}
}

// nicknameEntries parses canonicalGiven's switch into nickname -> formal name.
func nicknameEntries(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "nickname.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	entries := make(map[string]string)
	ast.Inspect(f, func(n ast.Node) bool {
		cc, ok := n.(*ast.CaseClause)
		if !ok || len(cc.Body) != 1 {
			return true
		}
		ret, ok := cc.Body[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return true
		}
		formal := unquote(t, ret.Results[0])
		for _, e := range cc.List {
			entries[unquote(t, e)] = formal
		}
		return true
	})
	return entries
}

func unquote(t *testing.T, e ast.Expr) string {
	t.Helper()
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("nickname table: %T is not a string literal", e)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

package sql

import "testing"

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, ident, literal string }{
		{`name`, `"name"`, `'name'`},
		{`a"b`, `"a""b"`, `'a"b'`},
		{`O'Brien`, `"O'Brien"`, `'O''Brien'`},
		{``, `""`, `''`},
	} {
		if got := QuoteIdent(tc.in); got != tc.ident {
			t.Errorf("QuoteIdent(%q) = %s, want %s", tc.in, got, tc.ident)
		}
		if got := QuoteLiteral(tc.in); got != tc.literal {
			t.Errorf("QuoteLiteral(%q) = %s, want %s", tc.in, got, tc.literal)
		}
	}
}

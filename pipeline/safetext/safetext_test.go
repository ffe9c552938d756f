package safetext

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain é", "plain é"},
		{"Clo\xe9se", `Clo\xe9se`},
		{"a\x00b", `a\x00b`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zoë, 12", "Zoë, 12"},
		{"x\n{\"level\":\"INFO\",\"msg\":\"forged\"}", `x\n{"level":"INFO","msg":"forged"}`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"a\u202eb\u2028c\rd\u0085", `a\u202eb\u2028c\rd\u0085`},
		{"bad\xff", `bad\xff`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

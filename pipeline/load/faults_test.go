package load

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// sampleLines reads a file of the bundled sample as lines, newlines kept.
func sampleLines(t testing.TB, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(data), "\n")
}

// checkAccounting fails t unless acct adds up to content.
func checkAccounting(t *testing.T, content string, acct Accounting) {
	t.Helper()
	lines := int64(strings.Count(content, "\n"))
	if content != "" && !strings.HasSuffix(content, "\n") {
		lines++
	}
	if acct.File != (Span{int64(len(content)), lines}) {
		t.Errorf("file span = %+v, want %d bytes %d lines", acct.File, len(content), lines)
	}
	if err := acct.Check(int64(len(content))); err != nil {
		t.Error(err)
	}
}

// A stray quote in the middle of the real contacts layout loses one line,
// not the rest of the file (issue 10, case 1).
func TestFileStrayQuoteLosesOneLine(t *testing.T) {
	lines := sampleLines(t, "contacts.csv")
	src := sources.Contacts()
	clean, err := File(context.Background(), openDB(t), Input{Source: src, Path: writeFile(t, strings.Join(lines, "")), Name: "contacts.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := clean.Loaded
	at := len(lines) / 2 // a data line well inside the file
	fields := strings.Split(lines[at], ",")
	fields[2] = `"` + fields[2] // an opening quote that never closes
	lines[at] = strings.Join(fields, ",")
	content := strings.Join(lines, "")

	conn := openDB(t)
	res, err := File(context.Background(), conn, Input{Source: src, Path: writeFile(t, content), Name: "contacts.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != rows || res.Loaded != rows-1 || len(res.Rejects) != 1 {
		t.Fatalf("read %d loaded %d rejected %d, want %d, %d, 1", res.Read, res.Loaded, len(res.Rejects), rows, rows-1)
	}
	rej := res.Rejects[0]
	if rej.Line != at+1 || !errors.Is(rej, ErrStrayQuote) || rej.Raw != strings.TrimRight(lines[at], "\n") {
		t.Errorf("reject = line %d %v raw %q, want line %d, a stray quote", rej.Line, rej.Err, rej.Raw, at+1)
	}
	if rej.Position != len(fields[0])+len(fields[1])+3 {
		t.Errorf("position = %d, want the quote's column %d", rej.Position, len(fields[0])+len(fields[1])+3)
	}
	checkAccounting(t, content, res.Accounting)
	if got := res.Accounting.Rejected; got != (Span{int64(len(lines[at])), 1}) {
		t.Errorf("rejected span = %+v, want the one line", got)
	}
}

func TestFileAccounting(t *testing.T) {
	const header = "Id,Name,Born,Spend,Visits,Stage\n"
	good := "1,Ann,3/7/1980,1,1,Close\n"
	rest := "3,x,3/7/1980,1,1,Close\n5,y,3/7/1980,1,1,Close\n6,z,3/7/1980,1,1,Close\n7,w,3/7/1980,1,1,Close\n8,v,3/7/1980,1,1,Close\n"
	tests := []struct {
		name     string
		content  string
		loaded   Span
		rejected Span
		errs     []error
	}{
		{"blank lines", header + "\n" + good + "\r\n\n", Span{int64(len(good)), 1}, Span{}, nil},
		{"no final newline", header + strings.TrimSuffix(good, "\n"), Span{int64(len(good) - 1), 1}, Span{}, nil},
		{"quoted newline within bounds", header + "1,\"Ann\r\nB\",3/7/1980,1,1,Close\r\n", Span{int64(len("1,\"Ann\r\nB\",3/7/1980,1,1,Close\r\n")), 2}, Span{}, nil},
		{"stray quote at the end", header + good + "2,\"Bob,3/7/1980,1,1,Close\n", Span{int64(len(good)), 1}, Span{int64(len("2,\"Bob,3/7/1980,1,1,Close\n")), 1}, []error{ErrStrayQuote}},
		{"stray quote past the line bound", header + "2,\"Bob,3/7/1980,1,1,Close\n" + rest, Span{int64(len(rest)), 5},
			Span{int64(len("2,\"Bob,3/7/1980,1,1,Close\n")), 1}, []error{ErrStrayQuote}},
		{"bare quote", header + "1,A\"nn,3/7/1980,1,1,Close\n" + strings.Replace(good, "1,", "2,", 1), Span{int64(len(good)), 1}, Span{int64(len("1,A\"nn,3/7/1980,1,1,Close\n")), 1}, []error{ErrBareQuote}},
		{"text after a closing quote", header + "1,\"A\"x,3/7/1980,1,1,Close\n", Span{}, Span{int64(len("1,\"A\"x,3/7/1980,1,1,Close\n")), 1}, []error{ErrQuote}},
		{"a closed quote two lines on is one bad record", header + "1,\"A,3/7/1980\n2,B\",1,1,Close\n", Span{},
			Span{int64(len("1,\"A,3/7/1980\n2,B\",1,1,Close\n")), 2}, []error{ErrFields}},
		{"BOM", "\xef\xbb\xbf" + header + good, Span{int64(len(good)), 1}, Span{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadString(t, openDB(t), tt.content, Options{MaxQuotedLines: 3})
			checkAccounting(t, tt.content, res.Accounting)
			if res.Accounting.Loaded != tt.loaded || res.Accounting.Rejected != tt.rejected {
				t.Errorf("loaded %+v rejected %+v, want %+v and %+v", res.Accounting.Loaded, res.Accounting.Rejected, tt.loaded, tt.rejected)
			}
			var errs []error
			for i, r := range res.Rejects {
				if i < len(tt.errs) && !errors.Is(r, tt.errs[i]) {
					t.Errorf("reject %d = %v, want %v", i, r, tt.errs[i])
				}
				errs = append(errs, r)
			}
			if len(errs) != len(tt.errs) {
				t.Errorf("rejects = %v, want %d", errs, len(tt.errs))
			}
		})
	}
}

// A quoted field may hold no more than MaxQuotedBytes over line ends.
func TestFileQuotedByteBound(t *testing.T) {
	long := strings.Repeat("x", 100)
	content := "Id,Name,Born,Spend,Visits,Stage\n1,\"" + long + "\n" + long + "\",3/7/1980,1,1,Close\n2,B,3/7/1980,1,1,Close\n"
	for _, tt := range []struct {
		max     int
		rejects int
	}{{1000, 0}, {150, 2}} {
		res := loadString(t, openDB(t), content, Options{MaxQuotedBytes: tt.max})
		if len(res.Rejects) != tt.rejects {
			t.Errorf("MaxQuotedBytes %d: rejects %v, want %d", tt.max, res.Rejects, tt.rejects)
		}
		checkAccounting(t, content, res.Accounting)
	}
}

func TestFileLongLine(t *testing.T) {
	content := "Id,Name,Born,Spend,Visits,Stage\n1," + strings.Repeat("n", maxLineBytes+10) + ",3/7/1980,1,1,Close\n2,B,3/7/1980,1,1,Close\n"
	res := loadString(t, openDB(t), content, Options{})
	if res.Loaded != 1 || len(res.Rejects) != 1 || !errors.Is(res.Rejects[0], ErrLineLength) {
		t.Fatalf("loaded %d rejects %v", res.Loaded, res.Rejects)
	}
	checkAccounting(t, content, res.Accounting)
}

func TestFileEncodings(t *testing.T) {
	utf16 := func(s string, big bool) string {
		var b bytes.Buffer
		if big {
			b.WriteString("\xfe\xff")
		} else {
			b.WriteString("\xff\xfe")
		}
		for _, r := range s {
			if big {
				b.WriteByte(byte(r >> 8))
				b.WriteByte(byte(r))
			} else {
				b.WriteByte(byte(r))
				b.WriteByte(byte(r >> 8))
			}
		}
		return b.String()
	}
	text := "Id,Name,Born,Spend,Visits,Stage\r\n1,Zoë €,3/7/1980,1,1,Close\r\n"
	tests := []struct {
		name, encoding, content, want string
	}{
		{"latin1", Latin1, "Id,Name,Born,Spend,Visits,Stage\n1,Zo\xeb,3/7/1980,1,1,Close\n", "Zoë"},
		{"windows-1252", Windows1252, "Id,Name,Born,Spend,Visits,Stage\n1,Zo\xeb \x80,3/7/1980,1,1,Close\n", "Zoë €"},
		{"utf-16le with BOM, undeclared", "", utf16(text, false), "Zoë €"},
		{"utf-16be with BOM, declared", UTF16, utf16(text, true), "Zoë €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := openDB(t)
			res, err := File(context.Background(), conn, Input{Source: people, Path: writeFile(t, tt.content), Name: "people.csv", Encoding: tt.encoding}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Loaded != 1 || len(res.Rejects) != 0 {
				t.Fatalf("loaded %d rejects %v", res.Loaded, res.Rejects)
			}
			if got := queryStrings(t, conn, "SELECT name FROM people"); !reflect.DeepEqual(got, []string{tt.want}) {
				t.Errorf("name = %q, want %q", got, tt.want)
			}
			if err := res.Accounting.Check(int64(len(tt.content))); err != nil {
				t.Error(err)
			}
			if res.Accounting.File.Lines != 2 {
				t.Errorf("lines = %d, want 2", res.Accounting.File.Lines)
			}
		})
	}
	if _, err := File(context.Background(), openDB(t), Input{Source: people, Path: writeFile(t, text), Name: "people.csv", Encoding: "ebcdic"}, Options{}); err == nil {
		t.Error("an unknown encoding must fail")
	}
}

// Every value the loader accepts is one later stages accept (issue 10, cases 4 and 7).
func TestFileStrictValues(t *testing.T) {
	tests := []struct {
		name, row string
		column    string
		err       error
	}{
		{"decimal comma", `1,A,3/7/1980,"12,50",1,Close`, "Spend", ErrMoney},
		{"stray commas", `1,A,3/7/1980,"1,2,3",1,Close`, "Spend", ErrMoney},
		{"too much money", `1,A,3/7/1980,9999999999999999.99,1,Close`, "Spend", ErrRange},
		{"a count whose sum overflows", `1,A,3/7/1980,1,9000000000000000000,Close`, "Visits", ErrRange},
		{"date with trailing words", `1,A,1/1/2020 banana,1,1,Close`, "Born", ErrDate},
		{"date with a bad time", `1,A,2020-01-01Tgarbage,1,1,Close`, "Born", ErrDate},
		{"year 1", `1,A,0001-01-01,1,1,Close`, "Born", ErrWindow},
		{"year 9999", `1,A,9999-12-31,1,1,Close`, "Born", ErrWindow},
		{"NUL in the key", "1\x00,A,3/7/1980,1,1,Close", "Id", ErrNUL},
		{"NUL in text", "1,A\x00B,3/7/1980,1,1,Close", "Name", ErrNUL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadString(t, openDB(t), "Id,Name,Born,Spend,Visits,Stage\n"+tt.row+"\n", Options{})
			if len(res.Rejects) != 1 {
				t.Fatalf("loaded %d, rejects %v; want one reject", res.Loaded, res.Rejects)
			}
			r := res.Rejects[0]
			if r.Line != 2 || r.Column != tt.column || r.Position == 0 || !errors.Is(r, tt.err) {
				t.Errorf("reject = line %d column %q (%d) %v; want line 2 column %s: %v", r.Line, r.Column, r.Position, r.Err, tt.column, tt.err)
			}
		})
	}
	for _, ok := range []string{`1,A,3/7/1980,"1,234,567.50",1,Close`, `1,A,2020-01-01T10:00:00Z,999999999.99,1,Close`, `1,A,1/1/2020 10:00,1,1,Close`} {
		if res := loadString(t, openDB(t), "Id,Name,Born,Spend,Visits,Stage\n"+ok+"\n", Options{}); res.Loaded != 1 {
			t.Errorf("%s: rejects %v, want it loaded", ok, res.Rejects)
		}
	}
}

func TestFileBirthDateWindow(t *testing.T) {
	src := people
	src.People = map[transform.Attr][]string{transform.BirthDate: {"born"}}
	path := writeFile(t, "Id,Name,Born,Spend,Visits,Stage\n1,A,1899-12-31,1,1,Close\n2,B,1990-01-01,1,1,Close\n")
	w := Window{Earliest: DefaultDates().Earliest.AddDate(50, 0, 0), Latest: DefaultDates().Latest}
	res, err := File(context.Background(), openDB(t), Input{Source: src, Path: path, Name: "people.csv"}, Options{BirthDates: w})
	if err != nil {
		t.Fatal(err)
	}
	if res.Loaded != 1 || len(res.Rejects) != 1 || !errors.Is(res.Rejects[0], ErrWindow) {
		t.Errorf("loaded %d rejects %v", res.Loaded, res.Rejects)
	}
}

func TestParseFloatIsDecimal(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{{"48584.49765275619", true}, {"-1e3", true}, {"0x1p3", false}, {"1_000", false}, {"NaN", false}, {"Inf", false}, {"1,5", false}} {
		if _, err := parseFloat(tt.in); (err == nil) != tt.ok {
			t.Errorf("parseFloat(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}

package load

import (
	"strings"
	"testing"
)

// splitDate splits as strings.Split does, for dates well and badly formed.
func TestSplitDateIsSplit(t *testing.T) {
	oracle := func(s string) (y, m, d int, ok bool) {
		if p := strings.Split(s, "-"); len(p) == 3 && len(p[0]) == 4 {
			y, ok1 := atoiDigits(p[0], 4, 4)
			m, ok2 := atoiDigits(p[1], 1, 2)
			d, ok3 := atoiDigits(p[2], 1, 2)
			return y, m, d, ok1 && ok2 && ok3
		}
		if p := strings.Split(s, "/"); len(p) == 3 && len(p[2]) == 4 {
			m, ok1 := atoiDigits(p[0], 1, 2)
			d, ok2 := atoiDigits(p[1], 1, 2)
			y, ok3 := atoiDigits(p[2], 4, 4)
			return y, m, d, ok1 && ok2 && ok3
		}
		return 0, 0, 0, false
	}
	for _, s := range []string{"2026-11-27", "2026-1-2", "1/2/2026", "12/31/1999", "", "-", "--", "2026--27", "2026-11-27-", "-2026-11-27",
		"2026-11", "1/2/3/2026", "1//2026", "2026/11/27", "11-27-2026", "2026-11-27/1/2", "1/2/2026-", "20261127", "2026-1a-02", "/1/2026"} {
		y, m, d, ok := splitDate(s)
		wy, wm, wd, wok := oracle(s)
		if y != wy || m != wm || d != wd || ok != wok {
			t.Errorf("splitDate(%q) = %d %d %d %v, want %d %d %d %v", s, y, m, d, ok, wy, wm, wd, wok)
		}
	}
}

package compare

// String similarity on lower-case ASCII (the normalizers fold accents
// first). None of these allocate for strings up to maxLen bytes; longer
// strings are compared on their first maxLen bytes.

const maxLen = 256

// JaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1]:
// the Jaro similarity boosted by up to four shared leading characters
// (scale 0.1) when it exceeds 0.7.
func JaroWinkler(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0
	for p < 4 && p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

// jaroWinklerBound returns an upper bound of JaroWinkler for two values
// with sketches sa and sb, from their byte counts alone: no more
// characters can match than the two values share, transpositions only
// lower the score, and the shared prefix is read from the sketches.
// Unrelated values are ruled out without touching their bytes.
func jaroWinklerBound(sa, sb sketch) float64 {
	if sa.saturated() || sb.saturated() {
		return 1
	}
	la, lb := sa.len(), sb.len()
	if la == 0 || lb == 0 {
		return 0
	}
	m := float64(sa.shared(sb))
	if m == 0 {
		return 0
	}
	j := (m/float64(la) + m/float64(lb) + 1) / 3
	if j <= 0.7 {
		return j
	}
	p := sa.commonPrefix(sb)
	return j + float64(p)*0.1*(1-j)
}

func jaro(a, b string) float64 {
	if len(a) > maxLen {
		a = a[:maxLen]
	}
	if len(b) > maxLen {
		b = b[:maxLen]
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	var fa, fb [maxLen / 64]uint64
	common := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb-1, i+window)
		for j := lo; j <= hi; j++ {
			if fb[j>>6]&(1<<(j&63)) == 0 && a[i] == b[j] {
				fa[i>>6] |= 1 << (i & 63)
				fb[j>>6] |= 1 << (j & 63)
				common++
				break
			}
		}
	}
	if common == 0 {
		return 0
	}
	trans, k := 0, 0
	for i := 0; i < la; i++ {
		if fa[i>>6]&(1<<(i&63)) == 0 {
			continue
		}
		for fb[k>>6]&(1<<(k&63)) == 0 {
			k++
		}
		if a[i] != b[k] {
			trans++
		}
		k++
	}
	m := float64(common)
	return (m/float64(la) + m/float64(lb) + (m-float64(trans/2))/m) / 3
}

// Levenshtein returns the edit distance between a and b, or limit+1 when
// it exceeds limit (the search stops early).
func Levenshtein(a, b string, limit int) int {
	if len(a) > maxLen {
		a = a[:maxLen]
	}
	if len(b) > maxLen {
		b = b[:maxLen]
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > limit {
		return limit + 1
	}
	var small [33]int32
	var row []int32
	if len(b) < len(small) {
		row = small[:len(b)+1]
	} else {
		var large [maxLen + 1]int32
		row = large[:len(b)+1]
	}
	for j := range row {
		row[j] = int32(j)
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = int32(i)
		best := row[0]
		for j := 1; j <= len(b); j++ {
			cost := int32(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(row[j]+1, row[j-1]+1, diag+cost)
			diag = row[j]
			row[j] = v
			best = min(best, v)
		}
		if int(best) > limit {
			return limit + 1
		}
	}
	if d := int(row[len(b)]); d <= limit {
		return d
	}
	return limit + 1
}

// OneSlip reports whether a and b, of equal length, differ by exactly one
// substituted character or one swap of two adjacent characters: the usual
// slips when a number is typed.
func OneSlip(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if a[i+1:] == b[i+1:] {
		return true // one substitution
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// TokenJaccard returns |A∩B| / |A∪B| for the sets of space-separated words
// of a and b. Repeated words count once.
func TokenJaccard(a, b string) float64 {
	na, nb := countDistinct(a), countDistinct(b)
	if na == 0 || nb == 0 {
		return 0
	}
	shared := 0
	for i, w := 0, ""; ; {
		w, i = nextToken(a, i)
		if w == "" {
			break
		}
		if firstOccurrence(a, w, i) && containsToken(b, w) {
			shared++
		}
	}
	return float64(shared) / float64(na+nb-shared)
}

// FirstToken returns the first space-separated word of s.
func FirstToken(s string) string {
	w, _ := nextToken(s, 0)
	return w
}

// nextToken returns the word starting at or after i and the index after it.
func nextToken(s string, i int) (string, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' {
		j++
	}
	return s[i:j], j
}

// firstOccurrence reports whether the word w ending at end is its first
// occurrence in s.
func firstOccurrence(s, w string, end int) bool {
	start := end - len(w)
	for i := 0; ; {
		var t string
		t, i = nextToken(s, i)
		if t == "" || i > start {
			return true
		}
		if t == w {
			return false
		}
	}
}

func containsToken(s, w string) bool {
	for i := 0; ; {
		var t string
		t, i = nextToken(s, i)
		if t == "" {
			return false
		}
		if t == w {
			return true
		}
	}
}

func countDistinct(s string) int {
	n := 0
	for i := 0; ; {
		var t string
		t, i = nextToken(s, i)
		if t == "" {
			return n
		}
		if firstOccurrence(s, t, i) {
			n++
		}
	}
}

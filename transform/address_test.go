package transform

import "testing"

func TestNormalizePostcode(t *testing.T) {
	tests := []struct {
		raw, country string
		want         string
		st           Status
	}{
		// United States.
		{"10753", "USA", "10753", OK},
		{"90210-1234", "USA", "90210", OK},
		{"90210 1234", "United States", "90210", OK},
		{"902101234", "US", "90210", OK},
		{"2134", "USA", "02134", OK}, // Boston, zero lost in a spreadsheet
		{"501", "U.S.A.", "00501", OK},
		{"12", "USA", "", Invalid},
		{"1234567", "USA", "", Invalid},
		{"M9B 6B9", "USA", "", Invalid},
		// Unknown country: only the ZIP+4 shape is cut.
		{"90210-1234", "", "90210", OK},
		{"2776", "", "2776", OK}, // FEBRL, Australian: kept as is
		{"0800", "", "0800", OK},
		// Elsewhere.
		{"M9B 6B9", "Canada", "m9b6b9", OK},
		{"M9B9B9", "Canada", "m9b9b9", OK},
		{"TQ13 8DF", "United Kingdom", "tq138df", OK},
		{"2776", "Australia", "2776", OK},
		{"90210-1234", "Canada", "902101234", OK},
		// Blank and junk.
		{"", "USA", "", Empty},
		{" ", "", "", Empty},
		{"--", "USA", "", Invalid},
	}
	for _, tt := range tests {
		got, st := NormalizePostcode(tt.raw, tt.country)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizePostcode(%q, %q) = %q, %v; want %q, %v", tt.raw, tt.country, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeStreet(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		st   Status
	}{
		// Contoso.
		{"129 Miller Plaza", "129 miller plaza", OK},
		{"3958 Perez Centers Suite 216", "3958 perez centers suite 216", OK},
		{"85 Mary Street Apt. 766", "85 mary street apartment 766", OK},
		{"15091 Haynes Neck", "15091 haynes neck", OK},
		// Abbreviations.
		{"123 Main St.", "123 main street", OK},
		{"123 Main Str", "123 main street", OK},
		{"123 MAIN ST APT 4", "123 main street apartment 4", OK},
		{"123 Main St #4", "123 main street apartment 4", OK},
		{"123 Main St, #4B", "123 main street apartment 4b", OK},
		{"9 Elm Ave", "9 elm avenue", OK},
		{"9 Elm Av.", "9 elm avenue", OK},
		{"77 Sunset Blvd Ste 300", "77 sunset boulevard suite 300", OK},
		{"4 Oak Rd", "4 oak road", OK},
		{"4 Oak Dr", "4 oak drive", OK},
		{"1 N Main St", "1 north main street", OK},
		{"1 Main St SW", "1 main street southwest", OK},
		{"500 E. Pkwy, Fl 2", "500 east parkway floor 2", OK},
		{"12 Apt E Elm Ct", "12 apartment e elm court", OK}, // unit letter, not a direction
		// Saint or street.
		{"12 St James Pl", "12 saint james place", OK},
		{"St. Andrews Rd", "saint andrews road", OK},
		{"12 Main St Apt 4", "12 main street apartment 4", OK},
		{"12 St Apt 4", "12 street apartment 4", OK},
		// FEBRL: number, address_1 and address_2 joined.
		{"6 tullaroop street willaroo", "6 tullaroop street willaroo", OK},
		{"48 goldfinch circuit kooltuo", "48 goldfinch circuit kooltuo", OK},
		{"12 jarrah cct rose vlge", "12 jarrah circuit rose village", OK},
		// Blank.
		{"", "", Empty},
		{"#", "apartment", OK},
		{"--", "", Invalid},
	}
	for _, tt := range tests {
		got, st := NormalizeStreet(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeStreet(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeCity(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		st   Status
	}{
		{"Fairfield", "fairfield", OK},
		{"Saint Paul", "saint paul", OK},
		{"St. Paul", "saint paul", OK},
		{"st james", "saint james", OK}, // FEBRL suburb
		{"Ft Worth", "fort worth", OK},
		{"Mt. Vernon", "mount vernon", OK},
		{"N Las Vegas", "north las vegas", OK},
		{"West Covina", "west covina", OK},
		{"Coeur d'Alene", "coeur dalene", OK},
		{"Cañon City", "canon city", OK},
		{"", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeCity(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeCity(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeState(t *testing.T) {
	tests := []struct {
		raw, country string
		want         string
		st           Status
	}{
		{"California", "USA", "ca", OK},
		{"CA", "USA", "ca", OK},
		{"Texas", "USA", "tx", OK},
		{"North Carolina", "USA", "nc", OK},
		{"District of Columbia", "USA", "dc", OK},
		{"Washington", "USA", "wa", OK},
		{"West Virginia", "USA", "wv", OK},
		{"Puerto Rico", "USA", "pr", OK},
		{"Calif.", "USA", "ca", OK},
		{"new york", "", "ny", OK}, // country unknown: US names still recognised
		{"Ontario", "Canada", "ontario", OK},
		{"California", "Canada", "california", OK}, // not the US: folded only
		{"nsw", "", "nsw", OK},                     // FEBRL
		{"vic", "Australia", "vic", OK},
		{"Narnia", "USA", "narnia", OK},
		{"", "USA", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeState(tt.raw, tt.country)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeState(%q, %q) = %q, %v; want %q, %v", tt.raw, tt.country, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeCountry(t *testing.T) {
	tests := []struct {
		raw, want string
		st        Status
	}{
		{"USA", "us", OK},
		{"U.S.A.", "us", OK},
		{"United States of America", "us", OK},
		{"Canada", "ca", OK},
		{"United Kingdom", "gb", OK},
		{"UK", "gb", OK},
		{"Australia", "au", OK},
		{"España", "es", OK},
		{"Côte d'Ivoire", "cote divoire", OK},
		{"", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeCountry(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeCountry(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

// TestUSStateTable checks that every state, DC and territory code is known
// and that every full name maps to a known code.
func TestUSStateTable(t *testing.T) {
	names := []string{"alabama", "alaska", "arizona", "arkansas", "california", "colorado",
		"connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
		"iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
		"michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
		"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
		"ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina",
		"south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
		"west virginia", "wisconsin", "wyoming", "district of columbia"}
	codes := make(map[string]string)
	for _, n := range names {
		c := usStateCode(n)
		if c == "" || !isUSStateCode(c) {
			t.Errorf("usStateCode(%q) = %q, not a known code", n, c)
		}
		if other, dup := codes[c]; dup {
			t.Errorf("%q and %q both map to %q", other, n, c)
		}
		codes[c] = n
	}
	if len(codes) != 51 {
		t.Errorf("%d distinct codes for the 50 states and DC, want 51", len(codes))
	}
}

package config

import (
	"errors"
	"os"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that every failure
// is an *Error with a position inside the file.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile("testdata/c360.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(example), minimal, "", "a: [", "sources: {contacts: }\n", minimal + "matching: {never_match: [[a]]}\n"} {
		f.Add(seed)
	}
	env := envOf(map[string]string{"C360_TEST_TOKEN": "t", "C360_TEST_SAS": "s"})
	f.Fuzz(func(t *testing.T, data string) {
		cfg, err := parse([]byte(data), "c360.yaml", "/etc/c360", env, fixedNow)
		if err == nil {
			if cfg == nil || len(cfg.Sources) != 4 {
				t.Fatalf("no error but config %+v", cfg)
			}
			return
		}
		var cerr *Error
		if !errors.As(err, &cerr) {
			t.Fatalf("error %v is %T, want *Error", err, err)
		}
		if cerr.Line < 1 || cerr.Column < 1 {
			t.Errorf("error %q has no position", cerr)
		}
	})
}

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/contoso/c360/pipeline"
)

// beamBinary is the name of the Beam matching program (cmd/c360-beam).
const beamBinary = "c360-beam"

// engineFlags choose where candidate pairs are scored.
type engineFlags struct {
	engine string // "inprocess" or "beam"
	binary string // the c360-beam program; "" finds it
	args   string // Beam options, split at white space
}

// matchEngine returns the pipeline's MatchEngine for the flags: nil for
// the in-process engine.
func (a *app) matchEngine(f engineFlags) (pipeline.MatchEngine, error) {
	switch f.engine {
	case "", "inprocess":
		if f.binary != "" || f.args != "" {
			return nil, usageError{errors.New("--beam-binary and --beam-args need --match-engine beam")}
		}
		return nil, nil
	case "beam":
	default:
		return nil, usageError{fmt.Errorf("--match-engine must be inprocess or beam, not %q", f.engine)}
	}
	path := f.binary
	if path == "" {
		var err error
		if path, err = findBeamBinary(); err != nil {
			return nil, usageError{err}
		}
	}
	return pipeline.Command{Path: path, Args: strings.Fields(f.args)}, nil
}

// findBeamBinary looks for c360-beam beside the running c360, then on PATH.
func findBeamBinary() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), beamBinary)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath(beamBinary)
	if err != nil {
		return "", fmt.Errorf("--match-engine beam: %s is neither beside c360 nor on PATH (build it with make build-beam, or give --beam-binary)", beamBinary)
	}
	return p, nil
}

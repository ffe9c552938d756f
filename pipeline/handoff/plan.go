package handoff

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/contoso/c360/matching"
)

// WritePlan writes the plan as JSON.
func WritePlan(w io.Writer, p *matching.Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("handoff: write plan: %w", err)
	}
	return nil
}

// ReadPlan reads a plan WritePlan wrote; unknown fields are errors. name
// names the file in errors.
func ReadPlan(r io.Reader, name string) (*matching.Plan, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p matching.Plan
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("handoff: read %s: %w", name, err)
	}
	if p.Model == nil {
		return nil, fmt.Errorf("handoff: read %s: no model", name)
	}
	return &p, nil
}

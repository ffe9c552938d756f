// Package spec describes a matching model as plain data: the comparisons
// made between two records, their ordered levels, the blocking rules that
// choose which pairs are compared, and the decision threshold. A model
// round-trips through YAML and JSON so that each run can save the model it
// used beside the parameters it trained.
package spec

import (
	"bytes"
	"fmt"

	"github.com/goccy/go-yaml"

	"github.com/contoso/c360/transform"
)

// Level is one outcome of a comparison. Levels are tried in order and the
// first that holds is the comparison's evidence for the pair.
type Level struct {
	Kind      Kind    `yaml:"kind" json:"kind"`
	Threshold float64 `yaml:"threshold,omitempty" json:"threshold,omitempty"`
	// Label explains the level to a reader ("given names equal").
	Label string `yaml:"label" json:"label"`
	// TF adjusts the level's weight by how common the shared value is, so a
	// shared rare name weighs more than a shared common one. Exact only.
	TF bool `yaml:"tf,omitempty" json:"tf,omitempty"`
	// Attr is the attribute the level tests; empty means the comparison's.
	Attr transform.Attr `yaml:"attr,omitempty" json:"attr,omitempty"`
	// AsElse names a kind of disagreement without making it evidence of
	// its own: the level is trained and weighed together with the
	// comparison's else level, and only its label tells a reader which
	// disagreement it was. For patterns that random pairs seldom show but
	// that strangers of one name often do (two name-derived e-mail
	// addresses differing in their digits), a level of its own would earn
	// a large weight from its small u.
	AsElse bool `yaml:"as_else,omitempty" json:"as_else,omitempty"`
	// HouseholdShare, when above 0, is the share of pairs of two people of
	// one household that reach the level, where it is known better than a
	// file can teach: twins share a birth date. A comparison not marked
	// Shared with such a level weighs in the household term with these
	// shares on those levels and random-pair shares on the others.
	HouseholdShare float64 `yaml:"household_share,omitempty" json:"household_share,omitempty"`
}

// Comparison compares one attribute of two records, or several that
// describe one thing. An address comparison, say, walks levels on the
// street, then the postcode, then the city: agreeing on a street already
// implies agreeing on its city, so the attributes give one piece of
// evidence, not several counted as if they were independent. A level on an
// attribute that either record lacks does not hold; the missing level holds
// when no level's attribute is present on both sides.
//
// The household comparison is the exception: it has no attribute, and
// weighs how likely the pair is to be two people of one household rather
// than one person, from the comparisons marked Shared.
type Comparison struct {
	Name   string         `yaml:"name" json:"name"`
	Attr   transform.Attr `yaml:"attr,omitempty" json:"attr,omitempty"`
	Levels []Level        `yaml:"levels" json:"levels"`
	// Shared marks an attribute that different people of one household
	// often have in common: a surname, an address, a landline, a family
	// e-mail. Agreement on shared attributes is evidence of one household
	// as much as of one person; a household comparison in the model
	// weighs the two against each other.
	Shared bool `yaml:"shared,omitempty" json:"shared,omitempty"`
}

// HouseholdFixed reports whether a level of c has a HouseholdShare.
func (c Comparison) HouseholdFixed() bool {
	for _, l := range c.Levels {
		if l.HouseholdShare > 0 {
			return true
		}
	}
	return false
}

// IsHousehold reports whether c is the household comparison.
func (c Comparison) IsHousehold() bool {
	return len(c.Levels) > 0 && c.Levels[0].Kind == Household
}

// LevelAttr returns the attribute that level i tests.
func (c Comparison) LevelAttr(i int) transform.Attr {
	if a := c.Levels[i].Attr; a != "" {
		return a
	}
	return c.Attr
}

// BlockingRule pairs records whose Keys all agree. A key is an attribute
// ("email"), optionally followed by a function ("surname.metaphone",
// "given_name.initial", "birth_date.year", "surname.prefix3"). The attribute
// "name" stands for the given name and surname in either order.
type BlockingRule struct {
	Name string   `yaml:"name" json:"name"`
	Keys []string `yaml:"keys" json:"keys"`
}

// Training bounds the unsupervised estimation of the model's parameters.
//
// u (how often two unrelated records reach each level) comes from random
// record pairs. m (how often two records of one person do) comes from
// expectation maximisation in Sessions: each session takes the pairs that
// agree on its keys (one person's records mostly do) and estimates the
// comparisons its keys do not involve, so that no comparison is learnt
// from pairs chosen for agreeing on it. The match share of the candidate
// pairs is estimated last, with m and u fixed.
type Training struct {
	// Sessions are the training rules. A comparison is estimated in every
	// session whose keys do not involve it, and its m is the average of
	// those sessions' estimates, weighted by how many matching pairs each
	// had to learn from.
	Sessions []BlockingRule `yaml:"sessions" json:"sessions"`
	// RandomPairs is how many random record pairs estimate u.
	RandomPairs int `yaml:"random_pairs" json:"random_pairs"`
	// MaxPairs caps the candidate pairs the match share is estimated on,
	// and SessionPairs the pairs of each session (uniform samples beyond).
	MaxPairs     int `yaml:"max_pairs" json:"max_pairs"`
	SessionPairs int `yaml:"session_pairs" json:"session_pairs"`
	// MaxIterations bounds the EM iterations.
	MaxIterations int `yaml:"max_iterations" json:"max_iterations"`
	// Tolerance stops EM when no parameter moves by more than it.
	Tolerance float64 `yaml:"tolerance" json:"tolerance"`
	// Seed makes the random sampling repeatable.
	Seed uint64 `yaml:"seed" json:"seed"`
}

// Model is a complete matching model.
type Model struct {
	Comparisons []Comparison   `yaml:"comparisons" json:"comparisons"`
	Blocking    []BlockingRule `yaml:"blocking" json:"blocking"`
	// Threshold is the match probability at or above which a pair links
	// two records into one customer.
	Threshold float64 `yaml:"threshold" json:"threshold"`
	// ReviewFloor is the match probability at or above which a scored pair
	// is kept (as a near miss when below Threshold) for review and explain.
	ReviewFloor float64 `yaml:"review_floor" json:"review_floor"`
	// MaxBlockSize skips (and reports) blocks with more records than this.
	MaxBlockSize int `yaml:"max_block_size" json:"max_block_size"`
	// MaxPairsPerRecord is the comparison budget: when blocking finds more
	// than this many candidate pairs per record on average, the blocks
	// that contribute most are skipped (and reported) until it fits.
	MaxPairsPerRecord float64 `yaml:"max_pairs_per_record" json:"max_pairs_per_record"`
	// MaxClusterSize splits larger clusters at their weakest links.
	MaxClusterSize int `yaml:"max_cluster_size" json:"max_cluster_size"`
	// AverageLinkage joins two groups of records only when the average
	// match probability of all their scored pairs reaches Threshold, so a
	// single strong link cannot chain two people together when their other
	// pairs disagree.
	AverageLinkage bool `yaml:"average_linkage" json:"average_linkage"`
	// MinPairWeight, when below 0, splits a cluster that holds two records
	// whose pair weighs less than it (strongly contradicting evidence, such
	// as two people of one name born decades apart): no join may put such
	// a pair together, so the cluster parts at its weakest links.
	MinPairWeight float64 `yaml:"min_pair_weight" json:"min_pair_weight"`
	// Placeholders says which values stand for "none" and are treated as
	// missing.
	Placeholders Placeholders `yaml:"placeholders" json:"placeholders"`
	Training     Training     `yaml:"training" json:"training"`
}

// Placeholders finds the values that clerks type for customers who gave
// none (noemail@..., 000-000-0000, 555-555-5555): a value held by more
// records than any household could share is not evidence that they are one
// person. Such values, and a small built-in list, are treated as missing,
// and each run lists the ones it found.
type Placeholders struct {
	// Attrs are the attributes checked.
	Attrs []transform.Attr `yaml:"attrs" json:"attrs"`
	// MinRecords is the number of records above which one value is a
	// placeholder, whatever the attribute.
	MinRecords int `yaml:"min_records" json:"min_records"`
	// MeanFactor raises the bar for attributes whose values are shared by
	// nature (a birth date): a value is a placeholder only when it is held
	// by more than MeanFactor times the mean number of records per value
	// as well.
	MeanFactor float64 `yaml:"mean_factor" json:"mean_factor"`
}

// Parse reads a model from YAML. Unknown keys are errors and errors carry
// the line and column. The model is validated.
func Parse(data []byte) (*Model, error) {
	var m Model
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.Strict(), yaml.DisallowUnknownField())
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("spec: parse model: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Marshal writes the model as YAML.
func (m *Model) Marshal() ([]byte, error) {
	b, err := yaml.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("spec: marshal model: %w", err)
	}
	return b, nil
}

package pipeline

import (
	"slices"

	"github.com/contoso/c360/transform"
)

// sortedAttrs returns the attribute types of a mapping in transform.Attrs order.
func sortedAttrs(m map[transform.Attr][]string) []transform.Attr {
	var out []transform.Attr
	for _, a := range transform.Attrs {
		if _, ok := m[a]; ok {
			out = append(out, a)
		}
	}
	return slices.Clip(out)
}

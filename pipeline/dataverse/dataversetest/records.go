package dataversetest

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/contoso/c360/pipeline/dataverse"
)

// FromCSV turns a CSV export into the records Dataverse would hold for
// it, as e reads them: each column's value under its property, numbers as
// JSON numbers, empty as null, and a choice's label as the FormattedValue
// annotation of an option value (100000000, 100000001, ... in order of
// first use). A choice written as a number stays a bare option value with
// no label, as an option the organisation never labelled would.
func FromCSV(path string, e dataverse.Export) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no header", path)
	}
	at := make(map[string]int)
	for i, h := range rows[0] {
		at[h] = i
	}
	options := make(map[string]int)
	var out []Record
	for _, row := range rows[1:] {
		rec := Record{}
		for _, c := range e.Columns {
			i, ok := at[c.Header]
			if !ok {
				return nil, fmt.Errorf("%s: no column %s", path, c.Header)
			}
			v := row[i]
			_, numErr := strconv.ParseFloat(v, 64)
			switch {
			case v == "":
				rec[c.Property] = nil
			case numErr == nil:
				rec[c.Property] = json.Number(v)
			case c.Choice:
				if _, ok := options[c.Property+"\x00"+v]; !ok {
					options[c.Property+"\x00"+v] = 100000000 + len(options)
				}
				rec[c.Property] = options[c.Property+"\x00"+v]
				rec[c.Property+"@"+FormattedValue] = v
			default:
				rec[c.Property] = v
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

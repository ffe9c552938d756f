package htmlreport

import (
	"database/sql"
	"fmt"
	"html/template"
	"math"
	"time"

	"github.com/contoso/c360/pipeline/i18n"
)

// funcs are the page template's functions; every word and number passes
// through cat.
func funcs(cat *i18n.Catalog) template.FuncMap {
	empty := cat.T("html.empty")
	return template.FuncMap{
		"t":     cat.T,
		"tf":    cat.Tf,
		"value": cat.Value,
		"num":   cat.Number,
		"count": func(n any) (string, error) {
			v, err := toInt64(n)
			return cat.Int(v), err
		},
		"money": cat.Money,
		"pct":   func(share float64) string { return cat.Percent(share, 1) },
		"date":  func(t time.Time) string { return t.Format(time.DateOnly) },
		"datetime": func(t time.Time) string {
			return t.UTC().Format("2006-01-02 15:04:05")
		},
		"signed": func(v float64) string {
			if v > 0 {
				return "+" + cat.Number(v, 2)
			}
			return "−" + cat.Number(math.Abs(v), 2)
		},
		"yesno": func(b bool) string {
			if b {
				return cat.T("bool.yes")
			}
			return cat.T("bool.no")
		},
		"optnum": func(v sql.NullFloat64, decimals int) string {
			if !v.Valid {
				return empty
			}
			return cat.Number(v.Float64, decimals)
		},
		"optmoney": func(v sql.NullFloat64) string {
			if !v.Valid {
				return empty
			}
			return cat.Money(v.Float64)
		},
		"optpct": func(v sql.NullFloat64) string {
			if !v.Valid {
				return empty
			}
			return cat.Percent(v.Float64, 1)
		},
		"opttext": func(v sql.NullString) string {
			if !v.Valid || v.String == "" {
				return empty
			}
			return v.String
		},
		"optvalue": func(kind string, v sql.NullString) string {
			if !v.Valid || v.String == "" {
				return empty
			}
			return cat.Value(kind, v.String)
		},
		"optdate": func(v sql.NullTime) string {
			if !v.Valid {
				return empty
			}
			return v.Time.Format(time.DateOnly)
		},
		"optdatetime": func(v sql.NullTime) string {
			if !v.Valid {
				return empty
			}
			return v.Time.UTC().Format("2006-01-02 15:04")
		},
		"short": shortOwner,
		"orempty": func(s string) string {
			if s == "" {
				return empty
			}
			return s
		},
		"chart": func(charts map[string]template.HTML, id string) (template.HTML, error) {
			svg, ok := charts[id]
			if !ok {
				return "", fmt.Errorf("no chart %s", id)
			}
			return svg, nil
		},
	}
}

func toInt64(n any) (int64, error) {
	switch n := n.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	}
	return 0, fmt.Errorf("count: %T is not an integer", n)
}

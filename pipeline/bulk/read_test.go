package bulk

import (
	"context"
	"fmt"
	"testing"
)

// TestRead checks every row arrives, NULLs included, and that kept strings
// stay valid after their batch is gone.
func TestRead(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	const n = 300_000 // several batches either way
	_, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE t AS SELECT range AS i, range::INTEGER AS k,
		CASE WHEN range %% 7 = 0 THEN NULL ELSE 'value-' || range END AS s FROM range(%d)`, n))
	if err != nil {
		t.Fatal(err)
	}
	kept := make(map[int64]string)
	nulls := 0
	err = Read(ctx, conn, `SELECT i, k, s FROM t`, func(b Batch) error {
		for r := 0; r < b.Len(); r++ {
			i := b.Int64(0, r)
			if b.Int64(1, r) != i {
				return fmt.Errorf("row %d: INTEGER column reads %d", i, b.Int64(1, r))
			}
			if b.IsNull(2, r) {
				nulls++
				continue
			}
			kept[i] = b.String(2, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if nulls != (n+6)/7 || len(kept) != n-nulls {
		t.Fatalf("%d nulls and %d values, want %d and %d", nulls, len(kept), (n+6)/7, n-(n+6)/7)
	}
	for i, s := range kept {
		if s != fmt.Sprintf("value-%d", i) {
			t.Fatalf("row %d kept %q after its batch was released", i, s)
		}
	}
}

type decimal float64

func (d decimal) Float64() float64 { return float64(d) }

func TestFloat(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want float64
	}{
		{2.5, 2.5}, {float32(0.5), 0.5}, {int8(-3), -3}, {int16(300), 300}, {int32(7), 7},
		{int64(1 << 40), 1 << 40}, {9, 9}, {decimal(12.25), 12.25}, {nil, 0}, {"1", 0},
	} {
		if got := Float(tt.v); got != tt.want {
			t.Errorf("Float(%#v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

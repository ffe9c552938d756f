package pipeline

import (
	"context"

	"github.com/contoso/c360/pipeline/sales"
)

// Measures links every purchase to its customer and computes the customer
// and business measures.
func Measures(ctx context.Context, s *State) error {
	conn, err := s.Build.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var n sales.PurchaseCount
	err = whole(s.Progress, "link purchases", loadedRows(s, "pos", "online"), "purchases", func() (err error) {
		n, err = sales.Purchases(ctx, conn)
		return err
	})
	if err != nil {
		return err
	}
	s.Counts.Purchases = int(n.Store + n.Online)
	s.Counts.PurchasesUnlinked = int(n.Unlinked)
	if n.Unlinked > 0 {
		s.Log.Info("purchases whose key matches no source record keep a NULL customer",
			"unlinked", n.Unlinked, "purchases", n.Store+n.Online)
	}
	return whole(s.Progress, "measures", s.Counts.Customers, "customers", func() error {
		return sales.Measures(ctx, conn)
	})
}

// loadedRows is the number of rows loaded from the named sources.
func loadedRows(s *State, names ...string) int {
	n := 0
	for _, name := range names {
		if r := s.loaded(name); r != nil {
			n += r.Loaded
		}
	}
	return n
}

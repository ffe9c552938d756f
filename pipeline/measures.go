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
	n, err := sales.Purchases(ctx, conn)
	if err != nil {
		return err
	}
	s.Counts.Purchases = int(n.Store + n.Online)
	s.Counts.PurchasesUnlinked = int(n.Unlinked)
	if n.Unlinked > 0 {
		s.Log.Info("purchases whose key matches no source record keep a NULL customer",
			"unlinked", n.Unlinked, "purchases", n.Store+n.Online)
	}
	return sales.Measures(ctx, conn)
}

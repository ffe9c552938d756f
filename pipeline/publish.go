package pipeline

import "context"

// Publish writes every table's and column's meaning into the new database
// and puts it in place of the published one.
func Publish(ctx context.Context, s *State) error {
	if err := describeTables(ctx, s.Build.DB); err != nil {
		return err
	}
	return s.Build.Commit(ctx)
}

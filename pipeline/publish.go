package pipeline

import "context"

// Publish puts the new database in place of the published one.
func Publish(ctx context.Context, s *State) error {
	return s.Build.Commit(ctx)
}

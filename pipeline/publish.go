package pipeline

import "context"

// Publish writes every table's and column's meaning into the new database
// and puts it in place of the published one.
func Publish(ctx context.Context, s *State) error {
	// Two steps: the descriptions, then the checkpoint and rename.
	task := s.Progress.Start("publish", 2, "steps")
	err := describeTables(ctx, s.Build.DB)
	if err == nil {
		task.Add(1)
		if err = s.Build.Commit(ctx); err == nil {
			task.Add(1)
		}
	}
	task.Done(err)
	return err
}

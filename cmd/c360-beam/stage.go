package main

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/contoso/c360/pipeline/handoff"
)

// copyFile copies one file between Beam file systems (local, gs://,
// s3://, ...).
func copyFile(ctx context.Context, from, to string) error {
	return readFile(ctx, from, func(r io.Reader) error {
		fs, err := filesystem.New(ctx, to)
		if err != nil {
			return err
		}
		defer fs.Close()
		w, err := fs.OpenWrite(ctx, to)
		if err != nil {
			return fmt.Errorf("copy %s to %s: %w", from, to, err)
		}
		if _, err := io.Copy(w, r); err != nil {
			w.Close()
			return fmt.Errorf("copy %s to %s: %w", from, to, err)
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("copy %s to %s: %w", from, to, err)
		}
		return nil
	})
}

// scoreStaged copies the hand-off folder in (local to c360) to stage, a
// folder the runner's workers can read (gs:// for Dataflow), runs the
// pipeline there, and copies the scored pairs back into in.
func scoreStaged(ctx context.Context, in, stage string, shard int) error {
	for _, name := range []string{handoff.PlanFile, handoff.PeopleFile} {
		if err := copyFile(ctx, join(in, name), join(stage, name)); err != nil {
			return err
		}
	}
	if err := score(ctx, stage, stage, shard); err != nil {
		return err
	}
	for _, name := range []string{handoff.KeptFile, handoff.BelowFile, handoff.SkippedFile} {
		if err := copyFile(ctx, join(stage, name), join(in, name)); err != nil {
			return err
		}
	}
	return nil
}

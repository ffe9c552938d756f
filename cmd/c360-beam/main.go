// Command c360-beam is c360's matching stage on Apache Beam: from the
// hand-off folder c360 writes (the normalized people and the trained
// plan, see package handoff) it blocks, compares and scores the candidate
// pairs with the same matching code as the in-process engine, and writes
// the scored pairs back for c360 to cluster, merge and publish.
//
//	c360-beam --handoff DIR [--stage URL] [--shard_records N] [Beam options]
//
// DIR is the folder c360 wrote; the scored pairs are written beside the
// inputs. DIR may be a path the workers share, or a gs:// or s3:// URL;
// with --stage, c360-beam copies the hand-off from a local DIR to URL,
// runs there, and copies the pairs back. Beam options (--runner,
// --project, --endpoint, ...) choose where it runs; the default runner is
// prism, in process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/contoso/c360/pipeline/handoff"
)

var (
	handoffDir   = flag.String("handoff", "", "hand-off folder with "+handoff.PeopleFile+" and "+handoff.PlanFile+" (required)")
	stageDir     = flag.String("stage", "", "a folder the workers can reach (gs://..., s3://...): the hand-off is copied there, scored there, and the pairs copied back")
	shardRecords = flag.Int("shard_records", 20000, "records per key-computing task")
)

func main() {
	flag.Parse()
	beam.Init() // on a worker, this runs the worker and exits
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("c360-beam failed", "err", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *handoffDir == "" {
		return errors.New("--handoff is required")
	}
	if *shardRecords < 1 {
		return fmt.Errorf("--shard_records %d: want at least 1", *shardRecords)
	}
	if *stageDir != "" {
		return scoreStaged(ctx, *handoffDir, *stageDir, *shardRecords)
	}
	return score(ctx, *handoffDir, *handoffDir, *shardRecords)
}

// score runs the matching pipeline on the hand-off folder in, with the
// runner the Beam flags choose, and leaves the scored pairs in out.
func score(ctx context.Context, in, out string, shard int) error {
	plan, err := readPlan(ctx, in)
	if err != nil {
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	buildPipeline(s, in, out, plan.Records, shard)
	if err := beamx.Run(ctx, p); err != nil {
		return fmt.Errorf("run the pipeline: %w", err)
	}
	return ensureOutputs(ctx, out)
}

// ensureOutputs creates the output files the pipeline wrote nothing to:
// textio.Write makes no file for an empty collection, and an empty file
// says "none" where a missing one would mean a failed run.
func ensureOutputs(ctx context.Context, dir string) error {
	for _, name := range []string{handoff.KeptFile, handoff.BelowFile, handoff.SkippedFile} {
		path := join(dir, name)
		fs, err := filesystem.New(ctx, path)
		if err != nil {
			return err
		}
		found, err := fs.List(ctx, path)
		if err == nil && len(found) == 0 {
			var w interface{ Close() error }
			if w, err = fs.OpenWrite(ctx, path); err == nil {
				err = w.Close()
			}
		}
		fs.Close()
		if err != nil {
			return fmt.Errorf("output %s: %w", path, err)
		}
	}
	return nil
}

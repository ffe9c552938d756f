package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/fetch"
	"github.com/contoso/c360/pipeline/land"
)

// fetchOptions turns the config's fetch section into fetch.Options.
func fetchOptions(s *State) fetch.Options {
	f := s.Config.Fetch
	retries := f.Retries
	if retries == 0 {
		retries = -1 // config's "no retries"; fetch reads 0 as "the default"
	}
	return fetch.Options{
		Timeout:  f.Timeout,
		Stall:    f.Stall,
		Deadline: f.Deadline,
		Retries:  retries,
		MaxBytes: f.MaxBytes,
		Logger:   s.Log,
		Progress: s.Progress,
	}
}

// Fetch fetches every configured source into the run's landing folder,
// all at once (the CRM from Dataverse's Web API when the config says so),
// and writes the folder's manifest. A source the server
// reports unchanged (HTTP 304) reuses the file landed before.
func Fetch(ctx context.Context, s *State) error {
	run, err := land.NewRun(s.Config.WorkDir, s.ID)
	if err != nil {
		return err
	}
	s.Landing = run
	client := fetch.NewClient(fetchOptions(s))
	defer client.CloseIdleConnections()

	all := append(append([]config.Source(nil), s.Config.Sources...), s.Config.CRM...)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(all)+1) // the last is Dataverse's
	for i, src := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = acquireOne(ctx, s, client, run, src); errs[i] != nil {
				cancel() // one failed source fails the run; stop the others
			}
		}()
	}
	if s.Config.Dataverse != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[len(all)] = acquireDataverse(ctx, s, run); errs[len(all)] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return err
	}
	manifest, err := run.Commit()
	if err != nil {
		return err
	}
	s.Files = make(map[string]land.File, len(manifest.Files))
	for _, f := range manifest.Files {
		s.Files[f.Source] = f
		s.Log.Info("source landed", "source", f.Source, "url", f.URL, "bytes", f.Bytes,
			"sha256", f.SHA256, "reused", f.ReusedFrom != "", "http_status", f.HTTPStatus)
	}
	return nil
}

func acquireOne(ctx context.Context, s *State, client *fetch.Client, run *land.Run, src config.Source) error {
	req := fetch.Request{
		Name:     src.Name,
		URL:      src.URL,
		BaseDir:  s.Config.Dir,
		DestDir:  run.Dir,
		Token:    src.Token(),
		SASQuery: src.SAS(),
	}
	cached, err := land.ReadCache(s.Config.WorkDir, src.Name)
	if err != nil {
		return err
	}
	if cached != nil {
		req.Cached = &fetch.Cached{Path: cached.Path, SHA256: cached.SHA256, ETag: cached.ETag, LastModified: cached.LastModified}
	}
	res, err := client.Fetch(ctx, req)
	if err != nil {
		return err
	}
	f := land.Fetched{
		Source:       src.Name,
		URL:          src.URL,
		FinalURL:     res.URL,
		SHA256:       res.SHA256,
		FetchedAt:    time.Now().UTC(),
		ETag:         res.ETag,
		LastModified: res.LastModified,
		HTTPStatus:   res.Status,
		NotModified:  res.Reused,
	}
	if !res.Reused {
		f.TempPath = res.Path
	}
	if _, err := run.Land(f); err != nil {
		return fmt.Errorf("land %s: %w", src.Name, err)
	}
	return nil
}

// firstError returns the first non-nil error, preferring one that is not a
// cancellation caused by another failure.
func firstError(errs []error) error {
	var canceled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled):
			if canceled == nil {
				canceled = err
			}
		default:
			return err
		}
	}
	return canceled
}

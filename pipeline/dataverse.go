package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/contoso/c360/pipeline/dataverse"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/sales"
	"github.com/contoso/c360/transform/sources"
)

// dataverseExports says how each CRM export is read from the configured
// Dataverse organisation.
func dataverseExports(s *State) []dataverse.Export {
	d := s.Config.Dataverse
	return dataverse.Exports(sources.CRM(), d.EntitySets, d.Columns)
}

// acquireDataverse reads the five CRM exports through the Dataverse Web
// API, one entity set after another (the service's limits are per user),
// and lands each read as JSON Lines with its SHA-256, as every input is.
// Any failure, on any page, fails the fetch; nothing half-read is landed.
func acquireDataverse(ctx context.Context, s *State, run *land.Run) error {
	d := s.Config.Dataverse
	retries := s.Config.Fetch.Retries
	if retries == 0 {
		retries = -1
	}
	client, err := dataverse.New(dataverse.Options{
		URL: d.URL, APIVersion: d.APIVersion, TokenURL: d.TokenURL,
		ClientID: d.ClientID(), ClientSecret: d.ClientSecret(),
		PageSize: d.PageSize, Retries: retries, Logger: s.Log,
	})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.Config.Fetch.Deadline)
	defer cancel()
	for _, e := range dataverseExports(s) {
		if err := landExport(ctx, client, run, e, s.Config.Fetch.MaxBytes); err != nil {
			return err
		}
	}
	return nil
}

// landExport reads one entity set into a temporary file in the run folder
// and lands it.
func landExport(ctx context.Context, client *dataverse.Client, run *land.Run, e dataverse.Export, maxBytes int64) error {
	tmp, err := os.CreateTemp(run.Dir, "."+e.Source+"-*.jsonl.tmp")
	if err != nil {
		return fmt.Errorf("dataverse %s: %w", e.Source, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once landed
	if maxBytes <= 0 {          // a Config not made by config.Load
		maxBytes = math.MaxInt64
	}
	h := sha256.New()
	_, err = client.Read(ctx, e.Query, &cappedWriter{w: io.MultiWriter(tmp, h), left: maxBytes, source: e.Source})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = run.Land(land.Fetched{
		Source:     e.Source,
		URL:        client.URL(e.Query),
		TempPath:   tmp.Name(),
		SHA256:     hex.EncodeToString(h.Sum(nil)),
		FetchedAt:  time.Now().UTC(),
		HTTPStatus: 200,
		Ext:        ".jsonl",
	})
	if err != nil {
		return fmt.Errorf("land %s: %w", e.Source, err)
	}
	return nil
}

// dataverseFiles turns each landed Web API read into the export's CSV,
// beside it in the run folder, for the CRM load. Rejected rows name that
// CSV file and its line.
func dataverseFiles(s *State) (map[string]sales.File, error) {
	files := make(map[string]sales.File)
	for _, e := range dataverseExports(s) {
		f, ok := s.Files[e.Source]
		if !ok {
			return nil, fmt.Errorf("crm export %s was not fetched from Dataverse", e.Source)
		}
		path := strings.TrimSuffix(f.Path, filepath.Ext(f.Path)) + ".csv"
		err := land.WriteFile(path, 0o600, func(w io.Writer) error {
			in, err := os.Open(f.Path)
			if err != nil {
				return err
			}
			defer in.Close()
			_, err = dataverse.ToCSV(in, e, w)
			return err
		})
		if err != nil {
			return nil, err
		}
		files[e.Source] = sales.File{Path: path, Name: filepath.Base(path)}
	}
	return files, nil
}

// cappedWriter fails once more than left bytes are written, so that one
// entity set cannot fill the disk (fetch.max_bytes, as for a download).
type cappedWriter struct {
	w      io.Writer
	left   int64
	source string
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > c.left {
		return 0, fmt.Errorf("dataverse %s: the read is larger than fetch.max_bytes", c.source)
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

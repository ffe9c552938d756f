package fetch

import (
	"context"
	"fmt"
	"os"

	"github.com/contoso/c360/pipeline/progress"
)

// fetchFile copies a local file into a temporary file, as an HTTP fetch
// would have written it, so the caller can treat every source alike. It
// never reports Reused: the landing step compares checksums itself.
func (c *Client) fetchFile(ctx context.Context, r Request, src Source, task progress.Task) (*Result, error) {
	location := src.String()
	fail := func(err error) (*Result, error) { return nil, newError(r.Name, location, 0, err) }

	f, err := os.Open(src.Path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if !info.Mode().IsRegular() {
		return fail(fmt.Errorf("%s is not a regular file", src.Path))
	}
	if info.Size() > c.opts.MaxBytes {
		return fail(fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, info.Size(), c.opts.MaxBytes))
	}
	task.SetTotal(info.Size())

	tmp, err := writeTemp(r.DestDir, r.Name, contextReader{ctx, f}, c.opts.MaxBytes, task.Add)
	if err != nil {
		return fail(fmt.Errorf("copying %s: %w", src.Path, err))
	}
	return &Result{
		URL:      location,
		Bytes:    tmp.bytes,
		SHA256:   tmp.sha256,
		ModTime:  info.ModTime(),
		Attempts: 1,
		Path:     tmp.path,
	}, nil
}

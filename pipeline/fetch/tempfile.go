package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
)

// copyBufferSize is the read size used while streaming a body to disk.
const copyBufferSize = 128 << 10

// tempFile is a fetched file written under a temporary name.
type tempFile struct {
	path   string
	bytes  int64
	sha256 string // lowercase hex
}

// writeTemp streams src into a new temporary file in dir while hashing it,
// calling added after every read with the bytes it brought. More than
// maxBytes fails with ErrTooLarge. The file is synced and closed on success
// and removed on any error.
//
// Read errors are returned as they are (the caller decides whether they are
// worth a retry); errors writing the file are marked permanent.
func writeTemp(dir, name string, src io.Reader, maxBytes int64, added func(int64)) (tempFile, error) {
	f, err := os.CreateTemp(dir, tempPattern(name))
	if err != nil {
		return tempFile{}, permanent(fmt.Errorf("creating temporary file: %w", err))
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()

	h := sha256.New()
	r := &cappedReader{r: src, max: maxBytes, added: added}
	n, err := io.CopyBuffer(hashedFile{f, h}, r, make([]byte, copyBufferSize))
	if err != nil {
		return tempFile{bytes: n}, err
	}
	if err := f.Sync(); err != nil {
		return tempFile{bytes: n}, permanent(fmt.Errorf("syncing %s: %w", f.Name(), err))
	}
	if err := f.Close(); err != nil {
		return tempFile{bytes: n}, permanent(fmt.Errorf("closing %s: %w", f.Name(), err))
	}
	done = true
	return tempFile{path: f.Name(), bytes: n, sha256: hex.EncodeToString(h.Sum(nil))}, nil
}

// tempPattern is the os.CreateTemp pattern for a source's temporary file:
// its name reduced to safe characters, a random part and ".part".
func tempPattern(name string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		default:
			return '_'
		}
	}, name)
	if safe == "" {
		safe = "source"
	}
	return "." + safe + "-*.part"
}

// hashedFile writes to a file and a hash; a failed write is permanent.
type hashedFile struct {
	f *os.File
	h hash.Hash
}

func (w hashedFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.h.Write(p[:n])
	if err != nil {
		return n, permanent(fmt.Errorf("writing %s: %w", w.f.Name(), err))
	}
	return n, nil
}

// cappedReader counts what it reads, reports it, and fails with
// ErrTooLarge once more than max bytes have come.
type cappedReader struct {
	r     io.Reader
	n     int64
	max   int64
	added func(int64)
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.max)
	}
	if room := c.max + 1 - c.n; int64(len(p)) > room {
		p = p[:room] // read at most one byte past the cap
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if n > 0 && c.added != nil {
		c.added(int64(n))
	}
	if c.n > c.max {
		return n, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.max)
	}
	return n, err
}

// contextReader stops reading once ctx is done.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.r.Read(p)
}

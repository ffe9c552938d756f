package fetch

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Kind says how a source is read.
type Kind int

// Source kinds.
const (
	HTTP Kind = iota + 1 // an http:// or https:// URL
	File                 // a file:// URL or a plain path
)

// String returns "http" or "file".
func (k Kind) String() string {
	switch k {
	case HTTP:
		return "http"
	case File:
		return "file"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// Source is a parsed source location.
type Source struct {
	Kind Kind
	URL  *url.URL // the URL, for HTTP
	Path string   // the absolute, cleaned path, for File
}

// String returns the location fit for printing: a redacted URL, or a
// file:// URL for a local file.
func (s Source) String() string {
	switch s.Kind {
	case HTTP:
		return Redact(s.URL.String())
	case File:
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(s.Path)}).String()
	default:
		return ""
	}
}

// ParseSource picks the kind of a source location from its scheme:
//
//	http://host/p, https://host/p   HTTP
//	file:///abs/p, file://localhost/abs/p
//	file:rel/p, file://./rel/p      File, relative to baseDir
//	/abs/p, rel/p                   File, relative to baseDir
//
// A relative path is resolved against baseDir, or against the working
// directory when baseDir is empty. A file URL naming another host, and any
// other scheme, is an error wrapping ErrUnsupportedScheme (write a relative
// path whose first element holds a colon as ./a:b.csv).
func ParseSource(raw, baseDir string) (Source, error) {
	if strings.TrimSpace(raw) == "" {
		return Source{}, errors.New("fetch: empty source location")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || isDriveLetter(u.Scheme) {
		return fileSource(raw, baseDir)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return Source{}, fmt.Errorf("fetch: %s has no host", Redact(raw))
		}
		return Source{Kind: HTTP, URL: u}, nil
	case "file":
		return fileURLSource(u, baseDir)
	default:
		return Source{}, fmt.Errorf("%w %q in %s", ErrUnsupportedScheme, u.Scheme, Redact(raw))
	}
}

// fileURLSource resolves a file: URL.
func fileURLSource(u *url.URL, baseDir string) (Source, error) {
	switch {
	case u.Opaque != "": // file:rel/p
		p, err := url.PathUnescape(u.Opaque)
		if err != nil {
			return Source{}, fmt.Errorf("fetch: bad file URL %s: %w", Redact(u.String()), err)
		}
		return fileSource(p, baseDir)
	case u.Host == "" || u.Host == "localhost":
		return fileSource(u.Path, baseDir)
	case u.Host == "." || u.Host == "..": // file://./rel/p
		return fileSource(u.Host+u.Path, baseDir)
	default:
		return Source{}, fmt.Errorf("%w: file URL on host %q in %s", ErrUnsupportedScheme, u.Host, Redact(u.String()))
	}
}

// fileSource resolves a plain path.
func fileSource(p, baseDir string) (Source, error) {
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) && baseDir != "" {
		p = filepath.Join(baseDir, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return Source{}, fmt.Errorf("fetch: resolving %s: %w", p, err)
	}
	return Source{Kind: File, Path: abs}, nil
}

// isDriveLetter reports whether a parsed "scheme" is really a Windows drive
// letter, as in C:\data\x.csv.
func isDriveLetter(scheme string) bool {
	return filepath.Separator == '\\' && len(scheme) == 1
}

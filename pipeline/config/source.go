package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Source is one input file to fetch: a customer source or a CRM export.
//
// The bearer token and SAS query string are resolved from the environment
// when the config is loaded and kept only in unexported fields. String,
// GoString and LogValue never show them, nor the query string of URL;
// neither does encoding/json, which skips unexported fields.
type Source struct {
	// Name is the source's key in the config: contacts, loyalty, pos,
	// online, or a CRM export (accounts, deals, tech_checks, leads,
	// activities).
	Name string
	// URL is where to fetch from: an http or https URL as written, or a
	// file URL (file:///abs/path) for a local file.
	URL string
	// Path is the absolute local path of a file source, "" for http(s).
	Path string
	// Original is the url exactly as written in the config, for the run
	// record. It is not resolved against the config's directory.
	Original string
	// TokenEnv names the environment variable that held the bearer token
	// (yaml token_env), or "" when none is sent.
	TokenEnv string
	// SASEnv names the environment variable that held the SAS query string
	// appended to URL (yaml sas_env), or "".
	SASEnv string
	// Encoding is the file's text encoding (yaml encoding), one of
	// Encodings(); "" means UTF-8.
	Encoding string

	token string
	sas   string
}

// Token returns the bearer token read from TokenEnv, or "". It is a secret:
// never log it.
func (s Source) Token() string { return s.token }

// SAS returns the SAS query string read from SASEnv (without a leading
// "?"), or "". It is a secret: never log it.
func (s Source) SAS() string { return s.sas }

// FetchURL returns URL with the SAS query string appended. It is a secret:
// never log it; log URL or the Source itself instead.
func (s Source) FetchURL() string {
	if s.sas == "" {
		return s.URL
	}
	sep := "?"
	if strings.Contains(s.URL, "?") {
		sep = "&"
	}
	return s.URL + sep + s.sas
}

// String describes the source without secrets, for logs and messages.
func (s Source) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", s.Name, redactURL(s.URL))
	if s.TokenEnv != "" {
		fmt.Fprintf(&b, " (token from $%s)", s.TokenEnv)
	}
	if s.SASEnv != "" {
		fmt.Fprintf(&b, " (SAS from $%s)", s.SASEnv)
	}
	return b.String()
}

// GoString is String, so that %#v does not print the secrets either.
func (s Source) GoString() string { return "config.Source{" + s.String() + "}" }

// LogValue implements slog.LogValuer: the source without its secrets.
func (s Source) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("name", s.Name), slog.String("url", redactURL(s.URL))}
	if s.TokenEnv != "" {
		attrs = append(attrs, slog.String("token_env", s.TokenEnv))
	}
	if s.SASEnv != "" {
		attrs = append(attrs, slog.String("sas_env", s.SASEnv))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON encodes the source without secrets and with the query
// strings of URL and Original redacted, for the run record.
func (s Source) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name     string `json:"name"`
		URL      string `json:"url"`
		Path     string `json:"path,omitempty"`
		Original string `json:"original"`
		TokenEnv string `json:"token_env,omitempty"`
		SASEnv   string `json:"sas_env,omitempty"`
	}{s.Name, redactURL(s.URL), s.Path, redactURL(s.Original), s.TokenEnv, s.SASEnv})
}

// redactURL hides a URL's password and query string.
// A URL with neither is returned as written.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if before, _, query := strings.Cut(raw, "?"); query {
			return before + "?REDACTED"
		}
		return raw
	}
	if _, hasPassword := u.User.Password(); u.RawQuery == "" && !hasPassword {
		return raw
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.Redacted()
}

// sourceDoc is a source as written in the YAML.
type sourceDoc struct {
	URL      text `yaml:"url"`       // http(s)://..., file://..., or a path relative to the config file
	TokenEnv text `yaml:"token_env"` // env var holding a bearer token
	SASEnv   text `yaml:"sas_env"`   // env var holding a SAS query string
	Encoding text `yaml:"encoding"`  // the file's text encoding; see Encodings
}

// isEnvName reports whether s looks like an environment variable name.
func isEnvName(s string) bool {
	for i, r := range s {
		letter := r == '_' || ('A' <= r && r <= 'Z') || ('a' <= r && r <= 'z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return s != ""
}

// resolveSource checks one source and resolves its URL against dir and its
// secrets from env. key is the source's entry in the YAML.
func resolveSource(name string, key *ast.MappingValueNode, d sourceDoc, dir string, env func(string) (string, bool)) (Source, error) {
	if !d.URL.set() || strings.TrimSpace(d.URL.value) == "" {
		at := ast.Node(key.Key)
		if d.URL.set() {
			at = d.URL.node
		}
		return Source{}, errorAt(at, "source %q has no url", name)
	}
	s := Source{Name: name, Original: d.URL.value}
	var err error
	if s.URL, s.Path, err = resolveURL(d.URL.value, dir); err != nil {
		return Source{}, errorAt(d.URL.node, "%v", err)
	}
	if s.TokenEnv, s.token, err = secret(d.TokenEnv, "token_env", s.Path, env); err != nil {
		return Source{}, err
	}
	if s.SASEnv, s.sas, err = secret(d.SASEnv, "sas_env", s.Path, env); err != nil {
		return Source{}, err
	}
	s.sas = strings.TrimPrefix(s.sas, "?")
	if s.Encoding, err = checkEncoding(d.Encoding); err != nil {
		return Source{}, err
	}
	return s, nil
}

// secret reads the environment variable named by v, for the key of the
// same name. Secrets are only sent over http(s), so a file source (path
// set) may not ask for one.
func secret(v text, key, path string, env func(string) (string, bool)) (name, value string, err error) {
	if !v.set() {
		return "", "", nil
	}
	if !isEnvName(v.value) {
		return "", "", errorAt(v.node, "%s must name an environment variable (letters, digits, _)", key)
	}
	if path != "" {
		return "", "", errorAt(v.node, "%s applies only to http(s) URLs", key)
	}
	value, _ = env(v.value)
	value = strings.TrimSpace(value)
	if value == "" {
		return "", "", errorAt(v.node, "environment variable %s (%s) is not set or empty", v.value, key)
	}
	return v.value, value, nil
}

// resolveURL resolves a source url against dir. It returns the URL to fetch
// and, for a local file, its absolute path. The forms are those fetch
// accepts: http:// and https:// URLs (kept as written); file:///abs and
// file://localhost/abs; file:rel/path and file://./rel/path (relative to
// dir); and plain paths, absolute or relative to dir.
func resolveURL(raw, dir string) (fetchURL, path string, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || isDriveLetter(u.Scheme) {
		path = raw
	} else {
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			if u.Host == "" {
				return "", "", fmt.Errorf("url %q has no host", raw)
			}
			return raw, "", nil
		case "file":
			if path, err = filePath(u); err != nil {
				return "", "", fmt.Errorf("url %q: %w", raw, err)
			}
		default:
			return "", "", fmt.Errorf("url %q: unsupported scheme %q (want http, https, file or a path)", raw, u.Scheme)
		}
	}
	path = filepath.FromSlash(path)
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	path = filepath.Clean(path)
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String(), path, nil
}

// filePath returns the path named by a file URL, relative when the URL is.
func filePath(u *url.URL) (string, error) {
	var p string
	switch {
	case u.Opaque != "": // file:rel/path
		unescaped, err := url.PathUnescape(u.Opaque)
		if err != nil {
			return "", err
		}
		p = unescaped
	case u.Host == "" || u.Host == "localhost": // file:///abs/path
		p = u.Path
	case u.Host == "." || u.Host == "..": // file://./rel/path
		p = u.Host + u.Path
	default:
		return "", fmt.Errorf("a file URL cannot name host %q (write file:rel/path or a plain path for a relative file)", u.Host)
	}
	if p == "" {
		return "", fmt.Errorf("no path")
	}
	return p, nil
}

// isDriveLetter reports whether a parsed "scheme" is really a Windows drive
// letter, as in C:\data\x.csv.
func isDriveLetter(scheme string) bool {
	return filepath.Separator == '\\' && len(scheme) == 1
}

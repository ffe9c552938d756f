// Package serve is c360's small web app over the published database:
// search for a customer, see the whole person on one card, and review the
// doubtful links. Pages are rendered on the server from embedded templates
// and one stylesheet; there is no script at all, and charts are inline SVG.
//
// Safe by default:
//   - the database is opened read-only and reopened when a run publishes a
//     new one (see published); nothing here writes to it;
//   - what was searched for travels in a POST body, never in a URL, and no
//     log line holds a query, a form value or a path (only the route);
//   - every page has a strict Content-Security-Policy (no script, styles
//     from this server only), and html/template escapes every value;
//   - POSTs are refused when they come from another origin
//     (http.CrossOriginProtection);
//   - with a Token, every request must carry it (see auth.go).
//
// Review decisions go to the review file (package review), which the next
// run reads.
package serve

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os/user"
	"time"
)

// Options configure a Server.
type Options struct {
	// Database is the published DuckDB file.
	Database string
	// ReviewFile receives review decisions (review.FileFor of the config).
	ReviewFile string
	// Token, when not empty, must come with every request: as a bearer
	// token, or in the cookie the sign-in page sets. Required off localhost.
	Token string
	// Reviewer names whoever records a decision without typing a name;
	// default: the OS user running the server.
	Reviewer string
	// Logger receives one line per request (method, route, status, time);
	// nil discards them.
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Server serves the app. Create it with New; it is safe for concurrent use.
type Server struct {
	opts  Options
	db    *published
	pages *pages
	log   *slog.Logger
}

// New returns a server over opts.Database. The database need not exist yet:
// pages say so until a run publishes it.
func New(opts Options) (*Server, error) {
	if opts.Database == "" || opts.ReviewFile == "" {
		return nil, errors.New("serve: Database and ReviewFile are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Reviewer == "" {
		if u, err := user.Current(); err == nil {
			opts.Reviewer = u.Username
		} else {
			opts.Reviewer = "unknown"
		}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	return &Server{opts: opts, db: &published{path: opts.Database}, pages: pg, log: log}, nil
}

// Close closes the database.
func (s *Server) Close() error { return s.db.Close() }

// Handler returns the app's routes wrapped in its safety layers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /search", s.search)
	mux.HandleFunc("GET /customer/{id}", s.customer)
	mux.HandleFunc("GET /review", s.reviewQueue)
	mux.HandleFunc("POST /review", s.decide)
	mux.HandleFunc("GET /static/style.css", s.style)
	mux.HandleFunc("GET /signin", s.signinPage)
	mux.HandleFunc("POST /signin", s.signin)
	var h http.Handler = mux
	h = s.auth(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = secureHeaders(h)
	return s.logRequests(h)
}

// secureHeaders sets the headers every response carries.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store") // pages hold personal data
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// logRequests logs each request by its route pattern ("GET
// /customer/{id}"), never its path, query or form, which may hold
// personal data.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = r.Method + " (no route)"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.log.Info("request", "route", route, "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

// Serve serves h on addr until ctx is done, then shuts down gracefully.
func Serve(ctx context.Context, addr string, h http.Handler, ready func(addr string)) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := listen(ctx, addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

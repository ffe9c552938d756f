package serve

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// TokenEnv is the environment variable holding the token that every
// request must carry when the server listens beyond localhost.
const TokenEnv = "C360_SERVE_TOKEN"

// tokenCookie carries the token in a browser after signing in.
const tokenCookie = "c360_token"

// IsLoopback reports whether addr (host:port) listens on this machine
// only: a loopback IP or "localhost". An empty host means every interface.
func IsLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("serve: address %q: want host:port, such as 127.0.0.1:8360", addr)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

func listen(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return ln, nil
}

// loopbackHost reports whether the Host header names this machine:
// localhost or a loopback IP, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// auth lets a request through when the server has no token and the request
// is addressed to localhost, or the request carries the token
// (Authorization: Bearer, or the sign-in cookie). Others get the sign-in
// page; the style sheet is served to all so that page has its style.
func (s *Server) auth(next http.Handler) http.Handler {
	if s.opts.Token == "" {
		// Without a token the server is for this machine only. A page from
		// elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) would
		// be same-origin to the browser; its Host header gives it away.
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !loopbackHost(r.Host) {
				http.Error(w, "this server answers only to localhost; start it with a token to serve other names", http.StatusMisdirectedRequest)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/static/style.css" || r.URL.Path == "/signin" || s.hasToken(r) {
			next.ServeHTTP(w, r)
			return
		}
		s.render(w, r, "signin", pageData{Title: "Sign in", Status: http.StatusUnauthorized})
	})
}

func (s *Server) hasToken(r *http.Request) bool {
	if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.tokenIs(bearer) {
		return true
	}
	c, err := r.Cookie(tokenCookie)
	return err == nil && s.tokenIs(c.Value)
}

func (s *Server) tokenIs(v string) bool {
	return subtle.ConstantTimeCompare([]byte(v), []byte(s.opts.Token)) == 1
}

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "signin", pageData{Title: "Sign in"})
}

// signin checks the token typed into the sign-in form and keeps it in a
// cookie the page's script could not read (there is none anyway).
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if !s.tokenIs(r.PostFormValue("token")) {
		s.render(w, r, "signin", pageData{Title: "Sign in", Status: http.StatusUnauthorized,
			Error: "That token is not the one this server was started with."})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.opts.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

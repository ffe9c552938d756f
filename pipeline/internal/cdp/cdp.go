// Package cdp drives headless Chromium for browser tests, over the Chrome
// DevTools Protocol on --remote-debugging-pipe: commands go to the
// browser's fd 3 and replies and events come from its fd 4, each a JSON
// message ended by a NUL byte. No port is opened and no extra module is
// needed. It is for tests only: every failure fails the test.
package cdp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// TB is the part of testing.TB the browser uses; a test passes its *testing.T.
// (Taking the interface keeps package testing out of a non-test package.)
type TB interface {
	Helper()
	Cleanup(func())
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Skip(args ...any)
	TempDir() string
}

// Browser is one headless Chromium with one page. Set T to the running
// (sub)test before using it from another test than the one that started it.
type Browser struct {
	T       TB
	cmd     *exec.Cmd
	send    *os.File
	recv    *os.File
	read    *bufio.Reader
	stderr  bytes.Buffer
	nextID  int
	session string
	events  []cdpMessage // received and not yet consumed
	width   int          // the viewport's, for screenshots
	mobile  bool
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// chromiumFlags start Chromium headless with nothing running in the
// background that could reach the network.
func chromiumFlags(profile string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
		"--no-first-run", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--disable-default-apps", "--mute-audio", "--hide-scrollbars",
		"--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank",
	}
}

// Start starts Chromium at path and opens one page target.
func Start(t TB, path string) *Browser {
	t.Helper()
	toBrowser, browserIn, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	browserOut, fromBrowser, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	b := &Browser{T: t, send: browserIn, recv: browserOut, read: bufio.NewReader(browserOut)}
	b.cmd = exec.Command(path, chromiumFlags(t.TempDir())...)
	b.cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // fd 3 and fd 4
	b.cmd.Stderr = &b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	toBrowser.Close()
	fromBrowser.Close()
	t.Cleanup(b.close)

	var target struct {
		TargetID string `json:"targetId"`
	}
	b.Call("Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	b.Call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	b.Call("Network.enable", nil, nil)
	b.Call("Page.enable", nil, nil)
	b.Viewport(1280, 900, false)
	return b
}

func (b *Browser) close() {
	if b.cmd.Process == nil {
		return
	}
	b.session = ""
	if err := b.write("Browser.close", nil); err == nil {
		done := make(chan error, 1)
		go func() { done <- b.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill()
			<-done
		}
	} else {
		b.cmd.Process.Kill()
		b.cmd.Wait()
	}
	b.send.Close()
	b.recv.Close()
}

func (b *Browser) write(method string, params any) error {
	b.nextID++
	msg := map[string]any{"id": b.nextID, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if b.session != "" {
		msg["sessionId"] = b.session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = b.send.Write(append(data, 0))
	return err
}

// next reads the next message, failing the test after a quiet minute.
func (b *Browser) next() cdpMessage {
	b.T.Helper()
	if err := b.recv.SetReadDeadline(time.Now().Add(time.Minute)); err != nil {
		b.T.Fatal(err)
	}
	data, err := b.read.ReadBytes(0)
	if err != nil {
		b.T.Fatalf("reading from chromium: %v\nstderr:\n%s", err, tail(b.stderr.String()))
	}
	var m cdpMessage
	if err := json.Unmarshal(data[:len(data)-1], &m); err != nil {
		b.T.Fatalf("chromium sent %q: %v", data, err)
	}
	return m
}

// Call sends a command and waits for its reply, keeping the events that
// arrive meanwhile; result, when not nil, receives the reply's result.
func (b *Browser) Call(method string, params any, result any) {
	b.T.Helper()
	if err := b.write(method, params); err != nil {
		b.T.Fatalf("%s: %v", method, err)
	}
	id := b.nextID
	for {
		m := b.next()
		if m.ID == 0 {
			b.events = append(b.events, m)
			continue
		}
		if m.ID != id {
			continue
		}
		if m.Error != nil {
			b.T.Fatalf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				b.T.Fatalf("%s: %v", method, err)
			}
		}
		return
	}
}

// waitEvent consumes events up to and including the first called method.
func (b *Browser) waitEvent(method string) {
	b.T.Helper()
	for _, m := range b.events {
		if m.Method == method {
			return
		}
	}
	for {
		m := b.next()
		if m.ID == 0 {
			b.events = append(b.events, m)
			if m.Method == method {
				return
			}
		}
	}
}

// Viewport sets the window size in CSS pixels; mobile emulates a phone
// (its viewport meta tag is honoured). Screenshots keep the width.
func (b *Browser) Viewport(width, height int, mobile bool) {
	b.T.Helper()
	b.width, b.mobile = width, mobile
	b.Call("Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
	}, nil)
}

// Load opens url, waits for its load event, and returns the URL of every
// request the page made, the document's own included.
func (b *Browser) Load(url string) []string {
	b.T.Helper()
	return b.Navigate(func() { b.Call("Page.navigate", map[string]any{"url": url}, nil) })
}

// Submit evaluates expr, which must make the page navigate (submit a form,
// follow a link), waits for the next page's load event and returns the URL
// of every request made meanwhile.
func (b *Browser) Submit(expr string) []string {
	b.T.Helper()
	return b.Navigate(func() { b.Eval(expr, nil) })
}

// Navigate runs start, which makes the page navigate, waits for the load
// event and returns the URL of every request made meanwhile.
func (b *Browser) Navigate(start func()) []string {
	b.T.Helper()
	b.events = nil
	start()
	b.waitEvent("Page.loadEventFired")
	// Let late requests (fonts, lazy images) show up: ask for something
	// that needs a round trip through the renderer after the load.
	b.Eval(`new Promise(r => setTimeout(() => r(document.readyState), 500))`, nil)
	var urls []string
	for _, m := range b.events {
		if m.Method != "Network.requestWillBeSent" {
			continue
		}
		var p struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			b.T.Fatal(err)
		}
		urls = append(urls, p.Request.URL)
	}
	return urls
}

// Eval evaluates a JavaScript expression in the page, awaiting a promise,
// and decodes its JSON-able value into out (when not nil).
func (b *Browser) Eval(expr string, out any) {
	b.T.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	b.Call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.Exception != nil {
		b.T.Fatalf("evaluating %q: %s", expr, r.Exception.Text)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.T.Fatalf("evaluating %q: %v (value %s)", expr, err, r.Result.Value)
		}
	}
}

// Screenshot returns a PNG of the whole page at the viewport's width.
func (b *Browser) Screenshot() []byte {
	b.T.Helper()
	var metrics struct {
		Content struct {
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	b.Call("Page.getLayoutMetrics", nil, &metrics)
	width, mobile := b.width, b.mobile
	height := int(min(max(metrics.Content.Height, 900), 20000))
	b.Viewport(width, height, mobile)
	var shot struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	b.Call("Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	b.Viewport(width, 900, mobile)
	if !bytes.HasPrefix(shot.Data, []byte("\x89PNG")) {
		b.T.Fatalf("screenshot is not a PNG (%d bytes)", len(shot.Data))
	}
	return shot.Data
}

// FindChromium returns the Chromium to test with, or skips the test when
// there is none and CI is not set (then it fails).
func FindChromium(t TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		} else if !errors.Is(err, exec.ErrNotFound) && !errors.Is(err, os.ErrNotExist) {
			t.Logf("looking for %s: %v", name, err)
		}
	}
	msg := "chromium is not installed (apt-get install chromium; .ci/run installs it)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

// SaveScreenshot keeps png in the test's temporary directory and, when
// C360_SCREENSHOT_DIR is set, there too, as name.
func SaveScreenshot(t TB, png []byte, name string) {
	t.Helper()
	dirs := []string{t.TempDir()}
	if d := os.Getenv("C360_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.WriteFile(filepath.Join(d, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot %s: %d bytes", filepath.Join(dirs[len(dirs)-1], name), len(png))
}

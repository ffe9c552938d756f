package htmlreport_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// browser drives headless Chromium over the Chrome DevTools Protocol on
// --remote-debugging-pipe: commands go to the browser's fd 3 and replies
// and events come from its fd 4, each a JSON message ended by a NUL byte.
// No port is opened and no extra module is needed.
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	send    *os.File
	recv    *os.File
	read    *bufio.Reader
	stderr  bytes.Buffer
	nextID  int
	session string
	events  []cdpMessage // received and not yet consumed
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

// startBrowser starts Chromium at path and opens one page target.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	toBrowser, browserIn, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	browserOut, fromBrowser, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, send: browserIn, recv: browserOut, read: bufio.NewReader(browserOut)}
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
	b.call("Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	b.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	b.call("Network.enable", nil, nil)
	b.call("Page.enable", nil, nil)
	b.viewport(1280, 900)
	return b
}

func (b *browser) close() {
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

func (b *browser) write(method string, params any) error {
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
func (b *browser) next() cdpMessage {
	b.t.Helper()
	if err := b.recv.SetReadDeadline(time.Now().Add(time.Minute)); err != nil {
		b.t.Fatal(err)
	}
	data, err := b.read.ReadBytes(0)
	if err != nil {
		b.t.Fatalf("reading from chromium: %v\nstderr:\n%s", err, tail(b.stderr.String()))
	}
	var m cdpMessage
	if err := json.Unmarshal(data[:len(data)-1], &m); err != nil {
		b.t.Fatalf("chromium sent %q: %v", data, err)
	}
	return m
}

// call sends a command and waits for its reply, keeping the events that
// arrive meanwhile; result, when not nil, receives the reply's result.
func (b *browser) call(method string, params any, result any) {
	b.t.Helper()
	if err := b.write(method, params); err != nil {
		b.t.Fatalf("%s: %v", method, err)
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
			b.t.Fatalf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				b.t.Fatalf("%s: %v", method, err)
			}
		}
		return
	}
}

// waitEvent consumes events up to and including the first called method.
func (b *browser) waitEvent(method string) {
	b.t.Helper()
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

func (b *browser) viewport(width, height int) {
	b.t.Helper()
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false,
	}, nil)
}

// load opens url, waits for its load event, and returns the URL of every
// request the page made, the document's own included.
func (b *browser) load(url string) []string {
	b.t.Helper()
	b.events = nil
	b.call("Page.navigate", map[string]any{"url": url}, nil)
	b.waitEvent("Page.loadEventFired")
	// Let late requests (fonts, lazy images) show up: ask for something
	// that needs a round trip through the renderer after the load.
	b.eval(`new Promise(r => setTimeout(() => r(document.readyState), 500))`, nil)
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
			b.t.Fatal(err)
		}
		urls = append(urls, p.Request.URL)
	}
	return urls
}

// eval evaluates a JavaScript expression in the page, awaiting a promise,
// and decodes its JSON-able value into out (when not nil).
func (b *browser) eval(expr string, out any) {
	b.t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	b.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.Exception != nil {
		b.t.Fatalf("evaluating %q: %s", expr, r.Exception.Text)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.t.Fatalf("evaluating %q: %v (value %s)", expr, err, r.Result.Value)
		}
	}
}

// screenshot returns a PNG of the whole page at 1280 px wide.
func (b *browser) screenshot() []byte {
	b.t.Helper()
	var metrics struct {
		Content struct {
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	b.call("Page.getLayoutMetrics", nil, &metrics)
	height := int(min(max(metrics.Content.Height, 900), 20000))
	b.viewport(1280, height)
	var shot struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	b.call("Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	b.viewport(1280, 900)
	if !bytes.HasPrefix(shot.Data, []byte("\x89PNG")) {
		b.t.Fatalf("screenshot is not a PNG (%d bytes)", len(shot.Data))
	}
	return shot.Data
}

// findChromium returns the Chromium to test with, or skips the test when
// there is none and CI is not set (then it fails).
func findChromium(t *testing.T) string {
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

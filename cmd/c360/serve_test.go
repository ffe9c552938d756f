package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// lineWriter sends each write as a string.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) { w <- string(p); return len(p), nil }

// TestServeCommand publishes the sample, starts c360 serve on a free
// loopback port, fetches the home page and stops the server by cancelling
// its context, as SIGINT would.
func TestServeCommand(t *testing.T) {
	cfg, _ := sampleConfig(t, "")
	if code, _, stderr := runCLI(t, "run", "--config", cfg, "--quiet"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(lineWriter, 16)
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--config", cfg, "--addr", "127.0.0.1:0", "--quiet"}, out, io.Discard)
	}()
	var url string
	select {
	case line := <-out:
		m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
		if m == "" || !strings.Contains(line, "c360.review.jsonl") {
			t.Fatalf("serve printed %q; want its address and review file", line)
		}
		url = m
	case code := <-done:
		t.Fatalf("serve exited %d before listening", code)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start listening")
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Find a customer") {
		t.Errorf("GET %s: %d\n%s", url, resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited %d after its context ended, want 0", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

package server

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/moby/moby/client"
)

// A tool guest's log line passes the chain before it is logged.
func TestGuestLogLinesAreRedacted(t *testing.T) {
	dir, err := os.MkdirTemp("", "dockmcp-log-test")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	cli, err := client.New(client.WithHost("unix:///nonexistent/dockmcp.sock"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{CacheDir: dir, Docker: cli})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	token := "ghp_" + strings.Repeat("aB3", 12) // shaped like a token, not one
	got, ok := h.redactLog(context.Background(), "retrying with "+token)
	if !ok || strings.Contains(got, token) || !strings.HasPrefix(got, "retrying with [REDACTED:") {
		t.Fatalf("got %q, %v", got, ok)
	}
}

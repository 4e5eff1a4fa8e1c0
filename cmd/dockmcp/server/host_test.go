package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/runtime"
)

// newHost returns a host whose daemon cannot be reached: these tests look
// at the path of a call, not at Docker.
func newHost(t *testing.T, tools *runtime.Class) *server.Host {
	t.Helper()
	cli, err := client.New(client.WithHost("unix:///nonexistent/dockmcp.sock"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: cli, ToolClass: tools})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return h
}

func text(r *mcp.CallToolResult) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// A bad argument is answered before the guest runs: with the daemon
// unreachable, an entered guest would report that instead.
func TestBadArgumentsNeverEnterTheGuest(t *testing.T) {
	h := newHost(t, nil)
	r := h.Call(context.Background(), "container_logs", json.RawMessage(`{"containerId":5}`))
	if !r.IsError || !strings.Contains(text(r), "argument containerId") ||
		strings.Contains(text(r), "cannot reach") {
		t.Fatalf("got %s", text(r))
	}
}

// Errors that quote what the call sent (a bad argument, an unknown tool's
// name) pass the filter chain like every other string returned.
func TestQuotedInputIsFiltered(t *testing.T) {
	h := newHost(t, nil)
	// A fake token, built so that no scanner flags this file.
	tok := "ghp_" + strings.Repeat("Quoted7Fake", 4)[:36]
	for _, c := range []struct{ tool, args string }{
		{"list_containers", `{"` + tok + `":1}`},
		{"list_containers", `{"all":"` + tok + `"}`},
		{"no_such_" + tok, `{}`},
	} {
		r := h.Call(context.Background(), c.tool, json.RawMessage(c.args))
		if got := text(r); !r.IsError || strings.Contains(got, tok[4:20]) {
			t.Errorf("%s %s: %s", c.tool, c.args, got)
		}
	}
}

func TestUnreachableDaemonIsAReadableError(t *testing.T) {
	h := newHost(t, nil)
	r := h.Call(context.Background(), "validate_connection", nil)
	if !r.IsError || !strings.Contains(text(r), "unix:///nonexistent/dockmcp.sock") {
		t.Fatalf("got %s", text(r))
	}
	// The host keeps serving.
	r = h.Call(context.Background(), "list_containers", json.RawMessage(`{}`))
	if !r.IsError || !strings.Contains(text(r), "cannot reach") {
		t.Fatalf("second call: %s", text(r))
	}
}

func TestCancelledCallStops(t *testing.T) {
	h := newHost(t, nil)
	if err := h.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan *mcp.CallToolResult, 1)
	go func() { done <- h.Call(ctx, "list_containers", nil) }()
	select {
	case r := <-done:
		if !r.IsError {
			t.Fatalf("a cancelled call succeeded: %s", text(r))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a cancelled call did not return")
	}
}

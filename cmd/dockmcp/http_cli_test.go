package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

const cliToken = "cli-test-token-0123456789" // a fake, for tests only

func TestServeHTTPRefusesNonLoopbackWithoutToken(t *testing.T) {
	t.Parallel()
	r := runCLI(t, []string{tokenEnv + "="}, "serve", "--http", "0.0.0.0:0")
	if r.code != 1 || !strings.Contains(r.stderr, "refusing to serve 0.0.0.0:0 without a token") {
		t.Fatalf("exit %d, stderr %q; want 1 and a refusal", r.code, r.stderr)
	}
	r = runCLI(t, nil, "serve", "--http", "127.0.0.1:0", "--token-file", "/nonexistent/token")
	if r.code != 1 || !strings.Contains(r.stderr, "--token-file") {
		t.Fatalf("missing token file: exit %d, stderr %q", r.code, r.stderr)
	}
}

// The binary serves HTTP with a token from a file, answers /healthz, asks
// for the token on /mcp, and exits 0 on SIGTERM.
func TestServeHTTPBinary(t *testing.T) {
	t.Parallel()
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(cliToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := command(ctx, "serve", "--http", "127.0.0.1:0", "--token-file", tokenFile)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	url := waitForURL(t, &stderr)

	get := func(u, token string) int {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(strings.TrimSuffix(url, "/mcp")+"/healthz", ""); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	if code := get(url, ""); code != http.StatusUnauthorized {
		t.Errorf("/mcp without token: %d", code)
	}
	body := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":` +
		`"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+cliToken)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Mcp-Session-Id") == "" {
		t.Errorf("initialize: %d, session %q", resp.StatusCode, resp.Header.Get("Mcp-Session-Id"))
	}

	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\nstderr: %s", err, stderr.String())
	}
	noPanic(t, stderr.String())
}

var servingURL = regexp.MustCompile(`serving MCP at (http://\S+)`)

func waitForURL(t *testing.T, stderr *syncBuffer) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if m := servingURL.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no URL on stderr: %s", stderr.String())
	return ""
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestStdoutHygiene drives `dockmcp serve` by hand, with debug logging on,
// and checks that every line it writes to stdout is a JSON-RPC message:
// logs, guest output and errors all belong on stderr. Among the requests
// are a malformed line and calls that fail, so the error paths write too.
// It needs no daemon: without one the calls are error results.
func TestStdoutHygiene(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*runTimeout)
	defer cancel()
	cmd := command(ctx, "--log-level", "debug", "serve")
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := readLines(stdout)

	send(t, stdin, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{`+
		`"protocolVersion":"2025-06-18","capabilities":{},`+
		`"clientInfo":{"name":"dockmcp-e2e","version":"0"}}}`)
	checkReply(t, awaitReplies(t, ctx, lines, 1)["1"], "initialize")
	send(t, stdin, `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	send(t, stdin, `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`)
	send(t, stdin, `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":`+
		`{"name":"validate_connection","arguments":{}}}`)
	send(t, stdin, `{"jsonrpc":"2.0","id":4,"method":"tools/call","params":`+
		`{"name":"container_logs","arguments":{"containerId":"dockmcp-e2e-no-such"}}}`)
	send(t, stdin, `this line is not JSON`)
	send(t, stdin, `{"jsonrpc":"2.0","id":5,"method":"tools/call","params":`+
		`{"name":"nosuch","arguments":{}}}`)
	for id, msg := range awaitReplies(t, ctx, lines, 2, 3, 4, 5) {
		if id != "5" { // an unknown tool is a protocol error in MCP
			checkReply(t, msg, "request "+id)
		}
	}

	stdin.Close()
	for range lines { // the rest of stdout, checked as it is read
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve: %v", err)
	}
	noPanic(t, stderr.String())
	if !strings.Contains(stderr.String(), "level=") {
		t.Errorf("no log on stderr at debug level:\n%s", stderr)
	}
}

// stdoutLine is one line of the server's stdout, decoded.
type stdoutLine struct {
	msg map[string]json.RawMessage
	raw string
	err error
}

// readLines reads stdout line by line until it closes, decoding each line
// as a JSON-RPC message.
func readLines(r io.Reader) <-chan stdoutLine {
	out := make(chan stdoutLine)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			out <- decodeLine(sc.Text())
		}
	}()
	return out
}

// decodeLine decodes a line and checks that it is JSON-RPC 2.0: a response
// (id, and result or error), or a request or notification (method).
func decodeLine(raw string) stdoutLine {
	l := stdoutLine{raw: raw}
	if l.err = json.Unmarshal([]byte(raw), &l.msg); l.err != nil {
		return l
	}
	_, hasID := l.msg["id"]
	_, hasMethod := l.msg["method"]
	_, hasResult := l.msg["result"]
	_, hasError := l.msg["error"]
	switch {
	case string(l.msg["jsonrpc"]) != `"2.0"`:
		l.err = fmt.Errorf("jsonrpc is %s", l.msg["jsonrpc"])
	case !hasMethod && !(hasID && hasResult != hasError):
		l.err = fmt.Errorf("neither a request nor a response")
	}
	return l
}

// awaitReplies returns the responses with the given ids, by id, and fails
// t on any line that is not JSON-RPC before the last of them.
func awaitReplies(t *testing.T, ctx context.Context, lines <-chan stdoutLine,
	ids ...int) map[string]map[string]json.RawMessage {
	t.Helper()
	want := map[string]bool{}
	for _, id := range ids {
		want[fmt.Sprint(id)] = true
	}
	got := map[string]map[string]json.RawMessage{}
	for len(got) < len(want) {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("stdout closed with replies to %v, want %v", slices.Sorted(maps.Keys(got)), ids)
			}
			if l.err != nil {
				t.Fatalf("stdout line is not JSON-RPC (%v): %q", l.err, l.raw)
			}
			if id := string(l.msg["id"]); want[id] {
				got[id] = l.msg
			}
		case <-ctx.Done():
			t.Fatalf("replies to %v only, want %v: %v", slices.Sorted(maps.Keys(got)), ids, ctx.Err())
		}
	}
	return got
}

// checkReply checks that a reply is a result: tool failures are results
// too. (The malformed line's reply, an error, has no id to wait for.)
func checkReply(t *testing.T, msg map[string]json.RawMessage, what string) {
	t.Helper()
	if _, ok := msg["result"]; !ok {
		t.Errorf("%s: no result: %s", what, msg["error"])
	}
}

func send(t *testing.T, w io.Writer, line string) {
	t.Helper()
	if _, err := io.WriteString(w, line+"\n"); err != nil {
		t.Fatalf("write %q: %v", line, err)
	}
}

// TestServeStdinClosed checks that `dockmcp serve` exits 0, promptly, when
// its input closes before anything arrived, with the guests still
// loading: it waits for them (about 0.1 s from a warm cache, 1-3 s with
// -race), then exits.
func TestServeStdinClosed(t *testing.T) {
	t.Parallel()
	limit := 10 * time.Second
	if raceEnabled() {
		limit = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := command(ctx, "serve")
	stderr := &syncBuffer{}
	cmd.Stderr = stderr // stdin is nil: the null device, at EOF at once
	start := time.Now()
	out, err := cmd.Output()
	if err != nil || ctx.Err() != nil {
		t.Fatalf("serve with stdin closed: %v (context: %v)\nstderr: %s", err, ctx.Err(), stderr)
	}
	if len(out) != 0 {
		t.Errorf("serve with stdin closed wrote to stdout: %q", out)
	}
	noPanic(t, stderr.String())
	t.Logf("exited 0 after %v", time.Since(start).Round(time.Millisecond))
}

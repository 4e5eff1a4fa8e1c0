package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// The client-fault tests drive `dockmcp serve` by hand (rawSession): a
// client that vanishes mid-call, one that cancels, one that sends garbage,
// one that sends a burst.

// sockets counts the process's open sockets: its connections to the daemon.
func sockets(t *testing.T, pid int) int {
	t.Helper()
	return len(socketSet(t, pid))
}

// socketSet is the sockets (socket:[inode]) the process pid holds.
func socketSet(t *testing.T, pid int) map[string]bool {
	t.Helper()
	dir := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no %s: %v", dir, err)
	}
	set := map[string]bool{}
	for _, e := range ents {
		if target, _ := os.Readlink(filepath.Join(dir, e.Name())); strings.HasPrefix(target, "socket:") {
			set[target] = true
		}
	}
	return set
}

// waitFor polls cond every 50 ms for up to limit.
func waitFor(limit time.Duration, cond func() bool) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// A client that closes stdin in the middle of long calls (a 60 s logs
// follow and an exec of a command that never ends) finds the server gone
// cleanly once the grace for calls in flight (server.StdinGrace) has passed:
// the calls are cancelled then, not waited for to their end.
func TestStdinClosedMidCall(t *testing.T) {
	t.Parallel()
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	s := startRaw(t)
	pid := s.cmd.Process.Pid
	base := sockets(t, pid)
	_, follow, _ := s.start("tools/call", map[string]any{"name": "container_logs",
		"arguments": map[string]any{"containerId": id, "follow": true, "followSeconds": 60}})
	_, exec, _ := s.start("tools/call", map[string]any{"name": "exec_container",
		"arguments": map[string]any{"containerId": id, "timeoutSeconds": 60,
			"command": []string{"/fakeapp", "tick", "100ms"}}})
	if !waitFor(30*time.Second, func() bool { return sockets(t, pid) >= base+2 }) {
		t.Fatalf("the calls never reached the daemon: %d sockets, %d before", sockets(t, pid), base)
	}
	took, err := s.closeAndWait(server.StdinGrace + 5*time.Second)
	if err != nil {
		t.Fatalf("serve after stdin closed mid-call: %v after %v", err, took)
	}
	t.Logf("exited 0 %v after stdin closed", took.Round(time.Millisecond))
	noPanic(t, s.stderr.String())
	if alive(pid) {
		t.Errorf("process %d still alive", pid)
	}
	for _, ch := range []<-chan rpcReply{follow, exec} {
		select {
		case rep := <-ch:
			if strings.Contains(string(rep.Result), "withheld") {
				t.Errorf("a cancelled call reads as a filter failure: %s", rep.Result)
			}
		default:
		}
	}
}

// toolLog matches the server's log line for a finished tool call.
func toolLog(tool string) *regexp.Regexp {
	return regexp.MustCompile(`msg="tool call" (?:session=\S+ )?tool=` + tool + ` outcome=([^ ]+)`)
}

// notifications/cancelled ends a call in flight early, and closes its
// connection to the daemon; the session goes on.
func TestCancelledCallStopsTheDockerOperation(t *testing.T) {
	t.Parallel()
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	s := startRaw(t)
	pid := s.cmd.Process.Pid
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"container_logs", map[string]any{"containerId": id, "follow": true, "followSeconds": 60}},
		{"exec_container", map[string]any{"containerId": id, "timeoutSeconds": 120,
			"command": []string{"/fakeapp", "tick", "100ms"}}},
	} {
		base := sockets(t, pid)
		reqID, _, _ := s.start("tools/call", map[string]any{"name": tc.tool, "arguments": tc.args})
		// The call's stream opens a socket, or takes an idle keep-alive
		// one: wait for a new socket a while, then for the stream to start.
		waitFor(5*time.Second, func() bool { return sockets(t, pid) > base })
		time.Sleep(500 * time.Millisecond)
		during := socketSet(t, pid)
		if len(during) == 0 {
			t.Fatalf("%s never reached the daemon", tc.tool)
		}
		start := time.Now()
		s.notify("notifications/cancelled", map[string]any{"requestId": reqID, "reason": "test"})
		ended := waitFor(20*time.Second, func() bool {
			return toolLog(tc.tool).MatchString(s.stderr.String())
		})
		if !ended || strings.Contains(s.stderr.String(), "outcome=withheld") {
			t.Fatalf("%s went on after notifications/cancelled", tc.tool)
		}
		t.Logf("%s ended %v after the cancel: %s", tc.tool, time.Since(start).Round(time.Millisecond),
			toolLog(tc.tool).FindString(s.stderr.String()))
		// The stream's socket is closed: one open during the call is gone. An
		// idle keep-alive socket (the API version check's) may stay.
		closed := func() bool {
			after := socketSet(t, pid)
			for sock := range during {
				if !after[sock] {
					return true
				}
			}
			return false
		}
		if !waitFor(10*time.Second, closed) {
			t.Errorf("%s: every socket open during the call is still open after the cancel "+
				"(%d; %d before the call)", tc.tool, sockets(t, pid), base)
		}
		if _, err := s.callTool(ctx, "list_containers", map[string]any{}); err != nil {
			t.Fatalf("after cancelling %s: %v", tc.tool, err)
		}
	}
}

// A line that is not JSON, and a 20 MB line, are answered with parse
// errors (the long one cut at MaxMessageBytes, not buffered whole); the
// session goes on.
func TestMalformedAndOversizedMessages(t *testing.T) {
	t.Parallel()
	s := startRaw(t)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	huge := `{"jsonrpc":"2.0","id":"huge","method":"tools/call","params":{"name":` +
		`"list_containers","arguments":{"x":"` + strings.Repeat("a", 20<<20) + `"}}}`
	for _, line := range []string{`this is not JSON`, `{"jsonrpc":"2.0","id":`, huge, `[]`} {
		if err := s.send([]byte(line)); err != nil {
			t.Fatalf("send: %v", err)
		}
		if _, err := s.request(ctx, "tools/list", nil); err != nil {
			t.Fatalf("after a %d-byte bad line: %v", len(line), err)
		}
	}
	if !waitFor(10*time.Second, func() bool { return len(s.unmatched()) >= 3 }) {
		t.Errorf("replies to the bad lines: %+v", s.unmatched())
	}
	for _, rep := range s.unmatched() {
		if rep.Error == nil {
			t.Errorf("a bad line got a result: %s", rep.Result)
		}
	}
	if took, err := s.closeAndWait(30 * time.Second); err != nil {
		t.Fatalf("exit: %v after %v", err, took)
	}
	noPanic(t, s.stderr.String())
}

// 200 concurrent tools/call are all answered, with results.
func TestConcurrentCalls(t *testing.T) {
	t.Parallel()
	dockertest.Client(t)
	s := startRaw(t)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for range n {
		wg.Go(func() {
			res, err := s.callTool(ctx, "list_containers", map[string]any{"all": true})
			if err == nil && res.IsError {
				err = errorString(res.text())
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if err != nil {
			if failed++; failed <= 3 {
				t.Error(err)
			}
		}
	}
	t.Logf("%d calls in %v, %d failed", n, time.Since(start).Round(time.Millisecond), failed)
	if took, err := s.closeAndWait(30 * time.Second); err != nil {
		t.Fatalf("exit: %v after %v", err, took)
	}
	noPanic(t, s.stderr.String())
}

type errorString string

func (e errorString) Error() string { return string(e) }

// `echo request | dockmcp serve`, with guests still compiling, gets its
// answer: the end of stdin waits for the call instead of cancelling it.
func TestPipedRequestIsAnswered(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":` +
			`"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":` +
			`"validate_connection","arguments":{}}}`,
	}, "\n") + "\n"
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2e.bin, "serve", "--cache-dir", t.TempDir())
	cmd.Env = append(os.Environ(), "DOCKER_HOST=unix:///nonexistent/dockmcp.sock")
	cmd.Stdin = strings.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("serve: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `"id":2`) || !strings.Contains(string(out), "cannot reach") {
		t.Fatalf("the piped call was not answered by the guest:\n%s", out)
	}
}

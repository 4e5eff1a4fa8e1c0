package docker

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// runLogged starts a container running the fakeapp steps args and waits
// for the marker it prints last.
func runLogged(t *testing.T, tty bool, args ...string) string {
	t.Helper()
	args = append(args, "emit", "DONE", "forever")
	id, _ := dockertest.Run(t, dockertest.Options{Args: args, TTY: tty})
	dockertest.WaitLog(t, id, "DONE")
	return id
}

func logs(t *testing.T, o *Ops, req dockerapi.ContainerLogsRequest) dockerapi.ContainerLogsResult {
	t.Helper()
	res, err := o.ContainerLogs(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestContainerLogsDemux(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, false, "emit", "out1", "emit-stderr", "err1", "emit", "out2")
	dockertest.WaitLog(t, id, "err1")
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id})
	if res.Stdout != "out1\nout2\nDONE\n" || res.Stderr != "err1\n" {
		t.Errorf("stdout %q stderr %q", res.Stdout, res.Stderr)
	}
	if res.TTY || res.Truncated || res.Lines != 4 {
		t.Errorf("tty=%v truncated=%v lines=%d", res.TTY, res.Truncated, res.Lines)
	}
	only := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Stderr: true})
	if only.Stdout != "" || only.Stderr != "err1\n" {
		t.Errorf("stderr only: %+v", only)
	}
}

func TestContainerLogsTTY(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, true, "emit", "hello", "emit-stderr", "world")
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id})
	if !res.TTY || res.Stderr != "" || res.Stdout != "hello\r\nworld\r\nDONE\r\n" {
		t.Errorf("got %+v", res)
	}
}

// TestContainerLogsInvalidUTF8 uses the local log driver: json-file already
// replaces invalid bytes on the daemon's side, one U+FFFD per byte.
func TestContainerLogsInvalidUTF8(t *testing.T) {
	o := newOps(t)
	for _, driver := range []string{"local", "json-file"} {
		args := []string{"bytes-hex", "41ff42c30a", "emit", "DONE", "forever"}
		id, _ := dockertest.Run(t, dockertest.Options{Args: args, LogDriver: driver})
		dockertest.WaitLog(t, id, "DONE")
		res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id})
		if want := "A\uFFFDB\uFFFD\nDONE\n"; res.Stdout != want {
			t.Errorf("%s: stdout %q, want %q", driver, res.Stdout, want)
		}
	}
}

func TestContainerLogsMaxBytes(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, false, "print-lines", "1000")
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Tail: "all", MaxBytes: 100})
	end := "line 1000\nDONE\n"
	if !res.Truncated || len(res.Stdout) > 100 || !strings.HasSuffix(res.Stdout, end) {
		t.Fatalf("got %+v", res)
	}
	line := regexp.MustCompile(`^(line \d+|DONE)$`)
	got := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	for _, l := range got {
		if !line.MatchString(l) {
			t.Errorf("broken line %q in %q", l, res.Stdout)
		}
	}
	if res.Lines != len(got) {
		t.Errorf("lines = %d, want %d", res.Lines, len(got))
	}
}

func TestContainerLogsTail(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, false, "print-lines", "150")
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Tail: "3"})
	if res.Stdout != "line 149\nline 150\nDONE\n" || res.Lines != 3 {
		t.Errorf("tail 3: %+v", res)
	}
	if res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id}); res.Lines != 100 {
		t.Errorf("default tail: %d lines", res.Lines)
	}
	if res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Tail: "all"}); res.Lines != 151 {
		t.Errorf("tail all: %d lines", res.Lines)
	}
}

func TestContainerLogsFollow(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "200ms"}})
	start := time.Now()
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, FollowSeconds: 1})
	if d := time.Since(start); d < time.Second || d > 5*time.Second {
		t.Errorf("follow took %v", d)
	}
	if !strings.Contains(res.Stdout, "tick 3\n") {
		t.Errorf("stdout %q", res.Stdout)
	}
}

func TestContainerLogsInvalid(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, false)
	tests := []struct {
		req   dockerapi.ContainerLogsRequest
		field string
	}{
		{dockerapi.ContainerLogsRequest{}, "id"},
		{dockerapi.ContainerLogsRequest{ID: id, Tail: "-1"}, "tail"},
		{dockerapi.ContainerLogsRequest{ID: id, Tail: "ten"}, "tail"},
		{dockerapi.ContainerLogsRequest{ID: id, MaxBytes: -1}, "maxBytes"},
		{dockerapi.ContainerLogsRequest{ID: id, MaxBytes: MaxLogBytes + 1}, "maxBytes"},
		{dockerapi.ContainerLogsRequest{ID: id, FollowSeconds: -1}, "followSeconds"},
		{dockerapi.ContainerLogsRequest{ID: id, FollowSeconds: 61}, "followSeconds"},
		{dockerapi.ContainerLogsRequest{ID: id, Since: "yesterday"}, "since"},
	}
	for _, tt := range tests {
		_, err := o.ContainerLogs(t.Context(), tt.req)
		wantCode(t, err, abi.CodeInvalid, tt.field)
	}
	gone := dockerapi.ContainerLogsRequest{ID: "/" + dockertest.Random("gone")}
	_, err := o.ContainerLogs(t.Context(), gone)
	wantCode(t, err, abi.CodeNotFound)
}

func TestTail(t *testing.T) {
	tests := []struct {
		limit int
		in    []string
		want  string
		cut   bool
	}{
		{10, []string{"abc\n"}, "abc\n", false},
		{10, []string{"aaaa\nbbbb\n", "cc\n"}, "bbbb\ncc\n", true},
		{4, []string{"aaaa\n", "bbb\n"}, "bbb\n", true},
		{4, []string{"abcdefgh"}, "efgh", true},
		{3, []string{"a\u00e9\u00e9"}, "\u00e9", true},
		{10, []string{"\xff\xfe\n"}, "\uFFFD\n", false},
		{4, []string{"\xff\xfe\xff\xfe"}, "\uFFFD", false},
		{4, []string{"\xffa\xffa"}, "\uFFFDa", true},
	}
	for _, tt := range tests {
		tl := newTail(tt.limit)
		for _, s := range tt.in {
			_, _ = tl.Write([]byte(s))
		}
		got, cut := tl.text()
		if got != tt.want || cut != tt.cut {
			t.Errorf("tail(%d, %q) = %q, %v; want %q, %v", tt.limit, tt.in, got, cut, tt.want, tt.cut)
		}
	}
}

func TestContainerLogsDeadline(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	dockertest.WaitLog(t, id, "tick 1")
	ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	req := dockerapi.ContainerLogsRequest{ID: id, FollowSeconds: 30}
	_, err := o.ContainerLogs(ctx, req)
	wantCode(t, err, abi.CodeTimeout)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("returned after %v", d)
	}
}

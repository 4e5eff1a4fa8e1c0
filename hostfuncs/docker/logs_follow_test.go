package docker

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func TestContainerLogsFollowLines(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	dockertest.WaitLog(t, id, "tick 3\n")
	start := time.Now()
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Tail: "2", FollowSeconds: 30,
		FollowLines: 3})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("follow took %v; it should stop after 3 new lines", d)
	}
	tick := regexp.MustCompile(`^tick \d+$`)
	got := strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n")
	if res.Lines != 5 || len(got) != 5 {
		t.Fatalf("want 2 old and 3 new lines, got %d: %q", res.Lines, res.Stdout)
	}
	for _, l := range got {
		if !tick.MatchString(l) {
			t.Errorf("line %q: timestamps were not stripped", l)
		}
	}
	stamped := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, Tail: "0", FollowSeconds: 30,
		FollowLines: 1, Timestamps: true})
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\S+ tick \d+\n$`).MatchString(stamped.Stdout) {
		t.Errorf("timestamps: %q", stamped.Stdout)
	}
}

// TestContainerLogsFollowLinesBound checks followSeconds still bounds a
// follow whose lines do not come.
func TestContainerLogsFollowLinesBound(t *testing.T) {
	o := newOps(t)
	id := runLogged(t, false, "emit", "old")
	start := time.Now()
	res := logs(t, o, dockerapi.ContainerLogsRequest{ID: id, FollowSeconds: 1, FollowLines: 5})
	if d := time.Since(start); d < time.Second || d > 5*time.Second {
		t.Errorf("follow took %v", d)
	}
	if res.Stdout != "old\nDONE\n" {
		t.Errorf("stdout %q", res.Stdout)
	}
}

func TestContainerLogsFollowLinesInvalid(t *testing.T) {
	o := newOps(t)
	for _, req := range []dockerapi.ContainerLogsRequest{
		{ID: "x", FollowLines: 3},
		{ID: "x", FollowSeconds: 5, FollowLines: -1},
		{ID: "x", FollowSeconds: 5, FollowLines: MaxFollowLines + 1},
	} {
		_, err := o.ContainerLogs(t.Context(), req)
		wantCode(t, err, abi.CodeInvalid, "followLines")
	}
}

func TestStampedLines(t *testing.T) {
	began := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	stopped := false
	c := &lineCount{left: 2, after: began, done: func() { stopped = true }}
	w := &stampedLines{dst: &out, count: c}
	for _, s := range []string{
		"2025-12-31T23:59:59.5Z old\n2026-01-01T00:00:01", ".000000001Z new1\n",
		"unstamped\n", "2026-01-01T00:00:02Z new2\n2026-01-01T00:00:03Z new3\n",
	} {
		_, _ = w.Write([]byte(s))
	}
	w.flush()
	if out.String() != "old\nnew1\nunstamped\nnew2\n" || !stopped || c.left != 0 {
		t.Errorf("got %q, stopped=%v left=%d", out.String(), stopped, c.left)
	}
}

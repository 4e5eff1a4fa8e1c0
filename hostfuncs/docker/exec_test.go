package docker

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// fakeapp is the path of the only program in the dockertest image.
const fakeapp = "/fakeapp"

func execIn(t *testing.T, o *Ops, req dockerapi.ContainerExecRequest) dockerapi.ContainerExecResult {
	t.Helper()
	res, err := o.ContainerExec(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestContainerExecOutputAndExitCode(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	res := execIn(t, o, dockerapi.ContainerExecRequest{ID: id, Cmd: []string{fakeapp,
		"emit", "out", "emit-stderr", "err", "bytes-hex", "41ff0a", "exit", "3"}})
	if res.ExitCode != 3 || res.Stdout != "out\nA\uFFFD\n" || res.Stderr != "err\n" ||
		res.TimedOut || res.Truncated {
		t.Errorf("got %+v", res)
	}
	ok := execIn(t, o, dockerapi.ContainerExecRequest{ID: id, Cmd: []string{fakeapp, "emit", "x"}})
	if ok.ExitCode != 0 || ok.Stdout != "x\n" {
		t.Errorf("got %+v", ok)
	}
}

func TestContainerExecEnvDirUser(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	res := execIn(t, o, dockerapi.ContainerExecRequest{
		ID: id, Cmd: []string{fakeapp, "echo-env"}, Env: []string{"FAKE_A=1", "FAKE_B=two"},
		WorkingDir: "/", User: "1234:5678",
	})
	if !strings.Contains(res.Stdout, "FAKE_A=1\n") || !strings.Contains(res.Stdout, "FAKE_B=two\n") {
		t.Errorf("env: %q", res.Stdout)
	}
	_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{
		ID: id, Cmd: []string{fakeapp}, WorkingDir: "/no/such/dir"})
	if err == nil {
		t.Error("a missing working directory passed")
	}
}

func TestContainerExecTruncates(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	res := execIn(t, o, dockerapi.ContainerExecRequest{ID: id, MaxBytes: 100,
		Cmd: []string{fakeapp, "print-lines", "5000"}})
	if !res.Truncated || len(res.Stdout) > 100 || !strings.HasSuffix(res.Stdout, "line 5000\n") {
		t.Errorf("got %+v", res)
	}
	full := execIn(t, o, dockerapi.ContainerExecRequest{ID: id,
		Cmd: []string{fakeapp, "print-lines", "30000"}})
	if !full.Truncated || len(full.Stdout) > DefaultExecBytes {
		t.Errorf("default cap: truncated=%v len=%d", full.Truncated, len(full.Stdout))
	}
}

func TestContainerExecMissingExecutable(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	for _, exe := range []string{"/no-such-program", "no-such-program"} {
		_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{ID: id,
			Cmd: []string{exe, "-x"}})
		wantCode(t, err, abi.CodeNotFound, "executable not found in the container: "+exe)
	}
}

func TestContainerExecStopped(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, id)
	_, err := o.ContainerExec(t.Context(), dockerapi.ContainerExecRequest{ID: id,
		Cmd: []string{fakeapp}})
	wantCode(t, err, abi.CodeConflict, "is not running")
}

func TestContainerExecTimeout(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	start := time.Now()
	res := execIn(t, o, dockerapi.ContainerExecRequest{ID: id, TimeoutMillis: 500,
		Cmd: []string{fakeapp, "emit", "started", "forever"}})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
	if !res.TimedOut || res.ExitCode != -1 || res.Stdout != "started\n" {
		t.Errorf("got %+v", res)
	}
}

// TestContainerExecTimeoutClosesConnection checks moby#36543: cancelling
// the attach context does not close the hijacked connection, so every
// timed-out exec would leak a file descriptor unless the host closes it.
func TestContainerExecTimeoutClosesConnection(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	req := dockerapi.ContainerExecRequest{ID: id, TimeoutMillis: 200,
		Cmd: []string{fakeapp, "forever"}}
	execIn(t, o, req) // warm the client's connection pool
	before := openFDs(t)
	for range 20 {
		if res := execIn(t, o, req); !res.TimedOut {
			t.Fatalf("got %+v", res)
		}
	}
	time.Sleep(100 * time.Millisecond)
	if after := openFDs(t); after > before+3 {
		t.Errorf("open file descriptors grew from %d to %d over 20 timed-out execs", before, after)
	}
}

// TestContainerExecCallDeadline checks that a wait longer than the call's
// deadline ends as a timed-out result before the deadline.
func TestContainerExecCallDeadline(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), execMargin+time.Second)
	defer cancel()
	res, err := o.ContainerExec(ctx, dockerapi.ContainerExecRequest{ID: id,
		Cmd: []string{fakeapp, "forever"}})
	if err != nil || !res.TimedOut {
		t.Fatalf("got %+v, %v", res, err)
	}
}

func TestContainerExecInvalid(t *testing.T) {
	o := newOps(t)
	tests := []struct {
		req   dockerapi.ContainerExecRequest
		field string
	}{
		{dockerapi.ContainerExecRequest{Cmd: []string{"ls"}}, "id"},
		{dockerapi.ContainerExecRequest{ID: "x"}, "cmd"},
		{dockerapi.ContainerExecRequest{ID: "x", Cmd: []string{""}}, "cmd"},
		{dockerapi.ContainerExecRequest{ID: "x", Cmd: []string{"ls"}, Env: []string{"A"}}, "env"},
		{dockerapi.ContainerExecRequest{ID: "x", Cmd: []string{"ls"}, TimeoutMillis: -1},
			"timeoutMillis"},
		{dockerapi.ContainerExecRequest{ID: "x", Cmd: []string{"ls"}, TimeoutMillis: 300001},
			"timeoutMillis"},
		{dockerapi.ContainerExecRequest{ID: "x", Cmd: []string{"ls"}, MaxBytes: -1}, "maxBytes"},
	}
	for _, tt := range tests {
		_, err := o.ContainerExec(t.Context(), tt.req)
		wantCode(t, err, abi.CodeInvalid, tt.field)
	}
	gone := dockerapi.ContainerExecRequest{ID: dockertest.Random("gone"), Cmd: []string{"ls"}}
	_, err := o.ContainerExec(t.Context(), gone)
	wantCode(t, err, abi.CodeNotFound)
}

func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count file descriptors: %v", err)
	}
	return len(ents)
}

// waitStopped waits for a container to stop.
func waitStopped(t *testing.T, id string) {
	t.Helper()
	cli := dockertest.Client(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	w := cli.ContainerWait(ctx, id, client.ContainerWaitOptions{})
	select {
	case <-w.Result:
	case err := <-w.Error:
		t.Fatal(err)
	}
}

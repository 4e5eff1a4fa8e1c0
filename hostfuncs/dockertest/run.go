package dockertest

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// Options describe a container made by [Run].
type Options struct {
	Args   []string          // fakeapp steps; none means "forever"
	Env    []string          // VAR=value
	TTY    bool              // allocate a terminal: logs come unmultiplexed
	Labels map[string]string // added to dockmcp.test=1
	Name   string            // default: dockmcp-test-<random>
	// LogDriver is the container's log driver, such as "local"; "" is the
	// daemon's default.
	LogDriver string
}

// Run creates and starts a container from [Image] and returns its ID and
// name. The container is force-removed when t ends.
func Run(t testing.TB, opts Options) (id, name string) {
	t.Helper()
	image := Image(t)
	cli := Client(t)
	name = opts.Name
	if name == "" {
		name = "dockmcp-test-" + randomHex(6)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name:  name,
		Image: image,
		Config: &container.Config{
			Cmd:    opts.Args,
			Env:    opts.Env,
			Tty:    opts.TTY,
			Labels: labels(opts.Labels),
		},
		HostConfig: &container.HostConfig{
			LogConfig: container.LogConfig{Type: opts.LogDriver},
		},
	})
	if err != nil {
		t.Fatalf("dockertest: create container: %v", err)
	}
	t.Cleanup(func() { remove(t, res.ID) })
	if _, err := cli.ContainerStart(ctx, res.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatalf("dockertest: start container: %v", err)
	}
	return res.ID, name
}

// remove force-removes a container with a context of its own: t's context
// is already cancelled when cleanups run.
func remove(t testing.TB, id string) {
	cli, err := connect(context.Background())
	if err != nil {
		t.Errorf("dockertest: remove %s: %v", id, err)
		return
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}
	if _, err := cli.ContainerRemove(ctx, id, opts); err != nil {
		t.Errorf("dockertest: remove %s: %v", id, err)
	}
}

// WaitLog waits up to 30 s until the container's log (both streams, raw)
// contains every one of want, and fails t otherwise. Use it before reading
// logs a container writes as it starts.
func WaitLog(t testing.TB, id string, want ...string) {
	t.Helper()
	cli := Client(t)
	deadline := time.Now().Add(30 * time.Second)
	var got []byte
	for time.Now().Before(deadline) {
		got = rawLogs(cli, id)
		if containsAll(got, want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("dockertest: log of %s lacks %q after 30s; it holds %q", id, want, got)
}

func rawLogs(cli *client.Client, id string) []byte {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := client.ContainerLogsOptions{ShowStdout: true, ShowStderr: true}
	rc, err := cli.ContainerLogs(ctx, id, opts)
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	return b
}

func containsAll(b []byte, want []string) bool {
	for _, w := range want {
		if !bytes.Contains(b, []byte(w)) {
			return false
		}
	}
	return true
}

// Random returns a name unique to this run, for objects tests create
// themselves.
func Random(prefix string) string {
	return strings.TrimSuffix(prefix, "-") + "-" + runID + "-" + randomHex(4)
}

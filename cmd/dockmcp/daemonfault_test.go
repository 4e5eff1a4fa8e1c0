package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// privateDaemon is a second dockerd of the test's own, so that stopping it
// disturbs no other test. It runs in a network namespace of its own
// (unshare --net): a dockerd started with --bridge none deletes the host's
// docker0 interface, which the shared daemon's containers need. Its
// socket, data, exec root and containerd namespaces are its own too.
type privateDaemon struct {
	dir, host string
	cmd       *exec.Cmd
	log       *syncBuffer
}

// newPrivateDaemon prepares a daemon (not started). It skips t unless the
// test runs as root with dockerd on PATH, or fails t when
// DOCKMCP_REQUIRE_DOCKER=1.
func newPrivateDaemon(t *testing.T) *privateDaemon {
	t.Helper()
	_, err := exec.LookPath("dockerd")
	if err == nil {
		_, err = exec.LookPath("unshare")
	}
	switch {
	case err == nil && os.Geteuid() == 0:
	case dockertest.Required():
		t.Fatalf("a private dockerd needs root, dockerd and unshare on PATH (%s=1): euid %d, %v",
			dockertest.RequireEnv, os.Geteuid(), err)
	default:
		t.Skipf("a private dockerd needs root, dockerd and unshare on PATH: euid %d, %v", os.Geteuid(), err)
	}
	dir, err := os.MkdirTemp("", "dockmcp-dd-")
	if err != nil {
		t.Fatal(err)
	}
	d := &privateDaemon{dir: dir, host: "unix://" + filepath.Join(dir, "docker.sock")}
	t.Cleanup(func() {
		d.stop(t)
		_ = os.RemoveAll(dir)
		if t.Failed() {
			t.Logf("private dockerd log:\n%s", d.log)
		}
	})
	return d
}

func (d *privateDaemon) start(t *testing.T) {
	t.Helper()
	ns := "dockmcp-faults-" + filepath.Base(d.dir)
	d.log = &syncBuffer{}
	// unshare execs dockerd, so the process is the daemon itself.
	d.cmd = exec.Command("unshare", "--net", "--", "dockerd", "--host", d.host,
		"--data-root", filepath.Join(d.dir, "root"), "--exec-root", filepath.Join(d.dir, "exec"),
		"--pidfile", filepath.Join(d.dir, "pid"), "--bridge", "none", "--iptables=false",
		"--ip-masq=false", "--ip-forward=false", "--containerd-namespace", ns,
		"--containerd-plugins-namespace", ns+"-plugins")
	d.cmd.Stdout, d.cmd.Stderr = d.log, d.log
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start dockerd: %v", err)
	}
	cli, err := client.New(client.WithHost(d.host))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	if !waitFor(60*time.Second, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := cli.Ping(ctx, client.PingOptions{})
		return err == nil
	}) {
		t.Fatalf("private dockerd did not answer within 60 s:\n%s", d.log)
	}
}

// stop ends the daemon with SIGTERM and waits for it.
func (d *privateDaemon) stop(t *testing.T) {
	if d.cmd == nil || d.cmd.ProcessState != nil {
		return
	}
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- d.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = d.cmd.Process.Kill()
		<-done
		t.Errorf("private dockerd ignored SIGTERM for 30 s")
	}
	d.cmd = nil
}

// runTicker copies the test image into the private daemon and starts a
// container of it that prints a line every 100 ms, with no network (the
// private daemon has no bridge).
func (d *privateDaemon) runTicker(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	image := dockertest.Image(t)
	saved, err := dockertest.Client(t).ImageSave(ctx, []string{image})
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	cli, err := client.New(client.WithHost(d.host))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	loaded, err := cli.ImageLoad(ctx, saved)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, loaded)
	loaded.Close()
	created, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Config: &container.Config{Image: image, Cmd: []string{"tick", "100ms"},
			Labels: map[string]string{dockertest.Label: dockertest.LabelValue}},
		HostConfig: &container.HostConfig{NetworkMode: "none"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.ContainerStart(ctx, created.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// The daemon down when dockmcp starts, stopped during a call, back, and
// restarted during a bounded logs follow:
// each call gets an error that names the endpoint, the server stays up,
// and once the daemon answers, calls succeed with the API version
// negotiated, with no restart of dockmcp.
func TestDaemonStoppedAndBack(t *testing.T) {
	t.Parallel()
	d := newPrivateDaemon(t)
	s := startRaw(t, "DOCKER_HOST="+d.host)
	ctx, cancel := context.WithTimeout(context.Background(), 4*runTimeout)
	defer cancel()
	down := func(when string) {
		t.Helper()
		res, err := s.callTool(ctx, "list_containers", map[string]any{})
		if err != nil || !res.IsError || !strings.Contains(res.text(), d.host) {
			t.Fatalf("%s: %v %+v, want an error result naming %s", when, err, res, d.host)
		}
	}
	up := func(when string) {
		t.Helper()
		res, err := s.callTool(ctx, "validate_connection", map[string]any{})
		if err != nil || res.IsError {
			t.Fatalf("%s: %v %s", when, err, res.text())
		}
		// The daemon (Debian's 20.10) is older than the client: only a
		// negotiation lands on its version.
		v, sv := fmt.Sprint(res.Structured["apiVersion"]), fmt.Sprint(res.Structured["serverApiVersion"])
		if v != sv {
			t.Errorf("%s: client API version %s, daemon's %s: not negotiated", when, v, sv)
		}
		t.Logf("%s: %s", when, strings.ReplaceAll(res.text(), "\n", " | "))
	}

	down("daemon down at start")
	d.start(t)
	up("daemon started after dockmcp")

	_, events, _ := s.start("tools/call", map[string]any{"name": "system_events",
		"arguments": map[string]any{"since": "1s", "waitSeconds": 30,
			"until": time.Now().Add(time.Minute).UTC().Format(time.RFC3339)}})
	time.Sleep(2 * time.Second) // the call is waiting on the daemon
	stopped := time.Now()
	d.stop(t)
	select {
	case rep := <-events:
		if rep.Error != nil || !strings.Contains(string(rep.Result), d.host) &&
			!strings.Contains(string(rep.Result), `"events"`) {
			t.Errorf("system_events cut by the stop: %+v %s", rep.Error, rep.Result)
		}
		t.Logf("system_events %v after the stop: %.300s", time.Since(stopped).Round(time.Millisecond),
			rep.Result)
	case <-time.After(20 * time.Second):
		t.Errorf("system_events went on 20 s after the daemon stopped")
	}
	down("daemon stopped during a call")

	d.start(t)
	up("daemon back")

	id := d.runTicker(t)
	_, follow, _ := s.start("tools/call", map[string]any{"name": "container_logs",
		"arguments": map[string]any{"containerId": id, "follow": true, "followSeconds": 60}})
	time.Sleep(2 * time.Second) // the follow is reading from the daemon
	restarted := time.Now()
	d.stop(t)
	select {
	case rep := <-follow:
		if rep.Error != nil {
			t.Errorf("container_logs cut by a restart: a protocol error %+v", rep.Error)
		}
		t.Logf("container_logs %v after the stop: %.300s",
			time.Since(restarted).Round(time.Millisecond), rep.Result)
	case <-time.After(20 * time.Second):
		t.Errorf("container_logs followed on 20 s after the daemon stopped")
	}
	d.start(t)
	up("daemon restarted during a logs follow")

	if took, err := s.closeAndWait(30 * time.Second); err != nil {
		t.Fatalf("exit: %v after %v", err, took)
	}
	noPanic(t, s.stderr.String())
}

package docker

import (
	"context"
	"strings"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// create makes a container through ContainerCreate from the test image,
// labelled for the sweep and force-removed (with its volumes) when t ends.
func create(t *testing.T, o *Ops,
	req dockerapi.ContainerCreateRequest) dockerapi.ContainerCreateResult {
	t.Helper()
	req.Image = dockertest.Image(t)
	if req.Name == "" {
		req.Name = dockertest.Random("dockmcp-test-life")
	}
	if req.Labels == nil {
		req.Labels = map[string]string{}
	}
	req.Labels[dockertest.Label] = dockertest.LabelValue
	t.Cleanup(func() { forceRemove(req.Name) })
	res, err := o.ContainerCreate(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func forceRemove(ref string) {
	cli, err := client.New(client.FromEnv)
	if err != nil {
		return
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}
	_, _ = cli.ContainerRemove(ctx, ref, opts)
}

func inspect(t *testing.T, ref string) container.InspectResponse {
	t.Helper()
	res, err := dockertest.Client(t).ContainerInspect(context.Background(), ref,
		client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Container
}

func TestContainerCreate(t *testing.T) {
	bound := t.TempDir()
	o := New(dockertest.Client(t), WithSafety(Safety{BindRoots: []string{bound}}))
	res := create(t, o, dockerapi.ContainerCreateRequest{
		Name: "/" + dockertest.Random("dockmcp-test-create"),
		Cmd:  []string{"emit", "hi"}, Entrypoint: []string{"/fakeapp"},
		Env:          []string{"A=1"},
		ExposedPorts: []dockerapi.ContainerPort{{Port: 9000, Proto: "tcp"}},
		PortBindings: []dockerapi.PortBinding{
			{HostIP: "127.0.0.1", ContainerPort: 53, Proto: "udp"},
			{ContainerPort: 80, Proto: "tcp", HostPort: 0}},
		Mounts: []dockerapi.Mount{{Type: "bind", Source: bound, Target: "/b",
			ReadOnly: true}, {Type: "volume", Target: "/anon"},
			{Type: "tmpfs", Target: "/t"}},
		Labels: map[string]string{"app": "web"}, WorkingDir: "/w", User: "1000",
		Restart: dockerapi.RestartPolicy{Name: "on-failure", MaxRetries: 2},
		Memory:  64 << 20, NanoCPUs: 5e8, TTY: true,
	})
	if strings.HasPrefix(res.Name, "/") || res.ID == "" || res.Warnings == nil {
		t.Fatalf("result %+v", res)
	}
	c := inspect(t, res.ID)
	cfg, host := c.Config, c.HostConfig
	if cfg.Labels[dockerapi.CreatedLabel] != "1" || cfg.Labels["app"] != "web" {
		t.Errorf("labels %v", cfg.Labels)
	}
	if strings.Join(cfg.Cmd, " ") != "emit hi" || cfg.Env[0] != "A=1" || cfg.WorkingDir != "/w" ||
		cfg.User != "1000" || !cfg.Tty || len(cfg.ExposedPorts) != 3 {
		t.Errorf("config %+v", cfg)
	}
	if host.Memory != 64<<20 || host.NanoCPUs != 5e8 || host.RestartPolicy.MaximumRetryCount != 2 ||
		len(host.Binds) != 1 || !strings.HasSuffix(host.Binds[0], ":/b:ro") || host.Tmpfs == nil {
		t.Errorf("host config %+v", host)
	}
	if got := host.PortBindings; len(got) != 2 || got[mustPort("53/udp")][0].HostIP.String() !=
		"127.0.0.1" {
		t.Errorf("port bindings %v", got)
	}
}

func TestContainerCreateRefusedBeforeTheDaemon(t *testing.T) {
	o := newOps(t)
	name := dockertest.Random("dockmcp-test-refused")
	base := dockerapi.ContainerCreateRequest{Image: dockertest.Image(t), Name: name}
	tests := []struct {
		field string
		edit  func(r *dockerapi.ContainerCreateRequest)
	}{
		{"ports[0]", func(r *dockerapi.ContainerCreateRequest) {
			r.PortBindings = []dockerapi.PortBinding{{ContainerPort: 80, Proto: "icmp"}}
		}},
		{"ports[0]", func(r *dockerapi.ContainerCreateRequest) {
			r.PortBindings = []dockerapi.PortBinding{{ContainerPort: 0, Proto: "tcp"}}
		}},
		{"ports[0]", func(r *dockerapi.ContainerCreateRequest) {
			r.PortBindings = []dockerapi.PortBinding{{HostIP: "x", ContainerPort: 80, Proto: "tcp"}}
		}},
		{"mounts[0]", func(r *dockerapi.ContainerCreateRequest) {
			r.Mounts = []dockerapi.Mount{{Type: "bind", Source: "rel", Target: "/x"}}
		}},
		{"mounts[0]", func(r *dockerapi.ContainerCreateRequest) {
			r.Mounts = []dockerapi.Mount{{Type: "bind", Source: "/a", Target: ""}}
		}},
		{"env[0]", func(r *dockerapi.ContainerCreateRequest) { r.Env = []string{"=x"} }},
		{"restartPolicy", func(r *dockerapi.ContainerCreateRequest) {
			r.Restart = dockerapi.RestartPolicy{Name: "always", MaxRetries: 2}
		}},
		{"memory", func(r *dockerapi.ContainerCreateRequest) { r.Memory = -1 }},
		{"name", func(r *dockerapi.ContainerCreateRequest) { r.Name = "a b" }},
		{"image", func(r *dockerapi.ContainerCreateRequest) { r.Image = " " }},
	}
	for _, tt := range tests {
		req := base
		tt.edit(&req)
		_, err := o.ContainerCreate(t.Context(), req)
		wantCode(t, err, abi.CodeInvalid, tt.field, "such as")
	}
	_, err := dockertest.Client(t).ContainerInspect(t.Context(), name,
		client.ContainerInspectOptions{})
	if !cerrdefs.IsNotFound(err) {
		t.Fatalf("a refused request created a container: %v", err)
	}
}

func TestContainerCreateErrors(t *testing.T) {
	o := newOps(t)
	missing := "dockmcp-test/absent:" + dockertest.Random("x")
	_, err := o.ContainerCreate(t.Context(), dockerapi.ContainerCreateRequest{Image: missing})
	wantCode(t, err, abi.CodeNotFound, missing, "not present locally", "pull_image")

	first := create(t, o, dockerapi.ContainerCreateRequest{})
	_, err = o.ContainerCreate(t.Context(), dockerapi.ContainerCreateRequest{
		Image: dockertest.Image(t), Name: "/" + first.Name,
		Labels: map[string]string{dockertest.Label: "1"}})
	wantCode(t, err, abi.CodeConflict, `"`+first.Name+`"`, "already in use")
}

// ignoring is a container whose process ignores SIGTERM: only a kill stops it.
func ignoring(t *testing.T, o *Ops) dockerapi.ContainerCreateResult {
	c := create(t, o, dockerapi.ContainerCreateRequest{Cmd: []string{"ignore-term", "sleep", "300"}})
	if _, err := o.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: c.ID}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestContainerStopTimeoutZero(t *testing.T) {
	t.Parallel()
	o := newOps(t)
	c := ignoring(t, o)
	zero := 0
	start := time.Now()
	st, err := o.ContainerStop(t.Context(), dockerapi.ContainerStopRequest{ID: "/" + c.Name,
		Timeout: &zero})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("stop with timeout 0 took %v", took)
	}
	if st.State != "exited" || st.Name != c.Name || st.ExitCode != 137 {
		t.Errorf("state %+v", st)
	}
	start = time.Now()
	st, err = o.ContainerRestart(t.Context(), dockerapi.ContainerStopRequest{ID: c.ID,
		Timeout: &zero})
	if err != nil || st.State != "running" {
		t.Fatalf("restart: %+v, %v", st, err)
	}
	start = time.Now()
	_, err = o.ContainerRestart(t.Context(), dockerapi.ContainerStopRequest{ID: c.ID,
		Timeout: &zero})
	if took := time.Since(start); err != nil || took > 5*time.Second {
		t.Errorf("restart of a running container with timeout 0 took %v: %v", took, err)
	}
}

// TestContainerStopDefaultTimeout shows that an omitted timeout is not 0:
// the daemon waits its default for a process that ignores SIGTERM.
func TestContainerStopDefaultTimeout(t *testing.T) {
	t.Parallel()
	o := newOps(t)
	c := ignoring(t, o)
	done := make(chan error, 1)
	go func() {
		_, err := o.ContainerStop(context.Background(), dockerapi.ContainerStopRequest{ID: c.ID})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("stop without timeout returned at once (%v): it did not wait", err)
	case <-time.After(3 * time.Second):
	}
	_, _ = dockertest.Client(t).ContainerKill(t.Context(), c.ID, client.ContainerKillOptions{})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	five := 61
	_, err := o.ContainerStop(t.Context(), dockerapi.ContainerStopRequest{ID: c.ID, Timeout: &five})
	wantCode(t, err, abi.CodeInvalid, "timeout")
}

func TestContainerPauseRenameRemove(t *testing.T) {
	o := newOps(t)
	c := create(t, o, dockerapi.ContainerCreateRequest{
		Mounts: []dockerapi.Mount{{Type: "volume", Target: "/anon"}}})
	st, err := o.ContainerStart(t.Context(), dockerapi.ContainerRef{ID: c.Name})
	if err != nil || st.State != "running" {
		t.Fatalf("start: %+v, %v", st, err)
	}
	if st, err = o.ContainerPause(t.Context(), dockerapi.ContainerRef{ID: c.ID}); err != nil ||
		st.State != "paused" {
		t.Fatalf("pause: %+v, %v", st, err)
	}
	if st, err = o.ContainerUnpause(t.Context(), dockerapi.ContainerRef{ID: c.ID}); err != nil ||
		st.State != "running" {
		t.Fatalf("unpause: %+v, %v", st, err)
	}
	if _, err = o.ContainerUnpause(t.Context(), dockerapi.ContainerRef{ID: c.ID}); err == nil {
		t.Error("unpause of a running container is no error")
	}

	newName := dockertest.Random("dockmcp-test-renamed")
	t.Cleanup(func() { forceRemove(newName) })
	rn, err := o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{
		ID: "/" + c.Name, NewName: "/" + newName})
	if err != nil || rn.Name != newName || rn.OldName != c.Name || rn.ID != c.ID {
		t.Fatalf("rename: %+v, %v", rn, err)
	}
	other := create(t, o, dockerapi.ContainerCreateRequest{})
	_, err = o.ContainerRename(t.Context(), dockerapi.ContainerRenameRequest{
		ID: other.ID, NewName: newName})
	wantCode(t, err, abi.CodeConflict, `"`+newName+`"`)

	volume := inspect(t, c.ID).Mounts[0].Name
	_, err = o.ContainerRemove(t.Context(), dockerapi.ContainerRemoveRequest{ID: newName})
	wantCode(t, err, abi.CodeConflict)
	rm, err := o.ContainerRemove(t.Context(), dockerapi.ContainerRemoveRequest{
		ID: newName, Force: true, Volumes: true})
	if err != nil || rm.ID != c.ID || rm.Name != newName {
		t.Fatalf("remove: %+v, %v", rm, err)
	}
	if _, err := dockertest.Client(t).VolumeInspect(t.Context(), volume,
		client.VolumeInspectOptions{}); !cerrdefs.IsNotFound(err) {
		t.Errorf("volume %s outlived remove with volumes: %v", volume, err)
	}
	_, err = o.ContainerRemove(t.Context(), dockerapi.ContainerRemoveRequest{ID: newName})
	wantCode(t, err, abi.CodeNotFound)
}

func TestContainerPrune(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("prune")
	labels := map[string]string{"case": tag}
	a := create(t, o, dockerapi.ContainerCreateRequest{Labels: labels})
	b := create(t, o, dockerapi.ContainerCreateRequest{Labels: map[string]string{"case": tag}})
	res, err := o.ContainerPrune(t.Context(), dockerapi.ContainerPruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(res.Deleted, " ")
	if res.Count != 2 || !strings.Contains(got, a.ID) || !strings.Contains(got, b.ID) ||
		res.Truncated {
		t.Errorf("prune %+v", res)
	}
	res, err = o.ContainerPrune(t.Context(), dockerapi.ContainerPruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil || res.Count != 0 || res.Deleted == nil {
		t.Errorf("second prune %+v, %v", res, err)
	}
	_, err = o.ContainerPrune(t.Context(), dockerapi.ContainerPruneRequest{
		Filters: map[string][]string{"no-such": {"x"}}})
	wantCode(t, err, abi.CodeInvalid)
}

func TestContainerStartAttached(t *testing.T) {
	t.Parallel()
	o := newOps(t)
	c := create(t, o, dockerapi.ContainerCreateRequest{AutoRemove: true,
		Cmd: []string{"emit", "out", "emit-stderr", "err", "exit", "3"}})
	res, err := o.ContainerStartAttached(t.Context(), dockerapi.ContainerStartAttachedRequest{
		ID: c.ID, TimeoutSeconds: 60})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Exited || res.ExitCode != 3 || res.Stdout != "out\n" || res.Stderr != "err\n" ||
		res.Name != c.Name {
		t.Errorf("result %+v", res)
	}
	_, err = dockertest.Client(t).ContainerInspect(t.Context(), c.ID,
		client.ContainerInspectOptions{})
	if !cerrdefs.IsNotFound(err) {
		t.Errorf("autoRemove container still there: %v", err)
	}

	long := create(t, o, dockerapi.ContainerCreateRequest{Cmd: []string{"emit", "up", "forever"}})
	res, err = o.ContainerStartAttached(t.Context(), dockerapi.ContainerStartAttachedRequest{
		ID: long.Name, TimeoutSeconds: 1, MaxBytes: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Exited || res.Stdout != "p\n" || !res.Truncated || res.WaitSeconds != 1 {
		t.Errorf("timed-out result %+v", res)
	}
	if st := inspect(t, long.ID).State; !st.Running {
		t.Errorf("a timed-out run was not left running: %+v", st)
	}
	_, err = o.ContainerStartAttached(t.Context(), dockerapi.ContainerStartAttachedRequest{
		ID: long.ID, TimeoutSeconds: MaxRunSeconds + 1})
	wantCode(t, err, abi.CodeInvalid, "timeoutSeconds")
}

func TestWaitBound(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if got := waitBound(ctx, 300); got > 25*time.Second || got < 24*time.Second {
		t.Errorf("waitBound under a 30 s deadline = %v", got)
	}
	if got := waitBound(context.Background(), 7); got != 7*time.Second {
		t.Errorf("waitBound without deadline = %v", got)
	}
}

func mustPort(s string) network.Port { return network.MustParsePort(s) }

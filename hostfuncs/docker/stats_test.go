package docker

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func stats(t *testing.T, o *Ops, req dockerapi.ContainerStatsRequest) dockerapi.ContainerStatsResult {
	t.Helper()
	start := time.Now()
	res, err := o.ContainerStats(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > StatsBound+2*time.Second {
		t.Errorf("stats took %v", d)
	}
	return res
}

func TestContainerStatsRunning(t *testing.T) {
	o := newOps(t)
	id, name := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "10ms"}})
	res := stats(t, o, dockerapi.ContainerStatsRequest{ID: name})
	if res.ID != id || res.Name != name || res.State != "running" || res.Note != "" ||
		len(res.Samples) != 1 {
		t.Fatalf("got %+v", res)
	}
	s := res.Samples[0]
	if s.Read == "" || s.MemoryUsed == 0 || s.MemoryLimit == 0 || s.MemoryPercent <= 0 ||
		s.Pids == 0 || s.OnlineCPUs == 0 {
		t.Errorf("sample %+v", s)
	}
	if s.CPUPercent <= 0 {
		t.Errorf("a ticking container used no CPU: %+v", s)
	}
}

func TestContainerStatsSamples(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "10ms"}})
	res := stats(t, o, dockerapi.ContainerStatsRequest{ID: id, Samples: 2})
	if len(res.Samples) != 2 || res.Note != "" {
		t.Fatalf("got %+v", res)
	}
	if res.Samples[0].Read == res.Samples[1].Read || res.Samples[1].CPUPercent <= 0 {
		t.Errorf("samples %+v", res.Samples)
	}
}

func TestContainerStatsStopped(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, id)
	res := stats(t, o, dockerapi.ContainerStatsRequest{ID: id, Samples: 3})
	if res.State != "exited" || !strings.Contains(res.Note, "exited") ||
		len(res.Samples) != 1 || res.Samples[0] != (dockerapi.StatsSample{}) {
		t.Errorf("got %+v", res)
	}
}

// TestContainerStatsRestarting asks again and again about a container that
// exits at once and is restarted for ever; no call may hang.
func TestContainerStatsRestarting(t *testing.T) {
	o := newOps(t)
	id := restarting(t)
	for range 5 {
		res := stats(t, o, dockerapi.ContainerStatsRequest{ID: id})
		if len(res.Samples) == 0 || res.State == "" {
			t.Errorf("got %+v", res)
		}
	}
	res := stats(t, o, dockerapi.ContainerStatsRequest{ID: id, Samples: MaxStatsSamples})
	if len(res.Samples) == 0 || res.State == "restarting" &&
		!strings.Contains(res.Note, "restarting") {
		t.Errorf("got %+v", res)
	}
	// Past the state check, a stream over a container that keeps dying
	// still ends within the bound.
	ctx, cancel := context.WithTimeout(t.Context(), StatsBound)
	defer cancel()
	start := time.Now()
	_, _ = o.readStats(ctx, id, MaxStatsSamples)
	if d := time.Since(start); d > StatsBound+time.Second {
		t.Errorf("readStats took %v", d)
	}
}

func TestContainerStatsInvalid(t *testing.T) {
	o := newOps(t)
	_, err := o.ContainerStats(t.Context(), dockerapi.ContainerStatsRequest{})
	wantCode(t, err, abi.CodeInvalid, "id")
	for _, n := range []int{-1, MaxStatsSamples + 1} {
		_, err = o.ContainerStats(t.Context(), dockerapi.ContainerStatsRequest{ID: "x", Samples: n})
		wantCode(t, err, abi.CodeInvalid, "samples")
	}
	_, err = o.ContainerStats(t.Context(),
		dockerapi.ContainerStatsRequest{ID: dockertest.Random("gone")})
	wantCode(t, err, abi.CodeNotFound)
}

func TestStatsSample(t *testing.T) {
	s := container.StatsResponse{
		CPUStats: container.CPUStats{CPUUsage: container.CPUUsage{TotalUsage: 300},
			SystemUsage: 2000, OnlineCPUs: 2},
		PreCPUStats: container.CPUStats{CPUUsage: container.CPUUsage{TotalUsage: 100},
			SystemUsage: 1000},
		MemoryStats: container.MemoryStats{Usage: 1000, Limit: 4000,
			Stats: map[string]uint64{"inactive_file": 200}},
		Networks: map[string]container.NetworkStats{"eth0": {RxBytes: 5, TxBytes: 7},
			"eth1": {RxBytes: 1, TxBytes: 1}},
		BlkioStats: container.BlkioStats{IoServiceBytesRecursive: []container.BlkioStatEntry{
			{Op: "read", Value: 10}, {Op: "Write", Value: 20}, {Op: "Read", Value: 1}}},
		PidsStats: container.PidsStats{Current: 4},
	}
	got := sample(s)
	want := dockerapi.StatsSample{Read: "", CPUPercent: 40, OnlineCPUs: 2, MemoryUsed: 800,
		MemoryLimit: 4000, MemoryPercent: 20, NetworkRx: 6, NetworkTx: 8, BlockRead: 11,
		BlockWrite: 20, Pids: 4}
	if got != want {
		t.Errorf("sample = %+v\nwant     %+v", got, want)
	}
	s.MemoryStats.Stats = map[string]uint64{"total_inactive_file": 500, "inactive_file": 1}
	if got := sample(s); got.MemoryUsed != 500 {
		t.Errorf("cgroup v1 memory used = %d", got.MemoryUsed)
	}
	s.PreCPUStats = container.CPUStats{}
	if got := sample(s); got.CPUPercent != 0 {
		t.Errorf("no previous sample: cpu %v", got.CPUPercent)
	}
}

func TestContainerTop(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{})
	res, err := o.ContainerTop(t.Context(), dockerapi.ContainerTopRequest{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	if !hasTitle(res.Titles, "PID") || len(res.Processes) != 1 ||
		!strings.Contains(strings.Join(res.Processes[0], " "), "/fakeapp") {
		t.Errorf("got %+v", res)
	}
	aux, err := o.ContainerTop(t.Context(), dockerapi.ContainerTopRequest{ID: id, PsArgs: "aux"})
	if err != nil {
		t.Fatal(err)
	}
	if !hasTitle(aux.Titles, "%CPU") || len(aux.Processes) != 1 ||
		len(aux.Processes[0]) != len(aux.Titles) {
		t.Errorf("aux: %+v", aux)
	}
}

func TestContainerTopStopped(t *testing.T) {
	o := newOps(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"exit", "0"}})
	waitStopped(t, id)
	_, err := o.ContainerTop(t.Context(), dockerapi.ContainerTopRequest{ID: id})
	wantCode(t, err, abi.CodeConflict, "is not running")
	_, err = o.ContainerTop(t.Context(), dockerapi.ContainerTopRequest{})
	wantCode(t, err, abi.CodeInvalid, "id")
}

func hasTitle(titles []string, want string) bool {
	for _, t := range titles {
		if t == want {
			return true
		}
	}
	return false
}

// restarting creates a container that exits with status 1 at once under
// restart=always, and removes it when t ends.
func restarting(t *testing.T) string {
	t.Helper()
	cli := dockertest.Client(t)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	res, err := cli.ContainerCreate(ctx, client.ContainerCreateOptions{
		Name:  dockertest.Random("dockmcp-test-restarting"),
		Image: dockertest.Image(t),
		Config: &container.Config{Cmd: []string{"exit", "1"},
			Labels: map[string]string{dockertest.Label: dockertest.LabelValue}},
		HostConfig: &container.HostConfig{
			RestartPolicy: container.RestartPolicy{Name: container.RestartPolicyAlways}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		opts := client.ContainerRemoveOptions{Force: true}
		if _, err := cli.ContainerRemove(ctx, res.ID, opts); err != nil {
			t.Errorf("remove %s: %v", res.ID, err)
		}
	})
	if _, err := cli.ContainerStart(ctx, res.ID, client.ContainerStartOptions{}); err != nil {
		t.Fatal(err)
	}
	return res.ID
}

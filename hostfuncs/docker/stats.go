package docker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Limits of container_stats and container_top.
const (
	MaxStatsSamples = 5
	// StatsBound bounds one container_stats call, whatever the container
	// does meanwhile.
	StatsBound      = 10 * time.Second
	MaxTopProcesses = 2000
)

// ContainerStats summarises a container's resource use
// (GET /containers/{id}/json, then GET /containers/{id}/stats).
//
// With Samples 0 or 1 it takes one sample with stream=false, which makes
// the daemon read twice a second apart so that CPU % has a delta. With
// more, it streams Samples+1 records about a second apart and computes each
// sample against the one before. CPU % and memory follow the docker CLI:
// memory used is usage less the inactive file cache, block I/O sums the
// read and write entries, network sums the interfaces.
//
// A container that is not running (created, exited, restarting, dead) is
// not asked: the result holds one zero sample and a Note. The whole call
// returns within StatsBound: when the daemon sends nothing in time (a
// container that keeps restarting), or fails because the container just
// stopped, the result holds what came, or a zero sample, and a Note.
//
// Errors: CodeInvalid for an empty ID or Samples outside [0,
// MaxStatsSamples]; CodeNotFound when no container matches; CodeTimeout
// when ctx ends; CodeUnavailable; CodeDaemon.
func (o *Ops) ContainerStats(
	ctx context.Context, req dockerapi.ContainerStatsRequest,
) (dockerapi.ContainerStatsResult, error) {
	ref, err := containerRef(req.ID)
	if err != nil {
		return dockerapi.ContainerStatsResult{}, err
	}
	if req.Samples < 0 || req.Samples > MaxStatsSamples {
		return dockerapi.ContainerStatsResult{}, invalid("samples", "must be 0 to %d, such as 3",
			MaxStatsSamples)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, StatsBound)
	defer cancel()
	info, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return dockerapi.ContainerStatsResult{}, o.fail(err)
	}
	res := statsHead(info.Container)
	if res.State != string(container.StateRunning) && res.State != string(container.StatePaused) {
		res.Note = idleNote(info.Container)
		res.Samples = []dockerapi.StatsSample{{}}
		return res, nil
	}
	res.Samples, err = o.readStats(ctx, info.Container.ID, max(req.Samples, 1))
	if err != nil {
		if parent.Err() != nil {
			return dockerapi.ContainerStatsResult{}, o.fail(parent.Err())
		}
		res.Note = fmt.Sprintf("The daemon sent no complete sample in time (%v); "+
			"the container may be restarting or stopping. Check its state with "+
			"list_containers.", err)
	}
	if len(res.Samples) == 0 {
		res.Samples = []dockerapi.StatsSample{{}}
	}
	return res, nil
}

func statsHead(c container.InspectResponse) dockerapi.ContainerStatsResult {
	res := dockerapi.ContainerStatsResult{ID: c.ID, Name: strings.TrimPrefix(c.Name, "/")}
	if c.State != nil {
		res.State = string(c.State.Status)
	}
	return res
}

// idleNote says why a container that is not running has no figures.
func idleNote(c container.InspectResponse) string {
	if c.State != nil && c.State.Restarting {
		return fmt.Sprintf("The container is restarting (restarted %d times): its process "+
			"keeps exiting, so there is nothing to measure; read why with container_logs.",
			c.RestartCount)
	}
	return fmt.Sprintf("The container is %s, so it uses no resources; start it "+
		"(start_container) to see live figures.", statsHead(c).State)
}

// readStats reads n samples. One comes from a single stream=false answer;
// more from a stream, whose first record has no previous CPU figures and
// only serves as the base of the second.
func (o *Ops) readStats(ctx context.Context, id string, n int) ([]dockerapi.StatsSample, error) {
	opts := client.ContainerStatsOptions{Stream: n > 1, IncludePreviousSample: n == 1}
	res, err := o.cli.ContainerStats(ctx, id, opts)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	stop := context.AfterFunc(ctx, func() { _ = res.Body.Close() })
	defer stop()
	dec := json.NewDecoder(res.Body)
	var out []dockerapi.StatsSample
	var prev *container.StatsResponse
	for len(out) < n {
		var s container.StatsResponse
		if err := dec.Decode(&s); err != nil {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return out, fmt.Errorf("read stats: %w", err)
		}
		if n > 1 && prev == nil {
			prev = &s
			continue
		}
		if prev != nil {
			s.PreCPUStats = prev.CPUStats
		}
		out = append(out, sample(s))
		prev = &s
	}
	return out, nil
}

// sample summarises one stats record as the docker CLI does.
func sample(s container.StatsResponse) dockerapi.StatsSample {
	used := memoryUsed(s.MemoryStats)
	out := dockerapi.StatsSample{
		CPUPercent:  cpuPercent(s),
		OnlineCPUs:  onlineCPUs(s.CPUStats),
		MemoryUsed:  used,
		MemoryLimit: s.MemoryStats.Limit,
		Pids:        s.PidsStats.Current,
	}
	if !s.Read.IsZero() {
		out.Read = s.Read.UTC().Format(time.RFC3339Nano)
	}
	if s.MemoryStats.Limit > 0 {
		out.MemoryPercent = float64(used) / float64(s.MemoryStats.Limit) * 100
	}
	for _, n := range s.Networks {
		out.NetworkRx += n.RxBytes
		out.NetworkTx += n.TxBytes
	}
	for _, e := range s.BlkioStats.IoServiceBytesRecursive {
		switch strings.ToLower(e.Op) {
		case "read":
			out.BlockRead += e.Value
		case "write":
			out.BlockWrite += e.Value
		}
	}
	return out
}

func onlineCPUs(c container.CPUStats) uint32 {
	if c.OnlineCPUs > 0 {
		return c.OnlineCPUs
	}
	return uint32(len(c.CPUUsage.PercpuUsage))
}

// cpuPercent is the container's share of the host's CPU time between the
// previous and this sample, times the CPUs online, as docker stats shows.
func cpuPercent(s container.StatsResponse) float64 {
	cpu := float64(s.CPUStats.CPUUsage.TotalUsage) - float64(s.PreCPUStats.CPUUsage.TotalUsage)
	system := float64(s.CPUStats.SystemUsage) - float64(s.PreCPUStats.SystemUsage)
	if s.PreCPUStats.SystemUsage == 0 || cpu <= 0 || system <= 0 {
		return 0
	}
	return cpu / system * float64(onlineCPUs(s.CPUStats)) * 100
}

// memoryUsed is usage less the inactive file cache: total_inactive_file on
// cgroup v1, inactive_file on v2.
func memoryUsed(m container.MemoryStats) uint64 {
	inactive, ok := m.Stats["total_inactive_file"]
	if !ok {
		inactive = m.Stats["inactive_file"]
	}
	if inactive < m.Usage {
		return m.Usage - inactive
	}
	return m.Usage
}

// ContainerTop lists the processes of a running container
// (GET /containers/{id}/top). The daemon runs ps on the host with PsArgs
// (default "-ef"), so images without ps work. Rows past MaxTopProcesses
// are dropped and Truncated set; absent titles or rows are empty.
//
// Errors: CodeInvalid for an empty ID; CodeNotFound when no container
// matches; CodeConflict when it is not running; CodeTimeout;
// CodeUnavailable; CodeDaemon, also when ps refuses PsArgs.
func (o *Ops) ContainerTop(
	ctx context.Context, req dockerapi.ContainerTopRequest,
) (dockerapi.ContainerTopResult, error) {
	ref, err := containerRef(req.ID)
	if err != nil {
		return dockerapi.ContainerTopResult{}, err
	}
	opts := client.ContainerTopOptions{Arguments: strings.Fields(req.PsArgs)}
	res, err := o.cli.ContainerTop(ctx, ref, opts)
	if err != nil {
		return dockerapi.ContainerTopResult{}, o.notRunning(ref, err)
	}
	out := dockerapi.ContainerTopResult{Titles: res.Titles, Processes: res.Processes}
	if out.Titles == nil {
		out.Titles = []string{}
	}
	if out.Processes == nil {
		out.Processes = [][]string{}
	}
	if len(out.Processes) > MaxTopProcesses {
		out.Processes, out.Truncated = out.Processes[:MaxTopProcesses], true
	}
	return out, nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpContainerExec, typed(o.ContainerExec)},
			{abi.OpContainerStats, typed(o.ContainerStats)},
			{abi.OpContainerTop, typed(o.ContainerTop)},
		}
	})
}

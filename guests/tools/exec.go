//go:build wasip1

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

const (
	defaultExecSeconds = 30
	execBytes          = 256 << 10 // per stream
	defaultStreamed    = 3         // samples when stream is set without samples
)

type execArgs struct {
	ContainerID    string   `json:"containerId"`
	Command        []string `json:"command"`
	WorkingDir     string   `json:"workingDir"`
	Env            envList  `json:"env"`
	User           string   `json:"user"`
	TimeoutSeconds int      `json:"timeoutSeconds"`
}

type execAnswer struct {
	ContainerID string `json:"containerId"`
	ExitCode    int    `json:"exitCode"`
	Stdout      string `json:"stdout"`
	Stderr      string `json:"stderr"`
	Truncated   bool   `json:"truncated"`
	TimedOut    bool   `json:"timedOut"`
	Hint        string `json:"hint,omitempty"`
}

func init() {
	tool.Register("exec_container", execContainer)
	tool.Register("container_stats", containerStats)
	tool.Register("container_top", containerTop)
}

func execContainer(c *tool.Call) (*tool.Result, error) {
	var args execArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}
	if args.TimeoutSeconds == 0 {
		args.TimeoutSeconds = defaultExecSeconds
	}

	res, err := docker.ContainerExec(dockerapi.ContainerExecRequest{
		ID: args.ContainerID, Cmd: args.Command, WorkingDir: args.WorkingDir,
		Env: args.Env, User: args.User, TimeoutMillis: args.TimeoutSeconds * 1000,
		MaxBytes: execBytes,
	})
	if err != nil {
		return nil, err
	}

	ans := execAnswer{
		ContainerID: args.ContainerID, ExitCode: res.ExitCode, Stdout: res.Stdout,
		Stderr: res.Stderr, Truncated: res.Truncated, TimedOut: res.TimedOut,
	}
	ans.Hint = execHint(res, args.TimeoutSeconds)
	return &tool.Result{Text: execText(ans), Structured: ans}, nil
}

func execHint(res dockerapi.ContainerExecResult, timeout int) string {
	var hints []string
	if res.TimedOut {
		hints = append(hints, fmt.Sprintf("Stopped waiting after %.1f s (timeoutSeconds %d, "+
			"or the call's own limit); the command may still be running in the container. "+
			"Raise timeoutSeconds, or run it in the background.",
			float64(res.WaitedMillis)/1000, timeout))
	}
	if res.Truncated {
		hints = append(hints, fmt.Sprintf("Output passed %d bytes per stream and its "+
			"oldest bytes were cut; pipe through head or tail, or write to a file.", execBytes))
	}
	return strings.Join(hints, " ")
}

func execText(a execAnswer) string {
	var b strings.Builder
	if a.TimedOut {
		b.WriteString("timed out, no exit code")
	} else {
		fmt.Fprintf(&b, "exit code %d", a.ExitCode)
	}
	if a.Hint != "" {
		b.WriteString(" (" + a.Hint + ")")
	}
	b.WriteString("\n")
	writeStreams(&b, a.Stdout, a.Stderr)
	return b.String()
}

// envList accepts ["K=V", …] or {"K": "V", …}; an object's keys are sorted.
type envList []string

func (e *envList) UnmarshalJSON(b []byte) error {
	var list []string
	if json.Unmarshal(b, &list) == nil {
		*e = list
		return nil
	}
	var obj map[string]string
	if err := json.Unmarshal(b, &obj); err != nil {
		return fmt.Errorf(`env: want ["KEY=value"] or {"KEY": "value"}`)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		list = append(list, k+"="+obj[k])
	}
	*e = list
	return nil
}

type statsArgs struct {
	ContainerID string `json:"containerId"`
	Stream      bool   `json:"stream"`
	Samples     int    `json:"samples"`
}

type statsAnswer struct {
	ContainerID string `json:"containerId"`
	Name        string `json:"name"`
	State       string `json:"state"`
	Note        string `json:"note,omitempty"`
	dockerapi.StatsSample
	Samples []dockerapi.StatsSample `json:"samples,omitempty"`
}

func containerStats(c *tool.Call) (*tool.Result, error) {
	var args statsArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}
	samples := 1
	if args.Stream {
		samples = orDefault(args.Samples, defaultStreamed)
	}

	res, err := docker.ContainerStats(dockerapi.ContainerStatsRequest{
		ID: args.ContainerID, Samples: samples,
	})
	if err != nil {
		return nil, err
	}
	if len(res.Samples) == 0 {
		return nil, tool.Errorf(abi.CodeDaemon, "the daemon sent no stats for %s",
			args.ContainerID)
	}

	ans := statsAnswer{ContainerID: shortID(res.ID), Name: res.Name, State: res.State,
		Note: res.Note, StatsSample: rounded(res.Samples[len(res.Samples)-1])}
	if args.Stream {
		for _, s := range res.Samples {
			ans.Samples = append(ans.Samples, rounded(s))
		}
	}
	return &tool.Result{Text: statsText(ans), Structured: ans}, nil
}

func orDefault(v, dflt int) int {
	if v == 0 {
		return dflt
	}
	return v
}

func rounded(s dockerapi.StatsSample) dockerapi.StatsSample {
	s.CPUPercent = math.Round(s.CPUPercent*100) / 100
	s.MemoryPercent = math.Round(s.MemoryPercent*100) / 100
	return s
}

func statsText(a statsAnswer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) %s\n", a.Name, a.ContainerID, a.State)
	if a.Note != "" {
		b.WriteString(a.Note + "\n")
	}
	rows := a.Samples
	if len(rows) == 0 {
		rows = []dockerapi.StatsSample{a.StatsSample}
	}
	for _, s := range rows {
		fmt.Fprintf(&b, "CPU %.2f%%  MEM %s / %s (%.2f%%)  NET rx %s tx %s  "+
			"BLOCK read %s write %s  PIDS %d\n", s.CPUPercent, size(s.MemoryUsed),
			size(s.MemoryLimit), s.MemoryPercent, size(s.NetworkRx), size(s.NetworkTx),
			size(s.BlockRead), size(s.BlockWrite), s.Pids)
	}
	return b.String()
}

// size writes n bytes in binary units, as docker stats does.
func size(n uint64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f, i = f/1024, i+1
	}
	if i == 0 {
		return fmt.Sprintf("%dB", n)
	}
	return fmt.Sprintf("%.1f%s", f, units[i])
}

type topArgs struct {
	ContainerID string `json:"containerId"`
	PsArgs      string `json:"psArgs"`
}

type topAnswer struct {
	ContainerID string     `json:"containerId"`
	Titles      []string   `json:"titles"`
	Processes   [][]string `json:"processes"`
	Count       int        `json:"count"`
	Truncated   bool       `json:"truncated"`
}

func containerTop(c *tool.Call) (*tool.Result, error) {
	var args topArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerTop(dockerapi.ContainerTopRequest{
		ID: args.ContainerID, PsArgs: args.PsArgs,
	})
	if err != nil {
		return nil, err
	}

	ans := topAnswer{ContainerID: args.ContainerID, Titles: res.Titles,
		Processes: res.Processes, Count: len(res.Processes), Truncated: res.Truncated}
	var b strings.Builder
	b.WriteString(strings.Join(ans.Titles, "\t") + "\n")
	for _, p := range ans.Processes {
		b.WriteString(strings.Join(p, "\t") + "\n")
	}
	return &tool.Result{Text: b.String(), Structured: ans}, nil
}

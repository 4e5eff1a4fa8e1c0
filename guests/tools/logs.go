//go:build wasip1

package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

const (
	defaultFollowSeconds = 5
	logBytes             = 256 << 10 // per stream
)

type logsArgs struct {
	ContainerID   string          `json:"containerId"`
	Tail          json.RawMessage `json:"tail"`
	Since         string          `json:"since"`
	Until         string          `json:"until"`
	Timestamps    bool            `json:"timestamps"`
	Stdout        *bool           `json:"stdout"`
	Stderr        *bool           `json:"stderr"`
	Follow        bool            `json:"follow"`
	FollowSeconds int             `json:"followSeconds"`
	FollowLines   int             `json:"followLines"`
}

type logsAnswer struct {
	ContainerID string `json:"containerId"`
	Stdout      string `json:"stdout"`
	Stderr      string `json:"stderr"`
	Lines       int    `json:"lines"`
	TTY         bool   `json:"tty"`
	Truncated   bool   `json:"truncated"`
	Hint        string `json:"hint,omitempty"`
}

func init() {
	tool.Register("container_logs", containerLogs)
}

func containerLogs(c *tool.Call) (*tool.Result, error) {
	var args logsArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}
	req, err := logsRequest(args)
	if err != nil {
		return nil, err
	}

	res, err := docker.ContainerLogs(req)
	if err != nil {
		return nil, err
	}

	ans := logsAnswer{
		ContainerID: args.ContainerID, Stdout: res.Stdout, Stderr: res.Stderr,
		Lines: res.Lines, TTY: res.TTY, Truncated: res.Truncated,
	}
	if res.Truncated {
		ans.Hint = fmt.Sprintf("Output passed %d bytes and its oldest lines were cut; "+
			"ask for fewer lines with tail, or a window with since and until.", logBytes)
	}
	return &tool.Result{Text: logsText(ans), Structured: ans}, nil
}

func logsRequest(a logsArgs) (dockerapi.ContainerLogsRequest, error) {
	tail, err := tailValue(a.Tail)
	if err != nil {
		return dockerapi.ContainerLogsRequest{}, err
	}
	if a.Stdout != nil && a.Stderr != nil && !*a.Stdout && !*a.Stderr {
		return dockerapi.ContainerLogsRequest{}, tool.Errorf(abi.CodeInvalid,
			"stdout and stderr are both false: ask for at least one stream, "+
				`for example {"containerId": "web", "stderr": true}`)
	}
	req := dockerapi.ContainerLogsRequest{
		ID: a.ContainerID, Tail: tail, Since: a.Since, Until: a.Until,
		Timestamps: a.Timestamps, Stdout: a.Stdout == nil || *a.Stdout,
		Stderr: a.Stderr == nil || *a.Stderr, MaxBytes: logBytes,
	}
	if a.Follow || a.FollowLines > 0 {
		req.FollowSeconds, req.FollowLines = a.FollowSeconds, a.FollowLines
		if req.FollowSeconds == 0 {
			req.FollowSeconds = defaultFollowSeconds
		}
	}
	return req, nil
}

// tailValue accepts a number, a numeric string or "all"; the default is 100.
func tailValue(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "100", nil
	}
	var n int
	if json.Unmarshal(raw, &n) == nil && n >= 0 {
		return fmt.Sprint(n), nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "all" {
			return s, nil
		}
		if json.Unmarshal([]byte(s), &n) == nil && n >= 0 {
			return fmt.Sprint(n), nil
		}
	}
	return "", tool.Errorf(abi.CodeInvalid,
		`tail must be a non-negative number of lines or "all", for example {"tail": 50}`)
}

func logsText(a logsAnswer) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d lines from %s", a.Lines, a.ContainerID)
	if a.Truncated {
		b.WriteString(" (truncated: " + a.Hint + ")")
	}
	b.WriteString("\n")
	writeStreams(&b, a.Stdout, a.Stderr)
	return b.String()
}

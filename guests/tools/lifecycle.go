//go:build wasip1

package main

import (
	"fmt"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Limits of run_container with detach false.
const (
	defaultRunSeconds = 60
	maxRunSeconds     = 300
	runBytes          = 256 << 10 // per stream
)

type runArgs struct {
	createArgs
	Detach         *bool `json:"detach"`
	TimeoutSeconds int   `json:"timeoutSeconds"`
}

type refArgs struct {
	ContainerID string `json:"containerId"`
}

type stopArgs struct {
	ContainerID string `json:"containerId"`
	Timeout     *int   `json:"timeout"`
}

type createAnswer struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Warnings []string `json:"warnings"`
}

type runAnswer struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	State     string `json:"state,omitempty"`
	ExitCode  *int64 `json:"exitCode,omitempty"`
	Stdout    string `json:"stdout"`
	Stderr    string `json:"stderr"`
	Truncated bool   `json:"truncated"`
	TimedOut  bool   `json:"timedOut"`
	Hint      string `json:"hint,omitempty"`
}

func init() {
	tool.Register("create_container", createContainer)
	tool.Register("run_container", runContainer)
	tool.Register("start_container", stateTool(docker.ContainerStart))
	tool.Register("pause_container", stateTool(docker.ContainerPause))
	tool.Register("unpause_container", stateTool(docker.ContainerUnpause))
	tool.Register("stop_container", stopTool(docker.ContainerStop))
	tool.Register("restart_container", stopTool(docker.ContainerRestart))
}

func createContainer(c *tool.Call) (*tool.Result, error) {
	var args createArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}
	req, err := createRequest(args)
	if err != nil {
		return nil, err
	}

	res, err := docker.ContainerCreate(req)
	if err != nil {
		return nil, err
	}

	return tool.JSON(createAnswer{ID: res.ID, Name: res.Name, Warnings: res.Warnings})
}

func runContainer(c *tool.Call) (*tool.Result, error) {
	var args runArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}
	req, err := createRequest(args.createArgs)
	if err != nil {
		return nil, err
	}
	wait := args.TimeoutSeconds
	if wait == 0 {
		wait = defaultRunSeconds
	}
	if wait < 0 || wait > maxRunSeconds {
		return nil, tool.Errorf(abi.CodeInvalid, "timeoutSeconds must be 1 to %d, "+
			"such as {\"timeoutSeconds\": 60}", maxRunSeconds)
	}

	created, err := docker.ContainerCreate(req)
	if err != nil {
		return nil, err
	}
	if args.Detach == nil || *args.Detach {
		return startDetached(created)
	}
	return startAttached(created, wait)
}

func startDetached(created dockerapi.ContainerCreateResult) (*tool.Result, error) {
	st, err := docker.ContainerStart(created.ID)
	if err != nil {
		return nil, startFailed(created, err)
	}
	return tool.JSON(runAnswer{ID: st.ID, Name: st.Name, State: st.State})
}

func startAttached(created dockerapi.ContainerCreateResult, wait int) (*tool.Result, error) {
	res, err := docker.ContainerStartAttached(dockerapi.ContainerStartAttachedRequest{
		ID: created.ID, TimeoutSeconds: wait, MaxBytes: runBytes,
	})
	if err != nil {
		return nil, startFailed(created, err)
	}

	ans := runAnswer{ID: res.ID, Name: res.Name, Stdout: res.Stdout, Stderr: res.Stderr,
		Truncated: res.Truncated, TimedOut: !res.Exited}
	if res.Exited {
		ans.ExitCode = &res.ExitCode
	} else {
		ans.Hint = fmt.Sprintf("Container %s was still running after %d s and was left "+
			"running; read its output with container_logs and stop it with stop_container.",
			res.Name, res.WaitSeconds)
	}
	if res.Truncated {
		ans.Hint += fmt.Sprintf(" Output passed %d bytes per stream; the oldest was cut.",
			runBytes)
	}
	return tool.JSON(ans)
}

// startFailed removes a container that was created but could not start, so
// that a failed run leaves nothing behind, and says so.
func startFailed(created dockerapi.ContainerCreateResult, err error) error {
	code := abi.CodeDaemon
	if ae, ok := err.(*abi.Error); ok {
		code = ae.Code
	}
	_, rmErr := docker.ContainerRemove(dockerapi.ContainerRemoveRequest{
		ID: created.ID, Force: true})
	if rmErr != nil {
		return tool.Errorf(code, "container %s was created but did not start: %v; it "+
			"is left in place (remove it with remove_container)", created.Name, err)
	}
	return tool.Errorf(code, "container %s was created but did not start, so it was "+
		"removed: %v", created.Name, err)
}

func stateTool(op func(id string) (dockerapi.ContainerState, error)) tool.Handler {
	return func(c *tool.Call) (*tool.Result, error) {
		var args refArgs
		if err := c.Args(&args); err != nil {
			return nil, err
		}

		st, err := op(args.ContainerID)
		if err != nil {
			return nil, err
		}

		return tool.JSON(st)
	}
}

func stopTool(op func(dockerapi.ContainerStopRequest) (dockerapi.ContainerState, error),
) tool.Handler {
	return func(c *tool.Call) (*tool.Result, error) {
		var args stopArgs
		if err := c.Args(&args); err != nil {
			return nil, err
		}

		st, err := op(dockerapi.ContainerStopRequest{ID: args.ContainerID,
			Timeout: args.Timeout})
		if err != nil {
			return nil, err
		}

		return tool.JSON(st)
	}
}

package docker

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

// Limits of container_start_attached.
const (
	MaxRunSeconds = 300
	// runMargin is kept from the call's deadline so that the answer, with
	// what the container wrote, still reaches the guest.
	runMargin = 5 * time.Second
	// drainGrace bounds the wait for the attach stream to end after the
	// exit.
	drainGrace = 2 * time.Second
)

// ContainerStartAttached starts a created container and waits for it to
// exit, for at most req.TimeoutSeconds and never past the call's deadline
// (less a margin). It attaches to stdout and stderr and registers the wait
// before the start, so nothing the container writes is lost, even when
// AutoRemove removes it at exit (the wait then uses the "removed"
// condition). Output is kept and capped as ContainerLogs does.
//
// When the wait ends first, Exited is false, the container is left running
// and what it wrote so far is returned.
//
// Errors: CodeInvalid for an empty ID, TimeoutSeconds outside
// [1, MaxRunSeconds] or MaxBytes outside [0, MaxLogBytes]; CodeNotFound;
// CodeDaemon when the daemon cannot start it; CodeDenied when the container
// selector or the host-safety policy refuses it; CodeUnavailable,
// CodeTimeout.
func (o *Ops) ContainerStartAttached(
	ctx context.Context, req dockerapi.ContainerStartAttachedRequest,
) (dockerapi.ContainerStartAttachedResult, error) {
	var res dockerapi.ContainerStartAttachedResult
	ref, err := containerRef(req.ID)
	if err != nil {
		return res, err
	}
	if req.TimeoutSeconds < 1 || req.TimeoutSeconds > MaxRunSeconds {
		return res, invalid("timeoutSeconds", "must be 1 to %d, such as 60", MaxRunSeconds)
	}
	limit, err := checkMaxBytes(req.MaxBytes)
	if err != nil {
		return res, err
	}
	c, err := o.target(ctx, ref)
	if err != nil {
		return res, err
	}
	if err := o.checkExisting(ctx, c.ID); err != nil {
		return res, err
	}
	res.ID, res.Name = c.ID, strings.TrimPrefix(c.Name, "/")
	res.TTY = c.Config != nil && c.Config.Tty
	autoRemove := c.HostConfig != nil && c.HostConfig.AutoRemove

	wait := waitBound(ctx, req.TimeoutSeconds)
	res.WaitSeconds = int(wait.Round(time.Second) / time.Second)
	stdout, stderr := newTail(limit), newTail(limit)
	exit, err := o.startAndWait(ctx, c.ID, wait, autoRemove, res.TTY, stdout, stderr)
	if err != nil {
		return res, o.fail(err)
	}
	out := logsResult(stdout, stderr, res.TTY)
	res.Stdout, res.Stderr, res.Truncated = out.Stdout, out.Stderr, out.Truncated
	res.Exited, res.ExitCode = exit != nil, exitCode(exit)
	return res, nil
}

// waitBound is the wait asked for, cut to the call's deadline less
// runMargin (run_container's descriptor sets a deadline past MaxRunSeconds).
func waitBound(ctx context.Context, seconds int) time.Duration {
	wait := time.Duration(seconds) * time.Second
	if dl, ok := ctx.Deadline(); ok {
		wait = min(wait, max(time.Until(dl)-runMargin, time.Second))
	}
	return wait
}

func exitCode(exit *container.WaitResponse) int64 {
	if exit == nil {
		return 0
	}
	return exit.StatusCode
}

// startAndWait attaches, registers the wait, starts the container and
// copies its output until it exits or wait passes; a nil response means it
// still runs. The attach connection is closed here on every path.
func (o *Ops) startAndWait(ctx context.Context, id string, wait time.Duration,
	autoRemove, tty bool, stdout, stderr io.Writer) (*container.WaitResponse, error) {
	att, err := o.cli.ContainerAttach(ctx, id, client.ContainerAttachOptions{
		Stream: true, Stdout: true, Stderr: true,
	})
	if err != nil {
		return nil, err
	}
	waitCtx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	cond := container.WaitConditionNextExit
	if autoRemove {
		cond = container.WaitConditionRemoved
	}
	// ContainerWait returns once the daemon has registered the wait.
	waited := o.cli.ContainerWait(waitCtx, id, client.ContainerWaitOptions{Condition: cond})
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		if tty {
			_, _ = io.Copy(stdout, att.Reader)
		} else {
			_, _ = stdcopy.StdCopy(stdout, stderr, att.Reader)
		}
	}()
	// Closing the connection is what ends a copy still running; wait for
	// the copy before the tails are read.
	defer func() { att.Close(); <-copied }()
	if _, err := o.cli.ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		return nil, err
	}
	return waitExit(ctx, waitCtx, waited, copied)
}

// waitExit reads the wait's outcome and gives the output stream a moment to
// end by itself after the exit.
func waitExit(ctx, waitCtx context.Context, waited client.ContainerWaitResult,
	copied <-chan struct{}) (*container.WaitResponse, error) {
	select {
	case r := <-waited.Result:
		select {
		case <-copied:
		case <-time.After(drainGrace):
		}
		return &r, nil
	case err := <-waited.Error:
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if waitCtx.Err() != nil {
			return nil, nil // the wait passed; the container runs on
		}
		return nil, err
	}
}

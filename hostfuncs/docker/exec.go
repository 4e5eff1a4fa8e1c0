package docker

import (
	"context"
	"regexp"
	"strings"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Limits of container_exec.
const (
	DefaultExecTimeout = 30 * time.Second
	MaxExecTimeout     = 300 * time.Second
	DefaultExecBytes   = 256 << 10 // per stream, when MaxBytes is 0
	// execMargin is kept back from the call's deadline so that a command
	// that outlives it still gets a timed-out result, not a failed call.
	execMargin = 2 * time.Second
	// exitWait bounds the wait for the daemon to record the exit code after
	// the output stream ended.
	exitWait = 5 * time.Second
)

// notFoundOutput matches the runtime's words for a missing executable, as
// runc and crun print them when exec fails.
var notFoundOutput = regexp.MustCompile(
	`(?i)executable file not found|no such file or directory`)

// ContainerExec runs req.Cmd in a running container and returns its exit
// code and output (POST /containers/{id}/exec, POST /exec/{id}/start
// hijacked, GET /exec/{id}/json). No TTY and no stdin: the two streams are
// demultiplexed and each keeps its newest MaxBytes, with invalid UTF-8
// replaced. A non-zero exit is a result. After TimeoutMillis (or shortly
// before ctx's deadline) the host closes the stream itself, because
// cancelling ctx does not (moby#36543), and returns what came with TimedOut
// set; the command may go on in the container.
//
// Errors: CodeInvalid for an empty ID or Cmd, an env entry without "=", or
// TimeoutMillis or MaxBytes out of range; CodeNotFound when no container
// matches or the executable does not exist in it; CodeConflict when the
// container is not running (or is paused); CodeTimeout when ctx ends first;
// CodeUnavailable; CodeDaemon; CodeDenied when exec is disabled (see
// WithoutExec) or when the container selector or the exec selector does not
// select the container (see WithSelectors). The exec runs in the container
// the reference resolved to when it was checked, by its full ID.
func (o *Ops) ContainerExec(
	ctx context.Context, req dockerapi.ContainerExecRequest,
) (dockerapi.ContainerExecResult, error) {
	if o.noExec {
		return dockerapi.ContainerExecResult{}, abi.Errorf(abi.CodeDenied,
			"exec is disabled by the operator (policy.exec.enabled: false)")
	}
	ref, opts, timeout, limit, err := execOptions(req)
	if err != nil {
		return dockerapi.ContainerExecResult{}, err
	}
	c, err := o.execTarget(ctx, ref)
	if err != nil {
		return dockerapi.ContainerExecResult{}, err
	}
	created, err := o.cli.ExecCreate(ctx, c.ID, opts)
	if err != nil {
		return dockerapi.ContainerExecResult{}, o.execFail(ref, opts.Cmd[0], err)
	}
	start := time.Now()
	stdout, stderr := newTail(limit), newTail(limit)
	timedOut, err := o.attachExec(ctx, created.ID, shorten(ctx, timeout), stdout, stderr)
	if err != nil {
		return dockerapi.ContainerExecResult{}, o.execFail(ref, opts.Cmd[0], err)
	}
	res := execResult(stdout, stderr)
	res.WaitedMillis = time.Since(start).Milliseconds()
	if timedOut {
		res.ExitCode, res.TimedOut = -1, true
		return res, nil
	}
	if res.ExitCode, err = o.execExit(ctx, created.ID); err != nil {
		return dockerapi.ContainerExecResult{}, o.fail(err)
	}
	return res, missingExecutable(res, opts.Cmd[0])
}

func execOptions(req dockerapi.ContainerExecRequest) (
	string, client.ExecCreateOptions, time.Duration, int, error) {
	var opts client.ExecCreateOptions
	ref, err := containerRef(req.ID)
	if err != nil {
		return "", opts, 0, 0, err
	}
	if len(req.Cmd) == 0 || req.Cmd[0] == "" {
		return "", opts, 0, 0, invalid("cmd",
			`an argv array is required, such as ["ls", "-l", "/"]`)
	}
	for _, kv := range req.Env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" {
			return "", opts, 0, 0, invalid("env", "%q is not KEY=value", kv)
		}
	}
	timeout := time.Duration(req.TimeoutMillis) * time.Millisecond
	switch {
	case req.TimeoutMillis == 0:
		timeout = DefaultExecTimeout
	case timeout < 0 || timeout > MaxExecTimeout:
		return "", opts, 0, 0, invalid("timeoutMillis", "must be 0 (default %v) to %d",
			DefaultExecTimeout, MaxExecTimeout.Milliseconds())
	}
	limit := req.MaxBytes
	if limit == 0 {
		limit = DefaultExecBytes
	} else if limit < 0 || limit > MaxLogBytes {
		return "", opts, 0, 0, invalid("maxBytes", "must be 0 (default %d) to %d",
			DefaultExecBytes, MaxLogBytes)
	}
	opts = client.ExecCreateOptions{
		User: req.User, AttachStdout: true, AttachStderr: true,
		Env: req.Env, WorkingDir: req.WorkingDir, Cmd: req.Cmd,
	}
	return ref, opts, timeout, limit, nil
}

// shorten keeps a wait of d inside ctx's deadline, less execMargin.
func shorten(ctx context.Context, d time.Duration) time.Duration {
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl) - execMargin; left < d {
			return max(left, 0)
		}
	}
	return d
}

// attachExec starts the exec and copies its output until the stream ends
// or timeout passes, and reports which. It closes the hijacked connection
// itself on either end.
func (o *Ops) attachExec(ctx context.Context, execID string, timeout time.Duration,
	stdout, stderr *tail) (bool, error) {
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hj, err := o.cli.ExecAttach(waitCtx, execID, client.ExecAttachOptions{})
	if err != nil {
		if ctx.Err() == nil && waitCtx.Err() != nil {
			return true, nil
		}
		return false, err
	}
	defer hj.Close()
	stop := context.AfterFunc(waitCtx, hj.Close)
	defer stop()
	_, err = stdcopy.StdCopy(stdout, stderr, hj.Reader)
	switch {
	case ctx.Err() != nil:
		return false, ctx.Err()
	case waitCtx.Err() != nil:
		return true, nil
	}
	return false, err
}

// execExit waits briefly for the daemon to record the exit code: the
// stream may end a moment before the exec is marked done.
func (o *Ops) execExit(ctx context.Context, execID string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, exitWait)
	defer cancel()
	for {
		res, err := o.cli.ExecInspect(ctx, execID, client.ExecInspectOptions{})
		if err != nil {
			return 0, err
		}
		if !res.Running {
			return res.ExitCode, nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func execResult(stdout, stderr *tail) dockerapi.ContainerExecResult {
	out, outCut := stdout.text()
	errText, errCut := stderr.text()
	return dockerapi.ContainerExecResult{Stdout: out, Stderr: errText, Truncated: outCut || errCut}
}

// missingExecutable turns the runtime's report of a missing executable
// (exit code 126 or 127 with the runtime's words in the output) into
// CodeNotFound.
func missingExecutable(res dockerapi.ContainerExecResult, exe string) error {
	if res.ExitCode != 126 && res.ExitCode != 127 {
		return nil
	}
	out := res.Stdout + res.Stderr
	if !strings.Contains(out, "OCI runtime exec failed") || !notFoundOutput.MatchString(out) {
		return nil
	}
	return abi.Errorf(abi.CodeNotFound, "executable not found in the container: %s "+
		"(the image may lack it; give a full path or use a program the image has)", exe)
}

// execFail explains the errors of creating or starting an exec.
func (o *Ops) execFail(ref, exe string, err error) error {
	if !cerrdefs.IsNotFound(err) && !cerrdefs.IsConflict(err) &&
		notFoundOutput.MatchString(err.Error()) {
		return abi.Errorf(abi.CodeNotFound, "executable not found in the container: %s "+
			"(the image may lack it; give a full path or use a program the image has): %v",
			exe, err)
	}
	return o.notRunning(ref, err)
}

// notRunning explains the daemon's conflict about a container that is not
// running or is paused; other errors go to o.fail.
func (o *Ops) notRunning(ref string, err error) error {
	switch {
	case !cerrdefs.IsConflict(err):
		return o.fail(err)
	case strings.Contains(err.Error(), "is paused"):
		return abi.Errorf(abi.CodeConflict, "container %s is paused; unpause it first: %v",
			ref, err)
	}
	return abi.Errorf(abi.CodeConflict, "container %s is not running; start it first "+
		"(start_container): %v", ref, err)
}

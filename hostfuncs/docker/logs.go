package docker

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

// Limits of container_logs.
const (
	DefaultLogBytes  = 1 << 20 // per stream, when MaxBytes is 0
	MaxLogBytes      = 8 << 20 // the largest MaxBytes accepted
	MaxFollowSeconds = 60
	MaxFollowLines   = 10000
	DefaultTail      = "100"
)

// ContainerLogs returns a container's log (GET /containers/{id}/logs),
// after an inspect to learn whether it has a TTY.
//
// Without a TTY the two streams are demultiplexed into Stdout and Stderr;
// with one, the single raw stream is in Stdout and TTY is set. Neither
// Stdout nor Stderr requested means both. Tail defaults to DefaultTail.
// Each stream keeps its newest MaxBytes (cut at a line start where one
// exists; Truncated is set), then invalid UTF-8 is replaced with U+FFFD.
// FollowSeconds > 0 follows the log that long and returns what came, with
// no error. FollowLines > 0 also stops following once that many new lines
// arrived: lines dated after the call began by the host's clock (the host
// asks for timestamps to tell them apart and drops them again unless
// Timestamps). Lines past the count are dropped.
//
// Errors: CodeInvalid for an empty ID, a tail that is not a count or "all",
// a bad since or until, MaxBytes outside [0, MaxLogBytes], FollowSeconds
// outside [0, MaxFollowSeconds], FollowLines outside [0, MaxFollowLines] or
// FollowLines without FollowSeconds; CodeNotFound when no container matches;
// CodeTimeout when ctx ends; CodeUnavailable; CodeDaemon, also for an error
// the daemon sends inside the stream.
func (o *Ops) ContainerLogs(
	ctx context.Context, req dockerapi.ContainerLogsRequest,
) (dockerapi.ContainerLogsResult, error) {
	began := time.Now()
	ref, opts, limit, err := logsOptions(req)
	if err != nil {
		return dockerapi.ContainerLogsResult{}, err
	}
	info, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return dockerapi.ContainerLogsResult{}, o.fail(err)
	}
	tty := info.Container.Config != nil && info.Container.Config.Tty

	stdout, stderr := newTail(limit), newTail(limit)
	if req.FollowLines > 0 {
		err = o.followLines(ctx, info.Container.ID, opts, req, began, tty, stdout, stderr)
	} else {
		err = o.readLogs(ctx, info.Container.ID, opts, req.FollowSeconds, tty, stdout, stderr)
	}
	if err != nil {
		return dockerapi.ContainerLogsResult{}, o.fail(err)
	}
	return logsResult(stdout, stderr, tty), nil
}

// logsOptions checks req and turns it into SDK options and a byte cap.
func logsOptions(
	req dockerapi.ContainerLogsRequest,
) (string, client.ContainerLogsOptions, int, error) {
	var opts client.ContainerLogsOptions
	ref, err := containerRef(req.ID)
	if err != nil {
		return "", opts, 0, err
	}
	tail, err := checkTail(req.Tail)
	if err != nil {
		return "", opts, 0, err
	}
	limit, err := checkMaxBytes(req.MaxBytes)
	if err != nil {
		return "", opts, 0, err
	}
	if req.FollowSeconds < 0 || req.FollowSeconds > MaxFollowSeconds {
		return "", opts, 0, invalid("followSeconds", "must be 0 to %d, such as 5",
			MaxFollowSeconds)
	}
	if req.FollowLines < 0 || req.FollowLines > MaxFollowLines ||
		(req.FollowLines > 0 && req.FollowSeconds == 0) {
		return "", opts, 0, invalid("followLines", "must be 0 to %d, and needs "+
			"followSeconds, such as 10 with followSeconds 30", MaxFollowLines)
	}
	opts = client.ContainerLogsOptions{
		ShowStdout: req.Stdout || !req.Stderr,
		ShowStderr: req.Stderr || !req.Stdout,
		Since:      req.Since,
		Until:      req.Until,
		Timestamps: req.Timestamps,
		Follow:     req.FollowSeconds > 0,
		Tail:       tail,
	}
	return ref, opts, limit, nil
}

func checkTail(tail string) (string, error) {
	switch tail {
	case "":
		return DefaultTail, nil
	case "all":
		return tail, nil
	}
	if n, err := strconv.Atoi(tail); err != nil || n < 0 {
		return "", invalid("tail", "must be a line count or \"all\", such as \"100\"; got %q",
			tail)
	}
	return tail, nil
}

func checkMaxBytes(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLogBytes, nil
	case n < 0 || n > MaxLogBytes:
		return 0, invalid("maxBytes", "must be 0 (default %d) to %d", DefaultLogBytes,
			MaxLogBytes)
	}
	return n, nil
}

// readLogs copies the log stream into stdout and stderr. When following, it
// stops cleanly after followSeconds. It closes the stream itself when ctx
// (or the follow period) ends rather than trust the SDK to.
func (o *Ops) readLogs(ctx context.Context, id string, opts client.ContainerLogsOptions,
	followSeconds int, tty bool, stdout, stderr io.Writer) error {
	readCtx := ctx
	if followSeconds > 0 {
		var cancel context.CancelFunc
		readCtx, cancel = context.WithTimeout(ctx, time.Duration(followSeconds)*time.Second)
		defer cancel()
	}
	rc, err := o.cli.ContainerLogs(readCtx, id, opts)
	if err != nil {
		return followEnd(ctx, readCtx, err)
	}
	defer rc.Close()
	stop := context.AfterFunc(readCtx, func() { _ = rc.Close() })
	defer stop()
	if tty {
		_, err = io.Copy(stdout, rc)
	} else {
		_, err = stdcopy.StdCopy(stdout, stderr, rc)
	}
	return followEnd(ctx, readCtx, err)
}

// followEnd drops the error of a stream cut by the end of the follow period;
// an error after ctx itself ended is ctx's.
func followEnd(ctx, readCtx context.Context, err error) error {
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case readCtx.Err() != nil:
		return nil
	}
	return err
}

func logsResult(stdout, stderr *tail, tty bool) dockerapi.ContainerLogsResult {
	out, outCut := stdout.text()
	errText, errCut := stderr.text()
	return dockerapi.ContainerLogsResult{
		Stdout:    out,
		Stderr:    errText,
		TTY:       tty,
		Lines:     countLines(out) + countLines(errText),
		Truncated: outCut || errCut,
	}
}

func countLines(s string) int {
	n := strings.Count(s, "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		n++
	}
	return n
}

// A tail is a writer that keeps the newest limit bytes written to it, with
// memory bounded by twice that.
type tail struct {
	limit  int
	buf    []byte
	cut    bool
	atLine bool // the last byte dropped was a newline
}

func newTail(limit int) *tail { return &tail{limit: limit} }

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*t.limit {
		t.drop(len(t.buf) - t.limit)
	}
	return len(p), nil
}

func (t *tail) drop(n int) {
	t.atLine = t.buf[n-1] == '\n'
	t.buf = append(t.buf[:0], t.buf[n:]...)
	t.cut = true
}

// text returns the kept bytes as valid UTF-8 of at most limit bytes, and
// whether older bytes were dropped. After a cut, the text starts at a line
// start if the kept bytes hold a newline, else at a rune start.
func (t *tail) text() (string, bool) {
	if len(t.buf) > t.limit {
		t.drop(len(t.buf) - t.limit)
	}
	b := t.buf
	if t.cut && !t.atLine {
		b = lineStart(b)
	}
	s := strings.ToValidUTF8(string(b), string(utf8.RuneError))
	if len(s) > t.limit { // replacements grew it
		s = string(runeStart([]byte(s[len(s)-t.limit:])))
		t.cut = true
	}
	return s, t.cut
}

func lineStart(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	for i, c := range b[:len(b)-1] {
		if c == '\n' {
			return b[i+1:]
		}
	}
	return runeStart(b)
}

// runeStart skips the continuation bytes a cut left at the start of b.
func runeStart(b []byte) []byte {
	for i := 0; i < len(b) && i < utf8.UTFMax; i++ {
		if utf8.RuneStart(b[i]) {
			return b[i:]
		}
	}
	return b
}

package docker

import (
	"bytes"
	"context"
	"io"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

// followLines follows the log as readLogs does, but also stops once
// req.FollowLines lines dated after began arrived. It asks the daemon for
// timestamps and strips them unless req.Timestamps.
func (o *Ops) followLines(ctx context.Context, id string, opts client.ContainerLogsOptions,
	req dockerapi.ContainerLogsRequest, began time.Time, tty bool, stdout, stderr io.Writer) error {
	readCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts.Timestamps = true
	c := &lineCount{left: req.FollowLines, after: began, done: cancel}
	out := &stampedLines{dst: stdout, keep: req.Timestamps, count: c}
	errOut := &stampedLines{dst: stderr, keep: req.Timestamps, count: c}
	err := o.readLogs(readCtx, id, opts, req.FollowSeconds, tty, out, errOut)
	out.flush()
	errOut.flush()
	if ctx.Err() == nil && c.left == 0 {
		return nil // the stream was cut on purpose
	}
	return err
}

// lineCount counts down the new lines of both streams; StdCopy writes from
// one goroutine, so it needs no lock.
type lineCount struct {
	left  int
	after time.Time
	done  func()
}

// stampedLines receives log lines prefixed with the daemon's RFC 3339
// timestamp and a space, counts those dated after count.after, and passes
// each whole line on, without its timestamp unless keep. Once the count
// reaches zero it drops everything and stops the read.
type stampedLines struct {
	dst     io.Writer
	keep    bool
	count   *lineCount
	partial []byte
}

func (w *stampedLines) Write(p []byte) (int, error) {
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.line(w.partial[:i+1])
		w.partial = w.partial[i+1:]
	}
}

func (w *stampedLines) flush() {
	if len(w.partial) > 0 {
		w.line(w.partial)
		w.partial = nil
	}
}

func (w *stampedLines) line(l []byte) {
	if w.count.left == 0 {
		return
	}
	stamp, rest, ok := bytes.Cut(l, []byte(" "))
	t, err := time.Parse(time.RFC3339Nano, string(stamp))
	if !ok || err != nil {
		rest = l // not stamped: pass it on as it came
	}
	if w.keep {
		rest = l
	}
	_, _ = w.dst.Write(rest)
	if err == nil && t.After(w.count.after) {
		if w.count.left--; w.count.left == 0 {
			w.count.done()
		}
	}
}

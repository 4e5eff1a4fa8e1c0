// Package progress carries a progress reporter from the MCP request that
// asked for it down to the host functions of long operations (pull, push,
// build), through the call's context. A call without a reporter reports
// nothing.
package progress

import (
	"context"
	"sync"
	"time"
)

// An Update is one step of a long operation. Total is 0 when unknown.
type Update struct {
	Progress float64
	Total    float64
	Message  string
}

// Func receives updates. It must not block for long.
type Func func(Update)

type key struct{}

// With returns ctx carrying fn.
func With(ctx context.Context, fn Func) context.Context {
	return context.WithValue(ctx, key{}, fn)
}

// A Reporter sends updates of one operation, at most one per interval,
// always with a rising Progress value as MCP requires.
type Reporter struct {
	fn       Func
	interval time.Duration

	mu   sync.Mutex
	last time.Time
	seq  float64
}

// From returns the reporter of ctx; a nil *Reporter ignores every call.
func From(ctx context.Context) *Reporter {
	fn, _ := ctx.Value(key{}).(Func)
	if fn == nil {
		return nil
	}
	return &Reporter{fn: fn, interval: 100 * time.Millisecond}
}

// Report sends an update unless one went out less than an interval ago;
// final updates (force) always go out.
func (r *Reporter) Report(u Update, force bool) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(r.last) < r.interval {
		return
	}
	r.last = now
	if u.Progress <= r.seq {
		u.Progress = r.seq + 1
		u.Total = 0
	}
	r.seq = u.Progress
	r.fn(u)
}

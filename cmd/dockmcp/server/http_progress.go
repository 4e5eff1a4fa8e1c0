package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// progressTracker works around a race in mcp-go v1.2.1's Streamable HTTP
// handler (the one mark3labs/mcp-go#969 is about): a forwarder goroutine
// takes a notification off the session's queue and then waits for the
// response lock; if the tool handler has returned meanwhile, the response
// path takes the lock first, finds the queue empty, ends the stream, and
// the forwarder drops the notification it holds. So a tool's last progress
// notifications can vanish.
//
// The tracker counts, per session and progress token, the notifications a
// handler sent and those actually written to any response of the session
// (the POST's own SSE stream or the standalone GET stream). Before the
// handler returns its result it waits, bounded by flushWait, until every
// notification it sent has been written.
type progressTracker struct {
	mu     sync.Mutex
	counts map[progressKey]*progressCount
}

type progressKey struct{ session, token string }

type progressCount struct{ sent, written int }

// flushWait bounds how long a result waits for its notifications: a
// notification that a full queue dropped is never written.
const flushWait = 2 * time.Second

func newProgressTracker() *progressTracker {
	return &progressTracker{counts: map[progressKey]*progressCount{}}
}

type progressTrackerKey struct{}

func tokenKey(token any) string {
	b, _ := json.Marshal(token)
	return string(b)
}

// sent records one notification queued for key.
func (t *progressTracker) sent(k progressKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.counts[k]
	if c == nil {
		c = &progressCount{}
		t.counts[k] = c
	}
	c.sent++
}

// wrote records one notification written for key, if a handler is
// waiting for it.
func (t *progressTracker) wrote(k progressKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c := t.counts[k]; c != nil {
		c.written++
	}
}

// flush waits until every notification sent for k was written, ctx ends,
// or flushWait passes, then forgets k.
func (t *progressTracker) flush(ctx context.Context, k progressKey) {
	deadline := time.Now().Add(flushWait)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	defer func() {
		t.mu.Lock()
		delete(t.counts, k)
		t.mu.Unlock()
	}()
	for time.Now().Before(deadline) {
		t.mu.Lock()
		c := t.counts[k]
		done := c == nil || c.written >= c.sent
		t.mu.Unlock()
		if done {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// writer wraps w to count the progress notifications written to it.
func (t *progressTracker) writer(w http.ResponseWriter, session string) http.ResponseWriter {
	return &progressWriter{ResponseWriter: w, t: t, session: session}
}

type progressWriter struct {
	http.ResponseWriter
	t       *progressTracker
	session string
}

var sseData = []byte("event: message\ndata: ")

// Write passes p on; mcp-go writes each SSE event with one Write.
func (w *progressWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	if err == nil && bytes.HasPrefix(p, sseData) {
		w.count(bytes.TrimSpace(p[len(sseData):]))
	}
	return n, err
}

func (w *progressWriter) count(data []byte) {
	if !bytes.Contains(data, []byte(`"notifications/progress"`)) {
		return
	}
	var msg struct {
		Method string `json:"method"`
		Params struct {
			Token any `json:"progressToken"`
		} `json:"params"`
	}
	if json.Unmarshal(data, &msg) == nil && msg.Method == "notifications/progress" {
		w.t.wrote(progressKey{w.session, tokenKey(msg.Params.Token)})
	}
}

func (w *progressWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withTracker returns ctx carrying t, for tool handlers to find.
func withTracker(ctx context.Context, t *progressTracker) context.Context {
	return context.WithValue(ctx, progressTrackerKey{}, t)
}

func trackerFrom(ctx context.Context) *progressTracker {
	t, _ := ctx.Value(progressTrackerKey{}).(*progressTracker)
	return t
}

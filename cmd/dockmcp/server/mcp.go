package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/dockmcp/dockmcp/hostfuncs/progress"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// Version is dockmcp's version, set at build time with -ldflags -X.
var Version = "0.1.0-dev"

// MCP returns an MCP server that lists the catalog and hands tool calls to
// h. Descriptors are data, so listing never waits for a guest to compile.
func (h *Host) MCP() *mcpserver.MCPServer {
	s := mcpserver.NewMCPServer("dockmcp", Version,
		mcpserver.WithToolCapabilities(false),
		mcpserver.WithRecovery(),
		// logging/setLevel is answered (MCP clients and the conformance
		// suite expect it); dockmcp sends no log notifications yet.
		mcpserver.WithLogging(),
		// Destructive calls are confirmed through elicitation (confirm.go).
		mcpserver.WithElicitation(),
		mcpserver.WithHooks(h.hooks()),
	)
	for _, d := range h.catalog.All() {
		s.AddTool(Tool(d), h.handler(d.Name))
	}
	return s
}

// hooks audit what mcp-go answers itself: a call of a tool that is not
// served (none, or removed by the policy) never reaches a handler.
func (h *Host) hooks() *mcpserver.Hooks {
	hooks := &mcpserver.Hooks{}
	hooks.AddOnError(func(ctx context.Context, _ any, method mcp.MCPMethod, msg any, err error) {
		req, ok := msg.(*mcp.CallToolRequest)
		if method != mcp.MethodToolsCall || !ok || !errors.Is(err, mcpserver.ErrToolNotFound) {
			return
		}
		name := req.Params.Name
		h.audit(ctx, auditRecord{Time: auditTime(time.Now()), Session: sessionID(ctx),
			Tool: name, Outcome: "unknown tool", Decision: h.decision(name, "unknown tool", nil)},
			rawArgs(*req))
	})
	return hooks
}

func (h *Host) handler(name string) mcpserver.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		h.inflight.Add(1)
		defer h.inflight.Add(-1)
		args := rawArgs(req)
		ctx, args, refused := h.confirm(ctx, name, args)
		if refused != nil {
			return refused, nil
		}
		ctx, flush := withProgress(ctx, req)
		res := h.Call(ctx, name, args)
		flush()
		return res, nil
	}
}

// withProgress lets long operations report progress when the client sent a
// progress token. Updates are throttled by the reporter, so a burst of
// layers never overflows the session's notification queue. Over HTTP,
// flush waits until the notifications sent were written, so that none is
// lost when the result goes out (see progressTracker).
func withProgress(ctx context.Context, req mcp.CallToolRequest) (context.Context, func()) {
	nop := func() {}
	if req.Params.Meta == nil || req.Params.Meta.ProgressToken == nil {
		return ctx, nop
	}
	token := req.Params.Meta.ProgressToken
	srv := mcpserver.ServerFromContext(ctx)
	if srv == nil {
		return ctx, nop
	}
	tracker, key := trackerFrom(ctx), progressKey{sessionID(ctx), tokenKey(token)}
	flush := nop
	if tracker != nil {
		flush = func() { tracker.flush(ctx, key) }
	}
	return progress.With(ctx, func(u progress.Update) {
		params := map[string]any{"progressToken": token, "progress": u.Progress}
		if u.Total > 0 {
			params["total"] = u.Total
		}
		if u.Message != "" {
			params["message"] = u.Message
		}
		err := srv.SendNotificationToClient(ctx, "notifications/progress", params)
		if err == nil && tracker != nil {
			tracker.sent(key)
		}
	}), flush
}

// sessionID names the MCP session of ctx, "" when there is none.
func sessionID(ctx context.Context) string {
	if s := mcpserver.ClientSessionFromContext(ctx); s != nil {
		return s.SessionID()
	}
	return ""
}

func rawArgs(req mcp.CallToolRequest) json.RawMessage {
	if len(req.Params.RawArguments) > 0 {
		return req.Params.RawArguments
	}
	b, _ := json.Marshal(req.Params.Arguments)
	return b
}

// Tool is the MCP view of a descriptor, with all four hints explicit.
func Tool(d *tools.Descriptor) mcp.Tool {
	return mcp.Tool{
		Name:            d.Name,
		Title:           d.Title,
		Description:     d.Description,
		RawInputSchema:  d.InputSchema,
		RawOutputSchema: d.OutputSchema,
		Annotations: mcp.ToolAnnotation{
			Title:           d.Title,
			ReadOnlyHint:    d.Annotations.ReadOnlyHint,
			DestructiveHint: d.Annotations.DestructiveHint,
			IdempotentHint:  d.Annotations.IdempotentHint,
			OpenWorldHint:   d.Annotations.OpenWorldHint,
		},
	}
}

// Sizes of the stdio transport. mcp-go runs tool calls on a fixed set of
// workers fed by a queue; when the queue is full it runs the call on the
// read loop, which then reads nothing else (not even a cancellation) until
// the call ends. The guest pool bounds how many calls run at once, so a
// few more workers than instances keep the pool busy, and the queue holds a
// client's burst. Other requests run on goroutines of their own.
const (
	stdioWorkers = 8
	stdioQueue   = 1000
	// MaxMessageBytes caps one JSON-RPC line on stdin; a longer one is cut
	// there and answered as a parse error, so that it cannot exhaust memory.
	MaxMessageBytes = 4 << 20
)

// ServeStdio serves MCP on in and out until in closes or ctx ends. Only
// JSON-RPC is written to out; the transport's own errors go to logger.
// When in closes, the calls in flight are cancelled and waited for.
func (h *Host) ServeStdio(ctx context.Context, in io.Reader, out io.Writer) error {
	s := mcpserver.NewStdioServer(h.MCP())
	s.SetErrorLogger(log.New(slogWriter{h.logger}, "", 0))
	mcpserver.WithWorkerPoolSize(stdioWorkers)(s)
	mcpserver.WithQueueSize(stdioQueue)(s)
	in = &drainOnEOF{r: newLineCap(in, MaxMessageBytes, h.logger), h: h, grace: StdinGrace}
	return s.Listen(ctx, in, out)
}

// StdinGrace is how long calls in progress may go on once stdin has ended:
// `echo request | dockmcp serve` must get its answer, not a cancellation.
const StdinGrace = 5 * time.Second

// drainOnEOF holds back the end of stdin until the tool calls in progress
// have answered, or grace has passed: the transport cancels every call as
// soon as it reads the end.
type drainOnEOF struct {
	r     io.Reader
	h     *Host
	grace time.Duration
	done  bool
}

func (d *drainOnEOF) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if err == io.EOF && !d.done {
		d.done = true
		d.h.awaitCalls(d.grace)
	}
	return n, err
}

// awaitCalls waits until no tool call is in progress, or grace has passed.
// A request read just before the end may not have reached a worker yet, so
// it first lets the transport dispatch; and calls that wait for the guests
// to compile (a one-time cost) get grace after the compile, not during it.
func (h *Host) awaitCalls(grace time.Duration) {
	time.Sleep(50 * time.Millisecond)
	if h.inflight.Load() == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), compileWait)
	_ = h.Ready(ctx)
	cancel()
	deadline := time.Now().Add(grace)
	for h.inflight.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
}

// compileWait bounds how long the end of stdin waits for the guests: a cold
// compile takes seconds, but many under the race detector on a loaded machine.
const compileWait = 3 * time.Minute

// slogWriter sends the transport's log lines to slog at warn level.
type slogWriter struct{ l *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.l.Warn("mcp transport", "msg", string(p))
	return len(p), nil
}

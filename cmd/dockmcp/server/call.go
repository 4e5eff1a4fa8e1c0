package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/chain"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

// Log attribute keys.
const (
	attrTool     = "tool"
	attrOutcome  = "outcome"
	attrDuration = "duration"
	attrErr      = "err"
	attrWarning  = "warning"
)

// Call runs one tool call: look up, validate, run the guest, filter, shape.
// Every failure is an error result with a readable message; nothing from
// the guest reaches the client without passing the filter chain.
func (h *Host) Call(ctx context.Context, name string, args json.RawMessage) *mcp.CallToolResult {
	start := time.Now()
	res, outcome := h.call(ctx, name, args)
	h.record(ctx, name, args, start, res, outcome)
	return res
}

// record logs and audits a call that began at start.
func (h *Host) record(ctx context.Context, name string, args json.RawMessage, start time.Time,
	res *mcp.CallToolResult, outcome string) {
	took := time.Since(start)
	h.logger.Info("tool call", attrSession, sessionID(ctx), attrTool, name, attrOutcome, outcome,
		attrDuration, took)
	h.audit(ctx, auditRecord{Time: auditTime(start), Session: sessionID(ctx), Tool: name,
		Outcome: outcome, DurationMS: took.Milliseconds(),
		Decision: h.decision(name, outcome, res) + confirmNote(ctx)}, args)
}

func (h *Host) call(ctx context.Context, name string, args json.RawMessage) (
	*mcp.CallToolResult, string) {
	d, ok := h.catalog.Lookup(name)
	if !ok {
		return h.safeError(ctx, name, unknownTool(name, h.catalog), "unknown tool")
	}
	args, err := d.Validate(args)
	if err != nil { // it may quote what was sent
		return h.safeError(ctx, name, err.Error(), "invalid arguments")
	}

	input, _ := json.Marshal(map[string]any{"tool": name, "arguments": args})
	ctx, cancel := context.WithTimeout(ctx, d.Deadline())
	defer cancel()
	out, err := h.tools.Call(ctx, abi.ExportToolCall, input)
	if err != nil {
		return h.failure(ctx, name, args, err)
	}

	res, err := h.shape(ctx, out)
	if err != nil {
		return h.failure(ctx, name, args, err)
	}
	return res, "ok"
}

// shape filters the guest's answer and turns it into an MCP result.
func (h *Host) shape(ctx context.Context, out []byte) (*mcp.CallToolResult, error) {
	answer, err := chain.Decode(out)
	if err != nil {
		return nil, fmt.Errorf("tool answer: %w", err)
	}
	filtered, err := h.chain.JSON(ctx, answer)
	if err != nil {
		return nil, err
	}
	obj, _ := filtered.(map[string]any)
	text, hasText := obj["text"].(string)
	structured := obj["structured"]
	if !hasText && structured != nil {
		b, err := json.MarshalIndent(structured, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("tool answer: %w", err)
		}
		text = string(b)
	}
	res := &mcp.CallToolResult{Content: []mcp.Content{mcp.NewTextContent(text)}}
	if structured != nil {
		res.StructuredContent = structured
	}
	return res, nil
}

// failure makes the error result of a failed call. The message is
// scrubbed (see scrubError) and passes the filter chain too: daemon errors
// may echo what they were sent.
func (h *Host) failure(ctx context.Context, tool string, args json.RawMessage, err error) (
	*mcp.CallToolResult, string) {
	var ce *chain.Error
	if errors.As(err, &ce) {
		h.logger.Error("answer withheld", attrTool, tool, attrErr, err)
		return errorResult("The answer was withheld because a redaction filter failed (" +
			ce.Filter + "). Nothing unfiltered was returned; see the server log."), "withheld"
	}
	msg, outcome := describe(tool, err)
	msg = h.scrubError(msg, args)
	var fault *runtime.Fault
	if errors.As(err, &fault) {
		h.logger.Warn("guest fault", attrTool, tool, attrErr, err, "stderr", fault.Stderr)
	}
	return h.safeError(ctx, tool, msg, outcome)
}

// safeError makes the error result of msg, passed through the filter chain.
func (h *Host) safeError(ctx context.Context, tool, msg, outcome string) (
	*mcp.CallToolResult, string) {
	// A cancelled or timed-out call still gets its error filtered: with the
	// call's own context the chain would fail and report a filter fault.
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), errorFilterTime)
		defer cancel()
	}
	safe, ferr := h.chain.Strings(ctx, []string{msg})
	if ferr != nil {
		h.logger.Error("error withheld", attrTool, tool, attrErr, ferr)
		return errorResult("The call failed and its error was withheld because a " +
			"redaction filter failed; see the server log."), "withheld"
	}
	return errorResult(safe[0]), outcome
}

// errorFilterTime bounds the filtering of a cancelled call's error message.
const errorFilterTime = 10 * time.Second

// describe turns an error into a message an assistant can act on.
func describe(tool string, err error) (string, string) {
	var ae *abi.Error
	var fault *runtime.Fault
	switch {
	case errors.As(err, &ae):
		return ae.Message + hintFor(ae.Message, ae.Code), ae.Code.String()
	case errors.As(err, &fault):
		return fmt.Sprintf("The %s tool was stopped: %s.", tool, fault.Detail),
			fault.Kind.Code().String()
	}
	return fmt.Sprintf("The %s tool failed: %v", tool, err), "error"
}

// hintFor suggests how to recover from an error. A not-found hint names the
// list tool of the kind of object the daemon said is missing, if it said.
func hintFor(msg string, c abi.Code) string {
	switch c {
	case abi.CodeUnavailable:
		return " (is the daemon running? DOCKER_HOST selects another endpoint)"
	case abi.CodeNotFound:
		lower := strings.ToLower(msg)
		for _, kind := range []string{"container", "image", "network", "volume"} {
			// The daemon says "No such container: x", or "network x not found".
			if strings.Contains(lower, "no such "+kind) ||
				kind == "network" && strings.Contains(lower, "network ") &&
					strings.HasSuffix(lower, " not found") {
				return " (list_" + kind + "s shows the " + kind + "s that exist)"
			}
		}
	}
	return ""
}

func unknownTool(name string, c *tools.Catalog) string {
	var names []string
	for _, d := range c.All() {
		names = append(names, d.Name)
	}
	return fmt.Sprintf("Unknown tool %q. Tools: %s.", name, strings.Join(names, ", "))
}

func errorResult(msg string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{mcp.NewTextContent(msg)}, IsError: true}
}

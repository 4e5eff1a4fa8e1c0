package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mark3labs/mcp-go/mcp"
)

// maxAuditValue caps each string of an audit record, after filtering, so
// that a large argument does not swell the log.
const maxAuditValue = 256

// auditTimeout bounds the filtering of one record.
const auditTimeout = 30 * time.Second

// auditLog appends one JSON line per tool call to a file. Every string of a
// record passes the filter chain as a JSON value, and the line again as
// text (which also covers object keys); a record the chain cannot filter is
// written without its arguments.
type auditLog struct {
	mu   sync.Mutex
	file *os.File
}

// auditRecord is one line of the audit log.
type auditRecord struct {
	Time       string `json:"time"`
	Session    string `json:"session,omitempty"`
	Tool       string `json:"tool"`
	Arguments  any    `json:"arguments"` // keys with filtered, capped values
	Outcome    string `json:"outcome"`
	DurationMS int64  `json:"durationMs"`
	// Decision is the policy's: allowed, or which key refused the call.
	Decision string `json:"decision"`
}

func openAudit(path string) (*auditLog, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return &auditLog{file: f}, nil
}

func (a *auditLog) close() error {
	if a == nil {
		return nil
	}
	return a.file.Close()
}

// audit writes the record of one call; a failure to write is logged, not
// returned: the call has happened.
func (h *Host) audit(ctx context.Context, rec auditRecord, args json.RawMessage) {
	if h.auditLog == nil {
		return
	}
	// The record is written even when the client has gone.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auditTimeout)
	defer cancel()
	if _, ok := h.all.Lookup(rec.Tool); !ok {
		// Any string a client sent as a tool name; filters match secrets
		// at word boundaries, and a name glued to one would pass them.
		rec.Tool = "(not a tool)"
	}
	rec.Arguments = h.auditArgs(ctx, args)
	line, err := h.auditLine(ctx, rec)
	if err != nil {
		h.logger.Error("audit record withheld", attrTool, rec.Tool, attrErr, err)
		rec.Tool, rec.Arguments = "(withheld)", "(withheld: a redaction filter failed)"
		line, _ = json.Marshal(rec)
	}
	h.auditLog.mu.Lock()
	defer h.auditLog.mu.Unlock()
	if _, err := h.auditLog.file.Write(append(line, '\n')); err != nil {
		h.logger.Error("audit log", attrErr, err)
	}
}

// auditArgs filters every string of the arguments and caps it.
func (h *Host) auditArgs(ctx context.Context, args json.RawMessage) any {
	var v any
	if len(args) == 0 {
		return map[string]any{}
	}
	if err := json.Unmarshal(args, &v); err != nil {
		return "(not JSON)"
	}
	filtered, err := h.chain.JSON(ctx, v)
	if err != nil {
		return "(withheld: a redaction filter failed)"
	}
	return capStrings(filtered)
}

// auditLine marshals rec and passes the line through the chain as text.
func (h *Host) auditLine(ctx context.Context, rec auditRecord) ([]byte, error) {
	tool, err := h.chain.Strings(ctx, []string{rec.Tool})
	if err != nil {
		return nil, err
	}
	rec.Tool = tool[0]
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	out, err := h.chain.Strings(ctx, []string{string(b)})
	if err != nil {
		return nil, err
	}
	if !json.Valid([]byte(out[0])) {
		return nil, errors.New("the filtered record is not JSON")
	}
	return []byte(out[0]), nil
}

func capStrings(v any) any { return capStringsAt(v, maxAuditValue) }

// capStringsAt cuts every string of v at max bytes.
func capStringsAt(v any, max int) any {
	switch v := v.(type) {
	case string:
		if len(v) <= max {
			return v
		}
		cut := max
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		return v[:cut] + "…"
	case []any:
		for i := range v {
			v[i] = capStringsAt(v[i], max)
		}
	case map[string]any:
		for k := range v {
			v[k] = capStringsAt(v[k], max)
		}
	}
	return v
}

// decision names the policy's decision on a call of tool with outcome: for
// a refusal, the configuration key its message names (every refusal of the
// host functions names one). Arguments the schema refuses never reach
// the checks of the host functions, so no decision is claimed for them.
func (h *Host) decision(tool, outcome string, res *mcp.CallToolResult) string {
	if _, served := h.catalog.Lookup(tool); !served {
		if d, ok := h.all.Lookup(tool); ok {
			_, key := h.toolPolicy.Keep(d)
			return "denied: " + key
		}
		return "unknown tool"
	}
	if outcome == "invalid arguments" { // refused before any policy check ran
		return "not checked: invalid arguments"
	}
	if outcome == "denied" {
		if key := policyKey.FindString(resultText(res)); key != "" {
			return "denied: " + key
		}
		return "denied: policy"
	}
	return "allowed"
}

// policyKey is a configuration key as refusals name it.
var policyKey = regexp.MustCompile(`\bpolicy\.[A-Za-z]+(?:\.[A-Za-z]+)*`)

func resultText(res *mcp.CallToolResult) string {
	if res == nil || len(res.Content) == 0 {
		return ""
	}
	t, _ := res.Content[0].(mcp.TextContent)
	return t.Text
}

func auditTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

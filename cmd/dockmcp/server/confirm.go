package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
)

// Confirm says how calls of tools annotated destructiveHint are confirmed.
// The zero value asks the user through MCP elicitation and refuses the call
// when the client cannot ask: nobody confirmed it.
type Confirm struct {
	// Destructive is ConfirmAsk ("" means ask) or ConfirmNever.
	Destructive string
	// Fallback is what a client without elicitation gets: FallbackDeny
	// ("" means deny) or FallbackAllow.
	Fallback string
	// Timeout bounds the wait for the user's answer; zero means
	// DefaultConfirmTimeout. A call with no answer in time is refused.
	Timeout time.Duration
}

// Values and keys of Confirm.
const (
	ConfirmAsk    = "ask"
	ConfirmNever  = "never"
	FallbackDeny  = "deny"
	FallbackAllow = "allow"

	KeyConfirmDestructive = "policy.confirm.destructive"
	KeyConfirmFallback    = "policy.confirm.fallback"
	KeyConfirmTimeout     = "policy.confirm.timeoutSeconds"

	DefaultConfirmTimeout = 2 * time.Minute
)

func (c Confirm) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultConfirmTimeout
	}
	return c.Timeout
}

// confirmNoteKey carries how a destructive call was confirmed, for the
// audit record's decision.
type confirmNoteKey struct{}

// confirmNote is the note confirm left on ctx, "" when there is none.
func confirmNote(ctx context.Context) string {
	s, _ := ctx.Value(confirmNoteKey{}).(string)
	return s
}

// confirm asks the user before a destructive tool runs. It returns the
// context the call goes on with, or the error result of a refused call,
// already audited. Calls with arguments the tool would refuse are not
// asked about: they fail in Call without acting.
//
// `dockmcp call` does not come here: the operator typing it is the
// confirmation.
//
// A call on a container is pinned to it: the container is resolved and
// checked before the user is asked (a call the selectors refuse, or on a
// container that is not there, gets the call's error, unasked), the form
// names it with its ID, and the call runs with that ID for containerId, so
// a rename while the form is open cannot swap another container in.
func (h *Host) confirm(ctx context.Context, name string, args json.RawMessage) (
	context.Context, json.RawMessage, *mcp.CallToolResult) {
	d, ok := h.catalog.Lookup(name)
	if !ok || !*d.Annotations.DestructiveHint || h.confirmCfg.Destructive == ConfirmNever {
		return ctx, args, nil
	}
	valid, err := d.Validate(args)
	if err != nil {
		return ctx, args, nil
	}
	start := time.Now()
	id, cname, err := h.confirmTarget(ctx, name, valid)
	if err != nil {
		res, outcome := h.failure(ctx, name, args, err)
		h.record(ctx, name, args, start, res, outcome)
		return ctx, args, res
	}
	target := ""
	if id != "" {
		args = pinContainer(valid, id)
		target = fmt.Sprintf("container %q (ID %.12s)", cname, id)
	}
	answer, why := h.ask(ctx, name, args, target)
	switch answer {
	case answerYes:
		return context.WithValue(ctx, confirmNoteKey{}, " (confirmed by the user)"), args, nil
	case answerFallbackAllow:
		return context.WithValue(ctx, confirmNoteKey{},
			" ("+KeyConfirmFallback+": allow; the client cannot ask)"), args, nil
	}
	msg, key := h.refusal(name, answer, why)
	took := time.Since(start)
	h.logger.Info("tool call", attrSession, sessionID(ctx), attrTool, name,
		attrOutcome, "refused", attrDuration, took)
	h.audit(ctx, auditRecord{Time: auditTime(start), Session: sessionID(ctx), Tool: name,
		Outcome: "refused", DurationMS: took.Milliseconds(), Decision: "denied: " + key}, args)
	return ctx, args, errorResult(msg)
}

// confirmTarget resolves the container a destructive call names, before
// the user is asked: its full ID and name ("" when the call names none), or
// the error the call would give, which refuses it unasked. The host
// functions check the container again when they act.
func (h *Host) confirmTarget(ctx context.Context, name string, args json.RawMessage) (
	string, string, error) {
	if name == "prune_containers" {
		return "", "", h.ops.PruneRefused()
	}
	var target struct {
		ContainerID string `json:"containerId"`
	}
	if json.Unmarshal(args, &target) != nil || target.ContainerID == "" {
		return "", "", nil
	}
	return h.ops.ConfirmTarget(ctx, target.ContainerID, name == "exec_container")
}

// pinContainer returns args with containerId set to id.
func pinContainer(args json.RawMessage, id string) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(args, &m) != nil {
		return args
	}
	m["containerId"], _ = json.Marshal(id)
	b, err := json.Marshal(m)
	if err != nil {
		return args
	}
	return b
}

type answer int

const (
	answerYes answer = iota
	answerNo
	answerTimeout
	answerFailed // the client could not ask, or the arguments could not be shown
	answerFallbackAllow
	answerFallbackDeny
)

// refusal is the message of a refused call and the key that controls it.
func (h *Host) refusal(name string, a answer, why string) (string, string) {
	const allow = `; an operator who wants destructive tools to run unasked sets %s: %s.`
	switch a {
	case answerNo:
		return fmt.Sprintf("The %s call was refused: the user did not confirm it (%s). "+
				"Nothing was changed. Confirmation of destructive tools is set by %s"+allow,
				name, why, KeyConfirmDestructive, KeyConfirmDestructive, ConfirmNever),
			KeyConfirmDestructive
	case answerTimeout:
		return fmt.Sprintf("The %s call was refused: the user gave no answer to the "+
			"confirmation within %s (%s). Nothing was changed.",
			name, h.confirmCfg.timeout(), KeyConfirmTimeout), KeyConfirmTimeout
	case answerFailed:
		return fmt.Sprintf("The %s call was refused: %s. Nothing was changed. "+
				"Confirmation of destructive tools is set by %s"+allow,
				name, why, KeyConfirmDestructive, KeyConfirmDestructive, ConfirmNever),
			KeyConfirmDestructive
	}
	return fmt.Sprintf("The %s call was refused: it is destructive, and this client "+
		"cannot ask the user to confirm it (no MCP elicitation). Nothing was changed. "+
		"%s: allow lets such clients run destructive tools unasked.",
		name, KeyConfirmFallback), KeyConfirmFallback
}

// ask puts the call to the user through the client and says what came
// back, with a few words on why when it is not a yes.
func (h *Host) ask(ctx context.Context, name string, args json.RawMessage, target string) (
	answer, string) {
	srv := mcpserver.ServerFromContext(ctx)
	if srv == nil || !canElicit(ctx) {
		return h.fallback(), ""
	}
	shown, hidden, err := h.showArgs(ctx, args)
	if err != nil {
		h.logger.Error("confirmation withheld", attrTool, name, attrErr, err)
		return answerFailed, "its arguments could not be shown safely to the user " +
			"(a redaction filter failed)"
	}
	actx, cancel := context.WithTimeout(ctx, h.confirmCfg.timeout())
	defer cancel()
	res, err := srv.RequestElicitation(actx, confirmRequest(name, shown, target, hidden))
	switch {
	case errors.Is(err, mcpserver.ErrElicitationNotSupported),
		errors.Is(err, mcpserver.ErrNoActiveSession),
		errors.Is(err, mcpserver.ErrServerInitiatedRequestUnsupported):
		// TODO: clients of MCP 2026-07-28 are asked through multi
		// round-trip results; until then they get the fallback.
		return h.fallback(), ""
	case err != nil && ctx.Err() == nil && actx.Err() != nil:
		return answerTimeout, ""
	case err != nil:
		h.logger.Warn("confirmation failed", attrTool, name, attrErr, err)
		return answerFailed, "the client failed to ask the user"
	}
	return accepted(res)
}

func (h *Host) fallback() answer {
	if h.confirmCfg.Fallback == FallbackAllow {
		return answerFallbackAllow
	}
	return answerFallbackDeny
}

// canElicit reports whether the client of ctx declared elicitation.
func canElicit(ctx context.Context) bool {
	s, ok := mcpserver.ClientSessionFromContext(ctx).(mcpserver.SessionWithClientInfo)
	return ok && s.GetClientCapabilities().Elicitation != nil
}

// accepted reads the user's answer: only an accepted form whose confirm
// field is true is a yes.
func accepted(res *mcp.ElicitationResult) (answer, string) {
	if res == nil {
		return answerNo, "no answer"
	}
	switch res.Action {
	case mcp.ElicitationResponseActionAccept:
		// Exactly "confirm": true; encoding/json would take "Confirm" too.
		var form map[string]json.RawMessage
		b, _ := json.Marshal(res.Content)
		if json.Unmarshal(b, &form) == nil && string(form["confirm"]) == "true" {
			return answerYes, ""
		}
		return answerNo, "confirm was not ticked"
	case mcp.ElicitationResponseActionDecline:
		return answerNo, "declined"
	}
	return answerNo, "cancelled"
}

// showArgs is the call's arguments as the user sees them: every string
// through the filter chain, and cut at maxShownValue bytes. hidden says
// whether that changed any: what runs is then more than the user sees.
func (h *Host) showArgs(ctx context.Context, args json.RawMessage) (string, bool, error) {
	var v any
	if len(args) > 0 {
		if err := json.Unmarshal(args, &v); err != nil {
			return "", false, err
		}
	}
	plain, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", false, err
	}
	filtered, err := h.chain.JSON(ctx, v)
	if err != nil {
		return "", false, err
	}
	b, err := json.MarshalIndent(capStringsAt(filtered, maxShownValue), "", "  ")
	if err != nil {
		return "", false, err
	}
	return string(b), string(b) != string(plain), nil
}

// maxShownValue caps each string of a confirmation form.
const maxShownValue = 2048

func confirmRequest(name, shown, target string, hidden bool) mcp.ElicitationRequest {
	on := ""
	if target != "" {
		on = " on " + target
	}
	warn := ""
	if hidden {
		warn = "\nNot all of it is shown: secrets are redacted and long values cut, so " +
			"what runs may do more than you see here. Decline unless you trust it."
	}
	return mcp.ElicitationRequest{
		Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)},
		Params: mcp.ElicitationParams{
			Mode: mcp.ElicitationModeForm,
			Message: fmt.Sprintf("The assistant wants to run %s%s, a destructive Docker tool "+
				"(it may remove, overwrite or stop something), with these arguments:\n%s%s"+
				"\nRun it?", name, on, shown, warn),
			RequestedSchema: map[string]any{
				"type": "object",
				"properties": map[string]any{
					"confirm": map[string]any{
						"type":        "boolean",
						"title":       "Run " + name,
						"description": "Tick to let dockmcp run this call.",
						"default":     false,
					},
				},
				"required": []string{"confirm"},
			},
		},
	}
}

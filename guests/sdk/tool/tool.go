// Package tool is what a tool guest is written with: register a handler per
// tool name; the SDK pulls each call's input, runs the handler and hands its
// result or error to the host. Handlers reach Docker through package
// guests/sdk/docker.
package tool

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// A Handler answers one tool call. A returned error becomes an error result
// whose text is the error's message; use Errorf to choose its code.
type Handler func(c *Call) (*Result, error)

// Call is one tool call.
type Call struct {
	Tool      string          `json:"tool"`
	Arguments json.RawMessage `json:"arguments"`
}

// Args decodes the call's arguments into v. The host has validated them
// against the tool's input schema already.
func (c *Call) Args(v any) error {
	if len(c.Arguments) == 0 || string(c.Arguments) == "null" {
		return nil
	}
	if err := json.Unmarshal(c.Arguments, v); err != nil {
		return Errorf(abi.CodeInvalid, "arguments: %v", err)
	}
	return nil
}

// Result is a tool's answer: text for the assistant and the structured
// content that matches the tool's output schema. When Text is empty the
// host renders the structured content (after filtering) as indented JSON,
// which spares the guest encoding the answer twice.
type Result struct {
	Text       string `json:"text,omitempty"`
	Structured any    `json:"structured,omitempty"`
}

// JSON returns a result whose structured content is v; its text is v as
// indented JSON, rendered by the host.
func JSON(v any) (*Result, error) {
	return &Result{Structured: v}, nil
}

// Errorf makes a tool error with an ABI code.
func Errorf(code abi.Code, format string, args ...any) error {
	return abi.Errorf(code, format, args...)
}

var handlers = map[string]Handler{}

// Register binds name to h. Call it from an init function or main.
func Register(name string, h Handler) { handlers[name] = h }

// handle runs one call: input is the host's JSON, the answer is the output
// JSON or an error with its code.
func handle(input []byte) ([]byte, *abi.Error) {
	var c Call
	if err := json.Unmarshal(input, &c); err != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "tool input: %v", err)
	}
	h := handlers[c.Tool]
	if h == nil {
		return nil, abi.Errorf(abi.CodeNotFound, "this guest has no tool %q", c.Tool)
	}
	res, err := run(h, &c)
	if err != nil {
		return nil, asABI(err)
	}
	out, mErr := json.Marshal(res)
	if mErr != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "result: %v", mErr)
	}
	return out, nil
}

// run calls h and turns a panic into an error, so that one bad call does
// not take the instance down with it.
func run(h Handler, c *Call) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = abi.Errorf(abi.CodeInvalid, "tool %s panicked: %v", c.Tool, r)
		}
	}()
	res, err = h(c)
	if err == nil && res == nil {
		err = abi.Errorf(abi.CodeInvalid, "tool %s returned no result", c.Tool)
	}
	return res, err
}

func asABI(err error) *abi.Error {
	var e *abi.Error
	if errors.As(err, &e) {
		return e
	}
	return &abi.Error{Code: abi.CodeDaemon, Message: abi.Truncate(err.Error(), abi.MaxMessage)}
}

// Logf sends a line to the host's log at info level.
func Logf(format string, args ...any) { logf(0, fmt.Sprintf(format, args...)) }

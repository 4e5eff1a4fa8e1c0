package runtime

import (
	"context"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Call is the state of one guest call, reachable from host functions
// through CallFrom. It is used by one goroutine at a time: a guest instance
// runs one call at a time and host functions run on the caller's goroutine.
type Call struct {
	input     []byte
	output    []byte
	outputCap int
	overflow  bool
	err       *abi.Error
	result    []byte
	hostCalls int
	budget    int
}

type callKey struct{}

func withCall(ctx context.Context, c *Call) context.Context {
	return context.WithValue(ctx, callKey{}, c)
}

// CallFrom returns the call in progress. A host function called without
// one is a host bug.
func CallFrom(ctx context.Context) *Call {
	c, ok := ctx.Value(callKey{}).(*Call)
	if !ok {
		panic("BUG: host function called outside a guest call")
	}
	return c
}

// Input is the call's input, owned by the host.
func (c *Call) Input() []byte { return c.input }

// AppendOutput adds p to the output, or returns abi.CodeTooLarge and marks
// the call as overflowed once the output cap would be passed.
func (c *Call) AppendOutput(p []byte) abi.Code {
	if c.overflow || len(c.output)+len(p) > c.outputCap {
		c.overflow = true
		return abi.CodeTooLarge
	}
	c.output = append(c.output, p...)
	return abi.CodeOK
}

// SetError records the guest's error; the message is cut to abi.MaxMessage.
func (c *Call) SetError(code abi.Code, msg string) {
	c.err = &abi.Error{Code: code, Message: abi.Truncate(msg, abi.MaxMessage)}
}

// KeepResult stores what result_read will hand to the guest next.
func (c *Call) KeepResult(b []byte) { c.result = b }

// Result is what result_read hands out.
func (c *Call) Result() []byte { return c.result }

// Spend counts one host-function call and reports false once the budget is
// spent. A class with no budget allows none.
func (c *Call) Spend() bool {
	c.hostCalls++
	return c.hostCalls <= c.budget
}

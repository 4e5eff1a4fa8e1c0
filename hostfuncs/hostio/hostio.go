// Package hostio is the host module dockmcp_io_v1, granted to every guest.
// See package runtime/abi for the contract as a whole.
package hostio

import (
	"context"
	"log/slog"

	"github.com/tetratelabs/wazero/api"

	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Module returns dockmcp_io_v1. Guest log lines go to logger with the
// attribute "guest" set to true, capped at abi.MaxMessage, and only after
// the LogFilter given with WithLogFilter let them through: a guest's log
// text comes from what it read, secrets included. Without a LogFilter no
// guest text is logged, only that a line was withheld.
func Module(logger *slog.Logger, opts ...Option) runtime.HostModule {
	h := &host{logger: logger}
	for _, o := range opts {
		o(h)
	}
	return runtime.HostModule{
		Name: abi.ModuleIO,
		Funcs: []runtime.HostFunc{
			runtime.FuncPtrLenToI32(abi.FuncInputRead, inputRead),
			runtime.FuncPtrLenToI32(abi.FuncOutputWrite, outputWrite),
			runtime.FuncI32PtrLen(abi.FuncErrorSet, errorSet),
			runtime.FuncI32PtrLen(abi.FuncLog, h.log),
		},
	}
}

// A LogFilter redacts one guest log line. It runs on the guest call's
// goroutine with the call's context; ok false withholds the line.
type LogFilter func(ctx context.Context, msg string) (redacted string, ok bool)

// An Option configures Module.
type Option func(*host)

// WithLogFilter passes every guest log line through f before it is logged.
func WithLogFilter(f LogFilter) Option { return func(h *host) { h.filter = f } }

type host struct {
	logger *slog.Logger
	filter LogFilter
}

// Log attribute keys.
const (
	attrGuest = "guest"
	attrBytes = "bytes"
)

// inputRead is input_read(ptr, len i32) -> i32.
//
// It copies min(len, input size) bytes of the call's input to guest memory
// at ptr and returns the count. It returns -CodeFault when [ptr, ptr+count)
// is outside the guest's memory. The guest owns the memory; the host keeps
// no pointer after returning.
func inputRead(ctx context.Context, m api.Module, ptr, n uint32) int32 {
	in := runtime.CallFrom(ctx).Input()
	copied, ok := runtime.WriteGuest(m, ptr, n, in)
	if !ok {
		return -int32(abi.CodeFault)
	}
	return int32(copied)
}

// outputWrite is output_write(ptr, len i32) -> i32.
//
// It appends len bytes at ptr to the call's output and returns 0. It
// returns -CodeFault when the range is outside memory, and -CodeTooLarge
// when the output would pass the class's cap; the call then fails whatever
// the guest returns.
func outputWrite(ctx context.Context, m api.Module, ptr, n uint32) int32 {
	p, ok := m.Memory().Read(ptr, n)
	if !ok {
		return -int32(abi.CodeFault)
	}
	return -int32(runtime.CallFrom(ctx).AppendOutput(p))
}

// errorSet is error_set(code, ptr, len i32).
//
// It records the call's error with a message of at most abi.MaxMessage
// bytes (longer ones are cut). A range outside memory records CodeFault
// with no message.
func errorSet(ctx context.Context, m api.Module, code int32, ptr, n uint32) {
	msg, ok := m.Memory().Read(ptr, min(n, abi.MaxMessage))
	if !ok {
		runtime.CallFrom(ctx).SetError(abi.CodeFault, "error_set: message outside memory")
		return
	}
	runtime.CallFrom(ctx).SetError(abi.Code(code), string(msg))
}

// log is log(level, ptr, len i32).
//
// It logs at most abi.MaxMessage bytes at ptr at the slog level given,
// after the LogFilter; a line the filter withholds, or any line when there
// is no filter, is logged at debug as withheld, with its length only. A
// range outside memory is ignored.
func (h *host) log(ctx context.Context, m api.Module, level int32, ptr, n uint32) {
	if h.logger == nil {
		return
	}
	msg, ok := m.Memory().Read(ptr, min(n, abi.MaxMessage))
	if !ok {
		return
	}
	text, ok := "", false
	if h.filter != nil {
		text, ok = h.filter(ctx, string(msg))
	}
	if !ok {
		h.logger.Debug("guest log line withheld", attrGuest, true, attrBytes, len(msg))
		return
	}
	h.logger.Log(ctx, slog.Level(level), text, attrGuest, true)
}

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
// attribute "guest" set to true; they are capped at abi.MaxMessage.
func Module(logger *slog.Logger) runtime.HostModule {
	h := &host{logger: logger}
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

type host struct{ logger *slog.Logger }

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
// It logs at most abi.MaxMessage bytes at ptr at the slog level given. A
// range outside memory is ignored.
func (h *host) log(ctx context.Context, m api.Module, level int32, ptr, n uint32) {
	msg, ok := m.Memory().Read(ptr, min(n, abi.MaxMessage))
	if !ok {
		return
	}
	h.logger.Log(ctx, slog.Level(level), string(msg), "guest", true)
}

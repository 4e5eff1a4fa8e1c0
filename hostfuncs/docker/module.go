package docker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/tetratelabs/wazero/api"

	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Module returns dockmcp_docker_v1 backed by ops. Its functions, in order:
// result_read, then the operations sorted by name (see Operations). Each
// area of Docker lists its operations in a file of its own and registers
// them with addArea.
//
// Every operation has the contract
//
//	OPERATION(req_ptr, req_len i32) -> i32
//
// The request at [req_ptr, req_ptr+req_len) is JSON of the operation's
// request type in package hostfuncs/dockerapi, decoded strictly. On success
// the result is kept for result_read and its size returned. On failure an
// error message (at most abi.MaxMessage bytes) is kept instead and -Code
// returned:
//
//	CodeFault     the request range is outside guest memory
//	CodeInvalid   the request does not decode, or a field is out of range
//	CodeTooLarge  the call spent its host-call budget
//	CodeNotFound, CodeConflict, CodeDenied, CodeTimeout, CodeUnavailable,
//	CodeDaemon    as the daemon answered (see errorCode)
func Module(ops *Ops) runtime.HostModule {
	funcs := []runtime.HostFunc{runtime.FuncPtrLenToI32(abi.FuncResultRead, resultRead)}
	for _, op := range operations(ops) {
		funcs = append(funcs, runtime.FuncPtrLenToI32(op.name, op.fn))
	}
	return runtime.HostModule{Name: abi.ModuleDocker, Funcs: funcs}
}

// Operations lists the operation names the module provides, in order.
func Operations() []string {
	var names []string
	for _, op := range operations(nil) {
		names = append(names, op.name)
	}
	return names
}

type operation struct {
	name string
	fn   func(ctx context.Context, m api.Module, ptr, n uint32) int32
}

// areas lists each area's operations; an area adds itself in init.
var areas []func(o *Ops) []operation

func addArea(ops func(o *Ops) []operation) { areas = append(areas, ops) }

func operations(o *Ops) []operation {
	var all []operation
	for _, area := range areas {
		all = append(all, area(o)...)
	}
	slices.SortFunc(all, func(a, b operation) int { return strings.Compare(a.name, b.name) })
	return all
}

// typed adapts an operation on Go types to the ABI: it reads and strictly
// decodes the request, spends the budget, runs fn and keeps its answer.
func typed[Req, Res any](fn func(context.Context, Req) (Res, error)) func(
	context.Context, api.Module, uint32, uint32) int32 {
	return func(ctx context.Context, m api.Module, ptr, n uint32) int32 {
		call := runtime.CallFrom(ctx)
		res, err := invoke(ctx, m, call, ptr, n, fn)
		if err != nil {
			call.KeepResult([]byte(err.Message))
			return -int32(err.Code)
		}
		call.KeepResult(res)
		return int32(len(res))
	}
}

func invoke[Req, Res any](ctx context.Context, m api.Module, call *runtime.Call,
	ptr, n uint32, fn func(context.Context, Req) (Res, error)) ([]byte, *abi.Error) {
	if !call.Spend() {
		return nil, abi.Errorf(abi.CodeTooLarge, "host-call budget of this call is spent")
	}
	raw, ok := m.Memory().Read(ptr, n)
	if !ok {
		return nil, abi.Errorf(abi.CodeFault, "request outside guest memory")
	}
	var req Req
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, abi.Errorf(abi.CodeInvalid, "request: %v", err)
	}
	res, err := fn(ctx, req)
	if err != nil {
		return nil, asABI(err)
	}
	out, mErr := json.Marshal(res)
	if mErr != nil {
		panic("BUG: result does not encode: " + mErr.Error())
	}
	return out, nil
}

func asABI(err error) *abi.Error {
	var e *abi.Error
	if errors.As(err, &e) {
		return e
	}
	return errorCode(err)
}

// resultRead is result_read(ptr, len i32) -> i32.
//
// It copies up to len bytes of the result or message kept by the last
// operation to ptr and returns the count, or -CodeFault when the range is
// outside guest memory.
func resultRead(ctx context.Context, m api.Module, ptr, n uint32) int32 {
	copied, ok := runtime.WriteGuest(m, ptr, n, runtime.CallFrom(ctx).Result())
	if !ok {
		return -int32(abi.CodeFault)
	}
	return int32(copied)
}

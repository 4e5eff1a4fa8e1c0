//go:build wasip1

// Package dockershim holds the raw dockmcp_docker_v1 imports. It is apart
// from package shim so that filters, which never import it, carry none of
// them. Each area of Docker declares its imports in a file of its own
// (ops_*.go) and registers them in init.
package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

// rawOp is the shape of every operation import.
type rawOp func(ptr unsafe.Pointer, n int32) int32

var ops = map[string]rawOp{}

func register(name string, fn rawOp) { ops[name] = fn }

//go:wasmimport dockmcp_docker_v1 result_read
func resultRead(ptr unsafe.Pointer, n int32) int32

// Docker runs one operation with a JSON request and returns its JSON
// result, or an *abi.Error with the host's code and message.
func Docker(op string, req []byte) ([]byte, error) {
	fn := ops[op]
	if fn == nil {
		return nil, abi.Errorf(abi.CodeInvalid, "unknown operation %q", op)
	}
	var p unsafe.Pointer
	if len(req) > 0 {
		p = unsafe.Pointer(&req[0])
	}
	n := fn(p, int32(len(req)))
	if n < 0 {
		msg := fetch(abi.MaxMessage)
		return nil, &abi.Error{Code: abi.Code(-n), Message: string(msg)}
	}
	return fetch(n), nil
}

func fetch(n int32) []byte {
	buf := make([]byte, n)
	if n == 0 {
		return buf
	}
	got := resultRead(unsafe.Pointer(&buf[0]), n)
	if got < 0 {
		return nil
	}
	return buf[:got]
}

//go:build wasip1

// Package shim holds the raw imports and exports of the dockmcp ABI. Only
// the SDK's public packages use it; guest authors never see a pointer.
package shim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmexport dockmcp_abi_version
func abiVersion() int32 { return abi.Version }

//go:wasmimport dockmcp_io_v1 input_read
func inputRead(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_io_v1 output_write
func outputWrite(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_io_v1 error_set
func errorSet(code int32, ptr unsafe.Pointer, n int32)

//go:wasmimport dockmcp_io_v1 log
func logMsg(level int32, ptr unsafe.Pointer, n int32)

// ReadInput pulls the call's input of n bytes into guest memory.
func ReadInput(n int32) []byte {
	buf := make([]byte, n)
	if n == 0 {
		return buf
	}
	got := inputRead(unsafe.Pointer(&buf[0]), n)
	if got < 0 {
		return nil
	}
	return buf[:got]
}

// WriteOutput appends p to the call's output and returns the host's code.
func WriteOutput(p []byte) abi.Code {
	if len(p) == 0 {
		return abi.CodeOK
	}
	return abi.Code(-outputWrite(unsafe.Pointer(&p[0]), int32(len(p))))
}

// SetError records the call's error.
func SetError(code abi.Code, msg string) {
	b := []byte(abi.Truncate(msg, abi.MaxMessage))
	var p unsafe.Pointer
	if len(b) > 0 {
		p = unsafe.Pointer(&b[0])
	}
	errorSet(int32(code), p, int32(len(b)))
}

// Log sends a message to the host's log at a slog level.
func Log(level int32, msg string) {
	b := []byte(abi.Truncate(msg, abi.MaxMessage))
	if len(b) == 0 {
		return
	}
	logMsg(level, unsafe.Pointer(&b[0]), int32(len(b)))
}

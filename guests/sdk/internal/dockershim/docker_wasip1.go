//go:build wasip1

// Package dockershim holds the raw dockmcp_docker_v1 imports. It is apart
// from package shim so that filters, which never import it, carry none of them.
package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 result_read
func resultRead(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 system_ping
func systemPing(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 system_version
func systemVersion(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_list
func containerList(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_inspect
func containerInspect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_logs
func containerLogs(ptr unsafe.Pointer, n int32) int32

func lookup(op string) func(unsafe.Pointer, int32) int32 {
	switch op {
	case abi.OpSystemPing:
		return systemPing
	case abi.OpSystemVersion:
		return systemVersion
	case abi.OpContainerList:
		return containerList
	case abi.OpContainerInspect:
		return containerInspect
	case abi.OpContainerLogs:
		return containerLogs
	}
	return nil
}

// Docker runs one operation with a JSON request and returns its JSON
// result, or an *abi.Error with the host's code and message.
func Docker(op string, req []byte) ([]byte, error) {
	fn := lookup(op)
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

//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 system_ping
func systemPing(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 system_version
func systemVersion(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpSystemPing, systemPing)
	register(abi.OpSystemVersion, systemVersion)
}

//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 system_info
func systemInfo(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 system_df
func systemDiskUsage(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 system_events
func systemEvents(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpSystemInfo, systemInfo)
	register(abi.OpSystemDiskUsage, systemDiskUsage)
	register(abi.OpSystemEvents, systemEvents)
}

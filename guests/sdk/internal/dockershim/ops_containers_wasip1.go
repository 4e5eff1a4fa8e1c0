//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 container_list
func containerList(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_inspect
func containerInspect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_logs
func containerLogs(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpContainerList, containerList)
	register(abi.OpContainerInspect, containerInspect)
	register(abi.OpContainerLogs, containerLogs)
}

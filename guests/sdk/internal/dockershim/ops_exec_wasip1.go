//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 container_exec
func containerExec(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_stats
func containerStats(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_top
func containerTop(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpContainerExec, containerExec)
	register(abi.OpContainerStats, containerStats)
	register(abi.OpContainerTop, containerTop)
}

//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 container_create
func containerCreate(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_start
func containerStart(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_start_attached
func containerStartAttached(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_stop
func containerStop(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_restart
func containerRestart(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_pause
func containerPause(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_unpause
func containerUnpause(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_rename
func containerRename(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_remove
func containerRemove(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 container_prune
func containerPrune(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpContainerCreate, containerCreate)
	register(abi.OpContainerStart, containerStart)
	register(abi.OpContainerStartAttached, containerStartAttached)
	register(abi.OpContainerStop, containerStop)
	register(abi.OpContainerRestart, containerRestart)
	register(abi.OpContainerPause, containerPause)
	register(abi.OpContainerUnpause, containerUnpause)
	register(abi.OpContainerRename, containerRename)
	register(abi.OpContainerRemove, containerRemove)
	register(abi.OpContainerPrune, containerPrune)
}

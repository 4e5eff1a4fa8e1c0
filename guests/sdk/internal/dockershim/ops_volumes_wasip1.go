//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 volume_list
func volumeList(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 volume_create
func volumeCreate(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 volume_inspect
func volumeInspect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 volume_remove
func volumeRemove(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 volume_prune
func volumePrune(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpVolumeList, volumeList)
	register(abi.OpVolumeCreate, volumeCreate)
	register(abi.OpVolumeInspect, volumeInspect)
	register(abi.OpVolumeRemove, volumeRemove)
	register(abi.OpVolumePrune, volumePrune)
}

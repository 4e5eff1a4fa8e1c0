//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 image_list
func imageList(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_inspect
func imageInspect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_history
func imageHistory(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_pull
func imagePull(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_push
func imagePush(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_tag
func imageTag(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_remove
func imageRemove(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 image_prune
func imagePrune(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpImageList, imageList)
	register(abi.OpImageInspect, imageInspect)
	register(abi.OpImageHistory, imageHistory)
	register(abi.OpImagePull, imagePull)
	register(abi.OpImagePush, imagePush)
	register(abi.OpImageTag, imageTag)
	register(abi.OpImageRemove, imageRemove)
	register(abi.OpImagePrune, imagePrune)
}

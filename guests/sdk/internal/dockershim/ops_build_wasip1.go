//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 image_build
func imageBuild(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpImageBuild, imageBuild)
}

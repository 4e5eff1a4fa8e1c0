//go:build wasip1

package dockershim

import (
	"unsafe"

	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmimport dockmcp_docker_v1 network_list
func networkList(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_create
func networkCreate(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_inspect
func networkInspect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_remove
func networkRemove(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_connect
func networkConnect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_disconnect
func networkDisconnect(ptr unsafe.Pointer, n int32) int32

//go:wasmimport dockmcp_docker_v1 network_prune
func networkPrune(ptr unsafe.Pointer, n int32) int32

func init() {
	register(abi.OpNetworkList, networkList)
	register(abi.OpNetworkCreate, networkCreate)
	register(abi.OpNetworkInspect, networkInspect)
	register(abi.OpNetworkRemove, networkRemove)
	register(abi.OpNetworkConnect, networkConnect)
	register(abi.OpNetworkDisconnect, networkDisconnect)
	register(abi.OpNetworkPrune, networkPrune)
}

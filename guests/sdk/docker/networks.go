package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// NetworkList lists networks as compact rows.
func NetworkList(req dockerapi.NetworkListRequest) (dockerapi.NetworkListResult, error) {
	return do[dockerapi.NetworkListResult](abi.OpNetworkList, req)
}

// NetworkCreate creates a network labelled with the provenance label.
func NetworkCreate(req dockerapi.NetworkCreateRequest) (dockerapi.NetworkCreateResult, error) {
	return do[dockerapi.NetworkCreateResult](abi.OpNetworkCreate, req)
}

// NetworkInspect returns one network in full.
func NetworkInspect(req dockerapi.NetworkInspectRequest) (dockerapi.NetworkInspectResult, error) {
	return do[dockerapi.NetworkInspectResult](abi.OpNetworkInspect, req)
}

// NetworkRemove removes a network; the error names the containers that use it.
func NetworkRemove(req dockerapi.NetworkRemoveRequest) (dockerapi.NetworkRemoveResult, error) {
	return do[dockerapi.NetworkRemoveResult](abi.OpNetworkRemove, req)
}

// NetworkConnect attaches a container to a network.
func NetworkConnect(req dockerapi.NetworkConnectRequest) (dockerapi.NetworkConnectResult, error) {
	return do[dockerapi.NetworkConnectResult](abi.OpNetworkConnect, req)
}

// NetworkDisconnect detaches a container from a network.
func NetworkDisconnect(req dockerapi.NetworkDisconnectRequest) (dockerapi.NetworkDisconnectResult, error) {
	return do[dockerapi.NetworkDisconnectResult](abi.OpNetworkDisconnect, req)
}

// NetworkPrune removes unused networks.
func NetworkPrune(req dockerapi.NetworkPruneRequest) (dockerapi.NetworkPruneResult, error) {
	return do[dockerapi.NetworkPruneResult](abi.OpNetworkPrune, req)
}

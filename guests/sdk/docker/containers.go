package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ContainerList lists containers as compact rows.
func ContainerList(req dockerapi.ContainerListRequest) (dockerapi.ContainerListResult, error) {
	return do[dockerapi.ContainerListResult](abi.OpContainerList, req)
}

// ContainerInspect returns the daemon's inspect object of one container.
func ContainerInspect(req dockerapi.ContainerInspectRequest) (
	dockerapi.ContainerInspectResult, error) {
	return do[dockerapi.ContainerInspectResult](abi.OpContainerInspect, req)
}

// ContainerLogs returns a container's logs, demultiplexed and capped.
func ContainerLogs(req dockerapi.ContainerLogsRequest) (dockerapi.ContainerLogsResult, error) {
	return do[dockerapi.ContainerLogsResult](abi.OpContainerLogs, req)
}

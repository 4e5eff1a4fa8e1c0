package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ContainerExec runs a command in a running container and returns its exit
// code and capped output; a non-zero exit is not an error.
func ContainerExec(req dockerapi.ContainerExecRequest) (dockerapi.ContainerExecResult, error) {
	return do[dockerapi.ContainerExecResult](abi.OpContainerExec, req)
}

// ContainerStats summarises a container's resource use in one or more
// samples.
func ContainerStats(req dockerapi.ContainerStatsRequest) (dockerapi.ContainerStatsResult, error) {
	return do[dockerapi.ContainerStatsResult](abi.OpContainerStats, req)
}

// ContainerTop lists a running container's processes.
func ContainerTop(req dockerapi.ContainerTopRequest) (dockerapi.ContainerTopResult, error) {
	return do[dockerapi.ContainerTopResult](abi.OpContainerTop, req)
}

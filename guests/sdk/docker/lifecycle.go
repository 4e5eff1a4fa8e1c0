package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ContainerCreate creates a container; the host labels it dockmcp.created=1.
func ContainerCreate(req dockerapi.ContainerCreateRequest) (
	dockerapi.ContainerCreateResult, error) {
	return do[dockerapi.ContainerCreateResult](abi.OpContainerCreate, req)
}

// ContainerStart starts a container and reports its state after.
func ContainerStart(id string) (dockerapi.ContainerState, error) {
	return do[dockerapi.ContainerState](abi.OpContainerStart, dockerapi.ContainerRef{ID: id})
}

// ContainerStartAttached starts a created container, waits for its exit
// (bounded) and returns its output.
func ContainerStartAttached(req dockerapi.ContainerStartAttachedRequest) (
	dockerapi.ContainerStartAttachedResult, error) {
	return do[dockerapi.ContainerStartAttachedResult](abi.OpContainerStartAttached, req)
}

// ContainerStop stops a container; a nil timeout is the daemon's default.
func ContainerStop(req dockerapi.ContainerStopRequest) (dockerapi.ContainerState, error) {
	return do[dockerapi.ContainerState](abi.OpContainerStop, req)
}

// ContainerRestart restarts a container; a nil timeout is the daemon's default.
func ContainerRestart(req dockerapi.ContainerStopRequest) (dockerapi.ContainerState, error) {
	return do[dockerapi.ContainerState](abi.OpContainerRestart, req)
}

// ContainerPause freezes a container.
func ContainerPause(id string) (dockerapi.ContainerState, error) {
	return do[dockerapi.ContainerState](abi.OpContainerPause, dockerapi.ContainerRef{ID: id})
}

// ContainerUnpause thaws a paused container.
func ContainerUnpause(id string) (dockerapi.ContainerState, error) {
	return do[dockerapi.ContainerState](abi.OpContainerUnpause, dockerapi.ContainerRef{ID: id})
}

// ContainerRename renames a container.
func ContainerRename(req dockerapi.ContainerRenameRequest) (
	dockerapi.ContainerRenameResult, error) {
	return do[dockerapi.ContainerRenameResult](abi.OpContainerRename, req)
}

// ContainerRemove removes a container.
func ContainerRemove(req dockerapi.ContainerRemoveRequest) (
	dockerapi.ContainerRemoveResult, error) {
	return do[dockerapi.ContainerRemoveResult](abi.OpContainerRemove, req)
}

// ContainerPrune removes stopped containers that match the filters.
func ContainerPrune(req dockerapi.ContainerPruneRequest) (
	dockerapi.ContainerPruneResult, error) {
	return do[dockerapi.ContainerPruneResult](abi.OpContainerPrune, req)
}

// Package docker is how a tool guest reaches Docker: one typed function per
// operation of dockmcp_docker_v1. Errors are *abi.Error with the host's code
// (not found, denied, daemon unavailable, ...) and a readable message.
package docker

import (
	"encoding/json"

	"github.com/dockmcp/dockmcp/guests/sdk/internal/dockershim"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Ping reaches the daemon and reports the endpoint and API version.
func Ping() (dockerapi.PingResult, error) {
	return do[dockerapi.PingResult](abi.OpSystemPing, dockerapi.PingRequest{})
}

// Version reports the daemon's version.
func Version() (dockerapi.VersionResult, error) {
	return do[dockerapi.VersionResult](abi.OpSystemVersion, dockerapi.VersionRequest{})
}

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

func do[Res any](op string, req any) (Res, error) {
	var res Res
	in, err := json.Marshal(req)
	if err != nil {
		return res, abi.Errorf(abi.CodeInvalid, "%s request: %v", op, err)
	}
	out, err := dockershim.Docker(op, in)
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return res, abi.Errorf(abi.CodeInvalid, "%s result: %v", op, err)
	}
	return res, nil
}

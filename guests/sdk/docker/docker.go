// Package docker is how a tool guest reaches Docker: one typed function per
// operation of dockmcp_docker_v1, in a file per area of Docker. Errors are *abi.Error with the host's code
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

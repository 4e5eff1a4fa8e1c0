package docker

import (
	"context"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Ping checks that the daemon answers and negotiates the API version
// (HEAD or GET /_ping).
//
// Errors: CodeUnavailable when the daemon cannot be reached (the message
// names the endpoint), CodeTimeout when ctx ends, CodeDaemon otherwise.
func (o *Ops) Ping(ctx context.Context, _ dockerapi.PingRequest) (dockerapi.PingResult, error) {
	res, err := o.cli.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true})
	if err != nil {
		return dockerapi.PingResult{}, o.fail(err)
	}
	return dockerapi.PingResult{
		Endpoint:   o.endpoint,
		APIVersion: o.cli.ClientVersion(),
		OSType:     res.OSType,
	}, nil
}

// Version reports the daemon's versions and the API version the client uses
// (GET /version).
//
// Errors: as [Ops.Ping].
func (o *Ops) Version(
	ctx context.Context, _ dockerapi.VersionRequest,
) (dockerapi.VersionResult, error) {
	v, err := o.cli.ServerVersion(ctx, client.ServerVersionOptions{})
	if err != nil {
		return dockerapi.VersionResult{}, o.fail(err)
	}
	engine := engineDetails(v)
	return dockerapi.VersionResult{
		Endpoint:         o.endpoint,
		Platform:         v.Platform.Name,
		Version:          v.Version,
		APIVersion:       v.APIVersion,
		MinAPIVersion:    v.MinAPIVersion,
		ClientAPIVersion: o.cli.ClientVersion(),
		OS:               v.Os,
		Arch:             v.Arch,
		KernelVersion:    engine["KernelVersion"],
		GoVersion:        engine["GoVersion"],
	}, nil
}

// engineDetails returns the details of the Engine component: the SDK's
// result drops the kernel and Go versions the daemon sends at top level.
func engineDetails(v client.ServerVersionResult) map[string]string {
	for _, c := range v.Components {
		if c.Name == "Engine" {
			return c.Details
		}
	}
	return nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpSystemPing, typed(o.Ping)},
			{abi.OpSystemVersion, typed(o.Version)},
		}
	})
}

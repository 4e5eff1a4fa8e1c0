package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ImageBuild builds an image from a context directory on the host. A failed
// build is an error whose message holds the daemon's error and the last
// lines of output.
func ImageBuild(req dockerapi.ImageBuildRequest) (dockerapi.ImageBuildResult, error) {
	return do[dockerapi.ImageBuildResult](abi.OpImageBuild, req)
}

package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// VolumeList lists volumes.
func VolumeList(req dockerapi.VolumeListRequest) (dockerapi.VolumeListResult, error) {
	return do[dockerapi.VolumeListResult](abi.OpVolumeList, req)
}

// VolumeCreate creates a volume labelled with the provenance label.
func VolumeCreate(req dockerapi.VolumeCreateRequest) (dockerapi.VolumeCreateResult, error) {
	return do[dockerapi.VolumeCreateResult](abi.OpVolumeCreate, req)
}

// VolumeInspect returns one volume in full.
func VolumeInspect(req dockerapi.VolumeInspectRequest) (dockerapi.VolumeInspectResult, error) {
	return do[dockerapi.VolumeInspectResult](abi.OpVolumeInspect, req)
}

// VolumeRemove removes a volume.
func VolumeRemove(req dockerapi.VolumeRemoveRequest) (dockerapi.VolumeRemoveResult, error) {
	return do[dockerapi.VolumeRemoveResult](abi.OpVolumeRemove, req)
}

// VolumePrune removes unused volumes.
func VolumePrune(req dockerapi.VolumePruneRequest) (dockerapi.VolumePruneResult, error) {
	return do[dockerapi.VolumePruneResult](abi.OpVolumePrune, req)
}

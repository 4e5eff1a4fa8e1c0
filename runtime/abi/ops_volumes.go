package abi

// Volume operations.
const (
	OpVolumeList    = "volume_list"
	OpVolumeCreate  = "volume_create"
	OpVolumeInspect = "volume_inspect"
	OpVolumeRemove  = "volume_remove"
	OpVolumePrune   = "volume_prune"
)

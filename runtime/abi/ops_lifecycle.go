package abi

// Container lifecycle operations.
const (
	OpContainerCreate        = "container_create"
	OpContainerStart         = "container_start"
	OpContainerStartAttached = "container_start_attached"
	OpContainerStop          = "container_stop"
	OpContainerRestart       = "container_restart"
	OpContainerPause         = "container_pause"
	OpContainerUnpause       = "container_unpause"
	OpContainerRename        = "container_rename"
	OpContainerRemove        = "container_remove"
	OpContainerPrune         = "container_prune"
)

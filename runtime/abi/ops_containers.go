package abi

// Container operations.
const (
	OpContainerList    = "container_list"
	OpContainerInspect = "container_inspect"
	OpContainerLogs    = "container_logs"
)

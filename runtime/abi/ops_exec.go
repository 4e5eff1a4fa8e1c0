package abi

// Operations on a running container's processes and resource use.
const (
	OpContainerExec  = "container_exec"
	OpContainerStats = "container_stats"
	OpContainerTop   = "container_top"
)

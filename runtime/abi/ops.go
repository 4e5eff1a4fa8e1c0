package abi

// Operations of ModuleDocker, one import each. New operations are added;
// none changes its request or result in place.
// Each area of Docker keeps its names in a file of its own (ops_*.go).
const (
	OpSystemPing    = "system_ping"
	OpSystemVersion = "system_version"
)

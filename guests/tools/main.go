//go:build wasip1

// Command tools is the first-party tool guest: every dockmcp tool runs here,
// in the sandbox, and reaches Docker only through dockmcp_docker_v1. Its
// tools are described as data in tools.json, which the host reads without
// compiling this module.
package main

import "github.com/dockmcp/dockmcp/guests/sdk/tool"

func init() {
	tool.Register("list_containers", listContainers)
	tool.Register("inspect_container", inspectContainer)
	tool.Register("container_logs", containerLogs)
	tool.Register("validate_connection", validateConnection)
}

func main() {}

package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// Info reports the daemon's system information, compactly.
func Info(req dockerapi.InfoRequest) (dockerapi.InfoResult, error) {
	return do[dockerapi.InfoResult](abi.OpSystemInfo, req)
}

// DiskUsage reports disk usage by images, containers, volumes and build cache.
func DiskUsage(req dockerapi.DiskUsageRequest) (dockerapi.DiskUsageResult, error) {
	return do[dockerapi.DiskUsageResult](abi.OpSystemDiskUsage, req)
}

// Events reads the daemon's events in a bounded window.
func Events(req dockerapi.EventsRequest) (dockerapi.EventsResult, error) {
	return do[dockerapi.EventsResult](abi.OpSystemEvents, req)
}

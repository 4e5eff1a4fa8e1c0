//go:build wasip1

package filter

import (
	"runtime"

	"github.com/dockmcp/dockmcp/guests/sdk/internal/shim"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

//go:wasmexport dockmcp_filter
func filterCall(n int32) int32 { return run(apply, n) }

//go:wasmexport dockmcp_filter_windows
func filterWindows(n int32) int32 { return run(applyWindows, n) }

//go:wasmexport dockmcp_filter_anchors
func filterAnchors(int32) int32 {
	if code := shim.WriteOutput(anchorSet()); code != 0 {
		shim.SetError(code, "anchors too large")
		return 1
	}
	return 0
}

func run(apply func([]byte) ([]byte, *abi.Error), n int32) int32 {
	out, err := apply(shim.ReadInput(n))
	status := int32(0)
	if err != nil {
		shim.SetError(err.Code, err.Message)
		status = 1
	} else if code := shim.WriteOutput(out); code != 0 {
		shim.SetError(code, "filter output too large")
		status = 1
	}
	if n > 1<<20 {
		// A Go guest collects nothing between calls; see package tool.
		runtime.GC()
	}
	return status
}

//go:build wasip1

package filter

import (
	"runtime"

	"github.com/dockmcp/dockmcp/guests/sdk/internal/shim"
)

//go:wasmexport dockmcp_filter
func filterCall(n int32) int32 {
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

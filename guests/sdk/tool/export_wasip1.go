//go:build wasip1

package tool

import (
	"runtime"

	"github.com/dockmcp/dockmcp/guests/sdk/internal/shim"
)

// gcThreshold: a call that leaves more heap than this ends with a forced
// collection. Between calls a Go guest runs no goroutines, so its collector
// cannot finish a cycle on its own and memory would only grow.
const gcThreshold = 8 << 20

//go:wasmexport dockmcp_tool_call
func toolCall(n int32) int32 {
	out, err := handle(shim.ReadInput(n))
	status := int32(0)
	if err != nil {
		shim.SetError(err.Code, err.Message)
		status = 1
	} else if code := shim.WriteOutput(out); code != 0 {
		shim.SetError(code, "output too large")
		status = 1
	}
	collect()
	return status
}

func collect() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > gcThreshold {
		runtime.GC()
	}
}

func logf(level int32, msg string) { shim.Log(level, msg) }

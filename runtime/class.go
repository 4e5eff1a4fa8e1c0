package runtime

import "time"

// A Class holds the limits shared by a kind of guest. Filters get less than
// tools: they see only text and reach nothing.
type Class struct {
	Name string
	// MemoryLimitPages caps linear memory (64 KiB pages); a guest that
	// grows past it traps.
	MemoryLimitPages uint32
	// HighWaterBytes: an instance whose memory ends a call larger than this
	// is closed instead of going back to the pool.
	HighWaterBytes uint64
	// Deadline bounds one call, host functions included. A caller may set
	// a shorter one through the call's context, never a longer one.
	Deadline time.Duration
	// OutputCap bounds what one call may write with output_write.
	OutputCap int
	// HostCallBudget bounds the host-function calls of one call.
	HostCallBudget int
	// PoolSize bounds the live instances of one module; Warm of them are
	// made ready when the module finishes compiling.
	PoolSize, Warm int
	// MaxModuleBytes refuses larger modules at load.
	MaxModuleBytes int
}

const (
	kib = 1 << 10
	mib = 1 << 20
)

// ToolClass is the default class of tool guests.
var ToolClass = Class{
	Name:             "tool",
	MemoryLimitPages: 256 * mib / 65536,
	HighWaterBytes:   128 * mib,
	Deadline:         15 * time.Minute, // each tool sets its own, shorter

	OutputCap:      8 * mib,
	HostCallBudget: 64,
	PoolSize:       4,
	Warm:           1,
	MaxModuleBytes: 32 * mib,
}

// FilterClass is the default class of filter guests.
var FilterClass = Class{
	Name:             "filter",
	MemoryLimitPages: 128 * mib / 65536,
	HighWaterBytes:   64 * mib,
	Deadline:         10 * time.Second,
	OutputCap:        64 * mib,
	HostCallBudget:   0,
	PoolSize:         4,
	Warm:             1,
	MaxModuleBytes:   16 * mib,
}

package abi

// System operations besides OpSystemPing and OpSystemVersion (in ops.go).
const (
	OpSystemInfo      = "system_info"
	OpSystemDiskUsage = "system_df"
	OpSystemEvents    = "system_events"
)

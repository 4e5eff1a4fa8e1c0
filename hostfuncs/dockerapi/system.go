package dockerapi

// InfoRequest is the request of system_info. It has no fields.
type InfoRequest struct{}

// InfoResult is the result of system_info: a compact part of GET /info.
type InfoResult struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	ServerVersion     string   `json:"serverVersion"`
	StorageDriver     string   `json:"storageDriver"`
	LoggingDriver     string   `json:"loggingDriver"`
	CgroupDriver      string   `json:"cgroupDriver"`
	OperatingSystem   string   `json:"operatingSystem"`
	OSType            string   `json:"osType"`
	KernelVersion     string   `json:"kernelVersion"`
	Architecture      string   `json:"architecture"`
	CPUs              int      `json:"cpus"`
	MemoryBytes       int64    `json:"memoryBytes"`
	DockerRootDir     string   `json:"dockerRootDir"`
	Containers        int      `json:"containers"`
	ContainersRunning int      `json:"containersRunning"`
	ContainersPaused  int      `json:"containersPaused"`
	ContainersStopped int      `json:"containersStopped"`
	Images            int      `json:"images"`
	Warnings          []string `json:"warnings"` // never null
}

// DiskUsageRequest is the request of system_df.
type DiskUsageRequest struct {
	// Rows caps the rows of each kind, largest first; 0 means totals only.
	Rows int `json:"rows"`
}

// DiskUsageResult is the result of system_df.
type DiskUsageResult struct {
	Images     DiskUsage `json:"images"`
	Containers DiskUsage `json:"containers"`
	Volumes    DiskUsage `json:"volumes"`
	BuildCache DiskUsage `json:"buildCache"`
}

// DiskUsage is the usage of one kind of object.
type DiskUsage struct {
	TotalCount  int64          `json:"totalCount"`
	ActiveCount int64          `json:"activeCount"`
	TotalSize   int64          `json:"totalSize"`
	Reclaimable int64          `json:"reclaimable"`
	Rows        []DiskUsageRow `json:"rows"`    // never null
	Omitted     int            `json:"omitted"` // rows left out by the cap
}

// DiskUsageRow is one object's usage.
type DiskUsageRow struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	InUse bool   `json:"inUse"`
}

// EventsRequest is the request of system_events. Times are RFC 3339,
// Unix seconds, or a duration before now such as "10m".
type EventsRequest struct {
	Since   string              `json:"since"`
	Until   string              `json:"until"` // "" means now
	Filters map[string][]string `json:"filters"`
	// WaitSeconds bounds how long the call waits for events when Until is
	// in the future.
	WaitSeconds int `json:"waitSeconds"`
	MaxEvents   int `json:"maxEvents"` // 0 means the host's cap
}

// EventsResult is the result of system_events.
type EventsResult struct {
	Since     string  `json:"since"` // the window read, RFC 3339
	Until     string  `json:"until"`
	Events    []Event `json:"events"` // never null, oldest first
	Truncated bool    `json:"truncated"`
}

// Event is one daemon event.
type Event struct {
	Time       string            `json:"time"` // RFC 3339 with nanoseconds
	Type       string            `json:"type"`
	Action     string            `json:"action"`
	ActorID    string            `json:"actorId"`
	Scope      string            `json:"scope"`
	Attributes map[string]string `json:"attributes"` // never null
}

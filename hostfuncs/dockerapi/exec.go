package dockerapi

// ContainerExecRequest is the request of container_exec: run Cmd in a
// running container, without a TTY or stdin, and collect its output.
type ContainerExecRequest struct {
	ID         string   `json:"id"`
	Cmd        []string `json:"cmd"` // the argv; Cmd[0] is the executable
	WorkingDir string   `json:"workingDir"`
	Env        []string `json:"env"` // KEY=value
	User       string   `json:"user"`
	// TimeoutMillis bounds the wait for the command; 0 means the host's
	// default.
	TimeoutMillis int `json:"timeoutMillis"`
	// MaxBytes caps each stream; 0 means the host's default.
	MaxBytes int `json:"maxBytes"`
}

// ContainerExecResult is the result of container_exec. A command that
// exits non-zero is a result, not an error.
type ContainerExecResult struct {
	ExitCode  int    `json:"exitCode"` // -1 when TimedOut
	Stdout    string `json:"stdout"`
	Stderr    string `json:"stderr"`
	Truncated bool   `json:"truncated"` // the oldest bytes of a stream were cut
	// TimedOut is set when the host stopped waiting; the command may still
	// run in the container.
	TimedOut bool `json:"timedOut"`
	// WaitedMillis is how long the host waited for the command.
	WaitedMillis int64 `json:"waitedMillis"`
}

// ContainerStatsRequest is the request of container_stats.
type ContainerStatsRequest struct {
	ID string `json:"id"`
	// Samples is how many samples to take about a second apart; 0 and 1
	// mean one.
	Samples int `json:"samples"`
}

// ContainerStatsResult is the result of container_stats. A container that
// is not running has one sample of zeros and a Note saying why.
type ContainerStatsResult struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	State   string        `json:"state"` // running, exited, restarting, …
	Note    string        `json:"note,omitempty"`
	Samples []StatsSample `json:"samples"`
}

// StatsSample is one summarised sample, computed as the docker CLI does.
type StatsSample struct {
	Read          string  `json:"read"` // RFC 3339; "" for a zero sample
	CPUPercent    float64 `json:"cpuPercent"`
	OnlineCPUs    uint32  `json:"onlineCpus"`
	MemoryUsed    uint64  `json:"memoryUsed"` // usage less the inactive file cache
	MemoryLimit   uint64  `json:"memoryLimit"`
	MemoryPercent float64 `json:"memoryPercent"`
	NetworkRx     uint64  `json:"networkRx"`
	NetworkTx     uint64  `json:"networkTx"`
	BlockRead     uint64  `json:"blockRead"`
	BlockWrite    uint64  `json:"blockWrite"`
	Pids          uint64  `json:"pids"`
}

// ContainerTopRequest is the request of container_top.
type ContainerTopRequest struct {
	ID     string `json:"id"`
	PsArgs string `json:"psArgs"` // arguments of ps on the host; "" is "-ef"
}

// ContainerTopResult is the result of container_top: ps output as a header
// and rows of the same width.
type ContainerTopResult struct {
	Titles    []string   `json:"titles"`
	Processes [][]string `json:"processes"`
	Truncated bool       `json:"truncated"` // rows past the host's cap were dropped
}

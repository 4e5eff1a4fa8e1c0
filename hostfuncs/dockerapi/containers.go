package dockerapi

import "encoding/json"

// ContainerListRequest is the request of container_list.
type ContainerListRequest struct {
	All     bool                `json:"all"`
	Limit   int                 `json:"limit"` // 0 means no limit
	Filters map[string][]string `json:"filters"`
}

// ContainerListResult is the result of container_list.
type ContainerListResult struct {
	Containers []ContainerSummary `json:"containers"`
}

// ContainerSummary is one compact row of container_list. Its size does not
// grow with health-check output or mounts.
type ContainerSummary struct {
	ID      string            `json:"id"`
	Names   []string          `json:"names"` // without Docker's leading slash
	Image   string            `json:"image"`
	ImageID string            `json:"imageId"`
	Command string            `json:"command"`
	Created int64             `json:"created"` // Unix seconds
	State   string            `json:"state"`
	Status  string            `json:"status"`
	Health  string            `json:"health"` // "" when there is no health check
	Ports   []Port            `json:"ports"`
	Labels  map[string]string `json:"labels"`
}

// Port is one port of a container.
type Port struct {
	IP          string `json:"ip,omitempty"`
	PrivatePort uint16 `json:"privatePort"`
	PublicPort  uint16 `json:"publicPort,omitempty"`
	Type        string `json:"type"`
}

// ContainerInspectRequest is the request of container_inspect.
type ContainerInspectRequest struct {
	ID string `json:"id"` // a container ID, ID prefix or name
}

// ContainerInspectResult is the result of container_inspect: the daemon's
// inspect object as it sent it.
type ContainerInspectResult struct {
	Container json.RawMessage `json:"container"`
}

// ContainerLogsRequest is the request of container_logs.
type ContainerLogsRequest struct {
	ID         string `json:"id"`
	Tail       string `json:"tail"`  // a line count or "all"
	Since      string `json:"since"` // a timestamp or a duration such as "10m"
	Until      string `json:"until"`
	Timestamps bool   `json:"timestamps"`
	Stdout     bool   `json:"stdout"`
	Stderr     bool   `json:"stderr"`
	// FollowSeconds > 0 follows the log for at most that long.
	FollowSeconds int `json:"followSeconds"`
	// FollowLines > 0 stops following once that many new lines (dated
	// after the request began) arrived; FollowSeconds still bounds it.
	FollowLines int `json:"followLines"`
	// MaxBytes caps each stream; 0 means the host's default.
	MaxBytes int `json:"maxBytes"`
}

// ContainerLogsResult is the result of container_logs. Each stream is
// demultiplexed and decoded on its own; invalid UTF-8 is replaced.
type ContainerLogsResult struct {
	Stdout    string `json:"stdout"`
	Stderr    string `json:"stderr"`
	TTY       bool   `json:"tty"` // stdout and stderr are one stream, in Stdout
	Lines     int    `json:"lines"`
	Truncated bool   `json:"truncated"` // the oldest bytes were cut to fit MaxBytes
}

package dockerapi

// CreatedLabel marks every container dockmcp creates, besides the labels
// the caller asked for.
const CreatedLabel = "dockmcp.created"

// ContainerCreateRequest is the request of container_create. Every field is
// explicit: the guest parses the shapes a tool accepts into it, and the host
// checks it again before it builds the daemon's request.
type ContainerCreateRequest struct {
	Image        string            `json:"image"`
	Name         string            `json:"name"` // "" lets the daemon choose
	Cmd          []string          `json:"cmd"`
	Entrypoint   []string          `json:"entrypoint"`
	Env          []string          `json:"env"` // KEY=VALUE
	ExposedPorts []ContainerPort   `json:"exposedPorts"`
	PortBindings []PortBinding     `json:"portBindings"`
	Mounts       []Mount           `json:"mounts"`
	Labels       map[string]string `json:"labels"`
	WorkingDir   string            `json:"workingDir"`
	User         string            `json:"user"`
	Network      string            `json:"network"` // a network name or mode
	Restart      RestartPolicy     `json:"restart"`
	AutoRemove   bool              `json:"autoRemove"`
	Memory       int64             `json:"memory"`   // bytes; 0 means no limit
	NanoCPUs     int64             `json:"nanoCpus"` // 1e9 is one CPU; 0 means no limit
	TTY          bool              `json:"tty"`
}

// ContainerPort is a port inside the container.
type ContainerPort struct {
	Port  uint16 `json:"port"`
	Proto string `json:"proto"` // tcp, udp or sctp
}

// PortBinding publishes a container port on the host.
type PortBinding struct {
	HostIP        string `json:"hostIp"`   // "" means every address
	HostPort      uint16 `json:"hostPort"` // 0 lets the daemon choose
	ContainerPort uint16 `json:"containerPort"`
	Proto         string `json:"proto"` // tcp, udp or sctp
}

// Mount is a bind mount, a named or anonymous volume, or a tmpfs.
type Mount struct {
	Type     string `json:"type"`   // "bind", "volume" or "tmpfs"
	Source   string `json:"source"` // a host path (bind), a volume name or "" (anonymous)
	Target   string `json:"target"` // an absolute path in the container
	ReadOnly bool   `json:"readOnly"`
}

// RestartPolicy is the daemon's restart policy.
type RestartPolicy struct {
	Name       string `json:"name"` // "", no, always, on-failure or unless-stopped
	MaxRetries int    `json:"maxRetries"`
}

// ContainerCreateResult is the result of container_create.
type ContainerCreateResult struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"` // without Docker's leading slash
	Warnings []string `json:"warnings"`
}

// ContainerRef names one container: its ID, an ID prefix or its name, with
// or without Docker's leading slash. It is the request of container_start,
// container_pause and container_unpause.
type ContainerRef struct {
	ID string `json:"id"`
}

// ContainerStopRequest is the request of container_stop and
// container_restart.
type ContainerStopRequest struct {
	ID string `json:"id"`
	// Timeout is the seconds to wait after the stop signal before killing;
	// nil leaves the daemon's default, 0 kills at once.
	Timeout *int `json:"timeout"`
}

// ContainerState is the result of the operations that change a
// container's state: what the container is after the change.
type ContainerState struct {
	ID       string `json:"id"`
	Name     string `json:"name"`  // without Docker's leading slash
	State    string `json:"state"` // created, running, paused, restarting, exited, dead
	ExitCode int    `json:"exitCode"`
}

// ContainerRenameRequest is the request of container_rename.
type ContainerRenameRequest struct {
	ID      string `json:"id"`
	NewName string `json:"newName"` // with or without a leading slash
}

// ContainerRenameResult is the result of container_rename.
type ContainerRenameResult struct {
	ID      string `json:"id"`
	OldName string `json:"oldName"`
	Name    string `json:"name"`
}

// ContainerRemoveRequest is the request of container_remove.
type ContainerRemoveRequest struct {
	ID      string `json:"id"`
	Force   bool   `json:"force"`   // kill a running container first
	Volumes bool   `json:"volumes"` // remove its anonymous volumes too
}

// ContainerRemoveResult is the result of container_remove.
type ContainerRemoveResult struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ContainerPruneRequest is the request of container_prune.
type ContainerPruneRequest struct {
	Filters map[string][]string `json:"filters"` // label, label!, until
}

// ContainerPruneResult is the result of container_prune.
type ContainerPruneResult struct {
	Deleted        []string `json:"deleted"` // IDs, at most MaxPruneIDs
	Count          int      `json:"count"`   // every container deleted
	SpaceReclaimed uint64   `json:"spaceReclaimed"`
	Truncated      bool     `json:"truncated"` // Deleted was cut
}

// ContainerStartAttachedRequest is the request of
// container_start_attached.
type ContainerStartAttachedRequest struct {
	ID             string `json:"id"`
	TimeoutSeconds int    `json:"timeoutSeconds"` // how long to wait for the exit
	MaxBytes       int    `json:"maxBytes"`       // per stream; 0 means the host's default
}

// ContainerStartAttachedResult is the result of container_start_attached.
type ContainerStartAttachedResult struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Exited   bool   `json:"exited"` // false: the wait ended first, the container runs on
	ExitCode int64  `json:"exitCode"`
	// WaitSeconds is how long the host waited: TimeoutSeconds, or less when
	// the call's own deadline came first.
	WaitSeconds int    `json:"waitSeconds"`
	Stdout      string `json:"stdout"`
	Stderr      string `json:"stderr"`
	TTY         bool   `json:"tty"`       // one stream, in Stdout
	Truncated   bool   `json:"truncated"` // the oldest bytes of a stream were cut
}

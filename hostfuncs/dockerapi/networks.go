package dockerapi

// NetworkListRequest is the request of network_list.
type NetworkListRequest struct {
	Filters map[string][]string `json:"filters"`
}

// NetworkListResult is the result of network_list.
type NetworkListResult struct {
	Networks []NetworkSummary `json:"networks"`
}

// NetworkSummary is one network of network_list. Labels is never null.
type NetworkSummary struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Driver     string            `json:"driver"`
	Scope      string            `json:"scope"`
	Internal   bool              `json:"internal"`
	Attachable bool              `json:"attachable"`
	Created    string            `json:"created"` // RFC 3339, "" when unknown
	Labels     map[string]string `json:"labels"`
}

// NetworkCreateRequest is the request of network_create. The host adds the
// provenance label to Labels. Subnet is a CIDR and Gateway an IP inside it.
type NetworkCreateRequest struct {
	Name       string            `json:"name"`
	Driver     string            `json:"driver"` // "" means bridge
	Internal   bool              `json:"internal"`
	Attachable bool              `json:"attachable"`
	Labels     map[string]string `json:"labels"`
	Subnet     string            `json:"subnet"`
	Gateway    string            `json:"gateway"`
}

// NetworkCreateResult is the result of network_create.
type NetworkCreateResult struct {
	ID       string   `json:"id"`
	Warnings []string `json:"warnings"`
}

// NetworkInspectRequest is the request of network_inspect.
type NetworkInspectRequest struct {
	ID string `json:"id"` // a network ID, ID prefix or name
}

// NetworkInspectResult is the result of network_inspect.
type NetworkInspectResult struct {
	Network NetworkDetail `json:"network"`
}

// NetworkDetail is one network in full. Maps and lists are never null.
type NetworkDetail struct {
	NetworkSummary
	EnableIPv6 bool              `json:"enableIPv6"`
	Ingress    bool              `json:"ingress"`
	Options    map[string]string `json:"options"`
	IPAM       NetworkIPAM       `json:"ipam"`
	Containers []NetworkEndpoint `json:"containers"` // sorted by name
}

// NetworkIPAM is a network's address management.
type NetworkIPAM struct {
	Driver  string            `json:"driver"`
	Options map[string]string `json:"options"`
	Config  []IPAMConfig      `json:"config"`
}

// IPAMConfig is one address pool of a network.
type IPAMConfig struct {
	Subnet  string `json:"subnet"`
	Gateway string `json:"gateway"`
	IPRange string `json:"ipRange"`
}

// NetworkEndpoint is a container attached to a network.
type NetworkEndpoint struct {
	ContainerID string `json:"containerId"`
	Name        string `json:"name"`
	IPv4Address string `json:"ipv4Address"`
	IPv6Address string `json:"ipv6Address"`
	MacAddress  string `json:"macAddress"`
}

// NetworkRemoveRequest is the request of network_remove.
type NetworkRemoveRequest struct {
	ID string `json:"id"`
}

// NetworkRemoveResult is the result of network_remove. It has no fields.
type NetworkRemoveResult struct{}

// NetworkConnectRequest is the request of network_connect.
type NetworkConnectRequest struct {
	Network   string   `json:"network"`
	Container string   `json:"container"` // with or without a leading slash
	Aliases   []string `json:"aliases"`
}

// NetworkConnectResult is the result of network_connect. It has no fields.
type NetworkConnectResult struct{}

// NetworkDisconnectRequest is the request of network_disconnect.
type NetworkDisconnectRequest struct {
	Network   string `json:"network"`
	Container string `json:"container"`
	Force     bool   `json:"force"`
}

// NetworkDisconnectResult is the result of network_disconnect. It has no
// fields.
type NetworkDisconnectResult struct{}

// NetworkPruneRequest is the request of network_prune.
type NetworkPruneRequest struct {
	Filters map[string][]string `json:"filters"`
}

// NetworkPruneResult is the result of network_prune: the names of the
// networks removed, never null.
type NetworkPruneResult struct {
	Deleted []string `json:"deleted"`
}

package dockerapi

// VolumeListRequest is the request of volume_list.
type VolumeListRequest struct {
	Filters map[string][]string `json:"filters"`
}

// VolumeListResult is the result of volume_list.
type VolumeListResult struct {
	Volumes  []VolumeSummary `json:"volumes"`
	Warnings []string        `json:"warnings"`
}

// VolumeSummary is one volume. Maps are never null.
type VolumeSummary struct {
	Name       string            `json:"name"`
	Driver     string            `json:"driver"`
	Mountpoint string            `json:"mountpoint"`
	Created    string            `json:"created"` // as the daemon sent it (RFC 3339)
	Scope      string            `json:"scope"`
	Labels     map[string]string `json:"labels"`
	Options    map[string]string `json:"options"`
}

// VolumeCreateRequest is the request of volume_create. The host adds the
// provenance label to Labels.
type VolumeCreateRequest struct {
	Name       string            `json:"name"`
	Driver     string            `json:"driver"` // "" means local
	Labels     map[string]string `json:"labels"`
	DriverOpts map[string]string `json:"driverOpts"`
}

// VolumeCreateResult is the result of volume_create.
type VolumeCreateResult struct {
	Volume VolumeSummary `json:"volume"`
}

// VolumeInspectRequest is the request of volume_inspect.
type VolumeInspectRequest struct {
	Name string `json:"name"`
}

// VolumeInspectResult is the result of volume_inspect.
type VolumeInspectResult struct {
	Volume VolumeDetail `json:"volume"`
}

// VolumeDetail is one volume in full.
type VolumeDetail struct {
	VolumeSummary
	Status map[string]any `json:"status"`
	// Size and RefCount are -1 when the daemon did not compute them.
	Size     int64 `json:"size"`
	RefCount int64 `json:"refCount"`
}

// VolumeRemoveRequest is the request of volume_remove.
type VolumeRemoveRequest struct {
	Name  string `json:"name"`
	Force bool   `json:"force"`
}

// VolumeRemoveResult is the result of volume_remove. It has no fields.
type VolumeRemoveResult struct{}

// VolumePruneRequest is the request of volume_prune. All prunes named
// volumes too (daemons of API 1.42 and later prune only anonymous ones
// without it; older daemons always prune both).
type VolumePruneRequest struct {
	Filters map[string][]string `json:"filters"`
	All     bool                `json:"all"`
}

// VolumePruneResult is the result of volume_prune.
type VolumePruneResult struct {
	Deleted        []string `json:"deleted"` // never null
	SpaceReclaimed uint64   `json:"spaceReclaimed"`
}

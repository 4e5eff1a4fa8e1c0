package dockerapi

// ImageListRequest is the request of image_list.
type ImageListRequest struct {
	All     bool                `json:"all"` // include intermediate images
	Filters map[string][]string `json:"filters"`
}

// ImageListResult is the result of image_list.
type ImageListResult struct {
	Images []ImageSummary `json:"images"`
}

// ImageSummary is one row of image_list. Absent tags, digests and labels
// are empty, never null.
type ImageSummary struct {
	ID          string            `json:"id"` // with its "sha256:" prefix
	RepoTags    []string          `json:"repoTags"`
	RepoDigests []string          `json:"repoDigests"`
	Size        int64             `json:"size"`    // bytes
	Created     int64             `json:"created"` // Unix seconds
	Containers  int64             `json:"containers"`
	Labels      map[string]string `json:"labels"`
}

// ImageInspectRequest is the request of image_inspect.
type ImageInspectRequest struct {
	Image string `json:"image"` // an ID, ID prefix, name or name:tag
}

// ImageInspectResult is the result of image_inspect: a compact view of the
// daemon's inspect object.
type ImageInspectResult struct {
	ID           string            `json:"id"`
	RepoTags     []string          `json:"repoTags"`
	RepoDigests  []string          `json:"repoDigests"`
	Created      string            `json:"created"`
	Author       string            `json:"author,omitempty"`
	Comment      string            `json:"comment,omitempty"`
	Architecture string            `json:"architecture"`
	Variant      string            `json:"variant,omitempty"`
	OS           string            `json:"os"`
	Size         int64             `json:"size"`
	Config       ImageConfig       `json:"config"`
	Layers       []string          `json:"layers"` // diff IDs, at most MaxImageLayers
	LayerCount   int               `json:"layerCount"`
	Labels       map[string]string `json:"labels"`
}

// ImageConfig is the run configuration an image carries.
type ImageConfig struct {
	Entrypoint   []string `json:"entrypoint"`
	Cmd          []string `json:"cmd"`
	Env          []string `json:"env"`
	WorkingDir   string   `json:"workingDir,omitempty"`
	User         string   `json:"user,omitempty"`
	ExposedPorts []string `json:"exposedPorts"`
	Volumes      []string `json:"volumes"`
	StopSignal   string   `json:"stopSignal,omitempty"`
}

// MaxImageLayers caps the layers listed by image_inspect and image_history.
const MaxImageLayers = 128

// ImageHistoryRequest is the request of image_history.
type ImageHistoryRequest struct {
	Image string `json:"image"`
}

// ImageHistoryResult is the result of image_history, newest layer first.
type ImageHistoryResult struct {
	Layers    []ImageLayer `json:"layers"`
	Truncated bool         `json:"truncated"` // more than MaxImageLayers
}

// ImageLayer is one step of an image's history. CreatedBy is cut to
// MaxCreatedBy bytes.
type ImageLayer struct {
	ID        string   `json:"id"` // "<missing>" for layers built elsewhere
	Created   int64    `json:"created"`
	CreatedBy string   `json:"createdBy"`
	Size      int64    `json:"size"`
	Tags      []string `json:"tags"`
	Comment   string   `json:"comment,omitempty"`
}

// MaxCreatedBy caps ImageLayer.CreatedBy.
const MaxCreatedBy = 512

// ImagePullRequest is the request of image_pull.
type ImagePullRequest struct {
	Image    string `json:"image"`    // name[:tag] or name@digest
	Platform string `json:"platform"` // os[/arch[/variant]]; "" for the daemon's
	// TimeoutSeconds bounds the pull; 0 means DefaultTransferSeconds.
	TimeoutSeconds int `json:"timeoutSeconds"`
}

// DefaultTransferSeconds bounds a pull or push without a timeout.
const DefaultTransferSeconds = 300

// TransferResult is the result of image_pull and image_push.
type TransferResult struct {
	Image    string `json:"image"`  // the normalised reference
	Status   string `json:"status"` // the daemon's last status line
	Digest   string `json:"digest,omitempty"`
	Layers   int    `json:"layers"`   // layers seen in the stream
	Bytes    int64  `json:"bytes"`    // bytes transferred, as the daemon reported
	UsedAuth bool   `json:"usedAuth"` // credentials came from the Docker config
}

// ImagePushRequest is the request of image_push.
type ImagePushRequest struct {
	Image          string `json:"image"` // name[:tag]
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

// ImageTagRequest is the request of image_tag.
type ImageTagRequest struct {
	Image string `json:"image"` // the source image
	Repo  string `json:"repo"`
	Tag   string `json:"tag"` // "" means latest
}

// ImageTagResult is the result of image_tag.
type ImageTagResult struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// ImageRemoveRequest is the request of image_remove.
type ImageRemoveRequest struct {
	Image   string `json:"image"`
	Force   bool   `json:"force"`
	NoPrune bool   `json:"noPrune"` // keep untagged parents
}

// ImageRemoveResult is the result of image_remove and image_prune.
type ImageRemoveResult struct {
	Untagged       []string `json:"untagged"`
	Deleted        []string `json:"deleted"`
	SpaceReclaimed uint64   `json:"spaceReclaimed"` // prune only
}

// ImagePruneRequest is the request of image_prune.
type ImagePruneRequest struct {
	All     bool                `json:"all"` // unused images too, not only dangling
	Filters map[string][]string `json:"filters"`
}

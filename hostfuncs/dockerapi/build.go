package dockerapi

// ImageBuildRequest is the request of image_build. The host reads the build
// context from its own file system, under the build roots it allows.
type ImageBuildRequest struct {
	// Context is the build context: a directory on the host, absolute or
	// relative to the first build root.
	Context string `json:"context"`
	// Dockerfile is the Dockerfile's path inside the context; "" means
	// "Dockerfile".
	Dockerfile string            `json:"dockerfile"`
	Tags       []string          `json:"tags"`
	BuildArgs  map[string]string `json:"buildArgs"`
	Target     string            `json:"target"`
	Labels     map[string]string `json:"labels"`
	NoCache    bool              `json:"noCache"`
	Pull       bool              `json:"pull"`
	Platform   string            `json:"platform"`
	// TimeoutSeconds bounds the build; 0 means the host's default. The
	// call's own deadline still applies.
	TimeoutSeconds int `json:"timeoutSeconds"`
}

// ImageBuildResult is the result of a successful image_build.
type ImageBuildResult struct {
	ImageID      string   `json:"imageId"`
	Tags         []string `json:"tags"`
	Lines        []string `json:"lines"`        // the last lines of the build output
	ContextBytes int64    `json:"contextBytes"` // the size of the tar sent
}

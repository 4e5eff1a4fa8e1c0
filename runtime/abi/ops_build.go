package abi

// Image build operations.
const (
	OpImageBuild = "image_build"
)

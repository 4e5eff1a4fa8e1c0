package abi

// Image operations.
const (
	OpImageList    = "image_list"
	OpImageInspect = "image_inspect"
	OpImageHistory = "image_history"
	OpImagePull    = "image_pull"
	OpImagePush    = "image_push"
	OpImageTag     = "image_tag"
	OpImageRemove  = "image_remove"
	OpImagePrune   = "image_prune"
)

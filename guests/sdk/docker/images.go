package docker

import (
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ImageList lists images as rows.
func ImageList(req dockerapi.ImageListRequest) (dockerapi.ImageListResult, error) {
	return do[dockerapi.ImageListResult](abi.OpImageList, req)
}

// ImageInspect returns a compact view of one image.
func ImageInspect(req dockerapi.ImageInspectRequest) (dockerapi.ImageInspectResult, error) {
	return do[dockerapi.ImageInspectResult](abi.OpImageInspect, req)
}

// ImageHistory lists the steps that made an image, newest first.
func ImageHistory(req dockerapi.ImageHistoryRequest) (dockerapi.ImageHistoryResult, error) {
	return do[dockerapi.ImageHistoryResult](abi.OpImageHistory, req)
}

// ImagePull pulls an image with the user's registry credentials.
func ImagePull(req dockerapi.ImagePullRequest) (dockerapi.TransferResult, error) {
	return do[dockerapi.TransferResult](abi.OpImagePull, req)
}

// ImagePush pushes an image with the user's registry credentials.
func ImagePush(req dockerapi.ImagePushRequest) (dockerapi.TransferResult, error) {
	return do[dockerapi.TransferResult](abi.OpImagePush, req)
}

// ImageTag gives an image another name.
func ImageTag(req dockerapi.ImageTagRequest) (dockerapi.ImageTagResult, error) {
	return do[dockerapi.ImageTagResult](abi.OpImageTag, req)
}

// ImageRemove removes an image or one of its names.
func ImageRemove(req dockerapi.ImageRemoveRequest) (dockerapi.ImageRemoveResult, error) {
	return do[dockerapi.ImageRemoveResult](abi.OpImageRemove, req)
}

// ImagePrune removes unused images.
func ImagePrune(req dockerapi.ImagePruneRequest) (dockerapi.ImageRemoveResult, error) {
	return do[dockerapi.ImageRemoveResult](abi.OpImagePrune, req)
}

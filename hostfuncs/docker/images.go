package docker

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/distribution/reference"
	"github.com/moby/moby/api/types/image"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ImageList lists images as rows (GET /images/json). Only tagged and
// dangling top-level images unless req.All; req.Filters go to the daemon
// as they are (dangling, label, reference, before, since). Null tags,
// digests and labels from the daemon become empty values.
//
// Errors: CodeInvalid for a filter the daemon refuses, CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) ImageList(
	ctx context.Context, req dockerapi.ImageListRequest,
) (dockerapi.ImageListResult, error) {
	opts := client.ImageListOptions{All: req.All, Filters: filtersOf(req.Filters)}
	res, err := o.cli.ImageList(ctx, opts)
	if err != nil {
		return dockerapi.ImageListResult{}, o.fail(err)
	}
	rows := make([]dockerapi.ImageSummary, 0, len(res.Items))
	for _, s := range res.Items {
		rows = append(rows, imageSummary(s))
	}
	return dockerapi.ImageListResult{Images: rows}, nil
}

func imageSummary(s image.Summary) dockerapi.ImageSummary {
	return dockerapi.ImageSummary{
		ID:          s.ID,
		RepoTags:    realTags(s.RepoTags),
		RepoDigests: realTags(s.RepoDigests),
		Size:        s.Size,
		Created:     s.Created,
		Containers:  s.Containers,
		Labels:      mapOrEmpty(s.Labels),
	}
}

// realTags drops the "<none>:<none>" placeholders older daemons send for
// untagged images and never returns nil.
func realTags(in []string) []string {
	out := make([]string, 0, len(in))
	for _, t := range in {
		if !strings.HasPrefix(t, "<none>") {
			out = append(out, t)
		}
	}
	return out
}

// ImageInspect returns a compact view of one image (GET /images/{name}/json):
// identity, platform, size, run configuration and at most
// dockerapi.MaxImageLayers layer digests.
//
// Errors: CodeInvalid for an empty reference, CodeNotFound when no image
// matches, CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ImageInspect(
	ctx context.Context, req dockerapi.ImageInspectRequest,
) (dockerapi.ImageInspectResult, error) {
	ref, err := imageRef("image", req.Image)
	if err != nil {
		return dockerapi.ImageInspectResult{}, err
	}
	res, err := o.cli.ImageInspect(ctx, ref)
	if err != nil {
		return dockerapi.ImageInspectResult{}, o.fail(err)
	}
	return inspectView(res.InspectResponse), nil
}

func inspectView(in image.InspectResponse) dockerapi.ImageInspectResult {
	out := dockerapi.ImageInspectResult{
		ID: in.ID, RepoTags: realTags(in.RepoTags), RepoDigests: realTags(in.RepoDigests),
		Created: in.Created, Author: in.Author, Comment: in.Comment,
		Architecture: in.Architecture, Variant: in.Variant, OS: in.Os, Size: in.Size,
		LayerCount: len(in.RootFS.Layers), Labels: map[string]string{},
		Config: dockerapi.ImageConfig{
			Entrypoint: []string{}, Cmd: []string{}, Env: []string{},
			ExposedPorts: []string{}, Volumes: []string{},
		},
	}
	out.Layers = append([]string{}, in.RootFS.Layers[:min(len(in.RootFS.Layers),
		dockerapi.MaxImageLayers)]...)
	if c := in.Config; c != nil {
		out.Labels = mapOrEmpty(c.Labels)
		out.Config = dockerapi.ImageConfig{
			Entrypoint: sliceOrEmpty(c.Entrypoint), Cmd: sliceOrEmpty(c.Cmd), Env: sliceOrEmpty(c.Env),
			WorkingDir: c.WorkingDir, User: c.User, StopSignal: c.StopSignal,
			ExposedPorts: slices.Sorted(maps.Keys(c.ExposedPorts)),
			Volumes:      slices.Sorted(maps.Keys(c.Volumes)),
		}
		out.Config.ExposedPorts = sliceOrEmpty(out.Config.ExposedPorts)
		out.Config.Volumes = sliceOrEmpty(out.Config.Volumes)
	}
	return out
}

// ImageHistory lists the steps that made an image, newest first
// (GET /images/{name}/history), at most dockerapi.MaxImageLayers of them,
// each CreatedBy cut to dockerapi.MaxCreatedBy bytes.
//
// Errors: as [Ops.ImageInspect].
func (o *Ops) ImageHistory(
	ctx context.Context, req dockerapi.ImageHistoryRequest,
) (dockerapi.ImageHistoryResult, error) {
	ref, err := imageRef("image", req.Image)
	if err != nil {
		return dockerapi.ImageHistoryResult{}, err
	}
	res, err := o.cli.ImageHistory(ctx, ref)
	if err != nil {
		return dockerapi.ImageHistoryResult{}, o.fail(err)
	}
	out := dockerapi.ImageHistoryResult{Layers: []dockerapi.ImageLayer{}}
	for i, h := range res.Items {
		if i == dockerapi.MaxImageLayers {
			out.Truncated = true
			break
		}
		out.Layers = append(out.Layers, dockerapi.ImageLayer{
			ID: h.ID, Created: h.Created, Size: h.Size, Tags: realTags(h.Tags),
			CreatedBy: abi.Truncate(h.CreatedBy, dockerapi.MaxCreatedBy), Comment: h.Comment,
		})
	}
	return out, nil
}

// ImageTag gives an image another name (POST /images/{name}/tag): repo
// with req.Tag, or "latest" when req.Tag is empty and repo names no tag.
//
// Errors: CodeInvalid for an empty or malformed reference, or a tag given
// twice; CodeNotFound when the source image does not exist; CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) ImageTag(
	ctx context.Context, req dockerapi.ImageTagRequest,
) (dockerapi.ImageTagResult, error) {
	src, err := imageRef("image", req.Image)
	if err != nil {
		return dockerapi.ImageTagResult{}, err
	}
	target, err := tagTarget(req.Repo, req.Tag)
	if err != nil {
		return dockerapi.ImageTagResult{}, err
	}
	if _, err := o.cli.ImageTag(ctx, client.ImageTagOptions{Source: src, Target: target}); err != nil {
		return dockerapi.ImageTagResult{}, o.fail(err)
	}
	return dockerapi.ImageTagResult{Source: src, Target: target}, nil
}

func tagTarget(repo, tag string) (string, error) {
	repo, tag = strings.TrimSpace(repo), strings.TrimSpace(tag)
	named, err := reference.ParseNormalizedNamed(repo)
	if err != nil {
		return "", invalid("repo", "%q is not a repository name (%v); use lowercase "+
			"letters, digits and separators, such as \"registry.local:5000/team/app\"", repo, err)
	}
	if _, ok := named.(reference.Digested); ok {
		return "", invalid("repo", "a digest cannot be a tag; give a name such as \"team/app\"")
	}
	if _, ok := named.(reference.Tagged); ok {
		if tag != "" {
			return "", invalid("tag", "repo %q already holds a tag; give the tag once", repo)
		}
		return repo, nil
	}
	if tag == "" {
		tag = "latest"
	}
	if _, err := reference.WithTag(named, tag); err != nil {
		return "", invalid("tag", "%q is not a valid tag: up to 128 letters, digits, "+
			"'_', '.' and '-', not starting with '.' or '-'", tag)
	}
	return repo + ":" + tag, nil
}

// ImageRemove removes an image or one of its names (DELETE /images/{name}).
// Untagged parents are removed too unless req.NoPrune.
//
// Errors: CodeInvalid for an empty reference, CodeNotFound, CodeConflict
// when a container uses the image or it has several names and !req.Force,
// CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ImageRemove(
	ctx context.Context, req dockerapi.ImageRemoveRequest,
) (dockerapi.ImageRemoveResult, error) {
	ref, err := imageRef("image", req.Image)
	if err != nil {
		return dockerapi.ImageRemoveResult{}, err
	}
	opts := client.ImageRemoveOptions{Force: req.Force, PruneChildren: !req.NoPrune}
	res, err := o.cli.ImageRemove(ctx, ref, opts)
	if err != nil {
		return dockerapi.ImageRemoveResult{}, o.fail(err)
	}
	return deletions(res.Items), nil
}

func deletions(items []image.DeleteResponse) dockerapi.ImageRemoveResult {
	out := dockerapi.ImageRemoveResult{Untagged: []string{}, Deleted: []string{}}
	for _, d := range items {
		if d.Untagged != "" {
			out.Untagged = append(out.Untagged, d.Untagged)
		}
		if d.Deleted != "" {
			out.Deleted = append(out.Deleted, d.Deleted)
		}
	}
	return out
}

// ImagePrune removes dangling images, or every image no container uses
// when req.All (POST /images/prune), narrowed by req.Filters (label,
// until). It reports what went and the space reclaimed.
//
// Errors: CodeInvalid for a filter the daemon refuses, CodeConflict when a
// prune is already running, CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ImagePrune(
	ctx context.Context, req dockerapi.ImagePruneRequest,
) (dockerapi.ImageRemoveResult, error) {
	f := filtersOf(req.Filters)
	if req.All {
		f.Add("dangling", "false")
	}
	res, err := o.cli.ImagePrune(ctx, client.ImagePruneOptions{Filters: f})
	if err != nil {
		return dockerapi.ImageRemoveResult{}, o.fail(err)
	}
	out := deletions(res.Report.ImagesDeleted)
	out.SpaceReclaimed = res.Report.SpaceReclaimed
	return out, nil
}

// imageRef checks an image reference (ID, prefix, name or name:tag).
func imageRef(field, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", invalid(field, "an image ID or name is required, such as \"alpine:3.20\"")
	}
	return ref, nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpImageList, typed(o.ImageList)},
			{abi.OpImageInspect, typed(o.ImageInspect)},
			{abi.OpImageHistory, typed(o.ImageHistory)},
			{abi.OpImagePull, typed(o.ImagePull)},
			{abi.OpImagePush, typed(o.ImagePush)},
			{abi.OpImageTag, typed(o.ImageTag)},
			{abi.OpImageRemove, typed(o.ImageRemove)},
			{abi.OpImagePrune, typed(o.ImagePrune)},
		}
	})
}

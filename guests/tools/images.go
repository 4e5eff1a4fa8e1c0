//go:build wasip1

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

type imageListArgs struct {
	All     bool                    `json:"all"`
	Filters map[string]filterValues `json:"filters"`
}

type imageRow struct {
	ID        string   `json:"id"`
	Tags      []string `json:"tags"`
	Size      int64    `json:"size"`
	SizeHuman string   `json:"sizeHuman"`
	Created   string   `json:"created"`
}

type imageListAnswer struct {
	Images    []imageRow `json:"images"`
	Count     int        `json:"count"`
	Truncated bool       `json:"truncated"`
	Hint      string     `json:"hint,omitempty"`
}

func init() {
	tool.Register("list_images", listImages)
	tool.Register("inspect_image", inspectImage)
	tool.Register("image_history", imageHistory)
	tool.Register("tag_image", tagImage)
	tool.Register("remove_image", removeImage)
	tool.Register("prune_images", pruneImages)
}

func listImages(c *tool.Call) (*tool.Result, error) {
	var args imageListArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageList(dockerapi.ImageListRequest{
		All: args.All, Filters: flattenValues(args.Filters),
	})
	if err != nil {
		return nil, err
	}

	ans := imageListAnswer{Images: []imageRow{}}
	used := 0
	for _, s := range res.Images {
		row := imageRow{
			ID: imageShortID(s.ID), Tags: s.RepoTags, Size: s.Size,
			SizeHuman: humanSize(s.Size), Created: unixTime(s.Created),
		}
		if used += jsonSize(row); used > listBudget {
			ans.Truncated = true
			ans.Hint = "Too many images to show; narrow with filters " +
				"(reference, label, dangling)."
			break
		}
		ans.Images = append(ans.Images, row)
	}
	ans.Count = len(ans.Images)
	return tool.JSON(ans)
}

type imageArgs struct {
	Image string `json:"image"`
}

func inspectImage(c *tool.Call) (*tool.Result, error) {
	var args imageArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageInspect(dockerapi.ImageInspectRequest{Image: args.Image})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res)
}

type historyRow struct {
	ID        string   `json:"id"`
	Created   string   `json:"created"`
	CreatedBy string   `json:"createdBy"`
	Size      int64    `json:"size"`
	SizeHuman string   `json:"sizeHuman"`
	Tags      []string `json:"tags"`
	Comment   string   `json:"comment,omitempty"`
}

type historyAnswer struct {
	Image     string       `json:"image"`
	Layers    []historyRow `json:"layers"`
	Count     int          `json:"count"`
	Truncated bool         `json:"truncated"`
}

func imageHistory(c *tool.Call) (*tool.Result, error) {
	var args imageArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageHistory(dockerapi.ImageHistoryRequest{Image: args.Image})
	if err != nil {
		return nil, err
	}

	ans := historyAnswer{Image: args.Image, Layers: []historyRow{}, Truncated: res.Truncated}
	for _, l := range res.Layers {
		ans.Layers = append(ans.Layers, historyRow{
			ID: imageShortID(l.ID), Created: unixTime(l.Created), CreatedBy: l.CreatedBy,
			Size: l.Size, SizeHuman: humanSize(l.Size), Tags: l.Tags, Comment: l.Comment,
		})
	}
	ans.Count = len(ans.Layers)
	return tool.JSON(ans)
}

type tagArgs struct {
	Image string `json:"image"`
	Repo  string `json:"repo"`
	Tag   string `json:"tag"`
}

func tagImage(c *tool.Call) (*tool.Result, error) {
	var args tagArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageTag(dockerapi.ImageTagRequest{
		Image: args.Image, Repo: args.Repo, Tag: args.Tag,
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res)
}

type removeImageArgs struct {
	Image   string `json:"image"`
	Force   bool   `json:"force"`
	NoPrune bool   `json:"noPrune"`
}

type removalAnswer struct {
	Untagged            []string `json:"untagged"`
	Deleted             []string `json:"deleted"`
	Count               int      `json:"count"`
	SpaceReclaimed      uint64   `json:"spaceReclaimed"`
	SpaceReclaimedHuman string   `json:"spaceReclaimedHuman"`
}

func removeImage(c *tool.Call) (*tool.Result, error) {
	var args removeImageArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImageRemove(dockerapi.ImageRemoveRequest{
		Image: args.Image, Force: args.Force, NoPrune: args.NoPrune,
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(removal(res))
}

type pruneImagesArgs struct {
	All     bool                    `json:"all"`
	Filters map[string]filterValues `json:"filters"`
}

func pruneImages(c *tool.Call) (*tool.Result, error) {
	var args pruneImagesArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ImagePrune(dockerapi.ImagePruneRequest{
		All: args.All, Filters: flattenValues(args.Filters),
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(removal(res))
}

func removal(r dockerapi.ImageRemoveResult) removalAnswer {
	return removalAnswer{
		Untagged: r.Untagged, Deleted: r.Deleted, Count: len(r.Deleted),
		SpaceReclaimed: r.SpaceReclaimed, SpaceReclaimedHuman: humanSize(int64(r.SpaceReclaimed)),
	}
}

// imageShortID is the 12-character ID docker images shows, without its
// "sha256:" prefix; "<missing>" and names stay as they are.
func imageShortID(id string) string {
	return shortID(strings.TrimPrefix(id, "sha256:"))
}

func unixTime(sec int64) string {
	if sec <= 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

// humanSize writes a size in decimal units with four significant digits,
// as docker images does ("5.39MB").
func humanSize(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB"}
	f, i := float64(n), 0
	for f >= 1000 && i < len(units)-1 {
		f /= 1000
		i++
	}
	return fmt.Sprintf("%.4g%s", f, units[i])
}

// filterValues accepts a string, an array of strings or a boolean (as in
// {"dangling": true}).
type filterValues []string

func (f *filterValues) UnmarshalJSON(b []byte) error {
	var flag bool
	if json.Unmarshal(b, &flag) == nil {
		*f = []string{fmt.Sprint(flag)}
		return nil
	}
	var s stringOr
	if err := s.UnmarshalJSON(b); err != nil {
		return tool.Errorf(abi.CodeInvalid, "a filter is a string, an array of strings "+
			`or a boolean, such as {"dangling": true, "label": ["app=web"]}`)
	}
	*f = []string(s)
	return nil
}

func flattenValues(in map[string]filterValues) map[string][]string {
	out := make(map[string][]string, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

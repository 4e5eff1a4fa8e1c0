//go:build wasip1

package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

type volumeRow struct {
	Name       string            `json:"name"`
	Driver     string            `json:"driver"`
	Mountpoint string            `json:"mountpoint"`
	Created    string            `json:"created"`
	Labels     map[string]string `json:"labels"`
}

type volumeListAnswer struct {
	Volumes   []volumeRow `json:"volumes"`
	Count     int         `json:"count"`
	Truncated bool        `json:"truncated"`
	Warnings  []string    `json:"warnings,omitempty"`
	Hint      string      `json:"hint,omitempty"`
}

type volumeArgs struct {
	Name       string            `json:"name"`
	VolumeName string            `json:"volumeName"`
	Driver     string            `json:"driver"`
	Labels     map[string]string `json:"labels"`
	DriverOpts map[string]string `json:"driverOpts"`
	Force      bool              `json:"force"`
}

type pruneVolumesArgs struct {
	Filters map[string]stringOr `json:"filters"`
	All     bool                `json:"all"`
}

func init() {
	tool.Register("list_volumes", listVolumes)
	tool.Register("create_volume", createVolume)
	tool.Register("inspect_volume", inspectVolume)
	tool.Register("remove_volume", removeVolume)
	tool.Register("prune_volumes", pruneVolumes)
}

func listVolumes(c *tool.Call) (*tool.Result, error) {
	var args filtersArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.VolumeList(dockerapi.VolumeListRequest{Filters: flatten(args.Filters)})
	if err != nil {
		return nil, err
	}

	ans := volumeListAnswer{Volumes: []volumeRow{}, Warnings: res.Warnings}
	used := 0
	for _, v := range res.Volumes {
		row := volumeRow{Name: v.Name, Driver: v.Driver, Mountpoint: v.Mountpoint,
			Created: v.Created, Labels: v.Labels}
		if used += jsonSize(row); used > listBudget {
			ans.Truncated = true
			ans.Hint = "Too many volumes to show; narrow with filters (name, label, dangling)."
			break
		}
		ans.Volumes = append(ans.Volumes, row)
	}
	ans.Count = len(ans.Volumes)
	return tool.JSON(ans)
}

func createVolume(c *tool.Call) (*tool.Result, error) {
	var args volumeArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.VolumeCreate(dockerapi.VolumeCreateRequest{Name: args.Name,
		Driver: args.Driver, Labels: args.Labels, DriverOpts: args.DriverOpts})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res.Volume)
}

func inspectVolume(c *tool.Call) (*tool.Result, error) {
	var args volumeArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.VolumeInspect(dockerapi.VolumeInspectRequest{Name: args.VolumeName})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res.Volume)
}

func removeVolume(c *tool.Call) (*tool.Result, error) {
	var args volumeArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	_, err := docker.VolumeRemove(dockerapi.VolumeRemoveRequest{
		Name: args.VolumeName, Force: args.Force})
	if err != nil {
		return nil, err
	}

	return tool.JSON(map[string]any{"removed": args.VolumeName})
}

func pruneVolumes(c *tool.Call) (*tool.Result, error) {
	var args pruneVolumesArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.VolumePrune(dockerapi.VolumePruneRequest{
		Filters: flatten(args.Filters), All: args.All})
	if err != nil {
		return nil, err
	}

	return tool.JSON(pruneAnswer{Deleted: res.Deleted, Count: len(res.Deleted),
		SpaceReclaimed: res.SpaceReclaimed})
}

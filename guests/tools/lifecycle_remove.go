//go:build wasip1

package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

type renameArgs struct {
	ContainerID string `json:"containerId"`
	NewName     string `json:"newName"`
}

type removeArgs struct {
	ContainerID string `json:"containerId"`
	Force       bool   `json:"force"`
	Volumes     bool   `json:"volumes"`
}

type removeAnswer struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Removed bool   `json:"removed"`
}

type pruneArgs struct {
	Filters map[string]stringOr `json:"filters"`
}

func init() {
	tool.Register("rename_container", renameContainer)
	tool.Register("remove_container", removeContainer)
	tool.Register("prune_containers", pruneContainers)
}

func renameContainer(c *tool.Call) (*tool.Result, error) {
	var args renameArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerRename(dockerapi.ContainerRenameRequest{
		ID: args.ContainerID, NewName: args.NewName,
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res)
}

func removeContainer(c *tool.Call) (*tool.Result, error) {
	var args removeArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerRemove(dockerapi.ContainerRemoveRequest{
		ID: args.ContainerID, Force: args.Force, Volumes: args.Volumes,
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(removeAnswer{ID: res.ID, Name: res.Name, Removed: true})
}

func pruneContainers(c *tool.Call) (*tool.Result, error) {
	var args pruneArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerPrune(dockerapi.ContainerPruneRequest{
		Filters: flatten(args.Filters),
	})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res)
}

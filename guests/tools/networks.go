//go:build wasip1

package main

import (
	"github.com/dockmcp/dockmcp/guests/sdk/docker"
	"github.com/dockmcp/dockmcp/guests/sdk/tool"
	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
)

type filtersArgs struct {
	Filters map[string]stringOr `json:"filters"`
}

type networkRow struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Driver   string `json:"driver"`
	Scope    string `json:"scope"`
	Internal bool   `json:"internal"`
	Created  string `json:"created"`
}

type networkListAnswer struct {
	Networks  []networkRow `json:"networks"`
	Count     int          `json:"count"`
	Truncated bool         `json:"truncated"`
	Hint      string       `json:"hint,omitempty"`
}

type createNetworkArgs struct {
	Name       string            `json:"name"`
	Driver     string            `json:"driver"`
	Internal   bool              `json:"internal"`
	Attachable bool              `json:"attachable"`
	Labels     map[string]string `json:"labels"`
	Subnet     string            `json:"subnet"`
	Gateway    string            `json:"gateway"`
}

type networkArgs struct {
	NetworkID   string   `json:"networkId"`
	ContainerID string   `json:"containerId"`
	Aliases     []string `json:"aliases"`
	Force       bool     `json:"force"`
}

// pruneAnswer is the answer of every prune tool.
type pruneAnswer struct {
	Deleted        []string `json:"deleted"`
	Count          int      `json:"count"`
	SpaceReclaimed uint64   `json:"spaceReclaimed"` // bytes
}

func init() {
	tool.Register("list_networks", listNetworks)
	tool.Register("create_network", createNetwork)
	tool.Register("inspect_network", inspectNetwork)
	tool.Register("remove_network", removeNetwork)
	tool.Register("connect_network", connectNetwork)
	tool.Register("disconnect_network", disconnectNetwork)
	tool.Register("prune_networks", pruneNetworks)
}

func listNetworks(c *tool.Call) (*tool.Result, error) {
	var args filtersArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.NetworkList(dockerapi.NetworkListRequest{Filters: flatten(args.Filters)})
	if err != nil {
		return nil, err
	}

	ans := networkListAnswer{Networks: []networkRow{}}
	used := 0
	for _, n := range res.Networks {
		row := networkRow{ID: shortID(n.ID), Name: n.Name, Driver: n.Driver,
			Scope: n.Scope, Internal: n.Internal, Created: n.Created}
		if used += jsonSize(row); used > listBudget {
			ans.Truncated = true
			ans.Hint = "Too many networks to show; narrow with filters (name, label, driver)."
			break
		}
		ans.Networks = append(ans.Networks, row)
	}
	ans.Count = len(ans.Networks)
	return tool.JSON(ans)
}

func createNetwork(c *tool.Call) (*tool.Result, error) {
	var args createNetworkArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.NetworkCreate(dockerapi.NetworkCreateRequest(args))
	if err != nil {
		return nil, err
	}

	return tool.JSON(map[string]any{"id": res.ID, "name": args.Name,
		"driver": cmpOr(args.Driver, "bridge"), "warnings": res.Warnings})
}

func inspectNetwork(c *tool.Call) (*tool.Result, error) {
	var args networkArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.NetworkInspect(dockerapi.NetworkInspectRequest{ID: args.NetworkID})
	if err != nil {
		return nil, err
	}

	return tool.JSON(res.Network)
}

func removeNetwork(c *tool.Call) (*tool.Result, error) {
	var args networkArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	_, err := docker.NetworkRemove(dockerapi.NetworkRemoveRequest{ID: args.NetworkID})
	if err != nil {
		return nil, err
	}

	return tool.JSON(map[string]any{"removed": args.NetworkID})
}

func connectNetwork(c *tool.Call) (*tool.Result, error) {
	var args networkArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	_, err := docker.NetworkConnect(dockerapi.NetworkConnectRequest{
		Network: args.NetworkID, Container: args.ContainerID, Aliases: args.Aliases})
	if err != nil {
		return nil, err
	}

	return tool.JSON(map[string]any{"networkId": args.NetworkID,
		"containerId": args.ContainerID, "connected": true, "aliases": orNone(args.Aliases)})
}

func disconnectNetwork(c *tool.Call) (*tool.Result, error) {
	var args networkArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	_, err := docker.NetworkDisconnect(dockerapi.NetworkDisconnectRequest{
		Network: args.NetworkID, Container: args.ContainerID, Force: args.Force})
	if err != nil {
		return nil, err
	}

	return tool.JSON(map[string]any{"networkId": args.NetworkID,
		"containerId": args.ContainerID, "connected": false})
}

func pruneNetworks(c *tool.Call) (*tool.Result, error) {
	var args filtersArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.NetworkPrune(dockerapi.NetworkPruneRequest{Filters: flatten(args.Filters)})
	if err != nil {
		return nil, err
	}

	// Networks hold no disk space: nothing is reclaimed but their names.
	return tool.JSON(pruneAnswer{Deleted: res.Deleted, Count: len(res.Deleted)})
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orNone(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

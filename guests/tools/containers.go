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

// listBudget caps the rows of list_containers, in bytes of JSON.
const listBudget = 64 << 10

type listArgs struct {
	All     bool                `json:"all"`
	Limit   int                 `json:"limit"`
	Filters map[string]stringOr `json:"filters"`
}

type containerRow struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Image   string `json:"image"`
	State   string `json:"state"`
	Status  string `json:"status"`
	Health  string `json:"health"`
	Ports   string `json:"ports"`
	Created string `json:"created"`
}

type listAnswer struct {
	Containers []containerRow `json:"containers"`
	Count      int            `json:"count"`
	Truncated  bool           `json:"truncated"`
	Hint       string         `json:"hint,omitempty"`
}

func init() {
	tool.Register("list_containers", listContainers)
	tool.Register("inspect_container", inspectContainer)
}

func listContainers(c *tool.Call) (*tool.Result, error) {
	var args listArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerList(dockerapi.ContainerListRequest{
		All: args.All, Limit: args.Limit, Filters: flatten(args.Filters),
	})
	if err != nil {
		return nil, err
	}

	ans := listAnswer{Containers: []containerRow{}}
	used := 0
	for _, s := range res.Containers {
		row := compactRow(s)
		used += jsonSize(row)
		if used > listBudget {
			ans.Truncated = true
			ans.Hint = "Too many containers to show; narrow with filters " +
				"(name, label, status, ancestor) or set limit."
			break
		}
		ans.Containers = append(ans.Containers, row)
	}
	ans.Count = len(ans.Containers)
	return tool.JSON(ans)
}

func compactRow(s dockerapi.ContainerSummary) containerRow {
	name := ""
	if len(s.Names) > 0 {
		name = s.Names[0]
	}
	return containerRow{
		ID:      shortID(s.ID),
		Name:    name,
		Image:   s.Image,
		State:   s.State,
		Status:  s.Status,
		Health:  s.Health,
		Ports:   formatPorts(s.Ports),
		Created: time.Unix(s.Created, 0).UTC().Format(time.RFC3339),
	}
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func formatPorts(ports []dockerapi.Port) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		if p.PublicPort == 0 {
			parts = append(parts, fmt.Sprintf("%d/%s", p.PrivatePort, p.Type))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s:%d->%d/%s", p.IP, p.PublicPort, p.PrivatePort, p.Type))
	}
	return strings.Join(parts, ", ")
}

type inspectArgs struct {
	ContainerID string `json:"containerId"`
}

func inspectContainer(c *tool.Call) (*tool.Result, error) {
	var args inspectArgs
	if err := c.Args(&args); err != nil {
		return nil, err
	}

	res, err := docker.ContainerInspect(dockerapi.ContainerInspectRequest{ID: args.ContainerID})
	if err != nil {
		return nil, err
	}

	var detail map[string]any
	if err := json.Unmarshal(res.Container, &detail); err != nil {
		return nil, tool.Errorf(abi.CodeDaemon, "inspect answer: %v", err)
	}
	if name, ok := detail["Name"].(string); ok {
		detail["Name"] = strings.TrimPrefix(name, "/")
	}
	return tool.JSON(detail)
}

// stringOr accepts a string or an array of strings.
type stringOr []string

func (s *stringOr) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("want a string or an array of strings")
	}
	*s = many
	return nil
}

func flatten(f map[string]stringOr) map[string][]string {
	out := make(map[string][]string, len(f))
	for k, v := range f {
		out[k] = v
	}
	return out
}

package docker

import (
	"context"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// ContainerList lists containers as compact rows (GET /containers/json).
// Running containers only unless req.All; req.Filters go to the daemon as
// is (label, name, status, ancestor, …). Names lose Docker's leading slash;
// absent labels and ports are empty, never null.
//
// Errors: CodeInvalid for a negative limit or a filter the daemon refuses,
// CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerList(
	ctx context.Context, req dockerapi.ContainerListRequest,
) (dockerapi.ContainerListResult, error) {
	if req.Limit < 0 {
		return dockerapi.ContainerListResult{}, invalid("limit", "must be 0 or more, such as 20")
	}
	f := client.Filters{}
	for term, values := range req.Filters {
		f.Add(term, values...)
	}
	opts := client.ContainerListOptions{All: req.All, Limit: req.Limit, Filters: f}
	res, err := o.cli.ContainerList(ctx, opts)
	if err != nil {
		return dockerapi.ContainerListResult{}, o.fail(err)
	}
	rows := make([]dockerapi.ContainerSummary, 0, len(res.Items))
	for _, c := range res.Items {
		rows = append(rows, summary(c))
	}
	return dockerapi.ContainerListResult{Containers: rows}, nil
}

func summary(c container.Summary) dockerapi.ContainerSummary {
	names := make([]string, 0, len(c.Names))
	for _, n := range c.Names {
		names = append(names, strings.TrimPrefix(n, "/"))
	}
	labels := make(map[string]string, len(c.Labels))
	for k, v := range c.Labels {
		labels[k] = v
	}
	return dockerapi.ContainerSummary{
		ID:      c.ID,
		Names:   names,
		Image:   c.Image,
		ImageID: c.ImageID,
		Command: c.Command,
		Created: c.Created,
		State:   string(c.State),
		Status:  c.Status,
		Health:  health(c),
		Ports:   ports(c.Ports),
		Labels:  labels,
	}
}

// health reads the summary's health (API 1.52+) or, from older daemons, the
// suffix of Status such as "Up 3 minutes (healthy)".
func health(c container.Summary) string {
	if c.Health != nil {
		if c.Health.Status == container.NoHealthcheck {
			return ""
		}
		return string(c.Health.Status)
	}
	switch {
	case strings.HasSuffix(c.Status, "(health: starting)"):
		return string(container.Starting)
	case strings.HasSuffix(c.Status, "(unhealthy)"):
		return string(container.Unhealthy)
	case strings.HasSuffix(c.Status, "(healthy)"):
		return string(container.Healthy)
	}
	return ""
}

func ports(in []container.PortSummary) []dockerapi.Port {
	out := make([]dockerapi.Port, 0, len(in))
	for _, p := range in {
		port := dockerapi.Port{PrivatePort: p.PrivatePort, PublicPort: p.PublicPort, Type: p.Type}
		if p.IP.IsValid() {
			port.IP = p.IP.String()
		}
		out = append(out, port)
	}
	return out
}

// ContainerInspect returns the daemon's inspect object as it sent it
// (GET /containers/{id}/json). req.ID is an ID, an ID prefix or a name, with
// or without Docker's leading slash.
//
// Errors: CodeInvalid for an empty ID, CodeNotFound when no container
// matches, CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) ContainerInspect(
	ctx context.Context, req dockerapi.ContainerInspectRequest,
) (dockerapi.ContainerInspectResult, error) {
	ref, err := containerRef(req.ID)
	if err != nil {
		return dockerapi.ContainerInspectResult{}, err
	}
	res, err := o.cli.ContainerInspect(ctx, ref, client.ContainerInspectOptions{})
	if err != nil {
		return dockerapi.ContainerInspectResult{}, o.fail(err)
	}
	return dockerapi.ContainerInspectResult{Container: res.Raw}, nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpContainerList, typed(o.ContainerList)},
			{abi.OpContainerInspect, typed(o.ContainerInspect)},
			{abi.OpContainerLogs, typed(o.ContainerLogs)},
		}
	})
}

package docker

import (
	"cmp"
	"context"
	"strings"

	"github.com/moby/moby/api/types/volume"
	"github.com/moby/moby/client"
	"github.com/moby/moby/client/pkg/versions"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// VolumeList lists volumes (GET /volumes); req.Filters go to the daemon as
// is (dangling, driver, label, name). Null labels and options are empty.
//
// Errors: CodeInvalid for a filter the daemon refuses, CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) VolumeList(
	ctx context.Context, req dockerapi.VolumeListRequest,
) (dockerapi.VolumeListResult, error) {
	res, err := o.cli.VolumeList(ctx, client.VolumeListOptions{Filters: filtersOf(req.Filters)})
	if err != nil {
		return dockerapi.VolumeListResult{}, o.fail(err)
	}
	rows := make([]dockerapi.VolumeSummary, 0, len(res.Items))
	for _, v := range res.Items {
		rows = append(rows, volumeSummary(v))
	}
	return dockerapi.VolumeListResult{Volumes: rows, Warnings: sliceOrEmpty(res.Warnings)}, nil
}

func volumeSummary(v volume.Volume) dockerapi.VolumeSummary {
	return dockerapi.VolumeSummary{
		Name: v.Name, Driver: v.Driver, Mountpoint: v.Mountpoint, Created: v.CreatedAt,
		Scope: v.Scope, Labels: mapOrEmpty(v.Labels), Options: mapOrEmpty(v.Options),
	}
}

// VolumeCreate creates a named volume (POST /volumes/create) labelled with
// ProvenanceLabel besides req.Labels. Driver defaults to local.
//
// Driver options that mount a host path (device with type none and o
// bind, or a host block device) are checked as a bind mount, and a driver
// other than local needs the volumeDrivers rule.
//
// Errors: CodeInvalid for an empty or malformed name or bad driver
// options; CodeDenied when the host-safety policy refuses them;
// CodeNotFound for an unknown driver; CodeUnavailable, CodeTimeout,
// CodeDaemon.
func (o *Ops) VolumeCreate(
	ctx context.Context, req dockerapi.VolumeCreateRequest,
) (dockerapi.VolumeCreateResult, error) {
	if strings.TrimSpace(req.Name) == "" {
		return dockerapi.VolumeCreateResult{}, invalid("name",
			"a volume name is required, such as \"pgdata\"")
	}
	if err := o.checkVolumeOpts(cmp.Or(req.Driver, "local"), req.DriverOpts); err != nil {
		return dockerapi.VolumeCreateResult{}, err
	}
	res, err := o.cli.VolumeCreate(ctx, client.VolumeCreateOptions{
		Name: req.Name, Driver: cmp.Or(req.Driver, "local"),
		DriverOpts: req.DriverOpts, Labels: withProvenance(req.Labels),
	})
	if err != nil {
		return dockerapi.VolumeCreateResult{}, o.fail(err)
	}
	return dockerapi.VolumeCreateResult{Volume: volumeSummary(res.Volume)}, nil
}

// VolumeInspect returns one volume in full (GET /volumes/{name}).
//
// Errors: CodeInvalid for an empty name, CodeNotFound when no volume has
// it, CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) VolumeInspect(
	ctx context.Context, req dockerapi.VolumeInspectRequest,
) (dockerapi.VolumeInspectResult, error) {
	name, err := volumeRef(req.Name)
	if err != nil {
		return dockerapi.VolumeInspectResult{}, err
	}
	res, err := o.cli.VolumeInspect(ctx, name, client.VolumeInspectOptions{})
	if err != nil {
		return dockerapi.VolumeInspectResult{}, o.fail(err)
	}
	v := res.Volume
	d := dockerapi.VolumeDetail{
		VolumeSummary: volumeSummary(v), Status: mapOrEmpty(v.Status), Size: -1, RefCount: -1,
	}
	if v.UsageData != nil {
		d.Size, d.RefCount = v.UsageData.Size, v.UsageData.RefCount
	}
	return dockerapi.VolumeInspectResult{Volume: d}, nil
}

// VolumeRemove removes a volume (DELETE /volumes/{name}).
//
// Errors: CodeInvalid for an empty name; CodeNotFound when no volume has
// it; CodeConflict when a container uses it; CodeUnavailable, CodeTimeout,
// CodeDaemon.
func (o *Ops) VolumeRemove(
	ctx context.Context, req dockerapi.VolumeRemoveRequest,
) (dockerapi.VolumeRemoveResult, error) {
	name, err := volumeRef(req.Name)
	if err != nil {
		return dockerapi.VolumeRemoveResult{}, err
	}
	_, err = o.cli.VolumeRemove(ctx, name, client.VolumeRemoveOptions{Force: req.Force})
	if err != nil {
		return dockerapi.VolumeRemoveResult{}, o.fail(err)
	}
	return dockerapi.VolumeRemoveResult{}, nil
}

// VolumePrune removes unused volumes (POST /volumes/prune); req.Filters
// (label, label!) go to the daemon as is. req.All adds the "all" filter on
// daemons of API 1.42 and later, which otherwise keep named volumes; older
// daemons prune named volumes anyway and refuse that filter.
//
// Errors: CodeInvalid for a filter the daemon refuses; CodeConflict when a
// prune is already running; CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) VolumePrune(
	ctx context.Context, req dockerapi.VolumePruneRequest,
) (dockerapi.VolumePruneResult, error) {
	if _, ok := req.Filters["all"]; ok {
		return dockerapi.VolumePruneResult{}, invalid("filters",
			"use the all field, not an \"all\" filter")
	}
	all := req.All && !versions.LessThan(o.cli.ClientVersion(), "1.42")
	opts := client.VolumePruneOptions{All: all, Filters: filtersOf(req.Filters)}
	res, err := o.cli.VolumePrune(ctx, opts)
	if err != nil {
		return dockerapi.VolumePruneResult{}, o.fail(err)
	}
	return dockerapi.VolumePruneResult{
		Deleted:        append([]string{}, res.Report.VolumesDeleted...),
		SpaceReclaimed: res.Report.SpaceReclaimed,
	}, nil
}

func volumeRef(name string) (string, error) {
	ref := strings.TrimSpace(name)
	if ref == "" {
		return "", invalid("name", "a volume name is required, such as \"pgdata\"")
	}
	return ref, nil
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpVolumeList, typed(o.VolumeList)},
			{abi.OpVolumeCreate, typed(o.VolumeCreate)},
			{abi.OpVolumeInspect, typed(o.VolumeInspect)},
			{abi.OpVolumeRemove, typed(o.VolumeRemove)},
			{abi.OpVolumePrune, typed(o.VolumePrune)},
		}
	})
}

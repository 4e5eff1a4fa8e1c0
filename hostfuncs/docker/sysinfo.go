package docker

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// MaxDiskUsageRows caps DiskUsageRequest.Rows.
const MaxDiskUsageRows = 100

// Info reports a compact part of the daemon's system information (GET
// /info): versions, storage driver, counts, OS, kernel, CPUs and memory.
//
// Errors: CodeUnavailable, CodeTimeout, CodeDaemon.
func (o *Ops) Info(ctx context.Context, _ dockerapi.InfoRequest) (dockerapi.InfoResult, error) {
	res, err := o.cli.Info(ctx, client.InfoOptions{})
	if err != nil {
		return dockerapi.InfoResult{}, o.fail(err)
	}
	i := res.Info
	return dockerapi.InfoResult{
		ID: i.ID, Name: i.Name, ServerVersion: i.ServerVersion, StorageDriver: i.Driver,
		LoggingDriver: i.LoggingDriver, CgroupDriver: i.CgroupDriver,
		OperatingSystem: i.OperatingSystem, OSType: i.OSType, KernelVersion: i.KernelVersion,
		Architecture: i.Architecture, CPUs: i.NCPU, MemoryBytes: i.MemTotal,
		DockerRootDir: i.DockerRootDir, Containers: i.Containers,
		ContainersRunning: i.ContainersRunning, ContainersPaused: i.ContainersPaused,
		ContainersStopped: i.ContainersStopped, Images: i.Images,
		Warnings: sliceOrEmpty(i.Warnings),
	}, nil
}

// DiskUsage reports the disk used by images, containers, volumes and the
// build cache (GET /system/df): totals and reclaimable bytes of each, and
// its req.Rows largest objects.
//
// Errors: CodeInvalid for Rows outside [0, MaxDiskUsageRows]; CodeConflict
// when the daemon is already computing usage; CodeUnavailable,
// CodeTimeout, CodeDaemon.
func (o *Ops) DiskUsage(
	ctx context.Context, req dockerapi.DiskUsageRequest,
) (dockerapi.DiskUsageResult, error) {
	if req.Rows < 0 || req.Rows > MaxDiskUsageRows {
		return dockerapi.DiskUsageResult{}, invalid("rows",
			"must be 0 to %d, such as 10", MaxDiskUsageRows)
	}
	res, err := o.cli.DiskUsage(ctx, client.DiskUsageOptions{
		Images: true, Containers: true, Volumes: true, BuildCache: true,
		Verbose: req.Rows > 0,
	})
	if err != nil {
		return dockerapi.DiskUsageResult{}, o.fail(err)
	}
	return dockerapi.DiskUsageResult{
		Images:     imagesUsage(res.Images, req.Rows),
		Containers: containersUsage(res.Containers, req.Rows),
		Volumes:    volumesUsage(res.Volumes, req.Rows),
		BuildCache: cacheUsage(res.BuildCache, req.Rows),
	}, nil
}

func imagesUsage(u client.ImagesDiskUsage, n int) dockerapi.DiskUsage {
	rows := make([]dockerapi.DiskUsageRow, 0, len(u.Items))
	for _, i := range u.Items {
		name := "<none>"
		if len(i.RepoTags) > 0 {
			name = i.RepoTags[0]
		}
		id := shortID(strings.TrimPrefix(i.ID, "sha256:"))
		rows = append(rows, dockerapi.DiskUsageRow{
			ID: id, Name: name, Size: i.Size, InUse: i.Containers > 0,
		})
	}
	return usage(u.TotalCount, u.ActiveCount, u.TotalSize, u.Reclaimable, rows, n)
}

func containersUsage(u client.ContainersDiskUsage, n int) dockerapi.DiskUsage {
	rows := make([]dockerapi.DiskUsageRow, 0, len(u.Items))
	for _, c := range u.Items {
		name := ""
		if len(c.Names) > 0 {
			name = strings.TrimPrefix(c.Names[0], "/")
		}
		rows = append(rows, dockerapi.DiskUsageRow{
			ID: shortID(c.ID), Name: name, Size: c.SizeRw, InUse: c.State == "running",
		})
	}
	return usage(u.TotalCount, u.ActiveCount, u.TotalSize, u.Reclaimable, rows, n)
}

func volumesUsage(u client.VolumesDiskUsage, n int) dockerapi.DiskUsage {
	rows := make([]dockerapi.DiskUsageRow, 0, len(u.Items))
	for _, v := range u.Items {
		row := dockerapi.DiskUsageRow{Name: v.Name, Size: -1}
		if v.UsageData != nil {
			row.Size, row.InUse = v.UsageData.Size, v.UsageData.RefCount > 0
		}
		rows = append(rows, row)
	}
	return usage(u.TotalCount, u.ActiveCount, u.TotalSize, u.Reclaimable, rows, n)
}

func cacheUsage(u client.BuildCacheDiskUsage, n int) dockerapi.DiskUsage {
	rows := make([]dockerapi.DiskUsageRow, 0, len(u.Items))
	for _, b := range u.Items {
		rows = append(rows, dockerapi.DiskUsageRow{
			ID: shortID(b.ID), Name: b.Description, Size: b.Size, InUse: b.InUse,
		})
	}
	return usage(u.TotalCount, u.ActiveCount, u.TotalSize, u.Reclaimable, rows, n)
}

// usage keeps the n largest rows.
func usage(total, active, size, reclaim int64, rows []dockerapi.DiskUsageRow,
	n int) dockerapi.DiskUsage {
	slices.SortStableFunc(rows, func(a, b dockerapi.DiskUsageRow) int {
		return cmp.Compare(b.Size, a.Size)
	})
	kept := rows[:min(n, len(rows))]
	return dockerapi.DiskUsage{
		TotalCount: total, ActiveCount: active, TotalSize: size, Reclaimable: reclaim,
		Rows: kept, Omitted: max(int(total), len(rows)) - len(kept),
	}
}

func init() {
	addArea(func(o *Ops) []operation {
		return []operation{
			{abi.OpSystemInfo, typed(o.Info)},
			{abi.OpSystemDiskUsage, typed(o.DiskUsage)},
			{abi.OpSystemEvents, typed(o.Events)},
		}
	})
}

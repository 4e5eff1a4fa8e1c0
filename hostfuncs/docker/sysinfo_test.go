package docker

import (
	"strings"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func TestInfo(t *testing.T) {
	o := newOps(t)
	dockertest.Run(t, dockertest.Options{})
	i, err := o.Info(t.Context(), dockerapi.InfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if i.ServerVersion == "" || i.StorageDriver == "" || i.KernelVersion == "" ||
		i.OperatingSystem == "" || i.CPUs < 1 || i.MemoryBytes <= 0 ||
		i.ContainersRunning < 1 || i.Images < 1 || i.Warnings == nil {
		t.Errorf("Info = %+v", i)
	}
	if i.Containers != i.ContainersRunning+i.ContainersPaused+i.ContainersStopped {
		t.Errorf("counts do not add up: %+v", i)
	}
}

func TestDiskUsage(t *testing.T) {
	o := newOps(t)
	createVolume(t, o, nil)
	dockertest.Run(t, dockertest.Options{})
	du, err := o.DiskUsage(t.Context(), dockerapi.DiskUsageRequest{Rows: 1})
	if err != nil {
		t.Fatal(err)
	}
	for kind, u := range map[string]dockerapi.DiskUsage{
		"images": du.Images, "containers": du.Containers, "volumes": du.Volumes,
	} {
		if u.TotalCount < 1 || len(u.Rows) != 1 || u.Omitted != int(u.TotalCount)-1 ||
			u.Reclaimable > u.TotalSize {
			t.Errorf("%s = %+v", kind, u)
		}
	}
	if du.BuildCache.Rows == nil {
		t.Error("build cache rows are null")
	}
	du, err = o.DiskUsage(t.Context(), dockerapi.DiskUsageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(du.Images.Rows) != 0 || du.Images.Omitted != int(du.Images.TotalCount) {
		t.Errorf("rows 0: images = %+v", du.Images)
	}
	_, err = o.DiskUsage(t.Context(), dockerapi.DiskUsageRequest{Rows: MaxDiskUsageRows + 1})
	wantCode(t, err, abi.CodeInvalid, "rows")
}

func TestEventsVolume(t *testing.T) {
	o := newOps(t)
	since := time.Now().Add(-time.Second)
	name := createVolume(t, o, nil)
	if _, err := o.VolumeRemove(t.Context(), dockerapi.VolumeRemoveRequest{Name: name}); err != nil {
		t.Fatal(err)
	}
	f := map[string][]string{"type": {"volume"}, "volume": {name}}

	res, err := o.Events(t.Context(), dockerapi.EventsRequest{
		Since: since.Format(time.RFC3339Nano), Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	if actions(res) != "create,destroy" || res.Truncated {
		t.Errorf("events = %+v", res)
	}

	// An until in the future waits at most WaitSeconds.
	start := time.Now()
	res, err = o.Events(t.Context(), dockerapi.EventsRequest{
		Since: "1m", Until: time.Now().Add(time.Hour).Format(time.RFC3339),
		WaitSeconds: 1, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second || actions(res) != "create,destroy" {
		t.Errorf("took %v, events %+v", d, res)
	}

	res, err = o.Events(t.Context(), dockerapi.EventsRequest{
		Since: "1m", Filters: f, MaxEvents: 1})
	if err != nil || actions(res) != "create" || !res.Truncated {
		t.Errorf("maxEvents 1: %+v, %v", res, err)
	}
}

func actions(r dockerapi.EventsResult) string {
	var a []string
	for _, e := range r.Events {
		a = append(a, e.Action)
	}
	return strings.Join(a, ",")
}

func TestEventsInvalid(t *testing.T) {
	o := newOps(t)
	tests := []struct {
		req   dockerapi.EventsRequest
		field string
	}{
		{dockerapi.EventsRequest{}, "since"},
		{dockerapi.EventsRequest{Since: "yesterday"}, "since"},
		{dockerapi.EventsRequest{Since: "1m", Until: "-5m"}, "until"},
		{dockerapi.EventsRequest{Since: "1m", Until: "2m"}, "until"},
		{dockerapi.EventsRequest{Since: "1m", WaitSeconds: MaxEventsWait + 1}, "waitSeconds"},
		{dockerapi.EventsRequest{Since: "1m", MaxEvents: -1}, "maxEvents"},
	}
	for _, tt := range tests {
		_, err := o.Events(t.Context(), tt.req)
		wantCode(t, err, abi.CodeInvalid, tt.field)
	}
	_, err := o.Events(t.Context(), dockerapi.EventsRequest{
		Since: "1m", Filters: map[string][]string{"no-such": {"x"}}})
	wantCode(t, err, abi.CodeInvalid, "filters", "no-such", "volume")
}

func TestParseTime(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Time{
		"10m":                  now.Add(-10 * time.Minute),
		"1714564800":           time.Unix(1714564800, 0),
		"1714564800.5":         time.Unix(1714564800, 5e8),
		"2024-05-01T11:00:00Z": now.Add(-time.Hour),
		"2024-05-01T11:00:00":  now.Add(-time.Hour),
		"2024-05-01":           now.Add(-12 * time.Hour),
	}
	for in, want := range tests {
		got, err := parseTime("since", in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

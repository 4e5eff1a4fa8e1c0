package docker

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func createVolume(t *testing.T, o *Ops, labels map[string]string) string {
	t.Helper()
	name := dockertest.Random("dockmcp-test-vol")
	if labels == nil {
		labels = testLabels
	}
	_, err := o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{Name: name, Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = o.cli.VolumeRemove(ctx, name, client.VolumeRemoveOptions{Force: true})
	})
	return name
}

func TestVolumeCreateInspectList(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	name := createVolume(t, o, map[string]string{dockertest.Label: "1", "case": tag})

	got, err := o.VolumeInspect(t.Context(), dockerapi.VolumeInspectRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	v := got.Volume
	if v.Name != name || v.Driver != "local" || v.Mountpoint == "" || v.Created == "" {
		t.Errorf("inspect = %+v", v)
	}
	if v.Labels[ProvenanceLabel] != "1" || v.Labels["case"] != tag {
		t.Errorf("labels = %v, want provenance and user labels", v.Labels)
	}
	if js := jsonOf(t, v); !strings.Contains(js, `"options":{}`) {
		t.Errorf("null options not empty: %s", js)
	}

	list, err := o.VolumeList(t.Context(), dockerapi.VolumeListRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Volumes) != 1 || list.Volumes[0].Name != name {
		t.Errorf("list = %+v", list)
	}
}

func TestVolumeCreateDriverOpts(t *testing.T) {
	o := newOps(t)
	name := dockertest.Random("dockmcp-test-vol")
	res, err := o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{
		Name: name, Labels: testLabels,
		DriverOpts: map[string]string{"type": "tmpfs", "device": "tmpfs", "o": "size=1m"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = o.cli.VolumeRemove(context.Background(), name, client.VolumeRemoveOptions{})
	})
	if res.Volume.Options["type"] != "tmpfs" {
		t.Errorf("options = %v", res.Volume.Options)
	}
}

func TestVolumeRemove(t *testing.T) {
	o := newOps(t)
	name := createVolume(t, o, nil)
	_, err := o.VolumeRemove(t.Context(), dockerapi.VolumeRemoveRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	_, err = o.VolumeInspect(t.Context(), dockerapi.VolumeInspectRequest{Name: name})
	wantCode(t, err, abi.CodeNotFound, name)
	_, err = o.VolumeRemove(t.Context(), dockerapi.VolumeRemoveRequest{Name: name})
	wantCode(t, err, abi.CodeNotFound, name)
	_, err = o.VolumeRemove(t.Context(), dockerapi.VolumeRemoveRequest{Name: name, Force: true})
	if err != nil {
		t.Errorf("forced remove of a missing volume: %v", err)
	}
	_, err = o.VolumeCreate(t.Context(), dockerapi.VolumeCreateRequest{})
	wantCode(t, err, abi.CodeInvalid, "name")
}

func TestVolumePrune(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	name := createVolume(t, o, map[string]string{dockertest.Label: "1", "case": tag})
	f := map[string][]string{"label": {"case=" + tag}}

	res, err := o.VolumePrune(t.Context(), dockerapi.VolumePruneRequest{Filters: f, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deleted) != 1 || res.Deleted[0] != name {
		t.Errorf("deleted = %v, want [%s]", res.Deleted, name)
	}
	res, err = o.VolumePrune(t.Context(), dockerapi.VolumePruneRequest{Filters: f, All: true})
	if err != nil || jsonOf(t, res) != `{"deleted":[],"spaceReclaimed":0}` {
		t.Errorf("second prune = %s, %v", jsonOf(t, res), err)
	}
	_, err = o.VolumePrune(t.Context(), dockerapi.VolumePruneRequest{
		Filters: map[string][]string{"all": {"true"}}})
	wantCode(t, err, abi.CodeInvalid, "all")
}

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

var testLabels = map[string]string{dockertest.Label: dockertest.LabelValue}

// cleanupNetwork removes a network when t ends, with a context of its own.
func cleanupNetwork(t *testing.T, o *Ops, ref string) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = o.cli.NetworkRemove(ctx, ref, client.NetworkRemoveOptions{})
	})
}

func createNetwork(t *testing.T, o *Ops, req dockerapi.NetworkCreateRequest) string {
	t.Helper()
	if req.Name == "" {
		req.Name = dockertest.Random("dockmcp-test-net")
	}
	if req.Labels == nil {
		req.Labels = testLabels
	}
	res, err := o.NetworkCreate(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	cleanupNetwork(t, o, res.ID)
	return req.Name
}

func TestNetworkCreateInspectList(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	name := createNetwork(t, o, dockerapi.NetworkCreateRequest{
		Internal: true, Attachable: true, Subnet: "172.29.7.0/24", Gateway: "172.29.7.1",
		Labels: map[string]string{dockertest.Label: "1", "case": tag},
	})

	got, err := o.NetworkInspect(t.Context(), dockerapi.NetworkInspectRequest{ID: name})
	if err != nil {
		t.Fatal(err)
	}
	n := got.Network
	if n.Name != name || n.Driver != "bridge" || !n.Internal || !n.Attachable {
		t.Errorf("inspect = %+v", n)
	}
	if n.Labels[ProvenanceLabel] != "1" || n.Labels["case"] != tag {
		t.Errorf("labels = %v, want provenance and user labels", n.Labels)
	}
	want := dockerapi.IPAMConfig{Subnet: "172.29.7.0/24", Gateway: "172.29.7.1"}
	if len(n.IPAM.Config) != 1 || n.IPAM.Config[0] != want {
		t.Errorf("ipam = %+v", n.IPAM)
	}
	if js := jsonOf(t, n); !strings.Contains(js, `"containers":[]`) ||
		!strings.Contains(js, `"options":{}`) {
		t.Errorf("nulls not empty: %s", js)
	}

	list, err := o.NetworkList(t.Context(), dockerapi.NetworkListRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Networks) != 1 || list.Networks[0].Name != name ||
		list.Networks[0].Created == "" || list.Networks[0].Scope != "local" {
		t.Errorf("list = %+v", list)
	}
}

// The daemon's default networks have null labels; they render as {}.
func TestNetworkCreateRefusesATakenName(t *testing.T) {
	o := newOps(t)
	name := createNetwork(t, o, dockerapi.NetworkCreateRequest{})
	res, err := o.NetworkCreate(t.Context(), dockerapi.NetworkCreateRequest{
		Name: name, Labels: testLabels,
	})
	if err == nil {
		cleanupNetwork(t, o, res.ID)
	}
	wantCode(t, err, abi.CodeConflict, name)
}

func TestNetworkListNullLabels(t *testing.T) {
	o := newOps(t)
	list, err := o.NetworkList(t.Context(), dockerapi.NetworkListRequest{
		Filters: map[string][]string{"name": {"none"}}})
	if err != nil {
		t.Fatal(err)
	}
	if js := jsonOf(t, list); !strings.Contains(js, `"labels":{}`) {
		t.Errorf("got %s", js)
	}
	got, err := o.NetworkInspect(t.Context(), dockerapi.NetworkInspectRequest{ID: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if js := jsonOf(t, got); !strings.Contains(js, `"config":[]`) {
		t.Errorf("null IPAM config not empty: %s", js)
	}
}

func TestNetworkCreateInvalid(t *testing.T) {
	o := newOps(t)
	tests := []struct {
		req   dockerapi.NetworkCreateRequest
		field string
	}{
		{dockerapi.NetworkCreateRequest{Name: " "}, "name"},
		{dockerapi.NetworkCreateRequest{Name: "x", Subnet: "10.0.0.0"}, "subnet"},
		{dockerapi.NetworkCreateRequest{Name: "x", Subnet: "10.0.0.1/24"}, "10.0.0.0/24"},
		{dockerapi.NetworkCreateRequest{Name: "x", Gateway: "10.0.0.1"}, "gateway"},
		{dockerapi.NetworkCreateRequest{Name: "x", Subnet: "10.0.0.0/24", Gateway: "10.9.0.1"},
			"gateway"},
		{dockerapi.NetworkCreateRequest{Name: "x", Subnet: "10.0.0.0/24", Gateway: "gw"},
			"10.0.0.1"},
	}
	for _, tt := range tests {
		_, err := o.NetworkCreate(t.Context(), tt.req)
		wantCode(t, err, abi.CodeInvalid, tt.field)
	}
}

func TestNetworkConnectDisconnect(t *testing.T) {
	o := newOps(t)
	net := createNetwork(t, o, dockerapi.NetworkCreateRequest{})
	id, name := dockertest.Run(t, dockertest.Options{})

	_, err := o.NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{
		Network: net, Container: "/" + name, Aliases: []string{"db"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.NetworkInspect(t.Context(), dockerapi.NetworkInspectRequest{ID: net})
	if err != nil {
		t.Fatal(err)
	}
	c := got.Network.Containers
	if len(c) != 1 || c[0].ContainerID != id || c[0].Name != name || c[0].IPv4Address == "" {
		t.Fatalf("containers = %+v", c)
	}
	info, err := o.cli.ContainerInspect(t.Context(), id, client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ep := info.Container.NetworkSettings.Networks[net]; ep == nil ||
		!strings.Contains(strings.Join(ep.Aliases, ","), "db") {
		t.Errorf("endpoint = %+v, want alias db", ep)
	}

	_, err = o.NetworkDisconnect(t.Context(), dockerapi.NetworkDisconnectRequest{
		Network: net, Container: name})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = o.NetworkInspect(t.Context(), dockerapi.NetworkInspectRequest{ID: net})
	if len(got.Network.Containers) != 0 {
		t.Errorf("still attached: %+v", got.Network.Containers)
	}
}

func TestNetworkRemoveInUse(t *testing.T) {
	o := newOps(t)
	net := createNetwork(t, o, dockerapi.NetworkCreateRequest{})
	_, name := dockertest.Run(t, dockertest.Options{})
	_, err := o.NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{
		Network: net, Container: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // before the network's own cleanup
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = o.cli.NetworkDisconnect(ctx, net,
			client.NetworkDisconnectOptions{Container: name, Force: true})
	})

	_, err = o.NetworkRemove(t.Context(), dockerapi.NetworkRemoveRequest{ID: net})
	wantCode(t, err, abi.CodeConflict, net, name, "disconnect_network")

	_, err = o.NetworkDisconnect(t.Context(), dockerapi.NetworkDisconnectRequest{
		Network: net, Container: name})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.NetworkRemove(t.Context(), dockerapi.NetworkRemoveRequest{ID: net}); err != nil {
		t.Fatal(err)
	}
	_, err = o.NetworkInspect(t.Context(), dockerapi.NetworkInspectRequest{ID: net})
	wantCode(t, err, abi.CodeNotFound)
}

func TestNetworkRemoveMissing(t *testing.T) {
	o := newOps(t)
	missing := dockertest.Random("missing")
	_, err := o.NetworkRemove(t.Context(), dockerapi.NetworkRemoveRequest{ID: missing})
	wantCode(t, err, abi.CodeNotFound, missing)
	_, err = o.NetworkConnect(t.Context(), dockerapi.NetworkConnectRequest{Network: "x"})
	wantCode(t, err, abi.CodeInvalid, "container")
}

func TestNetworkPrune(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	labels := map[string]string{dockertest.Label: "1", "case": tag}
	name := createNetwork(t, o, dockerapi.NetworkCreateRequest{Labels: labels})

	res, err := o.NetworkPrune(t.Context(), dockerapi.NetworkPruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deleted) != 1 || res.Deleted[0] != name {
		t.Errorf("deleted = %v, want [%s]", res.Deleted, name)
	}
	res, err = o.NetworkPrune(t.Context(), dockerapi.NetworkPruneRequest{
		Filters: map[string][]string{"label": {"case=" + tag}}})
	if err != nil || jsonOf(t, res) != `{"deleted":[]}` {
		t.Errorf("second prune = %s, %v", jsonOf(t, res), err)
	}
}

package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

const testLabels = `{"dockmcp.test":"1"}`

// mustCall runs a tool that must succeed.
func mustCall(t *testing.T, tool, args string) map[string]any {
	t.Helper()
	out, raw, isErr := call(t, tool, args)
	if isErr {
		t.Fatalf("%s %s: %s", tool, args, raw)
	}
	return out
}

// wantError runs a tool that must fail with a message holding every one
// of substr.
func wantError(t *testing.T, tool, args string, substr ...string) {
	t.Helper()
	_, raw, isErr := call(t, tool, args)
	if !isErr {
		t.Fatalf("%s %s succeeded: %s", tool, args, raw)
	}
	for _, s := range substr {
		if !strings.Contains(raw, s) {
			t.Errorf("%s %s: error lacks %q: %s", tool, args, s, raw)
		}
	}
}

// toolNetwork creates a network through create_network, removed when t
// ends, and returns its name.
func toolNetwork(t *testing.T, extra string) string {
	t.Helper()
	name := dockertest.Random("dockmcp-test-net")
	mustCall(t, "create_network", `{"name":"`+name+`","labels":`+testLabels+extra+`}`)
	t.Cleanup(func() {
		cli := dockertest.Client(t)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = cli.NetworkRemove(ctx, name, client.NetworkRemoveOptions{})
	})
	return name
}

func toolVolume(t *testing.T, labels string) string {
	t.Helper()
	name := dockertest.Random("dockmcp-test-vol")
	mustCall(t, "create_volume", `{"name":"`+name+`","labels":`+labels+`}`)
	t.Cleanup(func() {
		cli := dockertest.Client(t)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = cli.VolumeRemove(ctx, name, client.VolumeRemoveOptions{Force: true})
	})
	return name
}

func TestNetworkToolsLifecycle(t *testing.T) {
	net := toolNetwork(t, `,"internal":true,"subnet":"172.29.9.0/24","gateway":"172.29.9.1"`)

	out := mustCall(t, "list_networks", `{"filters":{"name":"`+net+`"}}`)
	rows, _ := out["networks"].([]any)
	if len(rows) != 1 {
		t.Fatalf("rows = %v", out)
	}
	row := rows[0].(map[string]any)
	if len(row["id"].(string)) != 12 || row["name"] != net || row["driver"] != "bridge" ||
		row["scope"] != "local" || row["internal"] != true || row["created"] == "" {
		t.Errorf("row = %v", row)
	}

	out = mustCall(t, "inspect_network", `{"networkId":"`+net+`"}`)
	labels, _ := out["labels"].(map[string]any)
	if labels["dockmcp.created"] != "1" || labels["dockmcp.test"] != "1" {
		t.Errorf("labels = %v", labels)
	}
	ipam, _ := out["ipam"].(map[string]any)
	if cfg, _ := ipam["config"].([]any); len(cfg) != 1 ||
		cfg[0].(map[string]any)["gateway"] != "172.29.9.1" {
		t.Errorf("ipam = %v", ipam)
	}

	mustCall(t, "remove_network", `{"networkId":"`+net+`"}`)
	wantError(t, "inspect_network", `{"networkId":"`+net+`"}`, net, "list_networks")
}

func TestNetworkToolsNullsRenderEmpty(t *testing.T) {
	dockertest.Client(t)
	_, raw, isErr := call(t, "inspect_network", `{"networkId":"none"}`)
	if isErr || !strings.Contains(raw, `"labels":{}`) || !strings.Contains(raw, `"config":[]`) {
		t.Fatalf("got %s", raw)
	}
}

func TestConnectDisconnectAndRemoveInUse(t *testing.T) {
	net := toolNetwork(t, "")
	_, name := dockertest.Run(t, dockertest.Options{})
	t.Cleanup(func() { // runs before the network's cleanup
		cli := dockertest.Client(t)
		_, _ = cli.NetworkDisconnect(context.Background(), net,
			client.NetworkDisconnectOptions{Container: name, Force: true})
	})

	out := mustCall(t, "connect_network",
		`{"networkId":"`+net+`","containerId":"/`+name+`","aliases":["db","cache"]}`)
	if out["connected"] != true {
		t.Errorf("connect = %v", out)
	}
	out = mustCall(t, "inspect_network", `{"networkId":"`+net+`"}`)
	ctrs, _ := out["containers"].([]any)
	if len(ctrs) != 1 || ctrs[0].(map[string]any)["name"] != name {
		t.Fatalf("containers = %v", ctrs)
	}

	wantError(t, "remove_network", `{"networkId":"`+net+`"}`, "in use", name, "disconnect_network")

	mustCall(t, "disconnect_network", `{"networkId":"`+net+`","containerId":"`+name+`"}`)
	out = mustCall(t, "inspect_network", `{"networkId":"`+net+`"}`)
	if ctrs, _ := out["containers"].([]any); len(ctrs) != 0 {
		t.Errorf("still attached: %v", ctrs)
	}
	mustCall(t, "remove_network", `{"networkId":"`+net+`"}`)
}

func TestPruneNetworksReportsDeleted(t *testing.T) {
	tag := dockertest.Random("case")
	net := toolNetwork(t, `,"labels":{"dockmcp.test":"1","dockmcp.case":"`+tag+`"}`)
	out := mustCall(t, "prune_networks", `{"filters":{"label":"dockmcp.case=`+tag+`"}}`)
	del, _ := out["deleted"].([]any)
	if len(del) != 1 || del[0] != net || out["count"] != float64(1) ||
		out["spaceReclaimed"] != float64(0) {
		t.Errorf("prune = %v", out)
	}
}

func TestVolumeTools(t *testing.T) {
	tag := dockertest.Random("case")
	vol := toolVolume(t, `{"dockmcp.test":"1","dockmcp.case":"`+tag+`"}`)

	out := mustCall(t, "list_volumes", `{"filters":{"label":["dockmcp.case=`+tag+`"]}}`)
	rows, _ := out["volumes"].([]any)
	if len(rows) != 1 {
		t.Fatalf("rows = %v", out)
	}
	row := rows[0].(map[string]any)
	labels, _ := row["labels"].(map[string]any)
	if row["name"] != vol || row["driver"] != "local" || row["mountpoint"] == "" ||
		row["created"] == "" || labels["dockmcp.created"] != "1" || labels["dockmcp.case"] != tag {
		t.Errorf("row = %v", row)
	}

	out = mustCall(t, "inspect_volume", `{"volumeName":"`+vol+`"}`)
	if out["name"] != vol || out["options"] == nil {
		t.Errorf("inspect = %v", out)
	}
	mustCall(t, "remove_volume", `{"volumeName":"`+vol+`","force":true}`)
	wantError(t, "inspect_volume", `{"volumeName":"`+vol+`"}`, vol, "list_volumes")
}

func TestPruneVolumesReportsDeletedAndSpace(t *testing.T) {
	tag := dockertest.Random("case")
	vol := toolVolume(t, `{"dockmcp.test":"1","dockmcp.case":"`+tag+`"}`)
	out := mustCall(t, "prune_volumes",
		`{"all":true,"filters":{"label":"dockmcp.case=`+tag+`"}}`)
	del, _ := out["deleted"].([]any)
	if _, ok := out["spaceReclaimed"].(float64); !ok || len(del) != 1 || del[0] != vol {
		t.Errorf("prune = %v", out)
	}
}

func TestNetVolBadInput(t *testing.T) {
	dockertest.Client(t)
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"create_network", `{"name":"x","subnet":"10.0.0.0"}`, []string{"subnet", "172.28.0.0/16"}},
		{"create_network", `{"name":"x","subnet":"10.0.0.0/24","gateway":"10.1.0.1"}`,
			[]string{"gateway", "10.0.0.1"}},
		{"create_network", `{"driver":"bridge"}`, []string{"name", "Example"}},
		{"create_volume", `{"labels":{}}`, []string{"name", "Example"}},
		{"list_networks", `{"filters":{"colour":"red"}}`, []string{"filters", "colour", "Example"}},
		{"prune_volumes", `{"filters":{"dangling":"true"}}`, []string{"filters", "Example"}},
		{"system_events", `{"filters":{"type":"volume"}}`, []string{"since", "Example"}},
		{"system_events", `{"since":"yesterday"}`, []string{"since", "10m"}},
		{"system_events", `{"since":"1m","waitSeconds":31}`, []string{"waitSeconds"}},
		{"connect_network", `{"networkId":"x"}`, []string{"containerId"}},
		{"remove_volume", `{"name":"x"}`, []string{"volumeName"}},
	}
	for _, tt := range tests {
		wantError(t, tt.tool, tt.args, tt.want...)
	}
}

func TestSystemInfoAndVersion(t *testing.T) {
	out := mustCall(t, "system_info", `{}`)
	for _, k := range []string{"serverVersion", "apiVersion", "serverApiVersion",
		"storageDriver", "operatingSystem", "kernelVersion"} {
		if s, _ := out[k].(string); s == "" {
			t.Errorf("system_info %s empty: %v", k, out)
		}
	}
	for _, k := range []string{"containersRunning", "containersPaused", "containersStopped",
		"images", "cpus", "memoryBytes"} {
		if _, ok := out[k].(float64); !ok {
			t.Errorf("system_info %s missing: %v", k, out)
		}
	}
	out = mustCall(t, "system_version", `{}`)
	if out["version"] == "" || out["clientApiVersion"] == "" || out["apiVersion"] == "" {
		t.Errorf("system_version = %v", out)
	}
}

func TestSystemDF(t *testing.T) {
	toolVolume(t, testLabels)
	out := mustCall(t, "system_df", `{"rows":1}`)
	for _, k := range []string{"images", "containers", "volumes", "buildCache"} {
		u, _ := out[k].(map[string]any)
		rows, ok := u["rows"].([]any)
		if _, has := u["reclaimable"]; !ok || !has || len(rows) > 1 {
			t.Errorf("%s = %v", k, u)
		}
	}
	if v := out["volumes"].(map[string]any); v["totalCount"].(float64) < 1 {
		t.Errorf("volumes = %v", v)
	}
}

func TestSystemEventsBounded(t *testing.T) {
	since := time.Now().Add(-2 * time.Second).UTC().Format(time.RFC3339Nano)
	vol := toolVolume(t, testLabels)
	mustCall(t, "remove_volume", `{"volumeName":"`+vol+`"}`)
	filters := `"filters":{"type":"volume","volume":"` + vol + `"}`

	out := mustCall(t, "system_events", `{"since":"`+since+`",`+filters+`}`)
	if got := eventActions(out); got != "create,destroy" || out["truncated"] != false {
		t.Errorf("events = %s: %v", got, out)
	}

	// An until an hour away is capped by waitSeconds: the call returns soon.
	until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	start := time.Now()
	out = mustCall(t, "system_events",
		`{"since":"`+since+`","until":"`+until+`","waitSeconds":2,`+filters+`}`)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("system_events took %v with waitSeconds 2", d)
	}
	if got := eventActions(out); got != "create,destroy" {
		t.Errorf("events = %s", got)
	}

	out = mustCall(t, "system_events", `{"since":"`+since+`","maxEvents":1,`+filters+`}`)
	if eventActions(out) != "create" || out["truncated"] != true {
		t.Errorf("maxEvents 1: %v", out)
	}
}

func eventActions(out map[string]any) string {
	evs, _ := out["events"].([]any)
	var a []string
	for _, e := range evs {
		a = append(a, e.(map[string]any)["action"].(string))
	}
	return strings.Join(a, ",")
}

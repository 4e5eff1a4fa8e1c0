package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// tools runs calls through one host.
type toolHost struct {
	t *testing.T
	h *server.Host
}

func newTools(t *testing.T) toolHost { return toolHost{t, dockerHost(t)} }

func (x toolHost) call(tool, args string) (map[string]any, string, bool) {
	x.t.Helper()
	r := x.h.Call(context.Background(), tool, json.RawMessage(args))
	b, _ := json.Marshal(r.StructuredContent)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	msg := ""
	if len(r.Content) > 0 {
		if tc, ok := r.Content[0].(mcp.TextContent); ok {
			msg = tc.Text
		}
	}
	return out, msg, r.IsError
}

func (x toolHost) ok(tool, args string) map[string]any {
	x.t.Helper()
	out, raw, isErr := x.call(tool, args)
	if isErr {
		x.t.Fatalf("%s %s: %s", tool, args, raw)
	}
	return out
}

// testName returns a fresh container name and force-removes whatever the
// tools create under it when t ends.
func testName(t *testing.T) string {
	name := dockertest.Random("dockmcp-test-tool")
	t.Cleanup(func() {
		cli, err := client.New(client.FromEnv)
		if err != nil {
			return
		}
		defer cli.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = cli.ContainerRemove(ctx, name, client.ContainerRemoveOptions{Force: true,
			RemoveVolumes: true})
	})
	return name
}

// spec is the JSON of a create or run call: the test image, a name, the
// sweep label, and more fields.
func spec(t *testing.T, name, more string) string {
	s := fmt.Sprintf(`{"image":%q,"name":%q,"labels":{"dockmcp.test":"1"}`,
		dockertest.Image(t), name)
	if more != "" {
		s += "," + more
	}
	return s + "}"
}

func inspectT(t *testing.T, ref string) (map[string]string, []string, error) {
	res, err := dockertest.Client(t).ContainerInspect(context.Background(), ref,
		client.ContainerInspectOptions{})
	if err != nil {
		return nil, nil, err
	}
	c := res.Container
	var ports []string
	for p, bs := range c.HostConfig.PortBindings {
		for _, b := range bs {
			ports = append(ports, b.HostIP.String()+":"+b.HostPort+"->"+p.String())
		}
	}
	return c.Config.Labels, append(ports, c.HostConfig.Binds...), nil
}

func TestCreateContainerShapes(t *testing.T) {
	x := newTools(t)
	name := testName(t)
	out := x.ok("create_container", spec(t, "/"+name, `"command":"[\"emit\",\"hi\"]",
		"env":{"A":"1"},"ports":{"53/udp":"127.0.0.1:5353"},
		"hostConfig":{"PortBindings":{"80/tcp":[{"HostPort":"8080"}]},
		"Binds":["/tmp:/host-tmp:ro"]},"memory":"64m","cpus":0.5`))
	if out["name"] != name || out["id"] == "" {
		t.Fatalf("answer %v", out)
	}
	labels, got, err := inspectT(t, name)
	if err != nil {
		t.Fatal(err)
	}
	if labels["dockmcp.created"] != "1" || labels["dockmcp.test"] != "1" {
		t.Errorf("labels %v", labels)
	}
	slices.Sort(got) // the zero host IP ("every address") prints as "invalid IP"
	want := "/tmp:/host-tmp:ro 127.0.0.1:5353->53/udp invalid IP:8080->80/tcp"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("bindings %q, want %q", g, want)
	}
}

func TestCreateContainerRefusesWhatItCannotHonour(t *testing.T) {
	x := newTools(t)
	name := testName(t)
	for _, tt := range []struct{ args, says string }{
		{`"ports":["80:abc"]`, `ports[0]: "80:abc"`},
		{`"ports":["99999:80"]`, `host port "99999"`},
		{`"ports":["8080:80/icmp"]`, `protocol "icmp"`},
		{`"volumes":["::/x"]`, "volumes[0]"},
		{`"volumes":["/a::ro"]`, "volumes[0]"},
		{`"env":["NOEQUALS"]`, "env[0]"},
		{`"hostConfig":{"Privileged":true}`, "supported keys"},
		{`"command":"echo hi"`, "command"},
	} {
		_, raw, isErr := x.call("create_container", spec(t, name, tt.args))
		if !isErr || !strings.Contains(raw, tt.says) || !strings.Contains(raw, "such as") &&
			!strings.Contains(raw, "accepted") && tt.says != "command" {
			t.Errorf("%s: %v %s", tt.args, isErr, raw)
		}
	}
	if _, _, err := inspectT(t, name); !cerrdefs.IsNotFound(err) {
		t.Fatalf("a refused call created a container: %v", err)
	}
}

func TestCreateContainerErrors(t *testing.T) {
	x := newTools(t)
	_, raw, isErr := x.call("create_container", `{"image":"dockmcp-test/absent:none"}`)
	if !isErr || !strings.Contains(raw, "not present locally") ||
		!strings.Contains(raw, "pull_image") {
		t.Errorf("missing image: %s", raw)
	}
	name := testName(t)
	x.ok("create_container", spec(t, name, ""))
	_, raw, isErr = x.call("create_container", spec(t, name, ""))
	if !isErr || !strings.Contains(raw, name) || !strings.Contains(raw, "already in use") {
		t.Errorf("conflict: %s", raw)
	}
}

func TestRunContainerWaits(t *testing.T) {
	x := newTools(t)
	name := testName(t)
	out := x.ok("run_container", spec(t, name, `"command":["emit","out","emit-stderr","err",
		"exit","4"],"detach":false,"autoRemove":true`))
	if out["exitCode"] != 4.0 || out["stdout"] != "out\n" || out["stderr"] != "err\n" ||
		out["timedOut"] != false || out["name"] != name {
		t.Errorf("answer %v", out)
	}

	name = testName(t)
	out = x.ok("run_container", spec(t, "/"+name, `"command":["forever"],"detach":false,
		"timeoutSeconds":1`))
	hint, _ := out["hint"].(string)
	if out["timedOut"] != true || out["exitCode"] != nil || !strings.Contains(hint, name) ||
		!strings.Contains(hint, "left running") {
		t.Errorf("timed-out answer %v", out)
	}
	out = x.ok("stop_container", `{"containerId":"/`+name+`","timeout":0}`)
	if out["name"] != name || out["state"] != "exited" {
		t.Errorf("stop answer %v", out)
	}
}

func TestRunContainerDetached(t *testing.T) {
	x := newTools(t)
	name := testName(t)
	out := x.ok("run_container", spec(t, name, `"command":["ignore-term","sleep","300"]`))
	if out["name"] != name || out["state"] != "running" {
		t.Fatalf("answer %v", out)
	}
	start := time.Now()
	out = x.ok("restart_container", `{"containerId":"`+name+`","timeout":0}`)
	if took := time.Since(start); took > 5*time.Second || out["state"] != "running" {
		t.Errorf("restart with timeout 0 took %v: %v", took, out)
	}
	start = time.Now()
	out = x.ok("stop_container", `{"containerId":"`+name+`","timeout":0}`)
	if took := time.Since(start); took > 5*time.Second || out["state"] != "exited" {
		t.Errorf("stop with timeout 0 took %v: %v", took, out)
	}

	// A second container cannot take the same host port: its start fails
	// and the run leaves nothing behind.
	port := freePort(t)
	x.ok("run_container", spec(t, testName(t), `"ports":["127.0.0.1:`+port+`:80"]`))
	bad := testName(t)
	_, raw, isErr := x.call("run_container", spec(t, bad, `"ports":["127.0.0.1:`+port+`:80"]`))
	if !isErr || !strings.Contains(raw, "did not start, so it was removed") {
		t.Errorf("second run on port %s: %s", port, raw)
	}
	if _, _, err := inspectT(t, bad); !cerrdefs.IsNotFound(err) {
		t.Errorf("a run that did not start left its container: %v", err)
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func TestLifecycleToolsByName(t *testing.T) {
	x := newTools(t)
	name := testName(t)
	x.ok("create_container", spec(t, name, `"command":["forever"]`))
	if out := x.ok("start_container", `{"containerId":"/`+name+`"}`); out["name"] != name ||
		out["state"] != "running" {
		t.Fatalf("start %v", out)
	}
	if out := x.ok("pause_container", `{"containerId":"`+name+`"}`); out["state"] != "paused" {
		t.Errorf("pause %v", out)
	}
	if out := x.ok("unpause_container", `{"containerId":"`+name+`"}`); out["state"] != "running" {
		t.Errorf("unpause %v", out)
	}
	renamed := testName(t)
	out := x.ok("rename_container", `{"containerId":"`+name+`","newName":"/`+renamed+`"}`)
	if out["name"] != renamed || out["oldName"] != name {
		t.Errorf("rename %v", out)
	}
	_, raw, isErr := x.call("remove_container", `{"containerId":"`+renamed+`"}`)
	if !isErr {
		t.Errorf("removing a running container without force: %s", raw)
	}
	out = x.ok("remove_container", `{"containerId":"`+renamed+`","force":true,"volumes":true}`)
	if out["removed"] != true || out["name"] != renamed {
		t.Errorf("remove %v", out)
	}
}

func TestPruneContainers(t *testing.T) {
	x := newTools(t)
	tag := dockertest.Random("prune")
	var ids []string
	for range 2 {
		out := x.ok("create_container", spec(t, testName(t), `"labels":{"dockmcp.test":"1",
			"case":"`+tag+`"}`))
		ids = append(ids, out["id"].(string))
	}
	out := x.ok("prune_containers", `{"filters":{"label":["case=`+tag+`"]}}`)
	deleted := fmt.Sprint(out["deleted"])
	if out["count"] != 2.0 || !strings.Contains(deleted, ids[0]) ||
		!strings.Contains(deleted, ids[1]) || out["spaceReclaimed"] == nil {
		t.Errorf("prune %v", out)
	}
}

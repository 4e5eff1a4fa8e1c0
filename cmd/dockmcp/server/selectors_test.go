package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// selectorHost serves every tool with a container selector (names dmsel-*)
// and an exec selector (label exec=ok).
func selectorHost(t *testing.T) toolHost {
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		Selectors: docker.Selectors{
			Containers: docker.Selector{Names: []string{"dmsel-*"}},
			Exec:       docker.Selector{Labels: []string{"exec=ok"}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return toolHost{t, h}
}

// Through the whole tool path: a mutating tool on an unselected container
// is an error result naming the key, and the container is untouched; the
// selected one is acted on; read-only tools still see every container.
func TestSelectorsThroughTools(t *testing.T) {
	x := selectorHost(t)
	selID, sel := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel")})
	unselected := testName(t) // not dmsel-*; removed when t ends
	otherID, other := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmun"),
		Labels: map[string]string{"exec": "ok"}})

	for _, tc := range []struct{ tool, args, key string }{
		{"stop_container", `{"containerId":"` + other + `","timeout":0}`, "policy.containers.names"},
		{"stop_container", `{"containerId":"` + otherID[:12] + `","timeout":0}`,
			"policy.containers.names"},
		{"rename_container", `{"containerId":"` + other + `","newName":"dmsel-x"}`,
			"policy.containers.names"},
		{"exec_container", `{"containerId":"` + other + `","command":["/fakeapp","emit","x"]}`,
			"policy.containers.names"},
		{"exec_container", `{"containerId":"` + sel + `","command":["/fakeapp","emit","x"]}`,
			"policy.exec.containers.labels"},
		{"create_container", spec(t, unselected, ""), "policy.containers.names"},
	} {
		_, msg, isErr := x.call(tc.tool, tc.args)
		if !isErr || !strings.Contains(msg, tc.key) || !strings.Contains(msg, "not selected") {
			t.Errorf("%s %s: %v %q, want a refusal naming %s", tc.tool, tc.args, isErr, msg,
				tc.key)
		}
	}
	res, err := dockertest.Client(t).ContainerInspect(t.Context(), otherID,
		client.ContainerInspectOptions{})
	if err != nil || !res.Container.State.Running || res.Container.Name != "/"+other {
		t.Errorf("the unselected container changed: %v", err)
	}
	if _, err := dockertest.Client(t).ContainerInspect(t.Context(), unselected,
		client.ContainerInspectOptions{}); err == nil {
		t.Error("a refused create made a container")
	}

	x.ok("stop_container", `{"containerId":"`+selID+`","timeout":0}`)
	out := x.ok("inspect_container", `{"containerId":"`+other+`"}`)
	if out == nil {
		t.Error("inspect of an unselected container: no content")
	}
}

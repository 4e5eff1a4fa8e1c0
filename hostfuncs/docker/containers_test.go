package docker

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

func listReq(filters map[string][]string) dockerapi.ContainerListRequest {
	return dockerapi.ContainerListRequest{All: true, Filters: filters}
}

func TestContainerList(t *testing.T) {
	o := newOps(t)
	tag := dockertest.Random("case")
	id, name := dockertest.Run(t, dockertest.Options{Labels: map[string]string{"case": tag}})

	res, err := o.ContainerList(t.Context(), listReq(map[string][]string{"label": {"case=" + tag}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Containers) != 1 {
		t.Fatalf("got %d rows, want 1: %+v", len(res.Containers), res)
	}
	c := res.Containers[0]
	if c.ID != id || len(c.Names) != 1 || c.Names[0] != name {
		t.Errorf("row id=%s names=%q, want %s [%s]", c.ID, c.Names, id, name)
	}
	if c.Labels["case"] != tag || c.Labels[dockertest.Label] != "1" || c.State != "running" {
		t.Errorf("row labels=%v state=%q", c.Labels, c.State)
	}
	if js := jsonOf(t, c); !strings.Contains(js, `"ports":[]`) {
		t.Errorf("ports not an empty list: %s", js)
	}
}

func TestContainerListFilterNone(t *testing.T) {
	o := newOps(t)
	dockertest.Run(t, dockertest.Options{})
	f := map[string][]string{"label": {"case=" + dockertest.Random("absent")}}
	res, err := o.ContainerList(t.Context(), listReq(f))
	if err != nil {
		t.Fatal(err)
	}
	if js := jsonOf(t, res); js != `{"containers":[]}` {
		t.Errorf("got %s", js)
	}
}

func TestContainerListInvalid(t *testing.T) {
	o := newOps(t)
	_, err := o.ContainerList(t.Context(), dockerapi.ContainerListRequest{Limit: -1})
	wantCode(t, err, abi.CodeInvalid, "limit")
	f := map[string][]string{"no-such-filter": {"x"}}
	_, err = o.ContainerList(t.Context(), listReq(f))
	wantCode(t, err, abi.CodeInvalid)
}

func TestContainerInspect(t *testing.T) {
	o := newOps(t)
	id, name := dockertest.Run(t, dockertest.Options{})
	for _, ref := range []string{name, "/" + name, id, id[:12]} {
		res, err := o.ContainerInspect(t.Context(), dockerapi.ContainerInspectRequest{ID: ref})
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		var got struct{ ID, Name string }
		if err := json.Unmarshal(res.Container, &got); err != nil {
			t.Fatal(err)
		}
		if got.ID != id || got.Name != "/"+name {
			t.Errorf("%s: got %+v", ref, got)
		}
	}
}

func TestContainerInspectErrors(t *testing.T) {
	o := newOps(t)
	missing := dockertest.Random("missing")
	_, err := o.ContainerInspect(t.Context(), dockerapi.ContainerInspectRequest{ID: missing})
	wantCode(t, err, abi.CodeNotFound, missing)
	_, err = o.ContainerInspect(t.Context(), dockerapi.ContainerInspectRequest{ID: " / "})
	wantCode(t, err, abi.CodeInvalid, "id")
}

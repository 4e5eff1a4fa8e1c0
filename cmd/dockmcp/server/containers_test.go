package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// call runs a tool through the host and decodes its structured content.
func call(t *testing.T, tool, args string) (map[string]any, string, bool) {
	t.Helper()
	r := dockerHost(t).Call(context.Background(), tool, json.RawMessage(args))
	b, _ := json.Marshal(r.StructuredContent)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out, text(r), r.IsError
}

func TestListContainersShowsNameWithoutSlash(t *testing.T) {
	_, name := dockertest.Run(t, dockertest.Options{})
	out, raw, isErr := call(t, "list_containers",
		`{"all":true,"filters":{"name":"`+name+`"}}`)
	if isErr {
		t.Fatal(raw)
	}
	rows, _ := out["containers"].([]any)
	if len(rows) != 1 || rows[0].(map[string]any)["name"] != name {
		t.Fatalf("rows = %v", rows)
	}
	if strings.Contains(raw, `"/`+name) {
		t.Fatalf("a name kept its slash: %s", raw)
	}
}

func TestInspectMissingContainerIsAnError(t *testing.T) {
	dockertest.Client(t)
	_, raw, isErr := call(t, "inspect_container", `{"containerId":"dockmcp-no-such"}`)
	if !isErr || !strings.Contains(raw, "dockmcp-no-such") {
		t.Fatalf("got %s", raw)
	}
}

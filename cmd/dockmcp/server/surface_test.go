package server_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/runtime/tools"
)

const snapshotPath = "testdata/tools.snapshot.json"

func surface(t *testing.T) []byte {
	t.Helper()
	c, err := tools.Parse(guests.ToolDescriptors()...)
	if err != nil {
		t.Fatal(err)
	}
	var list []any
	for _, d := range c.All() {
		list = append(list, server.Tool(d))
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestToolSurfaceSnapshot keeps every tool's name, description, schemas and
// annotations in a committed file, so a change to any of them is a visible
// diff. Regenerate with DOCKMCP_UPDATE_SNAPSHOT=1.
func TestToolSurfaceSnapshot(t *testing.T) {
	got := surface(t)
	if os.Getenv("DOCKMCP_UPDATE_SNAPSHOT") == "1" {
		if err := os.WriteFile(snapshotPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(snapshotPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the tool surface changed; review it and run the test with "+
			"DOCKMCP_UPDATE_SNAPSHOT=1 to accept:\n%s", got)
	}
}

// TestEveryToolCarriesAnnotations reads the surface as a client would: every
// tool states a title and all four hints explicitly, never by omission.
func TestEveryToolCarriesAnnotations(t *testing.T) {
	var list []struct {
		Name        string         `json:"name"`
		Annotations map[string]any `json:"annotations"`
	}
	if err := json.Unmarshal(surface(t), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("no tools")
	}
	for _, tool := range list {
		for _, key := range []string{"title", "readOnlyHint", "destructiveHint",
			"idempotentHint", "openWorldHint"} {
			if _, ok := tool.Annotations[key]; !ok {
				t.Errorf("%s: annotation %s missing", tool.Name, key)
			}
		}
	}
}

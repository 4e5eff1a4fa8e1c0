package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/policy"
)

// A call whose arguments carry a secret (in a value and in a key) leaves
// no trace of it in the audit log, which still records the tool, the
// argument keys, the outcome, the duration and the policy's decision.
func TestAuditLogHoldsNoSecret(t *testing.T) {
	// A fake token, built so that no scanner flags this file.
	secret := "ghp_" + strings.Repeat("Fake0Token9", 4)[:36]
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		AuditFile: file, Tools: policy.Tools{Deny: []string{"remove_volume"}}})
	if err != nil {
		t.Fatal(err)
	}
	name := testName(t)
	args := `{"image":"` + dockertest.Image(t) + `","name":"` + name + `",` +
		`"env":{"GITHUB_TOKEN":"` + secret + `","` + secret + `":"1"},` +
		`"labels":{"dockmcp.test":"1"}}`
	if res := h.Call(t.Context(), "create_container", json.RawMessage(args)); res.IsError {
		t.Fatalf("create: %v", res.Content)
	}
	h.Call(t.Context(), "remove_volume", json.RawMessage(`{"name":"`+secret+`"}`))
	h.Call(t.Context(), "no_such_"+secret, json.RawMessage(`{}`))
	bind := `{"image":"` + dockertest.Image(t) + `","volumes":["/tmp/dockmcp-audit:/data:ro"],` +
		`"labels":{"dockmcp.test":"1"}}`
	if res := h.Call(t.Context(), "create_container", json.RawMessage(bind)); !res.IsError {
		t.Fatalf("a bind outside the allowed roots was not refused: %v", res.Content)
	}
	if res := h.Call(t.Context(), "create_container", json.RawMessage(`{"image":5}`)); !res.IsError {
		t.Fatalf("an image that is a number was not refused: %v", res.Content)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), secret) || strings.Contains(string(b), secret[4:20]) {
		t.Fatalf("the secret is in the audit log:\n%s", b)
	}
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		recs = append(recs, r)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records:\n%s", len(recs), b)
	}
	args0, _ := recs[0]["arguments"].(map[string]any)
	for k, want := range map[string]any{"tool": "create_container", "outcome": "ok",
		"decision": "allowed"} {
		if recs[0][k] != want {
			t.Errorf("record 0: %s = %v, want %v", k, recs[0][k], want)
		}
	}
	if args0["name"] != name || args0["env"] == nil || recs[0]["time"] == "" ||
		recs[0]["durationMs"] == nil {
		t.Errorf("record 0: %v", recs[0])
	}
	if recs[1]["decision"] != "denied: policy.tools.deny" || recs[1]["outcome"] != "unknown tool" {
		t.Errorf("record 1: %v", recs[1])
	}
	if recs[2]["decision"] != "unknown tool" {
		t.Errorf("record 2: %v", recs[2])
	}
	if d, _ := recs[3]["decision"].(string); !strings.HasPrefix(d, "denied: policy.binds.") ||
		recs[3]["outcome"] != "denied" {
		t.Errorf("record 3: the refusal's key is not its decision: %v", recs[3])
	}
	if recs[4]["decision"] != "not checked: invalid arguments" ||
		recs[4]["outcome"] != "invalid arguments" {
		t.Errorf("record 4: arguments the schema refused are audited as %v", recs[4])
	}
}

// Over MCP, a call of a tool that is not served is answered by mcp-go
// itself; it is audited all the same, with the key of a policy removal.
func TestAuditUnknownToolsOverMCP(t *testing.T) {
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		AuditFile: file, Tools: policy.Tools{Deny: []string{"list_images"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	c := inProcessClient(t, h, nil)
	for _, name := range []string{"list_images", "no_such_tool"} {
		req := mcp.CallToolRequest{}
		req.Params.Name = name
		if _, err := c.CallTool(t.Context(), req); err == nil {
			t.Fatalf("%s: answered", name)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	if !strings.Contains(got, `"tool":"list_images",`) ||
		!strings.Contains(got, `"outcome":"unknown tool","durationMs":0,"decision":"denied: policy.tools.deny"`) ||
		!strings.Contains(got, `"tool":"(not a tool)"`) {
		t.Errorf("audit log:\n%s", got)
	}
}

package server_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/policy"
)

// listTools asks h's MCP server for tools/list, as a client would.
func listTools(t *testing.T, h *server.Host) []mcp.Tool {
	t.Helper()
	s := h.MCP()
	ctx := context.Background()
	s.HandleMessage(ctx, json.RawMessage(`{"jsonrpc":"2.0","id":1,"method":"initialize",`+
		`"params":{"protocolVersion":"2025-06-18","capabilities":{},`+
		`"clientInfo":{"name":"t","version":"1"}}}`))
	msg := s.HandleMessage(ctx, json.RawMessage(`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`))
	b, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Result mcp.ListToolsResult `json:"result"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		t.Fatal(err)
	}
	return resp.Result.Tools
}

// --read-only leaves only the tools annotated read-only in tools/list, and
// a write tool is unknown: its call fails before any guest runs.
func TestReadOnlyMode(t *testing.T) {
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		Tools: policy.Tools{ReadOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	listed := listTools(t, h)
	if len(listed) == 0 {
		t.Fatal("no tools listed")
	}
	seen := map[string]bool{}
	for _, tool := range listed {
		seen[tool.Name] = true
		if ro := tool.Annotations.ReadOnlyHint; ro == nil || !*ro {
			t.Errorf("%s is listed but not read-only", tool.Name)
		}
	}
	all := dockerHost(t).Catalog().All()
	for _, d := range all {
		if *d.Annotations.ReadOnlyHint != seen[d.Name] {
			t.Errorf("%s: read-only %v, listed %v", d.Name, *d.Annotations.ReadOnlyHint,
				seen[d.Name])
		}
	}
	for _, tool := range []string{"create_volume", "remove_container", "exec_container"} {
		res := h.Call(t.Context(), tool, json.RawMessage(`{"name":"x"}`))
		text := res.Content[0].(mcp.TextContent).Text
		if !res.IsError || !strings.HasPrefix(text, `Unknown tool "`+tool+`"`) ||
			strings.Contains(text, "create_volume,") {
			t.Errorf("%s: %v %q", tool, res.IsError, text)
		}
	}
}

// The default surface is every tool: modes change nothing unless asked.
func TestDefaultServesEveryTool(t *testing.T) {
	h := dockerHost(t)
	if got, want := len(listTools(t, h)), len(h.Catalog().All()); got != want || want == 0 {
		t.Fatalf("listed %d tools, catalog %d", got, want)
	}
}

// The schema's list of host-safety rules is the host's.
func TestSchemaNamesEveryRule(t *testing.T) {
	var s struct {
		Properties struct {
			Policy struct {
				Properties struct {
					HostSafety struct {
						Properties struct {
							Allow struct {
								Items struct{ Enum []string }
							}
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(config.Schema(), &s); err != nil {
		t.Fatal(err)
	}
	got := s.Properties.Policy.Properties.HostSafety.Properties.Allow.Items.Enum
	if !slices.Equal(got, docker.Rules) {
		t.Errorf("schema %v, host %v", got, docker.Rules)
	}
}

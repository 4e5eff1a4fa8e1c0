package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// TestOfficialSDKInterop runs the core flow through the official Go SDK's
// client, a second implementation of MCP: initialize, tools/list,
// list_containers, and container_logs with its secrets redacted.
func TestOfficialSDKInterop(t *testing.T) {
	t.Parallel()
	dockertest.Client(t)
	_, name := runSecretsContainer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*runTimeout)
	defer cancel()
	cs := connectSDK(t, ctx)

	if got := cs.InitializeResult().ServerInfo; got == nil || got.Name != "dockmcp" {
		t.Errorf("initialize: server info %+v", got)
	}
	checkSDKTools(t, ctx, cs)

	list := callSDK(t, ctx, cs, "list_containers", map[string]any{
		"filters": map[string]any{"name": name},
	})
	if _, ok := findRow(t, list.StructuredContent, name); !ok {
		t.Errorf("list_containers: no row named %s", name)
	}

	res := callSDK(t, ctx, cs, "container_logs", map[string]any{"containerId": name})
	whole, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	checkLogsResult(t, whole, sdkText(res), res.StructuredContent)
}

// connectSDK starts `dockmcp serve` under the official client. The session
// is closed, and the server must exit cleanly, when t ends.
func connectSDK(t *testing.T, ctx context.Context) *mcp.ClientSession {
	t.Helper()
	stderr := &syncBuffer{}
	cmd := command(context.Background(), "serve")
	cmd.Stderr = stderr
	c := mcp.NewClient(&mcp.Implementation{Name: "dockmcp-e2e", Version: "0"}, nil)
	cs, err := c.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nserver stderr:\n%s", err, stderr)
	}
	t.Cleanup(func() {
		if err := cs.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("dockmcp serve exited %d", code)
		}
		noPanic(t, stderr.String())
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr)
		}
	})
	return cs
}

func checkSDKTools(t *testing.T, ctx context.Context, cs *mcp.ClientSession) {
	t.Helper()
	res, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if tool.Annotations == nil || tool.Annotations.Title == "" ||
			tool.Annotations.DestructiveHint == nil || tool.Annotations.OpenWorldHint == nil {
			t.Errorf("%s: annotations %+v", tool.Name, tool.Annotations)
		}
	}
	checkHasTools(t, names)
}

// callSDK calls a tool that must succeed.
func callSDK(t *testing.T, ctx context.Context, cs *mcp.ClientSession, name string,
	args map[string]any) *mcp.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("tools/call %s: protocol error %v", name, err)
	}
	if res.IsError {
		t.Fatalf("tools/call %s: error result %q", name, sdkText(res))
	}
	return res
}

func sdkText(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// mcpgoSession is `dockmcp serve` driven by mcp-go's stdio client.
type mcpgoSession struct {
	t      *testing.T
	c      *client.Client
	stderr *syncBuffer
}

// startMCPGo launches `dockmcp serve` under mcp-go's client and
// initializes the session. The server is stopped, and must exit cleanly,
// when t ends; its stderr is shown if t failed.
func startMCPGo(t *testing.T) *mcpgoSession {
	t.Helper()
	stderr := &syncBuffer{}
	args := []string{"--cache-dir", e2e.cacheDir, "--log-level", "debug", "serve"}
	c, err := client.NewStdioMCPClientWithOptions(e2e.bin, nil, args,
		transport.WithCommandStderrWriter(stderr))
	if err != nil {
		t.Fatalf("start dockmcp serve: %v", err)
	}
	s := &mcpgoSession{t: t, c: c, stderr: stderr}
	t.Cleanup(s.close)

	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "dockmcp-e2e", Version: "0"}
	res, err := c.Initialize(ctx, req)
	if err != nil {
		t.Fatalf("initialize: %v\nserver stderr:\n%s", err, stderr)
	}
	if res.ServerInfo.Name != "dockmcp" || res.Capabilities.Tools == nil {
		t.Fatalf("initialize: server %+v, capabilities %+v", res.ServerInfo, res.Capabilities)
	}
	return s
}

func (s *mcpgoSession) close() {
	if err := s.c.Close(); err != nil {
		s.t.Errorf("dockmcp serve did not exit cleanly: %v", err)
	}
	noPanic(s.t, s.stderr.String())
	if s.t.Failed() {
		s.t.Logf("server stderr:\n%s", s.stderr)
	}
}

// call calls a tool and fails the test on a protocol error: tool failures
// must come back as results.
func (s *mcpgoSession) call(name string, args any) *mcp.CallToolResult {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := s.c.CallTool(ctx, req)
	if err != nil {
		s.t.Fatalf("tools/call %s: protocol error %v\nserver stderr:\n%s", name, err, s.stderr)
	}
	return res
}

// mustCall calls a tool that must succeed.
func (s *mcpgoSession) mustCall(name string, args any) *mcp.CallToolResult {
	s.t.Helper()
	res := s.call(name, args)
	if res.IsError {
		s.t.Fatalf("tools/call %s %v: error result %q", name, args, text(res))
	}
	return res
}

// text joins a result's text content.
func text(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := mcp.AsTextContent(c); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// TestMCPGoToolsList checks the tool surface a client sees: at least the
// four first tools, and every tool with a title and all four hints sent
// explicitly. It needs no daemon.
func TestMCPGoToolsList(t *testing.T) {
	t.Parallel()
	s := startMCPGo(t)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	res, err := s.c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}

	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		checkAnnotations(t, tool)
		if len(tool.RawInputSchema) == 0 && tool.InputSchema.Type != "object" {
			t.Errorf("%s: no input schema", tool.Name)
		}
	}
	checkHasTools(t, names)

	// A call waits for the guests, so the server exits at once on Close and
	// well within the 5 s mcp-go allows: on exit it waits for guests still
	// loading, which takes seconds with -race on a busy machine.
	// TestServeStdinClosed covers an exit while they load.
	s.call("validate_connection", map[string]any{}) // an error result without a daemon
}

func checkAnnotations(t *testing.T, tool mcp.Tool) {
	t.Helper()
	a := tool.Annotations
	if a.Title == "" {
		t.Errorf("%s: annotations have no title", tool.Name)
	}
	hints := map[string]*bool{
		"readOnlyHint": a.ReadOnlyHint, "destructiveHint": a.DestructiveHint,
		"idempotentHint": a.IdempotentHint, "openWorldHint": a.OpenWorldHint,
	}
	for hint, v := range hints {
		if v == nil {
			t.Errorf("%s: %s is not sent; clients would assume the worst", tool.Name, hint)
		}
	}
}

// TestMCPGoLogsRedacted is the core flow through mcp-go's client: list the
// containers, then read the logs of one that prints fake secrets on both
// streams and invalid UTF-8. The answer must hold no secret (in text or
// structured content), keep the streams apart, carry no frame headers, and
// show the invalid bytes as U+FFFD.
func TestMCPGoLogsRedacted(t *testing.T) {
	t.Parallel()
	dockertest.Client(t)
	id, name := runSecretsContainer(t)
	s := startMCPGo(t)

	list := s.mustCall("list_containers", map[string]any{})
	findRow(t, list.StructuredContent, name)
	list = s.mustCall("list_containers", map[string]any{
		"filters": map[string]any{"name": name},
	})
	row, ok := findRow(t, list.StructuredContent, name)
	if !ok || !strings.HasPrefix(id, row.ID) || row.State != "running" {
		t.Errorf("list_containers by name %s: row %+v, found %v", name, row, ok)
	}

	res := s.mustCall("container_logs", map[string]any{"containerId": name})
	whole, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	checkLogsResult(t, whole, text(res), res.StructuredContent)
}

// fieldAll matches the field name all as a word, not inside "call".
var fieldAll = regexp.MustCompile(`\ball\b`)

// TestMCPGoInspect checks inspect_container by a name with Docker's leading
// slash, that a missing container is an error result naming it after which
// the server keeps serving, and that a bad argument is an error result that
// names the field and shows an example.
func TestMCPGoInspect(t *testing.T) {
	t.Parallel()
	dockertest.Client(t)
	id, name := runSecretsContainer(t)
	s := startMCPGo(t)

	res := s.mustCall("inspect_container", map[string]any{"containerId": "/" + name})
	whole, _ := json.Marshal(res)
	if !strings.Contains(string(whole), id) {
		t.Errorf("inspect_container /%s: the answer lacks the ID %s:\n%s", name, id, whole)
	}
	for _, secret := range []string{fakeOpenAIKey, fakeGitHubToken} {
		if strings.Contains(string(whole), secret) { // the command line holds them
			t.Errorf("inspect_container: the answer holds the fake secret %q", secret)
		}
	}

	missing := dockertest.Random("dockmcp-e2e-missing")
	res = s.call("inspect_container", map[string]any{"containerId": missing})
	if !res.IsError || !strings.Contains(text(res), missing) {
		t.Errorf("inspect of a missing container: isError %v, text %q; want an error naming %s",
			res.IsError, text(res), missing)
	}
	s.mustCall("list_containers", map[string]any{"all": true}) // still serving

	res = s.call("list_containers", map[string]any{"all": "yes"})
	msg := text(res)
	reason, example, _ := strings.Cut(msg, "Example")
	if !res.IsError || !fieldAll.MatchString(reason) || !strings.Contains(example, "true") {
		t.Errorf(`list_containers {"all":"yes"}: isError %v, text %q; `+
			"want an error naming the field all, with an example", res.IsError, msg)
	}
	s.mustCall("validate_connection", map[string]any{}) // still serving
}

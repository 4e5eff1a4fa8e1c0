// Package e2eimages drives the real dockmcp binary over stdio with an MCP
// client, for the image tools whose behaviour lives in the protocol:
// progress notifications during a push, and credentials that never show.
package e2eimages

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/internal/testio"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

func TestMain(m *testing.M) { dockertest.Main(m) }

// binDir holds the binary and the compilation cache, shared by the tests.
var binDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "dockmcp-e2eimages")
	if err != nil {
		return "", err
	}
	dockertest.AtExit(func() { os.RemoveAll(dir) })
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "dockmcp"),
		"github.com/dockmcp/dockmcp/cmd/dockmcp")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build dockmcp: %w\n%s", err, out)
	}
	return dir, nil
})

// serve builds dockmcp and starts `dockmcp serve` with env added to this
// process's environment; its stderr (the log) is collected into logs.
func serve(t *testing.T, env []string, logs *syncBuffer) *client.Client {
	t.Helper()
	dir, err := binDir()
	if err != nil {
		t.Fatal(err)
	}
	// This client declares no elicitation; push_image is destructive (it
	// overwrites the registry's tag) and runs only with the allow fallback.
	env = append(env, "DOCKMCP_CONFIRM_FALLBACK=allow")
	c, err := client.NewStdioMCPClient(filepath.Join(dir, "dockmcp"), env, "serve", "--log-level", "debug",
		"--cache-dir", filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if r, ok := client.GetStderr(c); ok {
		go func() { _, _ = io.Copy(logs, r) }()
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := c.Start(ctx); err != nil { // wires notification handlers
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "e2eimages", Version: "0"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatal(err)
	}
	return c
}

// syncBuffer collects output written while tests read it.
type syncBuffer = testio.Buffer

// progressCounter counts progress notifications for one token and notes
// how many had arrived when the result came.
type progressCounter struct {
	mu       sync.Mutex
	token    string
	count    int
	messages []string
}

func (p *progressCounter) handle(n mcp.JSONRPCNotification) {
	if n.Method != "notifications/progress" {
		return
	}
	tok, _ := n.Params.AdditionalFields["progressToken"].(string)
	msg, _ := n.Params.AdditionalFields["message"].(string)
	p.mu.Lock()
	defer p.mu.Unlock()
	if tok == p.token {
		p.count++
		p.messages = append(p.messages, msg)
	}
}

func (p *progressCounter) seen() (int, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.count, append([]string(nil), p.messages...)
}

func callTool(t *testing.T, c *client.Client, name string, args map[string]any,
	token string) *mcp.CallToolResult {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	if token != "" {
		req.Params.Meta = &mcp.Meta{ProgressToken: token}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	res, err := c.CallTool(ctx, req)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func resultText(r *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range r.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func TestPushReportsProgressBeforeResult(t *testing.T) {
	reg := dockertest.NeedLocalRegistry(t)
	ref := reg + "/dockmcp-test/e2e:" + dockertest.Random("t")
	dockertest.LayeredImage(t, ref, 4, nil)
	var logs syncBuffer
	c := serve(t, []string{"DOCKER_CONFIG=" + t.TempDir()}, &logs)
	pc := &progressCounter{token: "push-1"}
	c.OnNotification(pc.handle)

	res := callTool(t, c, "push_image", map[string]any{"image": ref}, "push-1")
	before, msgs := pc.seen()

	if res.IsError {
		t.Fatalf("push_image: %s\nlog:\n%s", resultText(res), logs.String())
	}
	if before < 2 {
		t.Fatalf("%d progress notifications before the result, want 2 or more: %q",
			before, msgs)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "layers done") {
		t.Errorf("progress messages lack layer counts: %q", msgs)
	}
}

func TestCredentialsNeverInResultsOrLogs(t *testing.T) {
	const user, password = "e2e-user", "e2e-Secret??????~~~~~~"
	reg := dockertest.AuthRegistry(t, user, password)
	ref := reg + "/dockmcp-test/e2e-auth:" + dockertest.Random("t")
	dockertest.LayeredImage(t, ref, 2, nil)
	cfg := t.TempDir()
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	conf := `{"auths":{"` + reg + `":{"auth":"` + basic + `"}}}`
	if err := os.WriteFile(filepath.Join(cfg, "config.json"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	c := serve(t, []string{"DOCKER_CONFIG=" + cfg}, &logs)

	push := callTool(t, c, "push_image", map[string]any{"image": ref}, "")
	dockertest.RemoveImage(t, ref)
	t.Cleanup(func() { dockertest.RemoveImage(t, ref) })
	pull := callTool(t, c, "pull_image", map[string]any{"image": ref}, "")

	if push.IsError || pull.IsError {
		t.Fatalf("push: %s\npull: %s", resultText(push), resultText(pull))
	}
	all := resultText(push) + resultText(pull) + logs.String()
	for _, secret := range []string{password, basic, "e2e-Secret"} {
		if strings.Contains(all, secret) {
			t.Fatalf("a credential shows in results or logs:\n%s", all)
		}
	}
}

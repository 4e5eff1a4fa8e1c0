package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	mobyclient "github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// elicitor is a client's elicitation handler: it answers with answer (nil:
// it never answers, until its context ends) and keeps the messages asked.
type elicitor struct {
	answer *mcp.ElicitationResult
	during func() // if set, runs while the form is open
	mu     sync.Mutex
	asked  []string
}

func (e *elicitor) Elicit(ctx context.Context, req mcp.ElicitationRequest) (
	*mcp.ElicitationResult, error) {
	e.mu.Lock()
	e.asked = append(e.asked, req.Params.Message)
	e.mu.Unlock()
	if e.during != nil {
		e.during()
	}
	if e.answer == nil {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return e.answer, nil
}

func (e *elicitor) messages() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.asked...)
}

func answer(action mcp.ElicitationResponseAction, content any) *mcp.ElicitationResult {
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{
		Action: action, Content: content}}
}

// confirmHost is a host with cfg and an audit log, and the log's path.
func confirmHost(t *testing.T, cfg server.Confirm) (*server.Host, string) {
	t.Helper()
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		Confirm: cfg, AuditFile: audit})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return h, audit
}

// inProcessClient is an initialized MCP client of h; e nil declares no
// elicitation.
func inProcessClient(t *testing.T, h *server.Host, e *elicitor) *client.Client {
	t.Helper()
	var opts []client.ClientOption
	if e != nil {
		opts = append(opts, client.WithElicitationHandler(e))
	}
	c, err := client.NewInProcessClientWithOptions(h.MCP(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return startClient(t, c)
}

func startClient(t *testing.T, c *client.Client) *client.Client {
	t.Helper()
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.ProtocolVersion20251125
	init.Params.ClientInfo = mcp.Implementation{Name: "dockmcp-test", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return c
}

func callTool(t *testing.T, c *client.Client, tool string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = tool, args
	res, err := c.CallTool(t.Context(), req)
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return res
}

// victim runs a container for a test to remove, by a name testName cleans.
func victim(t *testing.T, h *server.Host) string {
	t.Helper()
	name := testName(t)
	res := h.Call(t.Context(), "run_container", json.RawMessage(spec(t, name,
		`"command":["forever"]`)))
	if res.IsError {
		t.Fatal(text(res))
	}
	return name
}

// exists reports whether the container id is still there.
func exists(t *testing.T, id string) bool {
	t.Helper()
	_, err := dockertest.Client(t).ContainerInspect(t.Context(), id,
		mobyclient.ContainerInspectOptions{})
	return err == nil
}

// lastDecision is the decision of the audit log's last record.
func lastDecision(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var last string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		last = sc.Text()
	}
	return last
}

// Every way a destructive call can go through confirmation, against the
// daemon: remove_container on a running container either removes it or
// leaves it, and each refusal names the key that would let it run.
func TestConfirmDestructive(t *testing.T) {
	yes := answer(mcp.ElicitationResponseActionAccept, map[string]any{"confirm": true})
	cases := []struct {
		name     string
		cfg      server.Confirm
		client   *elicitor // nil: no elicitation capability
		removed  bool
		key      string // named by the refusal
		decision string // in the audit record
	}{
		{"accepted", server.Confirm{}, &elicitor{answer: yes}, true, "",
			`"decision":"allowed (confirmed by the user)"`},
		{"declined", server.Confirm{}, &elicitor{answer: answer(
			mcp.ElicitationResponseActionDecline, nil)}, false, server.KeyConfirmDestructive,
			`"decision":"denied: policy.confirm.destructive"`},
		{"cancelled", server.Confirm{}, &elicitor{answer: answer(
			mcp.ElicitationResponseActionCancel, nil)}, false, server.KeyConfirmDestructive,
			`"outcome":"refused"`},
		{"accepted unticked", server.Confirm{}, &elicitor{answer: answer(
			mcp.ElicitationResponseActionAccept, map[string]any{"confirm": false})}, false,
			server.KeyConfirmDestructive, `"outcome":"refused"`},
		{"no answer in time", server.Confirm{Timeout: 300 * time.Millisecond},
			&elicitor{}, false, server.KeyConfirmTimeout,
			`"decision":"denied: policy.confirm.timeoutSeconds"`},
		{"no capability, default fallback", server.Confirm{}, nil, false,
			server.KeyConfirmFallback, `"decision":"denied: policy.confirm.fallback"`},
		{"no capability, fallback deny", server.Confirm{Fallback: server.FallbackDeny}, nil,
			false, server.KeyConfirmFallback, `"outcome":"refused"`},
		{"no capability, fallback allow", server.Confirm{Fallback: server.FallbackAllow}, nil,
			true, "", `"decision":"allowed (policy.confirm.fallback: allow; the client cannot ask)"`},
		{"never asked", server.Confirm{Destructive: server.ConfirmNever},
			&elicitor{answer: answer(mcp.ElicitationResponseActionDecline, nil)}, true, "",
			`"decision":"allowed"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, audit := confirmHost(t, tc.cfg)
			id := victim(t, h)
			c := inProcessClient(t, h, tc.client)
			res := callTool(t, c, "remove_container", map[string]any{"containerId": id,
				"force": true})
			got := text(res)
			if gone := !exists(t, id); gone != tc.removed || res.IsError == tc.removed {
				t.Fatalf("removed %v (error %v), want %v: %s", gone, res.IsError, tc.removed, got)
			}
			if tc.key != "" && (!strings.Contains(got, tc.key) ||
				!strings.Contains(got, "Nothing was changed")) {
				t.Errorf("the refusal does not name %s: %s", tc.key, got)
			}
			if tc.client != nil && tc.cfg.Destructive != server.ConfirmNever {
				asked := tc.client.messages()
				if len(asked) != 1 || !strings.Contains(asked[0], "remove_container") ||
					!strings.Contains(asked[0], id) {
					t.Errorf("asked %q", asked)
				}
			}
			if rec := lastDecision(t, audit); !strings.Contains(rec, tc.decision) {
				t.Errorf("audit record %s lacks %s", rec, tc.decision)
			}
		})
	}
}

// A call that is not destructive is never asked about, and a destructive
// call with arguments the tool refuses is refused by validation, unasked.
func TestConfirmOnlyDestructive(t *testing.T) {
	e := &elicitor{answer: answer(mcp.ElicitationResponseActionDecline, nil)}
	h, _ := confirmHost(t, server.Confirm{})
	c := inProcessClient(t, h, e)
	if res := callTool(t, c, "list_containers", map[string]any{}); res.IsError {
		t.Fatal(text(res))
	}
	res := callTool(t, c, "remove_container", map[string]any{"containerId": ""})
	if !res.IsError || strings.Contains(text(res), server.KeyConfirmDestructive) {
		t.Errorf("invalid arguments: %s", text(res))
	}
	if asked := e.messages(); len(asked) != 0 {
		t.Errorf("asked %q", asked)
	}
}

// The confirmation shows the arguments through the filter chain: a secret
// an argument carries is not put before the user (nor logged by the client),
// and the form says that not all of the call is shown.
func TestConfirmMessageIsRedacted(t *testing.T) {
	// A fake token, built so that no scanner flags this file.
	secret := "ghp_" + strings.Repeat("Confirm7Fake", 4)[:36]
	e := &elicitor{answer: answer(mcp.ElicitationResponseActionDecline, nil)}
	h, _ := confirmHost(t, server.Confirm{})
	id := victim(t, h)
	c := inProcessClient(t, h, e)
	res := callTool(t, c, "exec_container", map[string]any{"containerId": id,
		"command": []string{"/fakeapp", "emit", "TOKEN=" + secret}})
	asked := e.messages()
	if !res.IsError || len(asked) != 1 {
		t.Fatalf("asked %q: %s", asked, text(res))
	}
	if strings.Contains(asked[0], secret[4:20]) || !strings.Contains(asked[0], "emit") ||
		!strings.Contains(asked[0], "Not all of it is shown") {
		t.Errorf("the confirmation shows %q", asked[0])
	}
	e2 := &elicitor{answer: answer(mcp.ElicitationResponseActionDecline, nil)}
	c2 := inProcessClient(t, h, e2)
	callTool(t, c2, "stop_container", map[string]any{"containerId": id})
	if asked := e2.messages(); len(asked) != 1 || strings.Contains(asked[0], "Not all") {
		t.Errorf("a call shown whole: %q", asked)
	}
}

// The form names the container the call acts on, and the call acts on the
// container the user confirmed, by its ID: a rename while the form is open
// does not swap another container in. A container that is not there is
// refused unasked, and only an exact {"confirm": true} is a yes.
func TestConfirmPinsTheContainer(t *testing.T) {
	h, _ := confirmHost(t, server.Confirm{})
	tmp, important := victim(t, h), victim(t, h)
	tmpID := inspectID(t, tmp)
	cli := dockertest.Client(t)
	swapped := testName(t)
	e := &elicitor{answer: answer(mcp.ElicitationResponseActionAccept,
		map[string]any{"confirm": true}), during: func() {
		for _, r := range [][2]string{{tmp, swapped}, {important, tmp}} {
			if _, err := cli.ContainerRename(context.Background(), r[0],
				mobyclient.ContainerRenameOptions{NewName: r[1]}); err != nil {
				t.Errorf("rename %s: %v", r[0], err)
			}
		}
	}}
	c := inProcessClient(t, h, e)
	res := callTool(t, c, "remove_container", map[string]any{"containerId": tmp, "force": true})
	if res.IsError {
		t.Fatal(text(res))
	}
	if exists(t, tmpID) || !exists(t, tmp) {
		t.Errorf("removed the wrong container: %s", text(res))
	}
	if asked := e.messages(); len(asked) != 1 ||
		!strings.Contains(asked[0], `container "`+tmp+`" (ID `+tmpID[:12]+`)`) {
		t.Errorf("asked %q", asked)
	}

	e = &elicitor{answer: answer(mcp.ElicitationResponseActionAccept,
		map[string]any{"Confirm": true})}
	c = inProcessClient(t, h, e)
	if res := callTool(t, c, "stop_container", map[string]any{"containerId": tmp}); !res.IsError {
		t.Errorf(`{"Confirm": true} was taken for a yes: %s`, text(res))
	}
	if res := callTool(t, c, "stop_container", map[string]any{
		"containerId": "dockmcp-no-such"}); !res.IsError ||
		!strings.Contains(text(res), "dockmcp-no-such") {
		t.Errorf("a missing container: %s", text(res))
	}
	if asked := e.messages(); len(asked) != 1 {
		t.Errorf("asked %d times, want once (not for the missing container)", len(asked))
	}
}

func inspectID(t *testing.T, ref string) string {
	t.Helper()
	res, err := dockertest.Client(t).ContainerInspect(t.Context(), ref,
		mobyclient.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Container.ID
}

// Over Streamable HTTP the question goes out on the call's stream and the
// answer comes back: accepted removes, declined keeps.
func TestConfirmOverHTTP(t *testing.T) {
	for _, yes := range []bool{true, false} {
		h, _ := confirmHost(t, server.Confirm{})
		id := victim(t, h)
		s := serveHTTP(t, h, nil, server.HTTPConfig{})
		e := &elicitor{answer: answer(mcp.ElicitationResponseActionAccept,
			map[string]any{"confirm": yes})}
		tr, err := transport.NewStreamableHTTP(s.url, transport.WithHTTPHeaders(
			map[string]string{"Authorization": "Bearer " + testToken}))
		if err != nil {
			t.Fatal(err)
		}
		c := startClient(t, client.NewClient(tr, client.WithElicitationHandler(e)))
		res := callTool(t, c, "remove_container", map[string]any{"containerId": id,
			"force": true})
		if gone := !exists(t, id); gone != yes || res.IsError == yes ||
			len(e.messages()) != 1 {
			t.Errorf("confirm %v: removed %v, asked %d: %s", yes, gone, len(e.messages()),
				text(res))
		}
	}
}

// A destructive call the container selectors refuse is refused as the call
// would be, without asking the user to confirm what cannot run; a call
// they allow is asked about.
func TestConfirmNotAskedWhenSelectorsRefuse(t *testing.T) {
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: dockertest.Client(t),
		AuditFile: audit, Selectors: docker.Selectors{
			Containers: docker.Selector{Names: []string{"dmsel-*"}},
			Exec:       docker.Selector{Labels: []string{"exec=ok"}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	e := &elicitor{answer: answer(mcp.ElicitationResponseActionAccept,
		map[string]any{"confirm": true})}
	c := inProcessClient(t, h, e)
	selID, sel := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmsel")})
	otherID, other := dockertest.Run(t, dockertest.Options{Name: dockertest.Random("dmun")})

	for _, tc := range []struct {
		tool string
		args map[string]any
		key  string
	}{
		{"stop_container", map[string]any{"containerId": other, "timeout": 0},
			"policy.containers.names"},
		{"remove_container", map[string]any{"containerId": otherID[:12], "force": true},
			"policy.containers.names"},
		{"exec_container", map[string]any{"containerId": sel,
			"command": []string{"/fakeapp", "emit", "x"}}, "policy.exec.containers.labels"},
		{"prune_containers", map[string]any{}, "policy.containers.names"},
	} {
		res := callTool(t, c, tc.tool, tc.args)
		if !res.IsError || !strings.Contains(text(res), tc.key) {
			t.Errorf("%s: %s, want a refusal naming %s", tc.tool, text(res), tc.key)
		}
		if rec := lastDecision(t, audit); !strings.Contains(rec, `"tool":"`+tc.tool+`"`) ||
			!strings.Contains(rec, `"decision":"denied: `+tc.key+`"`) {
			t.Errorf("%s: audit record %s", tc.tool, rec)
		}
	}
	if asked := e.messages(); len(asked) != 0 {
		t.Errorf("asked to confirm calls the selectors refuse: %q", asked)
	}
	if !exists(t, otherID) {
		t.Error("the unselected container was removed")
	}

	if res := callTool(t, c, "stop_container", map[string]any{"containerId": selID,
		"timeout": 0}); res.IsError {
		t.Fatal(text(res))
	}
	if asked := e.messages(); len(asked) != 1 || !strings.Contains(asked[0], selID) {
		t.Errorf("a selected container's stop was not asked about: %q", asked)
	}
}

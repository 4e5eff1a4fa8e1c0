package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
)

// buildHost returns a host whose only build root is root.
func buildHost(t *testing.T, root string) *server.Host {
	t.Helper()
	h, err := server.New(server.Config{
		CacheDir: cacheDir, Docker: dockertest.Client(t), BuildRoots: []string{root},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// buildContextDir writes files into a fresh directory.
func buildContextDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// testTag returns a fresh tag whose image is removed when t ends.
func testTag(t *testing.T) string {
	t.Helper()
	tag := "dockmcp-test/build:" + dockertest.Random("tool")
	cli := dockertest.Client(t)
	t.Cleanup(func() {
		opts := client.ImageRemoveOptions{Force: true, PruneChildren: true}
		if _, err := cli.ImageRemove(context.Background(), tag, opts); err != nil &&
			!cerrdefs.IsNotFound(err) {
			t.Errorf("remove %s: %v", tag, err)
		}
	})
	return tag
}

func contentText(r *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range r.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func buildArgs(t *testing.T, dir, tag string) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"context": dir, "tag": tag,
		// An object argument may arrive JSON-encoded in a string.
		"labels": `{"dockmcp.test":"1"}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBuildImageTool(t *testing.T) {
	dir := buildContextDir(t, map[string]string{
		"Dockerfile": "FROM scratch\nCOPY . /ctx/\n", ".dockerignore": "secret.txt\n",
		"kept.txt": "kept", "secret.txt": "fake-secret-for-tests",
	})
	tag := testTag(t)
	var mu sync.Mutex
	var steps []string
	ctx := progress.With(t.Context(), func(u progress.Update) {
		mu.Lock()
		defer mu.Unlock()
		steps = append(steps, u.Message)
	})

	r := buildHost(t, dir).Call(ctx, "build_image", buildArgs(t, dir, tag))

	if r.IsError {
		t.Fatal(contentText(r))
	}
	b, _ := json.Marshal(r.StructuredContent)
	var out struct {
		ImageID      string
		Tags         []string
		ContextBytes int64
		Lines        []string
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.ImageID, "sha256:") || len(out.Tags) != 1 || out.Tags[0] != tag ||
		out.ContextBytes == 0 || len(out.Lines) == 0 {
		t.Errorf("answer %s", b)
	}
	if !strings.Contains(contentText(r), "Successfully tagged "+tag) {
		t.Errorf("text %q", contentText(r))
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(steps, "\n"), "Step 2/3 : COPY . /ctx/") {
		t.Errorf("progress %q", steps)
	}
	img, err := dockertest.Client(t).ImageInspect(t.Context(), tag)
	if err != nil || img.Config.Labels[dockertest.Label] != dockertest.LabelValue {
		t.Errorf("image labels %v, %v", img.Config, err)
	}
}

func TestBuildImageToolFailure(t *testing.T) {
	dir := buildContextDir(t, map[string]string{"Dockerfile": "FROM scratch\nCOPY missing-file /x\n"})

	r := buildHost(t, dir).Call(t.Context(), "build_image", buildArgs(t, dir, testTag(t)))

	msg := contentText(r)
	if !r.IsError || !strings.Contains(msg, "COPY failed") ||
		!strings.Contains(msg, "Last build lines:\nStep 1/3 : FROM scratch") ||
		// The scrubber cannot tell the container's /x from a host path.
		!strings.Contains(msg, "Step 2/3 : COPY missing-file [host path]") {
		t.Fatalf("isError=%v text %q", r.IsError, msg)
	}
}

func TestBuildImageToolRefusesContextOutsideRoot(t *testing.T) {
	root := t.TempDir()
	outside := buildContextDir(t, map[string]string{"Dockerfile": "FROM scratch\n"})

	r := buildHost(t, root).Call(t.Context(), "build_image", buildArgs(t, outside, "x:1"))

	msg := contentText(r)
	if !r.IsError || !strings.Contains(msg, root) || !strings.Contains(msg, "policy.build.roots") {
		t.Fatalf("isError=%v text %q", r.IsError, msg)
	}
}

func TestBuildImageToolArguments(t *testing.T) {
	dockertest.Client(t)
	dir := buildContextDir(t, map[string]string{"Dockerfile": "FROM scratch\n"})
	if err := os.Mkdir(filepath.Join(dir, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := buildHost(t, dir)
	for args, want := range map[string]string{
		`{"context":"."}`: "tag",
		`{"context":".","tag":"a:1","timeoutSeconds":0}`:             "timeoutSeconds",
		`{"context":".","tag":"a:1","platform":"linux"}`:             "platform",
		`{"context":".","tag":"a:1","buildArgs":"[1]"}`:              "buildArgs",
		`{"context":".","tag":"NOT VALID"}`:                          "tag:",
		`{"context":"app","tag":"a:1","dockerfile":"../Dockerfile"}`: "must be inside",
	} {
		r := h.Call(t.Context(), "build_image", json.RawMessage(args))
		if msg := contentText(r); !r.IsError || !strings.Contains(msg, want) {
			t.Errorf("%s: isError=%v text %q, want it to name %s", args, r.IsError, msg, want)
		}
	}
}

package docker

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockerapi"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/hostfuncs/progress"
	"github.com/dockmcp/dockmcp/runtime/abi"
)

// writeTree writes files (slash path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// offlineOps returns Ops whose daemon cannot be reached: a check that
// passes shows up as CodeUnavailable, one that fails before anything is
// sent as its own code.
func offlineOps(t *testing.T, opts ...Option) *Ops {
	t.Helper()
	cli, err := client.New(client.WithHost("unix:///nonexistent/dockmcp-test.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cli.Close() })
	return New(cli, opts...)
}

// buildTag returns a fresh tag and removes its image when t ends.
func buildTag(t *testing.T) string {
	t.Helper()
	tag := "dockmcp-test/build:" + dockertest.Random("b")
	cli := dockertest.Client(t)
	t.Cleanup(func() {
		opts := client.ImageRemoveOptions{Force: true, PruneChildren: true}
		_, err := cli.ImageRemove(context.Background(), tag, opts)
		if err != nil && !cerrdefs.IsNotFound(err) {
			t.Errorf("remove %s: %v", tag, err)
		}
	})
	return tag
}

func buildReq(dir, tag string) dockerapi.ImageBuildRequest {
	return dockerapi.ImageBuildRequest{
		Context: dir, Tags: []string{tag},
		Labels: map[string]string{dockertest.Label: dockertest.LabelValue},
	}
}

// collect returns a context whose progress updates land in the result.
func collect(ctx context.Context) (context.Context, func() []progress.Update) {
	var mu sync.Mutex
	var got []progress.Update
	ctx = progress.With(ctx, func(u progress.Update) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, u)
	})
	return ctx, func() []progress.Update {
		mu.Lock()
		defer mu.Unlock()
		return append([]progress.Update(nil), got...)
	}
}

func TestBuildHonoursDockerignore(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"Dockerfile":     "FROM scratch\nCOPY . /ctx/\n",
		".dockerignore":  "# generated\nsecret.txt\nbuild/\nDockerfile\n",
		"kept.txt":       "kept",
		"secret.txt":     "fake-secret-for-tests",
		"build/out.bin":  "out",
		"sub/nested.txt": "nested",
	})
	o := New(dockertest.Client(t), WithBuildRoots(dir))
	tag := buildTag(t)
	ctx, updates := collect(t.Context())

	res, err := o.ImageBuild(ctx, buildReq(dir, tag))
	if err != nil {
		t.Fatal(err)
	}

	if !strings.HasPrefix(res.ImageID, "sha256:") || len(res.Tags) != 1 || res.Tags[0] != tag {
		t.Errorf("result %+v", res)
	}
	if last := strings.Join(res.Lines, "\n"); !strings.Contains(last, "Successfully tagged "+tag) {
		t.Errorf("lines %q", res.Lines)
	}
	if !hasUpdate(updates(), "Step 2/3 : COPY . /ctx/") ||
		!hasUpdate(updates(), "Sending build context") {
		t.Errorf("progress %+v", updates())
	}
	img, err := o.cli.ImageInspect(t.Context(), tag)
	if err != nil || img.Config.Labels[dockertest.Label] != dockertest.LabelValue {
		t.Fatalf("image labels %v, %v", img.Config, err)
	}
	id := createFrom(t, tag)
	for path, want := range map[string]bool{
		"/ctx/kept.txt": true, "/ctx/sub/nested.txt": true, "/ctx/secret.txt": false,
		"/ctx/build": false,
		// Both are sent; the daemon drops the Dockerfile as .dockerignore lists it,
		// as it does for the docker CLI.
		"/ctx/Dockerfile": false, "/ctx/.dockerignore": true,
	} {
		_, err := o.cli.ContainerStatPath(t.Context(), id,
			client.ContainerStatPathOptions{Path: path})
		if got := err == nil; got != want {
			t.Errorf("%s in image = %v (%v), want %v", path, got, err, want)
		}
	}
}

func hasUpdate(us []progress.Update, prefix string) bool {
	for _, u := range us {
		if strings.HasPrefix(u.Message, prefix) {
			return true
		}
	}
	return false
}

// createFrom creates (never starts) a container of image, removed when t
// ends, to read its file system.
func createFrom(t *testing.T, image string) string {
	t.Helper()
	cli := dockertest.Client(t)
	res, err := cli.ContainerCreate(t.Context(), client.ContainerCreateOptions{
		Config: &container.Config{
			Image: image, Cmd: []string{"/none"},
			Labels: map[string]string{dockertest.Label: dockertest.LabelValue},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = cli.ContainerRemove(context.Background(), res.ID,
			client.ContainerRemoveOptions{Force: true})
	})
	return res.ID
}

func TestBuildArgsTargetLabels(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"docker/Dockerfile.dev": "FROM scratch AS base\nARG GREETING\n" +
			"LABEL greeting=$GREETING\nFROM base AS final\nLABEL final=yes\n",
	})
	symlink(t, "docker/Dockerfile.dev", filepath.Join(dir, "Dockerfile.link"))
	o := New(dockertest.Client(t), WithBuildRoots(dir))
	tag := buildTag(t)
	req := buildReq(dir, tag)
	req.Dockerfile, req.Target = "Dockerfile.link", "base"
	req.BuildArgs = map[string]string{"GREETING": "hello"}
	req.Labels["extra"] = "1"

	if _, err := o.ImageBuild(t.Context(), req); err != nil {
		t.Fatal(err)
	}

	img, err := o.cli.ImageInspect(t.Context(), tag)
	if err != nil {
		t.Fatal(err)
	}
	l := img.Config.Labels
	if l["greeting"] != "hello" || l["extra"] != "1" || l["final"] != "" {
		t.Errorf("labels %v: want greeting=hello, extra=1 and no final (target base)", l)
	}
}

func TestBuildFailureHasDaemonErrorAndLastLines(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\nCOPY missing-file /x\n"})
	o := New(dockertest.Client(t), WithBuildRoots(dir))

	_, err := o.ImageBuild(t.Context(), buildReq(dir, buildTag(t)))

	wantCode(t, err, abi.CodeDaemon, "the build failed", "missing-file",
		"Last build lines:\n", "Step 1/3 : FROM scratch", "Step 2/3 : COPY missing-file /x")
}

func TestBuildSyntaxError(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\nNOPE now\n"})
	o := New(dockertest.Client(t), WithBuildRoots(dir))

	_, err := o.ImageBuild(t.Context(), buildReq(dir, buildTag(t)))

	var ae *abi.Error
	if !errors.As(err, &ae) || !strings.Contains(strings.ToLower(ae.Message), "nope") {
		t.Fatalf("error = %v, want the daemon's parse error", err)
	}
}

func TestBuildContextMustBeUnderRoot(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "root"), filepath.Join(base, "outside")
	writeTree(t, root, map[string]string{"app/Dockerfile": "FROM scratch\n"})
	writeTree(t, outside, map[string]string{"Dockerfile": "FROM scratch\n"})
	symlink(t, outside, filepath.Join(root, "link"))
	o := offlineOps(t, WithBuildRoots(root))

	for _, ctxDir := range []string{outside, "../outside", "app/../../outside", "link",
		filepath.Join(root, "link"), "/"} {
		_, err := o.ImageBuild(t.Context(), buildReq(ctxDir, "x:1"))
		wantCode(t, err, abi.CodeDenied, "context", root, "outside the allowed build roots",
			"start dockmcp in it")
	}
	for _, ctxDir := range []string{"app", filepath.Join(root, "app"), "."} {
		_, err := o.ImageBuild(t.Context(), buildReq(ctxDir, "x:1"))
		if ctxDir == "." {
			wantCode(t, err, abi.CodeNotFound, "dockerfile") // root has no Dockerfile
			continue
		}
		wantCode(t, err, abi.CodeUnavailable) // accepted, then sent
	}
	_, err := o.ImageBuild(t.Context(), buildReq("nope", "x:1"))
	wantCode(t, err, abi.CodeNotFound, "context", "nope")
}

func TestBuildRootDefaultsToWorkingDirectory(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	o := offlineOps(t)
	_, err = o.ImageBuild(t.Context(), buildReq(t.TempDir(), "x:1"))
	wantCode(t, err, abi.CodeDenied, wd)
	_, err = o.ImageBuild(t.Context(), buildReq(".", "x:1"))
	wantCode(t, err, abi.CodeNotFound, "dockerfile") // "." is allowed; it has no Dockerfile
}

func TestDockerfileMustBeInsideContext(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"Dockerfile": "FROM scratch\n", "app/kept.txt": "x", "app/Dockerfile": "FROM scratch\n",
	})
	symlink(t, "../Dockerfile", filepath.Join(root, "app", "Dockerfile.escape"))
	o := offlineOps(t, WithBuildRoots(root))
	ctxDir := filepath.Join(root, "app")

	for _, df := range []string{"../Dockerfile", filepath.Join(root, "Dockerfile"),
		"Dockerfile.escape", "sub/../../Dockerfile"} {
		req := buildReq(ctxDir, "x:1")
		req.Dockerfile = df
		_, err := o.ImageBuild(t.Context(), req)
		wantCode(t, err, abi.CodeInvalid, "dockerfile", "must be inside the context")
	}
	for _, df := range []string{"", "Dockerfile", filepath.Join(ctxDir, "Dockerfile")} {
		req := buildReq(ctxDir, "x:1")
		req.Dockerfile = df
		_, err := o.ImageBuild(t.Context(), req)
		wantCode(t, err, abi.CodeUnavailable) // accepted
	}
	req := buildReq(ctxDir, "x:1")
	req.Dockerfile = "kept.txt/.."
	_, err := o.ImageBuild(t.Context(), req)
	if err == nil {
		t.Fatal("a path through a file was accepted")
	}
}

func TestBuildContextCap(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 128<<10)
	_, _ = rand.Read(big)
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", "big.bin": string(big)})
	o := offlineOps(t, WithBuildRoots(dir), WithBuildContextLimit(64<<10))

	_, err := o.ImageBuild(t.Context(), buildReq(dir, "x:1"))
	wantCode(t, err, abi.CodeTooLarge, "cap of 0.1 MiB", "nothing was sent", ".dockerignore")

	writeTree(t, dir, map[string]string{".dockerignore": "big.bin\n"})
	_, err = o.ImageBuild(t.Context(), buildReq(dir, "x:1"))
	wantCode(t, err, abi.CodeUnavailable) // under the cap: sent
}

func TestBuildCancelledDuringUpload(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\nCOPY big.bin /\n"})
	f, err := os.Create(filepath.Join(dir, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(96 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	o := New(dockertest.Client(t), WithBuildRoots(dir))
	tag := buildTag(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ctx = progress.With(ctx, func(u progress.Update) {
		if strings.HasPrefix(u.Message, "Sending build context") {
			cancel()
		}
	})

	start := time.Now()
	_, err = o.ImageBuild(ctx, buildReq(dir, tag))

	wantCode(t, err, abi.CodeTimeout, "stopped", "timeoutSeconds")
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("cancelled build took %v", d)
	}
	if _, err := o.cli.ImageInspect(t.Context(), tag); !cerrdefs.IsNotFound(err) {
		t.Errorf("image after a cancelled build: %v", err)
	}
}

func TestBuildDeadlinePassed(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\n"})
	o := offlineOps(t, WithBuildRoots(dir))
	ctx, cancel := context.WithTimeout(t.Context(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()

	_, err := o.ImageBuild(ctx, buildReq(dir, "x:1"))
	wantCode(t, err, abi.CodeTimeout)
}

func TestBuildOptionsInvalid(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\n"})
	o := offlineOps(t, WithBuildRoots(dir))
	tests := []struct {
		edit  func(*dockerapi.ImageBuildRequest)
		field string
	}{
		{func(r *dockerapi.ImageBuildRequest) { r.Tags = nil }, "tag"},
		{func(r *dockerapi.ImageBuildRequest) { r.Tags = []string{"Bad:Tag!"} }, "tag"},
		{func(r *dockerapi.ImageBuildRequest) {
			r.Tags = []string{"app@sha256:" + strings.Repeat("a", 64)}
		}, "tag"},
		{func(r *dockerapi.ImageBuildRequest) { r.Platform = "linux//" }, "platform"},
		{func(r *dockerapi.ImageBuildRequest) { r.TimeoutSeconds = -1 }, "timeoutSeconds"},
		{func(r *dockerapi.ImageBuildRequest) { r.TimeoutSeconds = 4000 }, "timeoutSeconds"},
		{func(r *dockerapi.ImageBuildRequest) { r.Context = " " }, "context"},
		{func(r *dockerapi.ImageBuildRequest) { r.Context = dir + "/Dockerfile" }, "context"},
	}
	for _, tt := range tests {
		req := buildReq(dir, "app:1")
		tt.edit(&req)
		_, err := o.ImageBuild(t.Context(), req)
		wantCode(t, err, abi.CodeInvalid, tt.field+": ")
	}
	req := buildReq(dir, "app:1")
	req.Platform = "linux/arm64/v8"
	_, err := o.ImageBuild(t.Context(), req)
	wantCode(t, err, abi.CodeUnavailable) // accepted
}

func TestReadBuildStreamError(t *testing.T) {
	stream := `{"stream":"Step 1/2 : FROM scratch\n"}` + "\n" +
		`{"stream":" ---\u003e \n"}{"stream":"Step 2/2 : COPY a /\n"}` +
		`{"errorDetail":{"message":"COPY failed: boom"},"error":"COPY failed: boom"}`
	log := &buildLog{}
	_, err := readBuild(strings.NewReader(stream), log)
	if err == nil || err.Error() != "COPY failed: boom" {
		t.Fatalf("error = %v", err)
	}
	if got := log.tail(); len(got) != 3 || got[2] != "Step 2/2 : COPY a /" {
		t.Errorf("lines %q", got)
	}
	id, err := readBuild(strings.NewReader(`{"aux":{"ID":"sha256:abc"}}`), &buildLog{})
	if err != nil || id != "sha256:abc" {
		t.Errorf("aux: %q, %v", id, err)
	}
	if _, err := readBuild(strings.NewReader(`{"stream":`), &buildLog{}); err == nil {
		t.Error("a cut stream is not an error")
	}
}

func TestWithLinesFits(t *testing.T) {
	var lines []string
	for i := range 40 {
		lines = append(lines, strings.Repeat("x", 90)+string(rune('a'+i%26)))
	}
	lines = append(lines, "newest")
	msg := withLines(strings.Repeat("e", 2000), lines)
	if len(msg) > abi.MaxMessage || !strings.HasSuffix(msg, "\nnewest") ||
		!strings.Contains(msg, "Last build lines:") {
		t.Errorf("message of %d bytes: %q", len(msg), msg)
	}
	l := &buildLog{}
	for range 30 {
		l.write("a line\n")
	}
	l.write("unterminated")
	if got := l.tail(); len(got) != BuildTailLines || got[len(got)-1] != "unterminated" {
		t.Errorf("tail %q", got)
	}
}

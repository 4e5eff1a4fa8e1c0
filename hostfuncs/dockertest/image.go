package dockertest

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/build"
	"github.com/moby/moby/client"
)

const buildTimeout = 3 * time.Minute

const dockerfile = `FROM scratch
COPY fakeapp /fakeapp
ENTRYPOINT ["/fakeapp"]
CMD ["forever"]
`

var (
	mainCalled bool
	imageBuilt bool // set once a build was sent, read by Main
	runID      = randomHex(6)
	imageTag   = "dockmcp-test/fakeapp:" + runID
	buildImage = sync.OnceValue(func() error {
		ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
		defer cancel()
		return buildFakeapp(ctx, imageTag)
	})
)

// atExit holds what AtExit registered, run by Main after the tests.
var atExit []func()

// AtExit registers fn to run after the package's tests, before Main exits:
// for package-wide fixtures such as a shared compilation cache folder.
func AtExit(fn func()) { atExit = append(atExit, fn) }

// Main runs the tests of m, removes the image [Image] built, runs what
// AtExit registered, and exits with the tests' status. Call it from TestMain
// in every package that uses Image.
func Main(m *testing.M) {
	mainCalled = true
	code := m.Run()
	if err := removeImage(); err != nil {
		fmt.Fprintln(os.Stderr, "dockertest:", err)
	}
	for _, fn := range atExit {
		fn()
	}
	os.Exit(code)
}

// Image returns the tag of a tiny image, FROM scratch, whose entrypoint is
// the fakeapp program (see testdata/fakeapp). It is built once per test
// binary; if the build fails, every caller fails. The test package must call
// [Main] from TestMain.
func Image(t testing.TB) string {
	t.Helper()
	if !mainCalled {
		t.Fatal("dockertest: Image needs func TestMain(m *testing.M) { dockertest.Main(m) }")
	}
	Client(t) // skips or fails without a daemon
	if err := buildImage(); err != nil {
		t.Fatalf("dockertest: build image: %v", err)
	}
	return imageTag
}

// removeImage removes the image if this binary built it.
func removeImage() error {
	if !imageBuilt {
		return nil
	}
	cli, err := connect(context.Background())
	if err != nil {
		return err
	}
	defer cli.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := client.ImageRemoveOptions{Force: true, PruneChildren: true}
	_, err = cli.ImageRemove(ctx, imageTag, opts)
	return err
}

// buildFakeapp compiles fakeapp and builds the image with the classic builder,
// which needs no session and no registry.
func buildFakeapp(ctx context.Context, tag string) error {
	bin, err := compileFakeapp(ctx)
	if err != nil {
		return err
	}
	tarball, err := buildContext(bin)
	if err != nil {
		return err
	}
	cli, err := connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	res, err := cli.ImageBuild(ctx, tarball, client.ImageBuildOptions{
		Tags:        []string{tag},
		Labels:      labels(nil),
		Remove:      true,
		ForceRemove: true,
		Version:     build.BuilderV1,
	})
	if err != nil {
		return err
	}
	defer res.Body.Close()
	imageBuilt = true // a failed build may still leave a tag behind
	return readBuildStream(res.Body)
}

// readBuildStream drains the build's progress stream; failures arrive inside
// it as messages with an error, not as an HTTP status.
func readBuildStream(r io.Reader) error {
	dec := json.NewDecoder(r)
	var log bytes.Buffer
	for {
		var msg struct {
			Stream string `json:"stream"`
			Error  string `json:"error"`
		}
		if err := dec.Decode(&msg); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("read build output: %w", err)
		}
		log.WriteString(msg.Stream)
		if msg.Error != "" {
			return fmt.Errorf("%s\nbuild log:\n%s", msg.Error, log.String())
		}
	}
}

// compileFakeapp builds testdata/fakeapp as a static Linux binary.
func compileFakeapp(ctx context.Context) ([]byte, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return nil, errors.New("cannot locate dockertest sources")
	}
	dir, err := os.MkdirTemp("", "dockertest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "fakeapp")
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, ".")
	cmd.Dir = filepath.Join(filepath.Dir(file), "testdata", "fakeapp")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build fakeapp: %w\n%s", err, msg)
	}
	return os.ReadFile(out)
}

// buildContext returns a tar holding the Dockerfile and the binary.
func buildContext(bin []byte) (io.Reader, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	files := []struct {
		name string
		mode int64
		data []byte
	}{
		{"Dockerfile", 0o644, []byte(dockerfile)},
		{"fakeapp", 0o755, bin},
	}
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data))}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	return &buf, tw.Close()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

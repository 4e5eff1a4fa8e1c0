package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/internal/testio"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// The end-to-end tests drive the real binary, built once by TestMain, over
// its standard streams. All of them share one compilation cache, warmed by
// TestMain, so that no test's timeout has to cover a cold compile of the
// guests (about 2 s, but over 30 s when the binary is built with -race).
var e2e struct {
	bin      string // the dockmcp binary
	cacheDir string // --cache-dir for every run
}

// wantTools are tools the embedded guest must serve, among others.
var wantTools = []string{
	"list_containers", "inspect_container", "container_logs", "validate_connection",
}

// checkHasTools fails t if names, as listed by tools/list, lack one of
// wantTools or name a tool twice.
func checkHasTools(t *testing.T, names []string) {
	t.Helper()
	for _, want := range wantTools {
		if !slices.Contains(names, want) {
			t.Errorf("tools/list lacks %s: %v", want, names)
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
		t.Errorf("tools/list names a tool twice: %v", names)
	}
}

const (
	buildTimeout = 5 * time.Minute // go build, with -race, on a cold build cache
	warmTimeout  = 3 * time.Minute // the first compile of the guests, with -race
	runTimeout   = 2 * time.Minute // one run of the binary
	// workPrefix names the folder of one test run; the process ID after it
	// lets a later run remove what an earlier one could not (see sweepWork).
	workPrefix = "dockmcp-e2e-"
)

func TestMain(m *testing.M) {
	if err := setup(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		os.Exit(1)
	}
	dockertest.Main(m)
}

// setup builds the binary and warms the compilation cache, in a folder that
// dockertest.Main removes after the tests; sweepWork removes what a crashed
// run left.
func setup() error {
	sweepWork()
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", workPrefix, os.Getpid()))
	if err != nil {
		return err
	}
	// A binary built with -race sleeps 1 s at exit, after its signal
	// handlers are gone: a client's SIGTERM in that second kills it and
	// looks like an unclean exit. The test binary read GORACE at its start;
	// this reaches only the children.
	os.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	e2e.bin = filepath.Join(dir, "dockmcp")
	e2e.cacheDir = filepath.Join(dir, "cache")
	cacheDir = e2e.cacheDir
	dockertest.AtExit(func() { os.RemoveAll(dir) })
	if err := build(e2e.bin); err != nil {
		return err
	}
	return warm()
}

// build compiles the binary, with the race detector when the test binary
// has it, so that races in the server fail these tests too.
func build(out string) error {
	args := []string{"build", "-o", out}
	if raceEnabled() {
		args = append(args, "-race")
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", append(args, ".")...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, b)
	}
	return nil
}

func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// warm fills the compilation cache. validate_connection enters the tool
// guest, and its answer (an error here) passes the filter guest, so both
// compile; the unreachable endpoint keeps the warm-up free of any daemon.
func warm() error {
	ctx, cancel := context.WithTimeout(context.Background(), warmTimeout)
	defer cancel()
	cmd := command(ctx, "call", "validate_connection")
	cmd.Env = append(os.Environ(), "DOCKER_HOST=unix:///nonexistent.sock")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 && strings.Contains(string(out), "isError") {
		return nil
	}
	return fmt.Errorf("warm the cache: %v\nstdout: %s\nstderr: %s", err, out, stderr.Bytes())
}

// sweepWork removes the folders of earlier runs whose process has ended.
func sweepWork() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), workPrefix+"*"))
	for _, dir := range dirs {
		pidText, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(dir), workPrefix), "-")
		pid, err := strconv.Atoi(pidText)
		if err == nil && pid != os.Getpid() && !alive(pid) {
			_ = os.RemoveAll(dir)
		}
	}
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH)
}

// command makes an exec.Cmd of the binary with the shared cache. It
// inherits the environment, so DOCKER_HOST reaches the binary.
func command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, e2e.bin, append([]string{"--cache-dir", e2e.cacheDir}, args...)...)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// cliRun is one finished run of the binary.
type cliRun struct {
	stdout, stderr string
	code           int
}

// runCLI runs the binary with args, the extra environment variables env,
// and stdin closed, and fails t if it does not exit within runTimeout.
func runCLI(t *testing.T, env []string, args ...string) cliRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := command(ctx, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) || ctx.Err() != nil {
		t.Fatalf("dockmcp %s: %v (context: %v)\nstderr: %s", strings.Join(args, " "),
			err, ctx.Err(), stderr.Bytes())
	}
	r := cliRun{stdout: stdout.String(), stderr: stderr.String(), code: cmd.ProcessState.ExitCode()}
	noPanic(t, r.stderr)
	return r
}

// noPanic fails t if a process's stderr shows a Go panic or a data race.
func noPanic(t *testing.T, stderr string) {
	t.Helper()
	for _, sign := range []string{"panic:", "goroutine ", "WARNING: DATA RACE"} {
		if strings.Contains(stderr, sign) {
			t.Errorf("stderr shows %q:\n%s", sign, stderr)
			return
		}
	}
}

// syncBuffer collects output written while tests read it.
type syncBuffer = testio.Buffer

// Fake credentials, shaped like real ones so that the secret filter must
// catch them. They are assembled here, not written whole, so that secret
// scanners do not flag this file. They are not, and never were, valid.
var (
	fakeOpenAIKey   = "sk-" + "proj-" + "FAKEfake0123456789" + "FAKEfake0123456789" + "abcd"
	fakeGitHubToken = "ghp" + "_" + "FAKEfake0123456789" + "FAKEfake0123456789"
)

// Markers that tell which stream a line of the secrets container came from.
const (
	stdoutMarker = "stdout-says"
	stderrMarker = "stderr-says"
	// badUTF8Hex is "bad:", the invalid bytes FF FE, then ":end\n".
	badUTF8Hex = "6261643a" + "fffe" + "3a656e640a"
)

// runSecretsContainer starts a container that writes a fake OpenAI key to
// stdout, a fake GitHub token to stderr, then invalid UTF-8 to stdout, and
// stays up. The local log driver keeps the invalid bytes as they were
// written (json-file replaces them in the daemon). It returns once the
// daemon holds every line.
func runSecretsContainer(t *testing.T) (id, name string) {
	t.Helper()
	id, name = dockertest.Run(t, dockertest.Options{
		Args: []string{
			"emit", stdoutMarker + " " + fakeOpenAIKey,
			"emit-stderr", stderrMarker + " " + fakeGitHubToken,
			"bytes-hex", badUTF8Hex,
			"forever",
		},
		LogDriver: "local",
	})
	dockertest.WaitLog(t, id, stdoutMarker, stderrMarker, "bad:", ":end")
	return id, name
}

// logsAnswer is container_logs's structured content.
type logsAnswer struct {
	ContainerID string `json:"containerId"`
	Stdout      string `json:"stdout"`
	Stderr      string `json:"stderr"`
	Lines       int    `json:"lines"`
	Truncated   bool   `json:"truncated"`
}

// checkLogsResult checks container_logs's answer on the secrets container.
// whole is the entire result as the client decoded it, marshalled again;
// text is its text content; structured is its structured content.
func checkLogsResult(t *testing.T, whole []byte, text string, structured any) {
	t.Helper()
	for _, secret := range []string{fakeOpenAIKey, fakeGitHubToken} {
		if bytes.Contains(whole, []byte(secret)) {
			t.Errorf("the result holds the fake secret %q:\n%s", secret, whole)
		}
	}
	if !bytes.Contains(whole, []byte("[REDACTED:")) {
		t.Errorf("the result has no [REDACTED: marker:\n%s", whole)
	}
	if strings.Contains(text, fakeOpenAIKey) || !strings.Contains(text, "[REDACTED:") {
		t.Errorf("text content not redacted: %q", text)
	}

	var logs logsAnswer
	if err := remarshal(structured, &logs); err != nil {
		t.Fatalf("structured content: %v", err)
	}
	checkStreams(t, logs)
	for _, s := range []string{text, logs.Stdout, logs.Stderr} {
		checkClean(t, s)
	}
}

// checkStreams checks that each stream holds its own lines only, redacted.
func checkStreams(t *testing.T, logs logsAnswer) {
	t.Helper()
	if !strings.Contains(logs.Stdout, stdoutMarker+" [REDACTED:") ||
		strings.Contains(logs.Stdout, stderrMarker) {
		t.Errorf("stdout should hold its own line, redacted, and nothing of stderr: %q",
			logs.Stdout)
	}
	if !strings.Contains(logs.Stderr, stderrMarker+" [REDACTED:") ||
		strings.Contains(logs.Stderr, stdoutMarker) || strings.Contains(logs.Stderr, "bad:") {
		t.Errorf("stderr should hold its own line, redacted, and nothing of stdout: %q",
			logs.Stderr)
	}
	if !strings.Contains(logs.Stdout, "bad:\uFFFD") || !strings.Contains(logs.Stdout, ":end") {
		t.Errorf("stdout should show the invalid bytes as U+FFFD: %q", logs.Stdout)
	}
}

// checkClean fails t if s holds invalid UTF-8 or Docker's stream frame
// headers (stream 1 or 2, three zero bytes, then a length).
func checkClean(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("invalid UTF-8 in %q", s)
	}
	for _, header := range []string{"\x01\x00\x00\x00", "\x02\x00\x00\x00", "\x00"} {
		if strings.Contains(s, header) {
			t.Errorf("frame header bytes %q in %q", header, s)
		}
	}
}

// remarshal converts v, as decoded from JSON, into out.
func remarshal(v, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// containerRow is one row of list_containers's structured content.
type containerRow struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	State string `json:"state"`
}

// findRow returns the row of list_containers's answer named name, and fails
// t if a name has Docker's leading slash.
func findRow(t *testing.T, structured any, name string) (containerRow, bool) {
	t.Helper()
	var list struct {
		Containers []containerRow `json:"containers"`
		Count      int            `json:"count"`
	}
	if err := remarshal(structured, &list); err != nil {
		t.Fatalf("list_containers structured content: %v", err)
	}
	var found containerRow
	ok := false
	for _, row := range list.Containers {
		if strings.HasPrefix(row.Name, "/") {
			t.Errorf("list_containers: name %q keeps Docker's leading slash", row.Name)
		}
		if row.Name == name {
			found, ok = row, true
		}
	}
	if list.Count != len(list.Containers) {
		t.Errorf("list_containers: count %d, rows %d", list.Count, len(list.Containers))
	}
	return found, ok
}

package runtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/guests"
	"github.com/dockmcp/dockmcp/hostfuncs/docker"
	"github.com/dockmcp/dockmcp/hostfuncs/hostio"
	"github.com/dockmcp/dockmcp/runtime"
	"github.com/dockmcp/dockmcp/runtime/abi"
	"github.com/dockmcp/dockmcp/runtime/guesttest"
)

var (
	limitGuest []byte
	// cacheDir is shared by the tests so that each guest compiles once.
	cacheDir string
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	code, err := guesttest.Build("./testdata/limitguest")
	if err != nil {
		println("build limitguest:", err.Error())
		return 2
	}
	limitGuest = code
	if cacheDir, err = os.MkdirTemp("", "dockmcp-cache"); err != nil {
		println(err.Error())
		return 2
	}
	defer os.RemoveAll(cacheDir)
	return m.Run()
}

func toolGrant() runtime.Grant {
	return runtime.Grant{}.Module("wasi_snapshot_preview1").Module(abi.ModuleIO).
		Module(abi.ModuleDocker)
}

func newEngine(t *testing.T) *runtime.Engine {
	t.Helper()
	e, err := runtime.NewEngine(runtime.Options{
		CacheDir:    cacheDir,
		HostModules: []runtime.HostModule{hostio.Module(nil), docker.Module(unreachable())},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close(context.Background()) })
	return e
}

func smallClass() runtime.Class {
	c := runtime.ToolClass
	c.Name = "test"
	c.Deadline = 20 * time.Second
	c.PoolSize, c.Warm = 1, 0
	return c
}

func call(t *testing.T, m *runtime.Module, mode string, n int) ([]byte, error) {
	t.Helper()
	args, _ := json.Marshal(map[string]any{"mode": mode, "n": n})
	in, _ := json.Marshal(map[string]any{"tool": "test", "arguments": json.RawMessage(args)})
	return m.Call(context.Background(), abi.ExportToolCall, in)
}

func wantFault(t *testing.T, err error, kind runtime.FaultKind) {
	t.Helper()
	var f *runtime.Fault
	if !errors.As(err, &f) || f.Kind != kind {
		t.Fatalf("err = %v, want a fault of kind %d (stderr %q)", err, kind, stderrOf(err))
	}
}

// After a fault the instance is gone; the module still serves.
func wantRecovers(t *testing.T, m *runtime.Module) {
	t.Helper()
	before := m.Instances.Load()
	if _, err := call(t, m, "echo", 0); err != nil {
		t.Fatalf("call after fault: %v", err)
	}
	if m.Instances.Load() != before+1 {
		t.Fatalf("instances %d -> %d: the faulted instance was reused", before, m.Instances.Load())
	}
}

func TestCallEcho(t *testing.T) {
	m := newEngine(t).Load("limit", limitGuest, smallClass(), toolGrant())
	out, err := call(t, m, "echo", 0)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"text":"ok echo"}` {
		t.Fatalf("out = %s", out)
	}
}

func TestGuestErrorKeepsCode(t *testing.T) {
	m := newEngine(t).Load("limit", limitGuest, smallClass(), toolGrant())
	_, err := call(t, m, "fail", 0)
	var ae *abi.Error
	if !errors.As(err, &ae) || ae.Code != abi.CodeNotFound || ae.Message != "no such thing" {
		t.Fatalf("err = %#v", err)
	}
}

func TestDeadlineStopsLoopingGuest(t *testing.T) {
	c := smallClass()
	c.Deadline = 300 * time.Millisecond
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	if err := m.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err := call(t, m, "loop", 0)
	wantFault(t, err, runtime.FaultTimeout)
	wantRecovers(t, m)
}

func TestMemoryLimitStopsGrowingGuest(t *testing.T) {
	c := smallClass()
	c.MemoryLimitPages = 64 << 20 / 65536
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	_, err := call(t, m, "alloc", 0)
	wantFault(t, err, runtime.FaultMemory)
	wantRecovers(t, m)
}

func TestOutputCapTrips(t *testing.T) {
	c := smallClass()
	c.OutputCap = 64 << 10
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	if _, err := call(t, m, "output", 32); err != nil {
		t.Fatalf("under the cap: %v", err)
	}
	_, err := call(t, m, "output", 128)
	wantFault(t, err, runtime.FaultOutput)
}

// A Go guest's collector cannot finish a cycle between calls, so garbage
// left by one call piles up; the SDK forces a collection at the end of a
// call that leaves a large heap. Without it (gcThreshold set out of reach)
// this loop runs the guest out of its 256 MiB; with it the guest stays
// under 64 MiB.
func TestGarbageDoesNotGrowGuest(t *testing.T) {
	c := smallClass()
	c.HighWaterBytes = 1 << 40   // never recycle: the memory must stay small by itself
	c.Deadline = 2 * time.Minute // a slow, shared machine under -race
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	for range 30 {
		if _, err := call(t, m, "small", 16); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Instances.Load(); n != 1 {
		t.Fatalf("instances = %d, want 1", n)
	}
	t.Logf("memory %d MiB", m.MemorySize()>>20)
	if size := m.MemorySize(); size > 64<<20 {
		t.Fatalf("guest memory after 30 calls that leave garbage: %d MiB", size>>20)
	}
}

// A guest that keeps what it allocates is recycled at the high-water mark.
func TestHighWaterRecyclesInstance(t *testing.T) {
	c := smallClass()
	c.HighWaterBytes = 48 << 20
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	for range 10 {
		if _, err := call(t, m, "leak", 16); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Instances.Load(); n < 3 {
		t.Fatalf("instances = %d: the leaking instance was never recycled", n)
	}
}

func TestForbiddenImportRefusedAtLoad(t *testing.T) {
	e := newEngine(t)
	// The tool guest imports Docker operations; as a filter it may not.
	filterGrant := runtime.Grant{}.Module("wasi_snapshot_preview1").Module(abi.ModuleIO)
	m := e.Load("tools-as-filter", guests.ToolsWasm, runtime.FilterClass, filterGrant)
	err := m.Ready(context.Background())
	if err == nil || !contains(err.Error(), "dockmcp_docker_v1.container_list") {
		t.Fatalf("err = %v, want the Docker import named", err)
	}
	if _, err := m.Call(context.Background(), abi.ExportFilter, nil); err == nil {
		t.Fatal("a refused guest ran")
	}
}

func TestUnknownModuleImportRefused(t *testing.T) {
	m := newEngine(t).Load("env", wasmImporting("env", "system"), smallClass(), toolGrant())
	err := m.Ready(context.Background())
	if err == nil || !contains(err.Error(), "env.system") {
		t.Fatalf("err = %v, want env.system named", err)
	}
}

func TestModuleSizeCap(t *testing.T) {
	c := smallClass()
	c.MaxModuleBytes = 1 << 10
	m := newEngine(t).Load("big", limitGuest, c, toolGrant())
	if err := m.Ready(context.Background()); err == nil || !contains(err.Error(), "over the") {
		t.Fatalf("err = %v", err)
	}
}

func TestNotAGuestRefused(t *testing.T) {
	// A module with no ABI version export.
	m := newEngine(t).Load("bare", wasmImporting("", ""), smallClass(), toolGrant())
	if err := m.Ready(context.Background()); err == nil || !contains(err.Error(), abi.ExportVersion) {
		t.Fatalf("err = %v", err)
	}
}

func contains(s, sub string) bool { return len(sub) > 0 && stringsContains(s, sub) }

// unreachable gives Docker operations that fail at once: these tests count
// host calls, not Docker answers.
func unreachable() *docker.Ops {
	cli, err := client.New(client.WithHost("unix:///nonexistent/dockmcp.sock"))
	if err != nil {
		panic(err)
	}
	return docker.New(cli)
}

func TestHostCallBudgetTrips(t *testing.T) {
	c := smallClass()
	c.HostCallBudget = 5
	m := newEngine(t).Load("limit", limitGuest, c, toolGrant())
	for _, tc := range []struct {
		n    int
		want abi.Code
	}{{5, abi.CodeUnavailable}, {6, abi.CodeTooLarge}} {
		_, err := call(t, m, "ping", tc.n)
		var ae *abi.Error
		if !errors.As(err, &ae) || ae.Code != tc.want {
			t.Errorf("%d host calls: err = %v, want code %v", tc.n, err, tc.want)
		}
	}
}

// Runtimes sharing a file cache can publish a half-compiled module when two
// compile the same bytes at once (wazero#2547). Four pools of one guest in
// two runtimes warm at once on a cold cache, several times over.
func TestConcurrentWarmOnColdCache(t *testing.T) {
	for range 3 {
		e, err := runtime.NewEngine(runtime.Options{
			CacheDir:    t.TempDir(),
			HostModules: []runtime.HostModule{hostio.Module(nil), docker.Module(unreachable())},
		})
		if err != nil {
			t.Fatal(err)
		}
		var mods []*runtime.Module
		for i := range 4 {
			c := smallClass()
			c.Name = []string{"a", "b"}[i%2]
			c.Warm = 1
			mods = append(mods, e.Load("limit", limitGuest, c, toolGrant()))
		}
		for _, m := range mods {
			if _, err := call(t, m, "echo", 0); err != nil {
				t.Fatal(err)
			}
		}
		e.Close(context.Background())
	}
}

package server_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/config"
	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime/guesttest"
)

var hostileBuilt sync.Map // name -> func() ([]byte, error)

func hostileFilter(t *testing.T, name string) []byte {
	t.Helper()
	once, _ := hostileBuilt.LoadOrStore(name, sync.OnceValues(func() ([]byte, error) {
		return guesttest.Build("../testdata/hostile/" + name)
	}))
	wasm, err := once.(func() ([]byte, error))()
	if err != nil {
		t.Fatal(err)
	}
	return wasm
}

func exampleFilter(t *testing.T) server.UserFilter {
	t.Helper()
	wasm, err := os.ReadFile("../../../guests/wasm/examplefilter.wasm")
	if err != nil {
		t.Fatal(err)
	}
	return server.UserFilter{Filter: config.Filter{Name: "corp"}, Wasm: wasm}
}

// filteredHost is a host with user filters whose daemon address is
// unreachable at the given socket path ("": the test daemon): the error result of
// validate_connection names it, so the path is text the chain must filter.
func filteredHost(t *testing.T, socket string, filters ...server.UserFilter) *server.Host {
	t.Helper()
	var docker *client.Client
	if socket == "" {
		docker = dockertest.Client(t)
	} else {
		cli, err := client.New(client.WithHost("unix://" + socket))
		if err != nil {
			t.Fatal(err)
		}
		docker = cli
	}
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: docker, Filters: filters})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	// Wait for the compiles here, not under the call's deadline: a refused
	// filter is reported by the call.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_ = h.Ready(ctx)
	return h
}

func TestUserFilterRunsAfterTheBuiltin(t *testing.T) {
	h := filteredHost(t, "/nonexistent/db-1.corp.example/EMP-123456.sock", exampleFilter(t))
	r := h.Call(context.Background(), "validate_connection", nil)
	got := text(r)
	if !r.IsError || strings.Contains(got, "corp.example") || strings.Contains(got, "EMP-1") ||
		!strings.Contains(got, "[REDACTED:corp-host]") ||
		!strings.Contains(got, "[REDACTED:employee-id]") {
		t.Fatalf("got %s", got)
	}
}

// Each hostile user filter withholds the answer: the secret, which the
// built-in filter does not know, is nowhere in the result.
func TestHostileUserFiltersWithholdAnswers(t *testing.T) {
	const secret = "s3cret-HOSTILE-4242"
	for _, tc := range []struct {
		guest string
		entry config.Filter
	}{
		{"loop", config.Filter{DeadlineSeconds: 1}},
		{"membomb", config.Filter{MemoryMiB: 32}},
		{"bigoutput", config.Filter{}},
		{"echoplus", config.Filter{}},
		{"dockerimport", config.Filter{}},
	} {
		if raceEnabled && tc.guest != "loop" && tc.guest != "dockerimport" {
			continue // each host costs much under -race; cmd/dockmcp tries all five
		}
		tc.entry.Name = tc.guest
		f := server.UserFilter{Filter: tc.entry, Wasm: hostileFilter(t, tc.guest)}
		h := filteredHost(t, "/nonexistent/"+secret+".sock", f)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		r := h.Call(ctx, "validate_connection", nil)
		cancel()
		got := text(r)
		if !r.IsError || strings.Contains(got, secret) || !strings.Contains(got, "withheld") {
			t.Errorf("%s: got %s", tc.guest, got)
		}
	}
}

// With a daemon: a user filter redacts container logs (done-when 3 of
// issue 4, through container_logs).
func TestUserFilterRedactsContainerLogs(t *testing.T) {
	h := filteredHost(t, "", exampleFilter(t))
	_, name := dockertest.Run(t, dockertest.Options{Args: []string{
		"emit", "connect db-1.eu.corp.example as EMP-654321", "forever"}})
	var got string
	for range 50 {
		r := h.Call(context.Background(), "container_logs",
			json.RawMessage(`{"containerId":"`+name+`"}`))
		if got = text(r); r.IsError {
			t.Fatal(got)
		}
		if strings.Contains(got, "connect ") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if strings.Contains(got, "corp.example") || strings.Contains(got, "EMP-6") ||
		!strings.Contains(got, "connect [REDACTED:corp-host] as [REDACTED:employee-id]") {
		t.Fatalf("got %s", got)
	}
}

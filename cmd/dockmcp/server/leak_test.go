package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	goruntime "runtime"
	"sync"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/cmd/dockmcp/server"
	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
	"github.com/dockmcp/dockmcp/runtime"
)

// After 50 mixed calls (logs follow, exec cut by its timeout, errors of
// every kind, a cancelled call) with ten at a time, the host holds no more
// goroutines or file descriptors than before them, and the tool guest no
// more instances than its pool allows.
func TestNoLeaksAfterMixedCalls(t *testing.T) {
	cli := dockertest.Client(t)
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "100ms"}})
	h, err := server.New(server.Config{CacheDir: cacheDir, Docker: cli})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	if err := h.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	calls := leakMix(id)
	for _, c := range calls[:len(calls)/10] { // warm: pool, connections, caches
		h.Call(context.Background(), c.tool, json.RawMessage(c.args))
	}
	cli.Close() // idle keep-alive connections are not leaks
	goroutines, fds := settledGoroutines(0), openFDs(t)

	var wg sync.WaitGroup
	work := make(chan leakCall)
	for range 10 {
		wg.Go(func() {
			for c := range work {
				ctx, cancel := context.WithTimeout(context.Background(), c.cancelAfter)
				h.Call(ctx, c.tool, json.RawMessage(c.args))
				cancel()
			}
		})
	}
	for _, c := range calls {
		work <- c
	}
	close(work)
	wg.Wait()

	if live := h.LiveToolInstances(); live > runtime.ToolClass.PoolSize {
		t.Errorf("%d live tool instances, pool of %d", live, runtime.ToolClass.PoolSize)
	}
	cli.Close()
	if got := settledGoroutines(goroutines); got > goroutines {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the calls, %d before:\n%s", got, goroutines,
			buf[:goruntime.Stack(buf, true)])
	}
	if got := openFDs(t); got > fds {
		t.Errorf("%d open file descriptors after the calls, %d before", got, fds)
	}
}

type leakCall struct {
	tool, args  string
	cancelAfter time.Duration
}

// leakMix is 50 calls: every fifth one fails on purpose.
func leakMix(id string) []leakCall {
	long := 2 * time.Minute
	mix := []leakCall{
		{"list_containers", `{"all":true}`, long},
		{"container_logs", fmt.Sprintf(`{"containerId":%q,"follow":true,"followSeconds":1}`, id), long},
		{"exec_container", fmt.Sprintf(`{"containerId":%q,"command":["/fakeapp","forever"],`+
			`"timeoutSeconds":1}`, id), long},
		{"container_logs", fmt.Sprintf(`{"containerId":%q,"follow":true,"followSeconds":30}`, id),
			500 * time.Millisecond}, // cancelled
		{"inspect_container", `{"containerId":"dockmcp-leak-no-such"}`, long},
		{"inspect_container", fmt.Sprintf(`{"containerId":%q}`, id), long},
		{"exec_container", fmt.Sprintf(`{"containerId":%q,"command":["/fakeapp","emit","x"]}`, id), long},
		{"container_logs", `{"containerId":5}`, long},
		{"validate_connection", `{}`, long},
		{"no_such_tool", `{}`, long},
	}
	var out []leakCall
	for len(out) < 50 {
		out = append(out, mix...)
	}
	return out[:50]
}

// settledGoroutines waits up to 10 s for the goroutine count to fall to
// want or below, and returns the last count; with want 0 it waits for the
// count to hold still for half a second.
func settledGoroutines(want int) int {
	n := goruntime.NumGoroutine()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); {
		time.Sleep(500 * time.Millisecond)
		m := goruntime.NumGoroutine()
		if want > 0 && m <= want || want == 0 && m == n {
			return m
		}
		n = m
	}
	return n
}

func openFDs(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	return len(ents)
}

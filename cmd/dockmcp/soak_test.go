package main

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// SoakEnv names the variable that turns the soak on and sets its length
// (a Go duration); `make soak` sets it. Unset, TestSoak skips.
const SoakEnv = "SOAK_DURATION"

// soakCall is one kind of call of the soak's mix. wantError marks a call
// whose answer must be an error result (a container that does not exist).
type soakCall struct {
	tool      string
	args      func(id string) map[string]any
	wantError bool
}

var soakMix = []soakCall{
	{"list_containers", func(string) map[string]any { return map[string]any{"all": true} }, false},
	{"inspect_container", func(id string) map[string]any { return map[string]any{"containerId": id} }, false},
	{"container_logs", func(id string) map[string]any {
		return map[string]any{"containerId": id, "tail": 50}
	}, false},
	{"container_logs", func(id string) map[string]any {
		return map[string]any{"containerId": id, "follow": true, "followSeconds": 1}
	}, false},
	{"exec_container", func(id string) map[string]any {
		return map[string]any{"containerId": id, "command": []string{"/fakeapp", "emit", "soak"}}
	}, false},
	{"validate_connection", func(string) map[string]any { return map[string]any{} }, false},
	{"list_images", func(string) map[string]any { return map[string]any{} }, false},
	{"inspect_container", func(string) map[string]any {
		return map[string]any{"containerId": "dockmcp-soak-no-such"}
	}, true},
}

// TestSoak drives a mix of calls at `dockmcp serve` from four clients for
// SOAK_DURATION against the real daemon, and reports errors, p50/p95
// latency per tool, and the server's RSS every 30 s. It fails on any
// error, and when the RSS at the end is more than 10 % above the RSS once
// warm (a fifth of the way in).
func TestSoak(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv(SoakEnv))
	if err != nil || d <= 0 {
		t.Skipf("set %s (such as 20m) to soak; make soak does", SoakEnv)
	}
	id, _ := dockertest.Run(t, dockertest.Options{Args: []string{"tick", "200ms"}})
	s := startRaw(t)
	pid := s.cmd.Process.Pid
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()

	var mu sync.Mutex
	lat := map[string][]time.Duration{}
	var errs []string
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for ctx.Err() == nil {
				c := soakMix[r.IntN(len(soakMix))]
				callCtx, done := context.WithTimeout(context.Background(), runTimeout)
				start := time.Now()
				res, err := s.callTool(callCtx, c.tool, c.args(id))
				took := time.Since(start)
				done()
				mu.Lock()
				lat[c.tool] = append(lat[c.tool], took)
				switch {
				case err != nil:
					errs = append(errs, fmt.Sprintf("%s: %v", c.tool, err))
				case res.IsError != c.wantError:
					errs = append(errs, fmt.Sprintf("%s: isError %v: %.200s", c.tool, res.IsError, res.text()))
				}
				mu.Unlock()
			}
		})
	}
	rss := sampleRSS(ctx, t, pid, 30*time.Second)
	wg.Wait()
	report(t, d, lat, errs, <-rss)
}

type rssSample struct {
	at  time.Duration
	kib int
}

// sampleRSS reads VmRSS of pid at once, then every period until ctx ends,
// and sends the samples when done.
func sampleRSS(ctx context.Context, t *testing.T, pid int, period time.Duration) <-chan []rssSample {
	out := make(chan []rssSample, 1)
	go func() {
		var samples []rssSample
		start := time.Now()
		tick := time.NewTicker(period)
		defer tick.Stop()
		for {
			kib := vmRSS(pid)
			samples = append(samples, rssSample{time.Since(start).Round(time.Second), kib})
			t.Logf("rss at %v: %d KiB", time.Since(start).Round(time.Second), kib)
			select {
			case <-ctx.Done():
				samples = append(samples, rssSample{time.Since(start).Round(time.Second), vmRSS(pid)})
				out <- samples
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

func vmRSS(pid int) int {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

func report(t *testing.T, d time.Duration, lat map[string][]time.Duration, errs []string,
	rss []rssSample) {
	var all []time.Duration
	for _, tool := range slices.Sorted(maps.Keys(lat)) {
		l := lat[tool]
		all = append(all, l...)
		t.Logf("%-20s %6d calls  p50 %8v  p95 %8v", tool, len(l), pct(l, 50), pct(l, 95))
	}
	t.Logf("%-20s %6d calls  p50 %8v  p95 %8v  errors %d", "all", len(all), pct(all, 50),
		pct(all, 95), len(errs))
	var series []string
	for _, s := range rss {
		series = append(series, fmt.Sprintf("%v=%dMiB", s.at, s.kib/1024))
	}
	t.Logf("rss: %s", strings.Join(series, " "))
	for i, e := range errs {
		if i == 10 {
			t.Errorf("... and %d more errors", len(errs)-10)
			break
		}
		t.Error(e)
	}
	var warm rssSample
	for _, s := range rss {
		if s.at >= d/5 {
			warm = s
			break
		}
	}
	last := rss[len(rss)-1]
	if warm.kib > 0 {
		growth := float64(last.kib-warm.kib) / float64(warm.kib) * 100
		t.Logf("rss from %v (warm) to the end: %+.1f %%", warm.at, growth)
		if growth > 10 {
			t.Errorf("rss grew %.1f %% after warming up", growth)
		}
	}
}

func pct(l []time.Duration, p int) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(l))
	return s[(len(s)-1)*p/100].Round(100 * time.Microsecond)
}

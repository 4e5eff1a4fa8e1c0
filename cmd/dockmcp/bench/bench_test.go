package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/moby/moby/client"

	"github.com/dockmcp/dockmcp/hostfuncs/dockertest"
)

// Targets, printed beside the figures; nothing fails when one is missed.
const (
	initTarget      = 30 * time.Millisecond
	firstCallTarget = 200 * time.Millisecond // with a warm cache
	ratioTarget     = 1.25
)

// fixtureContainers are running while tool calls are measured, so that
// list_containers has rows to fetch, shape and filter.
const fixtureContainers = 5

// warmups are calls of each kind made before the steady figures are
// taken: the first waits for the guests to compile.
const warmups = 10

var listArgs = map[string]any{"all": true}

// BenchmarkServe runs every measurement and prints the summary table once
// they are done; sub-benchmarks keep the figures of their last (longest)
// run.
func BenchmarkServe(b *testing.B) {
	dockertest.Client(b) // skips without a daemon
	warm := warmCache(b)
	var sum summary

	b.Run("init/cold-cache", func(b *testing.B) {
		sum.put("init, cold cache", initTarget, benchInit(b, serve(coldCache)))
	})
	b.Run("init/warm-cache", func(b *testing.B) {
		sum.put("init, warm cache", initTarget, benchInit(b, serve(fixed(warm))))
	})
	b.Run("init/bare-mcp-go", func(b *testing.B) {
		sum.put("init, bare mcp-go (baseline)", 0, benchInit(b, bare))
	})
	for range fixtureContainers {
		dockertest.Run(b, dockertest.Options{})
	}
	b.Run("first-call/cold-cache", func(b *testing.B) {
		sum.put("first list_containers, cold cache", 0, benchFirstCall(b, coldCache))
	})
	b.Run("first-call/warm-cache", func(b *testing.B) {
		sum.put("first list_containers, warm cache", firstCallTarget,
			benchFirstCall(b, fixed(warm)))
	})
	b.Run("steady", func(b *testing.B) {
		s := benchSteady(b, warm)
		sum.put("list_containers over dockmcp", 0, s.list)
		sum.put("noop over bare mcp-go", 0, s.noop)
		sum.put("ContainerList over the SDK", 0, s.direct)
		sum.ratio = s.ratio()
	})
	sum.print(os.Stdout)
}

// warmCache returns a cache folder in which dockmcp has compiled its
// guests.
func warmCache(b *testing.B) string {
	dir := b.TempDir()
	args, _ := json.Marshal(listArgs)
	cmd := exec.Command(dockmcpBin, "--cache-dir", dir, "call", "list_containers", string(args))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fill the cache: %v\n%s", err, out)
	}
	return dir
}

// A cacheDir gives the --cache-dir of one iteration and a function that
// disposes of it.
type cacheDir func(b *testing.B) (dir string, done func())

// coldCache is a new empty folder each time, removed after use.
func coldCache(b *testing.B) (string, func()) {
	dir, err := os.MkdirTemp(b.TempDir(), "cold-")
	if err != nil {
		b.Fatal(err)
	}
	return dir, func() { _ = os.RemoveAll(dir) }
}

func fixed(dir string) cacheDir {
	return func(*testing.B) (string, func()) { return dir, func() {} }
}

// A command gives the command line of one iteration and a function that
// cleans up after it.
type command func(b *testing.B) (argv []string, done func())

// serve is `dockmcp serve` with the cache folders of cache.
func serve(cache cacheDir) command {
	return func(b *testing.B) ([]string, func()) {
		dir, done := cache(b)
		return []string{dockmcpBin, "serve", "--cache-dir", dir}, done
	}
}

// bare is the noop server: what starting a Go mcp-go server costs at least.
func bare(*testing.B) ([]string, func()) { return []string{noopBin}, func() {} }

// benchInit times a fresh server from its start to its answer to
// initialize. dockmcp compiles its guests meanwhile; the answer must not
// wait for them.
func benchInit(b *testing.B, cmd command) samples {
	var s samples
	for range b.N {
		b.StopTimer()
		argv, done := cmd(b)
		b.StartTimer()

		start := time.Now()
		p, err := spawn(argv[0], argv[1:]...)
		if err == nil {
			_, err = p.request("initialize", initParams)
		}
		s = append(s, time.Since(start))

		b.StopTimer()
		if p != nil {
			p.kill()
		}
		done()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	s.report(b, "ms/init")
	return s
}

// benchFirstCall times the first list_containers of a fresh server, sent
// as soon as initialize has been answered.
func benchFirstCall(b *testing.B, cache cacheDir) samples {
	var s samples
	for range b.N {
		b.StopTimer()
		dir, done := cache(b)
		p, err := open(dockmcpBin, "serve", "--cache-dir", dir)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		start := time.Now()
		res, err := p.callTool("list_containers", listArgs)
		s = append(s, time.Since(start))

		b.StopTimer()
		if err == nil {
			err = checkList(res)
		}
		if err != nil {
			p.kill()
			b.Fatal(err)
		}
		if err := p.stop(); err != nil {
			b.Error(err)
		}
		done()
		b.StartTimer()
	}
	s.report(b, "ms/first-call")
	return s
}

// steady are the latencies of the three kinds of call, taken in turns.
type steady struct{ list, noop, direct samples }

// ratio is dockmcp's median over the sum of the protocol's and the
// daemon's: 1 would mean dockmcp adds nothing of its own.
func (s steady) ratio() float64 {
	return float64(s.list.median()) / float64(s.noop.median()+s.direct.median())
}

// benchSteady makes one call of each kind per iteration, rotating their
// order so that none always follows the same one, on servers that have
// answered warmups calls already.
func benchSteady(b *testing.B, warm string) steady {
	dm := session(b, dockmcpBin, "serve", "--cache-dir", warm)
	noop := session(b, noopBin)
	cli, err := client.New(client.FromEnv)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cli.Close() })

	var s steady
	kinds := []struct {
		into *samples
		call func() error
	}{
		{&s.list, func() error {
			res, err := dm.callTool("list_containers", listArgs)
			if err != nil {
				return err
			}
			return checkList(res)
		}},
		{&s.noop, func() error {
			_, err := noop.callTool("noop", map[string]any{})
			return err
		}},
		{&s.direct, func() error {
			_, err := cli.ContainerList(context.Background(), client.ContainerListOptions{All: true})
			return err
		}},
	}
	for range warmups {
		for _, k := range kinds {
			if err := k.call(); err != nil {
				b.Fatal(err)
			}
		}
	}

	b.ResetTimer()
	for i := range b.N {
		for j := range kinds {
			k := kinds[(i+j)%len(kinds)]
			start := time.Now()
			err := k.call()
			*k.into = append(*k.into, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()

	s.list.report(b, "list-ms-median")
	s.noop.report(b, "noop-ms-median")
	s.direct.report(b, "direct-ms-median")
	b.ReportMetric(s.ratio(), "ratio")
	return s
}

// open starts a server and opens an MCP session with it.
func open(path string, args ...string) (*peer, error) {
	p, err := spawn(path, args...)
	if err != nil {
		return nil, err
	}
	if err := p.initialize(); err != nil {
		p.kill()
		return nil, err
	}
	return p, nil
}

// session opens a server for the rest of b and stops it when b ends.
func session(b *testing.B, path string, args ...string) *peer {
	p, err := open(path, args...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := p.stop(); err != nil {
			b.Error(err)
		}
	})
	return p
}

// checkList fails unless the answer lists at least the fixture's
// containers: an empty list would measure too little.
func checkList(res toolResult) error {
	var ans struct {
		Count int `json:"count"`
	}
	if err := json.Unmarshal(res.Structured, &ans); err != nil {
		return fmt.Errorf("list_containers: structured content: %w", err)
	}
	if ans.Count < fixtureContainers {
		return fmt.Errorf("list_containers: %d containers, want %d or more",
			ans.Count, fixtureContainers)
	}
	return nil
}
